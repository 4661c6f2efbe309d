/** The shared policy kit on its own: exemption matching and validity, settings expansion, control IDs. */
import * as assert from "assert";
import { checkControls, controlTags } from "../../policy-packs/common/controls";
import { type Exemption, exemptionProblem, findExemption } from "../../policy-packs/common/exemptions";
import { SettingsError, expandSettings } from "../../policy-packs/common/settings";

const TODAY = new Date("2026-11-29T12:00:00Z");
const subject = {
    policy: "pss-baseline-host-namespaces",
    urn: "urn:pulumi:dev::bulwark::kubernetes:apps/v1:DaemonSet::node-exporter",
    name: "node-exporter",
    objectName: "node-exporter",
    namespace: "monitoring-agents",
};
const valid: Exemption = { namespaces: ["monitoring-agents"], resources: ["node-exporter"], justification: "reads host metrics" };

describe("policy kit: exemptions", () => {
    it("applies a scoped, justified exemption to the resource it names", () => {
        assert.strictEqual(findExemption([valid], subject, TODAY).kind, "exempt");
        assert.strictEqual(findExemption([{ ...valid, resources: ["node-*"] }], subject, TODAY).kind, "exempt", "a trailing * is a prefix");
        assert.strictEqual(findExemption([{ ...valid, resources: [subject.urn] }], subject, TODAY).kind, "exempt", "by URN");
    });

    it("does not apply outside its scope: another namespace, resource or policy", () => {
        assert.strictEqual(findExemption([{ ...valid, namespaces: ["apps"] }], subject, TODAY).kind, "none");
        assert.strictEqual(findExemption([{ ...valid, resources: ["falco"] }], subject, TODAY).kind, "none");
        assert.strictEqual(findExemption([{ ...valid, policies: ["pss-baseline-privileged"] }], subject, TODAY).kind, "none");
        assert.strictEqual(findExemption([{ ...valid, resources: ["node"] }], subject, TODAY).kind, "none", "no prefix without *");
        const noNamespace = { ...subject, namespace: undefined };
        assert.strictEqual(findExemption([valid], noNamespace, TODAY).kind, "none", "a namespace scope never covers cluster-scoped objects");
    });

    it("keeps the violation, with the reason, when the covering exemption is expired, unjustified or unscoped", () => {
        const expired = findExemption([{ ...valid, expires: "2026-11-28" }], subject, TODAY);
        assert.deepStrictEqual([expired.kind, expired.kind === "invalid" && expired.reason], ["invalid", "it expired on 2026-11-28 (renew it with a new date, or fix the resource)"]);
        assert.strictEqual(findExemption([{ ...valid, expires: "2026-11-29" }], subject, TODAY).kind, "exempt", "the expiry day itself still counts");
        const unjustified = findExemption([{ ...valid, justification: "  " }], subject, TODAY);
        assert.match(unjustified.kind === "invalid" ? unjustified.reason : "", /no justification/);
        const unscoped = findExemption([{ justification: "everything" }], subject, TODAY);
        assert.match(unscoped.kind === "invalid" ? unscoped.reason : "", /not scoped/);
        assert.match(exemptionProblem({ ...valid, expires: "next year" }, TODAY) ?? "", /is not a date/);
    });

    it("prefers a valid exemption over an invalid one that also covers the resource", () => {
        const verdict = findExemption([{ ...valid, expires: "2020-01-01" }, valid], subject, TODAY);
        assert.strictEqual(verdict.kind, "exempt");
    });
});

describe("policy kit: pack-wide settings", () => {
    const policies = [
        { name: "images-approved-registry", keys: ["allowedRegistries", "exemptions"] },
        { name: "containers-resource-limits", keys: ["exemptions"] },
        { name: "eks-endpoint-private", keys: ["allowedPublicCidrs", "exemptions"] },
    ];

    it("gives each setting to the policies that declare it, each exemption to the policies it names", () => {
        const e = { policies: ["containers-resource-limits"], namespaces: ["batch"], justification: "bursty jobs" };
        const config = expandSettings(
            { allowedRegistries: ["ecr.example.com"], exemptions: [e], enforcement: { all: "advisory", "eks-endpoint-private": "mandatory" } },
            policies,
        );
        assert.deepStrictEqual(config, {
            "images-approved-registry": { enforcementLevel: "advisory", allowedRegistries: ["ecr.example.com"] },
            "containers-resource-limits": { enforcementLevel: "advisory", exemptions: [e] },
            "eks-endpoint-private": { enforcementLevel: "mandatory" },
        });
    });

    it("rejects, all at once, what would otherwise silently check nothing", () => {
        assert.throws(
            () =>
                expandSettings(
                    {
                        allowedRegistry: ["typo.example.com"],
                        exemptions: [{ namespaces: ["x"], justification: "j" }, { policies: ["no-such-policy"], namespaces: ["x"], justification: "j" }],
                        enforcement: { "containers-resource-limits": "strict" as any },
                    },
                    policies,
                ),
            (e: SettingsError) =>
                e.problems.length === 4 &&
                e.problems.some((p) => p.includes("exemptions[0].policies is required")) &&
                e.problems.some((p) => p.includes('unknown policy "no-such-policy"')) &&
                e.problems.some((p) => p.includes('"strict"')) &&
                e.problems.some((p) => p.includes('setting "allowedRegistry" is not read by any policy')),
        );
    });
});

describe("policy kit: control mappings", () => {
    it("accepts well-formed IDs and tags each control for the engine", () => {
        const controls = { cisEks: ["4.1.1"], nist800190: ["4.4.3"], nsaCisa: ["2"], pss: ["baseline/privileged"] };
        assert.deepStrictEqual(checkControls(controls), []);
        assert.deepStrictEqual(controlTags(controls), [
            "cis-eks-1.8:4.1.1",
            "nist-sp-800-190:4.4.3",
            "nsa-cisa-k8s-hardening-1.1:2",
            "pss-v1.37:baseline/privileged",
        ]);
    });

    it("names malformed IDs and an empty mapping", () => {
        assert.deepStrictEqual(checkControls({ cisEks: ["4.1"], nist800190: ["4.9"], nsaCisa: ["8"], pss: ["privileged"] }), [
            'controls.nist800190 has a malformed ID "4.9"',
            'controls.nsaCisa has a malformed ID "8"',
            'controls.pss has a malformed ID "privileged"',
        ]);
        assert.deepStrictEqual(checkControls({}), ["controls names no control"]);
    });
});
