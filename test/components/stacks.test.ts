/**
 * The two stacks as `npm run preview` runs them, offline with both packs: `dev` is the Kubernetes
 * layer alone on the kubeconfig's cluster, `prod` the hardened EKS cluster with the same layer.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { EKS_CALENDAR_READ_ON } from "../../policy-packs/aws/lib/eks-calendar";
import { policies as awsPolicies } from "../../policy-packs/aws/pack";
import { runOfflinePreview } from "../../preview/offline-preview";
import { analyzeResource } from "../../preview/policy-runner";
import type { OfflinePreviewReport } from "../../preview";

const ROOT = path.resolve(__dirname, "../..");
const PACKS = ["policy-packs/kubernetes", "policy-packs/aws"].map((p) => path.join(ROOT, p));
const types = (r: OfflinePreviewReport) => r.resources.map((x) => x.type);
const count = (r: OfflinePreviewReport, type: string) => types(r).filter((t) => t === type).length;
const CHART_CACHE = path.resolve(ROOT, "../shared/charts");
/**
 * The preview judges EKS versions on today's date, which moves past the calendar's support dates;
 * the version is judged separately, as on the day the calendar was read.
 */
const VERSION_POLICY = "eks-supported-version";
const mandatoryBesidesVersion = (r: OfflinePreviewReport) => r.mandatory.filter((d) => d.policyName !== VERSION_POLICY).map((d) => `${d.policyName}: ${d.message}`);

describe("stacks", () => {
    let dev: OfflinePreviewReport;
    let prod: OfflinePreviewReport;
    before(async function () {
        this.timeout(240_000);
        dev = await runOfflinePreview({ projectDir: ROOT, stack: "dev", packs: PACKS, chartCache: CHART_CACHE });
        prod = await runOfflinePreview({ projectDir: ROOT, stack: "prod", packs: PACKS, chartCache: CHART_CACHE });
    });

    it("both render every chart offline, so every object is analyzed", () => {
        for (const report of [dev, prod]) {
            assert.deepEqual(report.incomplete.map((i) => `${i.type} ${i.urn}: ${i.reason}`), [], report.stack);
            const rendered = report.resources.filter((r) => r.parent && report.resources.some((c) => c.urn === r.parent && c.type === "kubernetes:helm.sh/v4:Chart"));
            assert.ok(rendered.length > 100, `${report.stack}: ${rendered.length} chart objects`);
        }
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
        assert.deepEqual(mandatoryBesidesVersion(prod), []);
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

    it("prod: its cluster and node group versions pass the release calendar, as on the day it was read", async () => {
        const judged = prod.resources.filter((r) => r.type === "aws:eks/cluster:Cluster" || r.type === "aws:eks/nodeGroup:NodeGroup");
        assert.ok(judged.length >= 2);
        const policy = awsPolicies.filter((p) => p.name === VERSION_POLICY);
        for (const r of judged) {
            const { diagnostics } = await analyzeResource(policy, { type: r.type, name: r.name, props: r.inputs }, { config: { [VERSION_POLICY]: { asOf: EKS_CALENDAR_READ_ON } } });
            assert.deepEqual(diagnostics.map((d) => d.message), [], r.name);
        }
    });
});
