/**
 * The two stacks as `npm run preview` runs them, offline with both packs: `dev` is the Kubernetes
 * layer alone on the kubeconfig's cluster, `prod` the hardened EKS cluster with the same layer.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { runOfflinePreview } from "../../preview/offline-preview";
import type { OfflinePreviewReport } from "../../preview";

const ROOT = path.resolve(__dirname, "../..");
const PACKS = ["policy-packs/kubernetes", "policy-packs/aws"].map((p) => path.join(ROOT, p));
const types = (r: OfflinePreviewReport) => r.resources.map((x) => x.type);
const count = (r: OfflinePreviewReport, type: string) => types(r).filter((t) => t === type).length;

describe("stacks", () => {
    let dev: OfflinePreviewReport;
    let prod: OfflinePreviewReport;
    before(async function () {
        this.timeout(240_000);
        dev = await runOfflinePreview({ projectDir: ROOT, stack: "dev", packs: PACKS });
        prod = await runOfflinePreview({ projectDir: ROOT, stack: "prod", packs: PACKS });
    });

    it("dev: the Kubernetes layer alone, on the kubeconfig's cluster, with no mandatory violation", () => {
        assert.deepEqual(dev.mandatory.map((d) => `${d.policyName}: ${d.message}`), []);
        assert.equal(types(dev).filter((t) => t.startsWith("aws:")).length, 0, "no AWS resource on a laptop");
        const provider = dev.resources.find((r) => r.type === "pulumi:providers:kubernetes")!;
        assert.equal(provider.inputs.kubeconfig, undefined, "the provider reads the ambient kubeconfig");
        for (const c of ["MonitoringStack", "TeamAccess", "SecureNamespace", "SecureWorkload"]) {
            assert.ok(count(dev, `bulwark:kubernetes:${c}`) >= 1, c);
        }
    });

    it("prod: the hardened EKS cluster with the same layer, a NAT gateway per AZ, GuardDuty runtime monitoring, at least three teams", () => {
        assert.deepEqual(prod.mandatory.map((d) => `${d.policyName}: ${d.message}`), []);
        assert.equal(count(prod, "bulwark:aws:HardenedCluster"), 1);
        assert.equal(count(prod, "aws:ec2/natGateway:NatGateway"), 3);
        const feature = prod.resources.find((r) => r.type === "aws:guardduty/detectorFeature:DetectorFeature");
        assert.equal(feature?.inputs.name, "RUNTIME_MONITORING");
        const teamNamespaces = prod.resources.filter((r) => r.type === "bulwark:kubernetes:SecureNamespace" && !/^monitoring/.test(r.name));
        assert.ok(teamNamespaces.length >= 3, `teams: ${teamNamespaces.map((r) => r.name).join(", ")}`);
        for (const c of ["MonitoringStack", "TeamAccess", "SecureWorkload"]) assert.equal(count(prod, `bulwark:kubernetes:${c}`), 1, c);
        // Pods reach the API server at the kubernetes Service address (what the VPC CNI's agent sees) and in the VPC.
        const api = prod.resources.find((r) => r.name === "monitoring-monitoring-api-server")!;
        assert.deepEqual((api.inputs as any).spec.egress[0].to, [{ ipBlock: { cidr: "172.20.0.1/32" } }, { ipBlock: { cidr: "10.0.0.0/16" } }]);
        const nodes = prod.resources.find((r) => r.type === "aws:eks/nodeGroup:NodeGroup")!;
        assert.equal((nodes.inputs.scalingConfig as any).minSize, 3);
    });

    it("both give the monitoring stack the exemptions it declares, each justified", () => {
        for (const report of [dev, prod]) {
            const exemptions = report.outputs.policyExemptions as { justification: string }[];
            assert.ok(exemptions.length >= 5);
            assert.ok(exemptions.every((e) => e.justification.length > 40));
        }
    });
});
