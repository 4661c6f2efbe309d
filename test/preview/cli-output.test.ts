import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import type * as sarif from "sarif";
import type { JsonReport } from "../../preview/output/json";
import { bulwark, programProject, sarifValidator } from "./cli-helpers";

const PULUMI_YAML = "name: shop\nruntime: nodejs\nmain: index.ts\n";

/** Violations in both packs, one of them exempted, a component nothing offline can see, and output of the program's own. */
const PROGRAM = `import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

console.log("hello from the program on stdout");
process.stdout.write("more program output\\n");
console.error("and some on stderr");

const assets = new aws.s3.BucketV2("assets", {});
new k8s.apps.v1.Deployment("web", {
    metadata: { namespace: "shop" },
    spec: {
        selector: { matchLabels: { app: "web" } },
        template: {
            metadata: { labels: { app: "web" } },
            spec: { containers: [{ name: "web", image: "nginx:latest", securityContext: { privileged: true } }] },
        },
    },
});
new pulumi.ComponentResource("acme:index:Platform", "platform", {}, {}, true);
new k8s.yaml.ConfigGroup("debug", {
    objs: [{ apiVersion: "v1", kind: "Pod", metadata: { name: "debug", namespace: "shop" }, spec: { hostPID: true, containers: [{ name: "sh", image: "busybox" }] } }],
});
export const bucket = assets.bucket;
`;
const lineOf = (text: string) => PROGRAM.split("\n").findIndex((l) => l.includes(text)) + 1;
const BUCKET_LINE = lineOf("new aws.s3.BucketV2");
const CONFIG_GROUP_LINE = lineOf("new k8s.yaml.ConfigGroup");

/** The security team's exemption: scoped to one Deployment in one namespace, and dated (high severity). */
const EXPIRES = new Date(Date.now() + 60 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
const POLICY_SETTINGS = `exemptions:
  - policies: [images-pinned-by-digest]
    namespaces: [shop]
    resources: [web]
    expires: "${EXPIRES}"
    justification: The web image is rebuilt nightly from a pinned base; digests are recorded by the release job.
`;

function project(): string {
    return programProject({ "index.ts": PROGRAM, "Pulumi.prod.yaml": "config:\n  aws:region: eu-west-1\n", "policy.prod.yaml": POLICY_SETTINGS }, PULUMI_YAML);
}

describe("the bulwark command's outputs", () => {
    let dir: string;
    let json: JsonReport;
    let log: sarif.Log;
    let text: string;

    before(function () {
        this.timeout(180_000);
        dir = project();
        const r = bulwark(["--json", "out/report.json", "--sarif", "out/report.sarif"], dir);
        // Neither file exists without its folder; create it and run again, so both runs are checked.
        assert.strictEqual(r.code, 2, r.out);
        assert.match(r.stderr, /cannot write .*out\/report\.json: the folder .*out does not exist/);
        assert.ok(!fs.existsSync(path.join(dir, "out")), "nothing written");
        fs.mkdirSync(path.join(dir, "out"));
        const ok = bulwark(["--json", "out/report.json", "--sarif", "out/report.sarif"], dir);
        assert.strictEqual(ok.code, 1, ok.out);
        text = ok.stdout;
        json = JSON.parse(fs.readFileSync(path.join(dir, "out/report.json"), "utf8"));
        log = JSON.parse(fs.readFileSync(path.join(dir, "out/report.sarif"), "utf8"));
        assert.deepStrictEqual(fs.readdirSync(path.join(dir, "out")).sort(), ["report.json", "report.sarif"], "no temporary file left");
    });

    it("JSON has exactly the documented shape", () => {
        assert.deepStrictEqual(Object.keys(json), ["stack", "project", "packs", "resources", "violations", "incomplete", "exemptionRequests", "summary", "timings"]);
        const t = json.timings!;
        assert.deepStrictEqual(Object.keys(t), ["program", "chartRendering", "chartsRendered", "chartRendersReused", "packBoot", "configure", "analysis", "analysisAfterProgram", "total"]);
        for (const [k, v] of Object.entries(t)) assert.ok(typeof v === "number" && v >= 0, `timings.${k} is a duration or count: ${v}`);
        assert.ok(t.program > 0 && t.analysis > 0 && t.packBoot > 0, "the program ran, the packs booted and analyzed");
        assert.ok(t.total >= t.program && t.total >= t.packBoot && t.total >= t.analysisAfterProgram, "phases fall within the whole");
        assert.deepStrictEqual(json.exemptionRequests, [], "the program asks for no exemption");
        assert.strictEqual(json.stack, "prod");
        assert.strictEqual(json.project, "shop");
        assert.deepStrictEqual(json.packs.map((p) => p.name), ["bulwark-kubernetes", "bulwark-aws"]);
        for (const p of json.packs) assert.match(p.version, /^\d+\.\d+\.\d+/);
        for (const r of json.resources) assert.deepStrictEqual(Object.keys(r), ["urn", "type", "name", "parent"]);
        const stack = json.resources.find((r) => r.type === "pulumi:pulumi:Stack")!;
        assert.strictEqual(stack.parent, null);
        assert.strictEqual(json.resources.find((r) => r.name === "assets")!.parent, stack.urn);
        for (const v of json.violations) {
            assert.deepStrictEqual(Object.keys(v), ["pack", "policy", "level", "severity", "urn", "message", "controls"]);
            assert.ok(v.controls.length > 0, `${v.policy} names its controls`);
            for (const c of v.controls) assert.match(c, /^(cis-eks-1\.8|nist-sp-800-190|nsa-cisa-k8s-hardening-1\.1|pss-v1\.37):\S+$/);
        }
        const bucket = json.resources.find((r) => r.name === "assets")!;
        assert.ok(json.violations.some((v) => v.pack === "bulwark-aws" && v.level === "mandatory" && v.urn === bucket.urn && v.policy === "s3-bucket-public-access-block"));
        assert.ok(json.violations.some((v) => v.pack === "bulwark-kubernetes" && v.policy === "pss-baseline-privileged" && v.level === "mandatory" && v.severity === "critical"));
        const exempted = json.violations.filter((v) => v.message.includes("[exempted"));
        assert.deepStrictEqual(exempted.map((v) => [v.policy, v.level]), [["images-pinned-by-digest", "advisory"]]);
        assert.deepStrictEqual(json.incomplete.map((i) => [i.type, Object.keys(i)]), [["acme:index:Platform", ["urn", "type", "reason"]]]);
        assert.ok(json.incomplete[0].reason.length > 0);
    });

    it("JSON's summary counts what its lists hold, and the text report says the same", () => {
        const count = (f: (v: JsonReport["violations"][number]) => boolean) => json.violations.filter(f).length;
        assert.deepStrictEqual(json.summary, {
            resources: json.resources.length,
            mandatory: count((v) => v.level === "mandatory"),
            advisory: count((v) => v.level === "advisory" && !v.message.includes("[exempted")),
            exempted: 1,
            incomplete: 1,
        });
        assert.ok(json.summary.mandatory >= 3);
        const s = json.summary;
        assert.ok(text.includes(`Policy results: ${s.mandatory} mandatory, ${s.advisory} advisory, ${s.exempted} exempted; ${s.incomplete} not analyzed`), text);
    });

    it("SARIF is valid against the SARIF 2.1.0 schema", () => {
        const validate = sarifValidator();
        assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
        assert.strictEqual(log.version, "2.1.0");
        // The validator itself must reject what the schema forbids, or the check above proves nothing.
        const broken = JSON.parse(JSON.stringify(log));
        broken.runs[0].results[0].level = "fatal";
        assert.strictEqual(validate(broken), false);
    });

    it("SARIF has one rule per policy with what GitHub code scanning reads, and one result per violation", () => {
        const run = log.runs[0];
        const rules = run.tool.driver.rules!;
        assert.strictEqual(new Set(rules.map((r) => r.id)).size, rules.length);
        assert.ok(rules.length >= 60, `every policy of both packs (${rules.length})`);
        for (const rule of rules) {
            assert.ok(rule.shortDescription?.text && rule.fullDescription?.text, rule.id);
            assert.ok(rule.help?.text && rule.help.markdown?.includes("### Remediation"), rule.id);
            const severity = Number(rule.properties?.["security-severity"]);
            assert.ok(severity > 0 && severity <= 10, `${rule.id} security-severity ${severity}`);
            assert.ok(rule.properties?.tags?.includes("security"), rule.id);
        }
        assert.strictEqual(run.results!.length, json.violations.length);
        for (const result of run.results!) {
            assert.strictEqual(rules[result.ruleIndex!].id, result.ruleId);
            assert.ok(result.locations?.[0].physicalLocation?.artifactLocation?.uri, "every result has a file");
        }
        const privileged = run.results!.find((r) => r.ruleId === "pss-baseline-privileged")!;
        assert.strictEqual(privileged.level, "error");
        assert.strictEqual(rules[privileged.ruleIndex!].properties!["security-severity"], "9.5");
        const exempted = run.results!.find((r) => r.message.text!.includes("[exempted"))!;
        assert.strictEqual(exempted.level, "warning");
    });

    it("SARIF locates a violation at its resource's URN and at the program line that declared it", () => {
        const bucket = json.resources.find((r) => r.name === "assets")!;
        const result = log.runs[0].results!.find((r) => r.ruleId === "s3-bucket-public-access-block")!;
        const location = result.locations![0];
        assert.deepStrictEqual(location.logicalLocations, [{ name: "assets", fullyQualifiedName: bucket.urn, kind: "resource" }]);
        assert.deepStrictEqual(location.physicalLocation!.artifactLocation, { uri: "index.ts", uriBaseId: "%SRCROOT%" });
        assert.strictEqual(location.physicalLocation!.region!.startLine, BUCKET_LINE);
        assert.strictEqual(log.runs[0].originalUriBaseIds!["%SRCROOT%"].uri, `file://${fs.realpathSync(dir)}/`);
    });

    it("SARIF places an object a package's component creates at the program line that declared the component", () => {
        const result = log.runs[0].results!.find((r) => r.ruleId === "pss-baseline-host-namespaces")!;
        assert.ok(result, "the ConfigGroup's pod is flagged");
        assert.match(result.locations![0].logicalLocations![0].fullyQualifiedName!, /kubernetes:yaml:ConfigGroup\$kubernetes:core\/v1:Pod::shop\/debug$/);
        assert.deepStrictEqual(result.locations![0].physicalLocation, { artifactLocation: { uri: "index.ts", uriBaseId: "%SRCROOT%" }, region: { startLine: CONFIG_GROUP_LINE } });
    });

    it("SARIF marks the run unsuccessful and names each resource not analyzed", () => {
        const invocation = log.runs[0].invocations![0];
        assert.strictEqual(invocation.executionSuccessful, false);
        const notes = invocation.toolExecutionNotifications!;
        assert.strictEqual(notes.length, 1);
        assert.strictEqual(notes[0].locations![0].logicalLocations![0].fullyQualifiedName, json.incomplete[0].urn);
    });

    for (const flag of ["--json", "--sarif"]) {
        it(`${flag} - keeps stdout for the document alone: the report and the program's output go to stderr`, () => {
            const r = bulwark([flag, "-"], dir);
            assert.strictEqual(r.code, 1, r.stderr);
            const doc = JSON.parse(r.stdout);
            assert.ok(flag === "--json" ? doc.summary.mandatory > 0 : doc.runs[0].results.length > 0);
            assert.match(r.stderr, /hello from the program on stdout/);
            assert.match(r.stderr, /more program output/);
            assert.match(r.stderr, /Policy results: \d+ mandatory/);
        });
    }

    it("leaves an earlier report untouched when the run fails before writing", () => {
        const file = path.join(dir, "out/report.json");
        fs.writeFileSync(path.join(dir, "Pulumi.broken.yaml"), "config:\n  shop:replicas: [not, a, number]\n");
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `${PULUMI_YAML}config:\n  replicas:\n    type: integer\n`);
        const before = fs.readFileSync(file, "utf8");
        const r = bulwark(["--stack", "broken", "--json", file], dir);
        assert.strictEqual(r.code, 2, r.out);
        assert.match(r.stderr, /Pulumi\.broken\.yaml: shop:replicas must be an integer/);
        assert.strictEqual(fs.readFileSync(file, "utf8"), before);
        // A target the rename cannot replace (a folder) fails the run, and leaves no temporary file.
        const asFolder = path.join(dir, "out/folder.json");
        fs.mkdirSync(asFolder);
        const clash = bulwark(["--stack", "prod", "--json", asFolder], dir);
        assert.strictEqual(clash.code, 2, clash.out);
        assert.match(clash.stderr, /cannot write .*folder\.json/);
        assert.deepStrictEqual(fs.readdirSync(path.join(dir, "out")).sort(), ["folder.json", "report.json", "report.sarif"]);
    });
});
