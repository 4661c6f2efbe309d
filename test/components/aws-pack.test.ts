/**
 * The component against the policy packs, through the Analyzer protocol as `pulumi preview` runs
 * them: every custom resource analyzed, then the whole stack. Needs built packs (`npm run build`).
 */
import * as assert from "node:assert/strict";
import * as path from "path";
import type { HardenedClusterArgs } from "../../components/aws";
import { type PolicyPackProcess, startPolicyPack } from "../../preview/analyzer-client";
import type { Diagnostic } from "../../preview/types";
import { type ClusterGraph, recordCluster, T } from "./aws-helpers";
import { EKS_CALENDAR_READ_ON } from "../../policy-packs/aws/lib/eks-calendar";

const ROOT = path.resolve(__dirname, "../..");
/** EKS versions judged as on the day the calendar was read, so a hardened cluster stays hardened as time passes. */
const onCalendarDay = (config: Record<string, any> = {}) => ({ ...config, "eks-supported-version": { asOf: EKS_CALENDAR_READ_ON, ...config["eks-supported-version"] } });
const TYPICAL: HardenedClusterArgs = {
    nodeGroups: [{ name: "system", minSize: 3 }, { name: "batch", capacityType: "SPOT", instanceTypes: ["m7i.xlarge", "m6i.xlarge"], minSize: 0, desiredSize: 0 }],
    access: { teams: [{ name: "payments", role: "deployer" }, { name: "payments", role: "viewer" }] },
    registry: { repositories: ["platform/nginx", "platform/api"], pullThroughCache: [{ prefix: "k8s", upstreamRegistryUrl: "registry.k8s.io" }] },
    guardDutyRuntimeMonitoring: {},
};
const WEAKENED: HardenedClusterArgs = {
    weakenings: { publicEndpointCidrs: ["203.0.113.0/24"], sshAccess: { keyName: "debug", sourceCidrs: ["10.20.0.0/16"] }, omitLogTypes: ["audit"] },
};

const mandatory = (ds: Diagnostic[]) => ds.filter((d) => d.enforcementLevel === "mandatory");
const describeAll = (ds: Diagnostic[]) => ds.map((d) => `  ${d.enforcementLevel} ${d.policyName} ${d.urn ?? ""}: ${d.message}`).join("\n");

describe("HardenedCluster against the policy packs", function () {
    this.timeout(120_000);
    let awsPack: PolicyPackProcess;
    let k8sPack: PolicyPackProcess;
    before(async () => {
        [awsPack, k8sPack] = await Promise.all([startPolicyPack(path.join(ROOT, "policy-packs/aws")), startPolicyPack(path.join(ROOT, "policy-packs/kubernetes"))]);
        // As the CLI does: every policy gets its config defaults even when none is given.
        await Promise.all([awsPack.configure(onCalendarDay()), k8sPack.configure({})]);
    });
    after(async () => {
        await Promise.all([awsPack?.close(), k8sPack?.close()]);
    });

    const cases: [string, HardenedClusterArgs, boolean][] = [
        ["default arguments, in preview", {}, true],
        ["typical arguments, in preview", TYPICAL, true],
        ["typical arguments, with values known (as on update)", TYPICAL, false],
    ];
    for (const [title, args, preview] of cases) {
        it(`passes both packs with ${title}`, async () => {
            const graph = await recordCluster(args, { preview });
            await awsPack.configure(onCalendarDay());
            const aws = await awsPack.analyzeGraph(graph.resources);
            assert.deepEqual(mandatory(aws.diagnostics), [], `AWS pack:\n${describeAll(aws.diagnostics)}`);
            const k8s = await k8sPack.analyzeGraph(graph.resources);
            assert.deepEqual(mandatory(k8s.diagnostics), [], `Kubernetes pack:\n${describeAll(k8s.diagnostics)}`);
        });
    }

    it("flags a public endpoint open to the whole internet in two halves, with no config at all", async () => {
        // The component refuses 0.0.0.0/0 itself; the pack also catches the same internet split in two.
        const graph = await recordCluster({ weakenings: { publicEndpointCidrs: ["0.0.0.0/1", "128.0.0.0/1"] } }, { preview: true });
        await awsPack.configure(onCalendarDay());
        const found = mandatory((await awsPack.analyzeGraph(graph.resources)).diagnostics).filter((d) => d.policyName === "eks-endpoint-private");
        assert.deepEqual(found.map((d) => d.urn), [graph.named("prod-cluster", T.cluster).urn, graph.named("prod-cluster", T.cluster).urn]);
        assert.match(found[0].message, /vpcConfig\.publicAccessCidrs\[0\] is "0\.0\.0\.0\/1", a \/1 spanning 1\/2 of the IPv4 address space/);
    });

    describe("with declared weakenings", () => {
        let graph: ClusterGraph;
        let diagnostics: Diagnostic[];
        before(async () => {
            graph = await recordCluster(WEAKENED, { preview: true });
            // The security team's allow-list for public endpoints names only its own egress range.
            await awsPack.configure(onCalendarDay({ "eks-endpoint-private": { allowedPublicCidrs: ["198.51.100.0/24"] } }));
            diagnostics = (await awsPack.analyzeGraph(graph.resources)).diagnostics;
        });
        after(async () => {
            await awsPack.configure(onCalendarDay());
        });

        it("flags the public endpoint outside the allow-list on the cluster", () => {
            const cluster = graph.named("prod-cluster", T.cluster);
            const found = mandatory(diagnostics).filter((d) => d.policyName === "eks-endpoint-private");
            assert.equal(found.length, 1, describeAll(diagnostics));
            assert.equal(found[0].urn, cluster.urn);
            assert.match(found[0].message, /vpcConfig\.publicAccessCidrs\[0\] "203\.0\.113\.0\/24"/);
        });

        it("flags the missing audit log type", () => {
            const found = mandatory(diagnostics).filter((d) => d.policyName === "eks-control-plane-logging");
            assert.equal(found.length, 1, describeAll(diagnostics));
            assert.match(found[0].message, /enabledClusterLogTypes must include "audit"/);
        });

        // With a launch template, SSH is a key pair there (EKS refuses `remoteAccess` alongside one).
        it("flags the SSH key pair on the node launch template", () => {
            const template = graph.named("prod-system", T.launchTemplate);
            const found = mandatory(diagnostics).filter((d) => d.urn === template.urn && /keyName/.test(d.message));
            assert.equal(found.length, 1, describeAll(diagnostics));
        });

        it("turns a flagged weakening advisory only under a justified exemption for this cluster", async () => {
            const cluster = graph.named("prod-cluster", T.cluster);
            const exemption = { resources: ["prod-cluster"], justification: "Logging moves to a SIEM forwarder; audit ships there instead." };
            await awsPack.configure(onCalendarDay({ "eks-control-plane-logging": { exemptions: [exemption] } }));
            const exempted = (await awsPack.analyze(cluster)).diagnostics.filter((d) => d.policyName === "eks-control-plane-logging");
            assert.equal(exempted.length, 1);
            assert.equal(exempted[0].enforcementLevel, "advisory");
            assert.match(exempted[0].message, /exempted/);

            await awsPack.configure(onCalendarDay({ "eks-control-plane-logging": { exemptions: [{ ...exemption, resources: ["other-cluster"] }] } }));
            const other = (await awsPack.analyze(cluster)).diagnostics.filter((d) => d.policyName === "eks-control-plane-logging");
            assert.deepEqual(other.map((d) => d.enforcementLevel), ["mandatory"]);
        });

        it("passes the public endpoint when the allow-list holds its CIDR", async () => {
            await awsPack.configure(onCalendarDay({ "eks-endpoint-private": { allowedPublicCidrs: ["203.0.113.0/24"] } }));
            const result = await awsPack.analyze(graph.named("prod-cluster", T.cluster));
            assert.deepEqual(
                result.diagnostics.filter((d) => d.policyName === "eks-endpoint-private"),
                [],
            );
        });
    });
});
