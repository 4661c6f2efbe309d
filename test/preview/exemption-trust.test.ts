/**
 * Who may exempt what: a program's and a component's exemptions are requests that only the stack's
 * policy settings accept; scopes are narrow; the packs refuse over-broad exemptions whatever config
 * they are given. Run `npm run build` first.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runOfflinePreview } from "../../preview/offline-preview";
import { startPolicyPack } from "../../preview/analyzer-client";
import { sarifValidator } from "./cli-helpers";
import { ROOT } from "./projects";

const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const APP = path.join(ROOT, "test/fixtures/self-exempting-app");
const PACKS = ["policy-packs/kubernetes", "policy-packs/aws"].map((p) => path.join(ROOT, p));
const inDays = (n: number) => new Date(Date.now() + n * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

function cli(args: string[]) {
    const r = spawnSync(TSX, [path.join(ROOT, "preview/cli.ts"), ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** The self-exempting program under a stack `test` whose policy settings are `settingsYaml`. */
function appWithSettings(settingsYaml: string): string {
    // The in-process preview loads the program with require; a cached module would register nothing.
    for (const key of Object.keys(require.cache)) if (key.startsWith(APP)) delete require.cache[key];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-trust-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: self-exempting-app\nruntime: nodejs\nmain: ${path.join(APP, "index.ts")}\n`);
    fs.writeFileSync(path.join(dir, "Pulumi.test.yaml"), "config: {}\n");
    fs.writeFileSync(path.join(dir, "policy.test.yaml"), settingsYaml);
    return dir;
}

describe("exemption trust: a program cannot exempt itself", function () {
    this.timeout(180_000);

    it("stops the self-exempting program (exit 1) and lists its requests as not accepted, with why and how", () => {
        const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-trust-out-"));
        const [jsonFile, sarifFile] = [path.join(outDir, "r.json"), path.join(outDir, "r.sarif")];
        const { code, out } = cli(["preview", "--project", APP, "--stack", "dev", "--json", jsonFile, "--sarif", sarifFile]);
        assert.strictEqual(code, 1, out);
        // The same requests reach CI: in the JSON, and in the SARIF run's notifications (schema-valid).
        const json = JSON.parse(fs.readFileSync(jsonFile, "utf8"));
        assert.deepStrictEqual(json.exemptionRequests.map((r: { accepted: boolean }) => r.accepted), [false, false]);
        const log = JSON.parse(fs.readFileSync(sarifFile, "utf8")) as { runs: { invocations: { toolExecutionNotifications: { level: string; message: { text: string } }[] }[] }[] };
        const validate = sarifValidator();
        assert.ok(validate(log), JSON.stringify(validate.errors));
        const notes = log.runs[0].invocations[0].toolExecutionNotifications.filter((n: { message: { text: string } }) => n.message.text.startsWith("exemption request"));
        assert.strictEqual(notes.length, 2);
        for (const n of notes) {
            assert.strictEqual(n.level, "warning");
            assert.match(n.message.text, /^exemption request exr-[0-9a-f]{12} from program not accepted: /);
        }
        assert.match(out, /\[mandatory\] \[severity: critical\]\s+pss-baseline-privileged \(kubernetes:core\/v1:Pod: debug\)/);
        assert.match(out, /Exemption requests \(0 accepted, 2 not accepted\)/);
        assert.match(out, /exr-[0-9a-f]{12} from program: NOT ACCEPTED\n.*for resources \*\n\s+why: it cannot be accepted: it is too broad: resources names "\*" matches every resource/);
        assert.match(out, /why: no entry of acceptedRequests in the stack's policy settings accepts it\n\s+to accept it, add to the stack's policy settings:\n\s+acceptedRequests:\n\s+- id: exr-[0-9a-f]{12}\n\s+acceptedBy: <who reviewed it>\n\s+expires: '\d{4}-\d{2}-\d{2}'/);
        assert.match(out, /Policy results: 10 mandatory, 1 advisory, 0 exempted/);
    });

    it("applies a narrow request once the settings accept it by id, and shows who accepted it", async () => {
        const first = await runOfflinePreview({ projectDir: appWithSettings("exemptions: []\n"), stack: "test", packs: PACKS });
        const narrow = first.exemptionRequests.find((r) => r.scope.resources?.includes("debug"))!;
        assert.deepStrictEqual([narrow.accepted, narrow.requestedBy, narrow.policies], [false, "program", ["images-pinned-by-digest"]]);
        assert.ok(first.mandatory.some((d) => d.policyName === "images-pinned-by-digest"));

        const expires = inDays(30);
        const dir = appWithSettings(`acceptedRequests:\n  - id: ${narrow.id}\n    acceptedBy: app security review APP-7\n    expires: ${expires}\n`);
        const second = await runOfflinePreview({ projectDir: dir, stack: "test", packs: PACKS });
        const status = second.exemptionRequests.find((r) => r.id === narrow.id)!;
        assert.deepStrictEqual([status.accepted, status.acceptedBy, status.expires], [true, "app security review APP-7", expires]);
        assert.ok(!second.mandatory.some((d) => d.policyName === "images-pinned-by-digest"), "the accepted request lifts its policy");
        const exempted = second.packs.flatMap((p) => p.diagnostics).find((d) => d.policyName === "images-pinned-by-digest")!;
        assert.strictEqual(exempted.enforcementLevel, "advisory");
        assert.match(exempted.message, new RegExp(`^\\[exempted until ${expires}: a throw-away debugging pod.*; request ${narrow.id}, accepted by app security review APP-7\\]`));
        assert.strictEqual(second.mandatory.length, first.mandatory.length - 1, "nothing else is lifted");
        assert.ok(!second.exemptionRequests.find((r) => r.scope.resources?.includes("*"))!.accepted);
    });

    it("refuses an acceptance of a critical policy without an expiry, and one past the longest span", async () => {
        const report = await runOfflinePreview({
            projectDir: appWithSettings("exemptions: []\n"),
            stack: "test",
            packs: PACKS,
        });
        const id = report.exemptionRequests.find((r) => r.scope.resources?.includes("debug"))!.id;
        const dir = appWithSettings(`exemptionMaxDays: 30\nacceptedRequests:\n  - id: ${id}\n    acceptedBy: someone\n    expires: ${inDays(90)}\n`);
        const late = (await runOfflinePreview({ projectDir: dir, stack: "test", packs: PACKS })).exemptionRequests.find((r) => r.id === id)!;
        assert.strictEqual(late.accepted, false);
        assert.match(late.why ?? "", /accepted by someone, but does not apply: its expiry \d{4}-\d{2}-\d{2} is more than 30 days away/);
        const open = appWithSettings(`acceptedRequests:\n  - id: ${id}\n    acceptedBy: someone\n`);
        const never = (await runOfflinePreview({ projectDir: open, stack: "test", packs: PACKS })).exemptionRequests.find((r) => r.id === id)!;
        assert.match(never.why ?? "", /has no expiry, which a mandatory policy of high or critical severity requires.*\(the acceptance can set `expires`\)/);
    });

    it("policy-config writes only accepted exemptions, with who accepted them, and lists the rest", () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-config-"));
        const r = cli(["policy-config", "--project", APP, "--stack", "dev", "--out", out]);
        assert.strictEqual(r.code, 0, r.out);
        const k8s = JSON.parse(fs.readFileSync(path.join(out, "kubernetes.dev.json"), "utf8"));
        assert.ok(!JSON.stringify(k8s).includes("exemptions"), "no request of the program reaches the pack config");
        assert.match(r.out, /Exemption requests \(0 accepted, 2 not accepted\)/);
        assert.deepStrictEqual(fs.readdirSync(out).sort(), ["aws.dev.json", "kubernetes.dev.json"], "no temporary file is left behind");

        const dev = cli(["policy-config", "--stack", "dev", "--out", out]);
        assert.strictEqual(dev.code, 0, dev.out);
        const accepted = JSON.parse(fs.readFileSync(path.join(out, "kubernetes.dev.json"), "utf8"))["pss-baseline-host-namespaces"].exemptions;
        assert.strictEqual(accepted.length, 1);
        assert.deepStrictEqual([accepted[0].requestedBy, accepted[0].resources, accepted[0].namespaces], ["bulwark:kubernetes:MonitoringStack", ["node-exporter"], ["monitoring-agents"]]);
        assert.match(accepted[0].acceptedBy, /platform security review/);
        assert.match(accepted[0].expires, /^\d{4}-\d{2}-\d{2}$/);
    });
});

describe("exemption trust: the monitoring stack's requests", function () {
    this.timeout(180_000);

    it("are accepted by the dev settings by component type, and shown with who accepted them", async () => {
        const report = await runOfflinePreview({ projectDir: ROOT, stack: "dev", packs: PACKS });
        assert.ok(report.exemptionRequests.length >= 5);
        for (const r of report.exemptionRequests) {
            assert.deepStrictEqual([r.requestedBy, r.accepted], ["bulwark:kubernetes:MonitoringStack", true], JSON.stringify(r));
            assert.match(r.acceptedBy ?? "", /platform security review/);
            // Each is held to the monitoring namespaces, but for the operator's ClusterRole, which has none and is named.
            const narrow = r.scope.namespaces
                ? r.scope.namespaces.every((n) => ["monitoring", "monitoring-agents"].includes(n))
                : JSON.stringify(r.scope.resources) === JSON.stringify(["prometheus-stack-operator"]);
            assert.ok(narrow, JSON.stringify(r.scope));
        }
        assert.deepStrictEqual(report.mandatory, []);
    });
});

describe("exemption trust: the packs refuse over-broad exemptions in any config", function () {
    this.timeout(60_000);
    const pod = {
        type: "kubernetes:core/v1:Pod",
        name: "debug",
        props: { metadata: { name: "debug", namespace: "tools" }, spec: { containers: [{ name: "c", image: "x", securityContext: { privileged: true } }] } },
    };

    for (const [label, exemption, why] of [
        ["a * alone", { resources: ["*"] }, /it is too broad: resources names "\*" matches every resource/],
        ["a URN prefix that covers the whole stack", { resources: ["urn:pulumi:test::*"] }, /matches every resource of a stack/],
        ["no namespaces for a namespaced object", { resources: ["debug"], expires: inDays(10) }, /it lists no namespaces, so it would lift the policy in every namespace \(list `namespaces`, such as \[tools\], or set `clusterWide: true`/],
        ["cluster-wide without its own justification", { clusterWide: true }, /it is cluster-wide without saying why/],
        ["no expiry on a critical policy", { namespaces: ["tools"], resources: ["debug"] }, /it has no expiry, which a mandatory policy of high or critical severity requires/],
        ["an expiry past the longest span", { namespaces: ["tools"], resources: ["debug"], expires: inDays(400) }, /is more than 180 days away/],
    ] as const) {
        it(`keeps the violation mandatory, saying why: ${label}`, async () => {
            const pack = await startPolicyPack(path.join(ROOT, "policy-packs/kubernetes"));
            try {
                await pack.configure({ "pss-baseline-privileged": { exemptions: [{ ...exemption, justification: "trust me" }] } });
                const d = (await pack.analyze(pod)).diagnostics.find((x) => x.policyName === "pss-baseline-privileged")!;
                assert.strictEqual(d.enforcementLevel, "mandatory");
                assert.match(d.message, /an exemption matched but does not apply: /);
                assert.match(d.message, why);
            } finally {
                await pack.close();
            }
        });
    }

    it("applies a narrow, justified, dated exemption, and a cluster-wide one that says why", async () => {
        const pack = await startPolicyPack(path.join(ROOT, "policy-packs/kubernetes"));
        try {
            for (const e of [
                { namespaces: ["tools"], resources: ["debug"], expires: inDays(10) },
                { clusterWide: true, clusterWideJustification: "every node runs it", resources: ["debug"], expires: inDays(10) },
            ]) {
                await pack.configure({ "pss-baseline-privileged": { exemptions: [{ ...e, justification: "reviewed" }] } });
                const d = (await pack.analyze(pod)).diagnostics.find((x) => x.policyName === "pss-baseline-privileged")!;
                assert.strictEqual(d.enforcementLevel, "advisory", d.message);
            }
        } finally {
            await pack.close();
        }
    });
});
