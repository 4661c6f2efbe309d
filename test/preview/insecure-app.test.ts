/**
 * The negative control: test/fixtures/insecure-app, a Pulumi project written the way teams write them
 * (resource references, config, relative file reads, a YAML manifest, a Helm chart from the cache),
 * with known insecurities. The gate must fail it and name every one. Each expectation says where
 * the insecure object comes from: the program's own resources, or the children of the ConfigFile
 * and of the Helm chart, which exist only once those are expanded offline.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type * as sarif from "sarif";
import type { JsonReport } from "../../preview/output/json";
import { bulwark, type CliRun, sarifValidator } from "./cli-helpers";
import { ROOT } from "./projects";

const FIXTURE = path.join(ROOT, "test/fixtures/insecure-app");
const CHART_CACHE = path.join(ROOT, "../shared/charts");

/** Mandatory policy -> the program resource (by name) it must be reported on. */
const FROM_PROGRAM: Record<string, string> = {
    // network.ts
    "vpc-flow-logs": "shop-vpc",
    "ec2-no-public-admin-ports": "shop-admin",
    // storage.ts
    "s3-bucket-encryption": "shop-site",
    "s3-public-access-block-complete": "shop-site",
    "s3-bucket-public-access-block": "shop-uploads",
    "kms-key-rotation": "shop-data",
    "rds-storage-encrypted": "shop-orders",
    "efs-encrypted": "shop-media",
    "ebs-volume-encrypted": "shop-scratch",
    "cloudwatch-log-group-encrypted": "shop-app",
    "cloudwatch-log-group-retention": "shop-app",
    "ecr-immutable-tags": "shop-web",
    "ecr-scan-on-push": "shop-web",
    "ecr-kms-encryption": "shop-web",
    // cluster.ts
    "eks-endpoint-private": "shop",
    "eks-control-plane-logging": "shop",
    "eks-secrets-encryption": "shop",
    "eks-supported-version": "shop",
    "eks-access-api-mode": "shop",
    "eks-no-system-masters": "shop-ci-deployer",
    "iam-role-mfa-required": "shop-ci-deployer",
    "iam-least-privilege": "shop-ci-deployer",
    "iam-no-admin-managed-policies": "shop-ci-deployer-0",
    "ec2-imdsv2-required": "shop-nodes",
    "ec2-launch-template-ebs-encrypted": "shop-nodes",
    "ec2-no-ssh-key-pair": "shop-nodes",
    "eks-nodegroup-no-ssh": "shop-legacy",
    "eks-nodegroup-private-subnets": "shop-default",
    // workloads.ts
    "namespaces-pod-security-restricted": "shop",
    "namespaces-default-deny-network-policy": "shop",
    "workloads-not-in-default-namespace": "web",
    "images-approved-registry": "web",
    "images-pinned-by-digest": "web",
    "secrets-not-in-env": "web",
    "containers-read-only-root-filesystem": "web",
    "pods-no-automount-service-account-token": "web",
    "pss-baseline-capabilities": "web",
    "pss-restricted-capabilities": "web",
    "pss-restricted-privilege-escalation": "web",
    "pss-restricted-run-as-non-root": "web",
    "pss-restricted-run-as-user": "web",
    "pss-restricted-seccomp": "web",
    "services-allowed-types": "web",
    "ingress-tls-required": "web",
    "rbac-no-wildcards": "ops",
    "rbac-no-escalation-verbs": "ops",
    "rbac-no-nodes-proxy": "ops",
    "rbac-no-pod-create": "ops",
    "rbac-cluster-admin-break-glass-only": "ops-admin",
    "rbac-no-secret-read": "config-reader",
    "rbac-no-default-service-account-bindings": "config-reader",
    "helm-chart-approved-repository": "log-shipper",
};

/** Mandatory policies reported on the objects of manifests/node-debugger.yaml (offline YAML expansion). */
const FROM_CONFIG_FILE = ["pss-baseline-privileged", "pss-baseline-host-namespaces", "pss-baseline-host-path-volumes", "pss-baseline-host-ports", "rbac-no-nodes-proxy", "rbac-no-pod-create"];

/** Mandatory policies reported on the objects the fluent-bit chart renders (offline Helm rendering from the chart cache). */
const FROM_HELM_CHART = ["pss-baseline-privileged", "pss-baseline-host-namespaces", "pss-baseline-host-path-volumes", "images-approved-registry"];

describe("the negative control (test/fixtures/insecure-app)", function () {
    this.timeout(240_000);
    let run: CliRun;
    let report: JsonReport;
    let log: sarif.Log;

    /** The resource a violation is about, and its ancestors. */
    function lineage(urn: string | null): { type: string; name: string }[] {
        const byUrn = new Map(report.resources.map((r) => [r.urn, r]));
        const chain: { type: string; name: string }[] = [];
        for (let r = urn ? byUrn.get(urn) : undefined; r; r = r.parent ? byUrn.get(r.parent) : undefined) chain.push(r);
        return chain;
    }

    function mandatoryUnder(type: string, name: string): Set<string> {
        const found = report.violations.filter((v) => v.level === "mandatory" && lineage(v.urn).slice(1).some((a) => a.type === type && a.name === name));
        return new Set(found.map((v) => v.policy));
    }

    /** SARIF places every finding on a component's objects at the workloads.ts line that declared the component. */
    function assertPlacedAt(typeInUrn: string, declaration: string) {
        const line = fs.readFileSync(path.join(FIXTURE, "workloads.ts"), "utf8").split("\n").findIndex((l) => l.includes(declaration)) + 1;
        const children = log.runs[0].results!.filter((r) => r.locations![0].logicalLocations![0].fullyQualifiedName!.includes(typeInUrn));
        assert.ok(children.length > 0);
        for (const r of children) {
            assert.deepStrictEqual(r.locations![0].physicalLocation, { artifactLocation: { uri: "workloads.ts", uriBaseId: "%SRCROOT%" }, region: { startLine: line } });
        }
    }

    before(() => {
        // The project as a team has it: its own folder, its dependencies installed beside it.
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "insecure-app-"));
        fs.cpSync(FIXTURE, dir, { recursive: true });
        fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
        // Run inside the project, as `npx bulwark preview` is; the chart cache path is relative to it.
        run = bulwark(["preview", "--chart-cache", path.relative(dir, CHART_CACHE), "--json", "report.json", "--sarif", "report.sarif"], dir);
        assert.ok(fs.existsSync(path.join(dir, "report.json")), run.out);
        report = JSON.parse(fs.readFileSync(path.join(dir, "report.json"), "utf8"));
        log = JSON.parse(fs.readFileSync(path.join(dir, "report.sarif"), "utf8"));
    });

    it("fails the gate with exit 1 and at least 25 distinct mandatory policies", () => {
        assert.strictEqual(run.code, 1, run.out);
        assert.match(run.stdout, /error: preview failed: mandatory policy violations/);
        const distinct = new Set(report.violations.filter((v) => v.level === "mandatory").map((v) => v.policy));
        assert.ok(distinct.size >= 25, `${distinct.size} distinct mandatory policies`);
        assert.ok(Object.keys(FROM_PROGRAM).length >= 25);
    });

    it("names each insecurity of the program itself, on the resource that has it", () => {
        const missing = Object.entries(FROM_PROGRAM).filter(
            ([policy, name]) => !report.violations.some((v) => v.policy === policy && v.level === "mandatory" && lineage(v.urn)[0]?.name === name),
        );
        assert.deepStrictEqual(missing, [], "expected mandatory violations not reported");
        for (const policy of Object.keys(FROM_PROGRAM)) assert.ok(run.stdout.includes(`  ${policy} (`), `the report names ${policy}`);
    });

    it("writes SARIF that validates, each finding at the program file and line that declared its resource", () => {
        const validate = sarifValidator();
        assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
        const results = log.runs[0].results!;
        assert.strictEqual(results.length, report.violations.length);
        const at = (policy: string) => results.find((r) => r.ruleId === policy)!.locations![0].physicalLocation!;
        const program = (file: string, text: string) => ({
            artifactLocation: { uri: file, uriBaseId: "%SRCROOT%" },
            region: { startLine: fs.readFileSync(path.join(FIXTURE, file), "utf8").split("\n").findIndex((l) => l.includes(text)) + 1 },
        });
        assert.deepStrictEqual(at("vpc-flow-logs"), program("network.ts", "new aws.ec2.Vpc("));
        assert.deepStrictEqual(at("efs-encrypted"), program("storage.ts", "new aws.efs.FileSystem("));
        assert.deepStrictEqual(at("eks-endpoint-private"), program("cluster.ts", "new aws.eks.Cluster("));
        assert.deepStrictEqual(at("ingress-tls-required"), program("workloads.ts", "new k8s.networking.v1.Ingress("));
    });

    it("names each insecurity of the YAML manifest, on the objects the ConfigFile creates", () => {
        const found = mandatoryUnder("kubernetes:yaml:ConfigFile", "node-debugger");
        assert.deepStrictEqual(FROM_CONFIG_FILE.filter((p) => !found.has(p)), [], `reported under the ConfigFile: ${[...found].join(", ") || "nothing"}`);
        assertPlacedAt("kubernetes:yaml:ConfigFile$", "new k8s.yaml.ConfigFile(");
    });

    it("names each insecurity of the Helm chart, on the objects it renders from the chart cache, leaving nothing unanalyzed", () => {
        const found = mandatoryUnder("kubernetes:helm.sh/v4:Chart", "log-shipper");
        assert.deepStrictEqual(FROM_HELM_CHART.filter((p) => !found.has(p)), [], `reported under the chart: ${[...found].join(", ") || "nothing"}`);
        assertPlacedAt("kubernetes:helm.sh/v4:Chart$", "new k8s.helm.v4.Chart(");
        assert.deepStrictEqual(report.incomplete, [], "with the chart cache, every resource is analyzed");
    });
});
