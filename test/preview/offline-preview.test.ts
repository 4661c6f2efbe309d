import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ProgramError } from "../../preview/host/errors";
import { runOfflinePreview } from "../../preview/offline-preview";
import { SECRET_PLACEHOLDER, StackConfigError, loadProject, loadStackConfig } from "../../preview/stack-config";
import { ROOT, devSettings, tempProject as tempProjectOf } from "./projects";

const PACKS = ["policy-packs/kubernetes", "policy-packs/aws"].map((p) => path.join(ROOT, p));
const inDays = (n: number) => new Date(Date.now() + n * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
const tempProject = (stackYaml: string, policyYaml?: string) => tempProjectOf("test", stackYaml, policyYaml);

describe("offline preview of a stack", () => {
    it("previews the default stack with both packs enforced and no mandatory violation", async () => {
        const report = await runOfflinePreview({ projectDir: ROOT, stack: "dev", packs: PACKS });
        // dev is the Kubernetes layer alone, on the kubeconfig's cluster; prod builds the EKS cluster.
        assert.ok(!report.resources.some((r) => r.type.startsWith("aws:")));
        assert.ok(report.resources.some((r) => r.type === "kubernetes:core/v1:Namespace"));
        assert.deepStrictEqual(report.packs.map((p) => p.name), ["bulwark-kubernetes", "bulwark-aws"]);
        assert.deepStrictEqual(report.mandatory.map((d) => `${d.policyName}: ${d.message}`), []);
    });

    it("stops a weakened stack: a public API endpoint outside the security team's allow-list", async () => {
        const dir = tempProject(
            "config:\n  aws:region: us-east-1\n  bulwark:publicEndpointCidrs: [203.0.113.0/24]\n",
            devSettings({ allowedPublicCidrs: ["198.51.100.0/24"] }),
        );
        const report = await runOfflinePreview({ projectDir: dir, stack: "test", packs: PACKS });
        const eks = report.mandatory.filter((d) => d.urn?.includes("aws:eks/cluster:Cluster"));
        assert.ok(eks.length > 0, `expected the EKS endpoint to be flagged, got: ${report.mandatory.map((d) => d.policyName).join(", ")}`);
    });

    it("lifts the violation with a scoped, justified exemption, and reports it as exempted", async () => {
        const dir = tempProject(
            "config:\n  aws:region: us-east-1\n  bulwark:publicEndpointCidrs: [203.0.113.0/24]\n",
            devSettings({ allowedPublicCidrs: ["198.51.100.0/24"] }),
        );
        const first = await runOfflinePreview({ projectDir: dir, stack: "test", packs: PACKS });
        const names = [...new Set(first.mandatory.map((d) => d.policyName))];
        assert.ok(names.length > 0, "the weakened stack is flagged before the exemption");
        const cluster = first.resources.find((r) => r.type === "aws:eks/cluster:Cluster")!;
        fs.writeFileSync(
            path.join(dir, "policy.test.yaml"),
            devSettings({
                allowedPublicCidrs: ["198.51.100.0/24"],
                exemptions: [{ policies: names, resources: [cluster.name], justification: "office egress range, reviewed by security", expires: inDays(30) }],
            }),
        );
        const second = await runOfflinePreview({ projectDir: dir, stack: "test", packs: PACKS });
        assert.deepStrictEqual(second.mandatory.map((d) => d.policyName), []);
        const exempted = second.packs.flatMap((p) => p.diagnostics).filter((d) => /^\[exempted until \d{4}-\d{2}-\d{2}: office egress range/.test(d.message));
        assert.ok(exempted.length >= names.length);
    });
});

describe("stack config, read as the CLI reads it", () => {
    /** A project that declares a secret key, as a stack that needs a credential would. */
    const withSecretKey = (dir: string) => {
        fs.appendFileSync(path.join(dir, "Pulumi.yaml"), "  grafanaAdminPassword:\n    type: string\n    secret: true\n");
        return dir;
    };

    it("fills declared defaults and stands a marked placeholder in for secure values", () => {
        const dir = withSecretKey(tempProject("config:\n  bulwark:grafanaAdminPassword:\n    secure: v1:abc\n"));
        const config = loadStackConfig(loadProject(dir), "test");
        assert.strictEqual(config.values["bulwark:clusterName"], "bulwark");
        assert.strictEqual(config.values["bulwark:nodeInstanceTypes"], '["m7i.large"]');
        assert.strictEqual(config.values["bulwark:grafanaAdminPassword"], SECRET_PLACEHOLDER);
        assert.deepStrictEqual(config.secretKeys, ["bulwark:grafanaAdminPassword"]);
    });

    it("names every key of the wrong type, and a secret given in plain text", () => {
        const dir = withSecretKey(tempProject("config:\n  bulwark:nodeMinSize: two\n  bulwark:teams: payments\n  bulwark:grafanaAdminPassword: hunter2\n"));
        assert.throws(
            () => loadStackConfig(loadProject(dir), "test"),
            (e: StackConfigError) =>
                e.problems.length === 3 &&
                /nodeMinSize must be an integer/.test(e.message) &&
                /teams must be a list/.test(e.message) &&
                /grafanaAdminPassword is a secret: set it with `pulumi config set --secret/.test(e.message),
        );
    });

    it("gives a stack without Pulumi.<stack>.yaml the project's config defaults, as Pulumi allows", () => {
        const config = loadStackConfig(loadProject(ROOT), "nope");
        assert.strictEqual(config.values["bulwark:clusterName"], "bulwark");
        assert.strictEqual(config.values["bulwark:nodeMinSize"], "2");
        assert.deepStrictEqual(config.secretKeys, []);
    });

    it("rejects bad team entries before anything is registered, naming the key", async function () {
        // The stack program formats the error with the SDK's own reporter, which is slow under load.
        this.timeout(300_000);
        const dir = tempProject("config:\n  aws:region: us-east-1\n  bulwark:teams: [payments:admin, Bad_Team:viewer, monitoring:viewer, ok:viewer]\n");
        await assert.rejects(runOfflinePreview({ projectDir: dir, stack: "test", packs: [], onProgramOutput: () => undefined }), (e: Error) => {
            assert.ok(e instanceof ProgramError, `expected a ProgramError, got ${e.name}: ${e.message}`);
            const named = [...e.message.matchAll(/- (bulwark:teams\[\d+\]):/g)].map((m) => m[1]);
            assert.deepStrictEqual(named, ["bulwark:teams[0]", "bulwark:teams[1]", "bulwark:teams[2]"]);
            assert.match(e.message, /"monitoring" is a namespace the platform owns/);
            assert.match(e.message, /stacks\/config\.ts:\d+/, "the stack shows the program's file and line");
            return true;
        });
    });
});
