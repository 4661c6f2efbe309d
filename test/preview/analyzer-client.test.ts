import * as assert from "assert";
import * as path from "path";
import { type PolicyPackProcess, startPolicyPack } from "../../preview/analyzer-client";
import { recordGraph } from "../../preview/recorder";
import { UNKNOWN } from "../../preview/types";
import { sampleProgram } from "./sample-component";

const ROOT = path.resolve(__dirname, "../..");

describe("preview engine: analyzer client, sample pack", () => {
    let pack: PolicyPackProcess;
    before(async () => {
        pack = await startPolicyPack(path.join(__dirname, "sample-pack"));
    });
    after(async () => pack?.close());

    it("reads the pack's policies through GetAnalyzerInfo", async () => {
        const info = await pack.info();
        assert.strictEqual(info.name, "sample");
        assert.deepStrictEqual(info.policies.map((p) => [p.name, p.policyType, p.enforcementLevel]), [
            ["log-retention", "resource", "mandatory"],
            ["keys-used", "stack", "advisory"],
        ]);
        assert.strictEqual(info.policies[0].configSchema?.properties?.minDays.default, 90);
    });

    it("applies schema defaults and the enforcement level that Configure sets", async () => {
        const graph = await recordGraph(sampleProgram);
        const logs = graph.named("sample-logs");
        await pack.configure({});
        let result = await pack.analyze(logs);
        assert.deepStrictEqual(result.diagnostics.map((d) => [d.policyName, d.enforcementLevel]), [["log-retention", "mandatory"]]);
        assert.match(result.diagnostics[0].message, /retentionInDays must be at least 90/);
        assert.strictEqual(result.diagnostics[0].urn, logs.urn, "attributed to the analyzed resource, as the engine does");

        await pack.configure({ "log-retention": { enforcementLevel: "advisory", minDays: 7 } });
        result = await pack.analyze(logs);
        assert.deepStrictEqual(result.diagnostics, [], "30 days meets a 7-day minimum");
        await pack.configure({ "log-retention": { enforcementLevel: "advisory", minDays: 60 } });
        result = await pack.analyze(logs);
        assert.deepStrictEqual(result.diagnostics.map((d) => d.enforcementLevel), ["advisory"]);
        await pack.configure({ all: "disabled" });
        assert.deepStrictEqual((await pack.analyze(logs)).diagnostics, []);
    });

    it("rejects a config that breaks a policy's schema, naming the property, before Configure", async () => {
        await assert.rejects(pack.configure({ "log-retention": { minDays: 0 } }), /log-retention\.minDays must be >= 1/);
        await assert.rejects(pack.configure({ "no-such-policy": "mandatory" }), /"no-such-policy" is not a policy of this pack/);
    });

    it("runs stack policies over the graph with dependencies resolved to resources", async () => {
        await pack.configure({});
        const used = await recordGraph(sampleProgram);
        let result = await pack.analyzeStack(used.resources);
        assert.deepStrictEqual(result.diagnostics.filter((d) => d.policyName === "keys-used"), []);

        const alone = await recordGraph(async () => {
            const aws = await import("@pulumi/aws");
            new aws.kms.Key("orphan", { enableKeyRotation: true });
        });
        result = await pack.analyzeStack(alone.resources);
        const d = result.diagnostics.find((x) => x.policyName === "keys-used");
        assert.ok(d, "an unused key is reported");
        assert.strictEqual(d.urn, alone.named("orphan").urn);
        assert.strictEqual(d.enforcementLevel, "advisory");
    });

    it("treats a value unknown at preview as undecided, not as a violation", async () => {
        await pack.configure({});
        const result = await pack.analyze({ type: "aws:cloudwatch/logGroup:LogGroup", props: { retentionInDays: UNKNOWN } });
        // The policy compares an unknown number: the server answers with an advisory "can't run".
        assert.ok(result.diagnostics.every((d) => d.enforcementLevel === "advisory"));
        assert.match(result.diagnostics[0].message, /during preview/);
    });
});

describe("preview engine: analyzer client, a real pack from policy-packs/", () => {
    let pack: PolicyPackProcess;
    before(async () => {
        pack = await startPolicyPack(path.join(ROOT, "policy-packs/kubernetes"));
    });
    after(async () => pack?.close());

    it("boots the built pack and reports a violation over gRPC with the level Configure set", async () => {
        const graph = await recordGraph(sampleProgram, { preview: true });
        const pod = graph.named("sample-pod");
        await pack.configure({});
        const mandatory = (await pack.analyze(pod)).diagnostics.filter((d) => d.policyName === "pss-baseline-privileged");
        assert.strictEqual(mandatory.length, 1);
        assert.strictEqual(mandatory[0].enforcementLevel, "mandatory");
        assert.strictEqual(mandatory[0].policyPackName, "bulwark-kubernetes");
        assert.match(mandatory[0].message, /spec\.containers\[0\]\.securityContext\.privileged/);

        await pack.configure({ "pss-baseline-privileged": "advisory" });
        const advisory = (await pack.analyze(pod)).diagnostics.filter((d) => d.policyName === "pss-baseline-privileged");
        assert.deepStrictEqual(advisory.map((d) => d.enforcementLevel), ["advisory"]);
    });

    it("carries each policy's severity, remediation and control tags", async () => {
        const info = await pack.info();
        const p = info.policies.find((x) => x.name === "pss-baseline-privileged");
        assert.ok(p);
        assert.strictEqual(p.severity, "critical");
        assert.ok(p.tags.includes("pss-v1.37:baseline/privileged"), p.tags.join(","));
        assert.ok(p.remediationSteps.length > 0);
        assert.ok(p.configSchema?.properties?.exemptions, "every policy accepts exemptions");
    });
});
