import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { startPolicyPack } from "../../preview/analyzer-client";
import { parseCli } from "../../preview/cli";
import { bulwark, programProject } from "./cli-helpers";
import { ROOT, devSettings, tempProject } from "./projects";

/** The dev stack with its public endpoint open to a range the security team has not approved. */
function weakenedProject(): string {
    return tempProject(
        "weak",
        "config:\n  aws:region: us-east-1\n  bulwark:publicEndpointCidrs: [203.0.113.0/24]\n",
        devSettings({ allowedPublicCidrs: ["198.51.100.0/24"] }),
    );
}

const PULUMI_YAML = "name: app\nruntime: nodejs\nmain: index.ts\n";

/** A key every pack accepts, and a line of the program's own output on stdout. */
const CLEAN_PROGRAM = `import * as aws from "@pulumi/aws";
const key = new aws.kms.Key("data", { enableKeyRotation: true, deletionWindowInDays: 30, description: "app data" });
console.log("hello from the program");
export const keyArn = key.arn;
`;

/** A component its provider builds: nothing offline can see inside it. */
const REMOTE_COMPONENT = `import * as pulumi from "@pulumi/pulumi";
new pulumi.ComponentResource("acme:index:Platform", "platform", {}, {}, true);
`;

describe("the bulwark command", () => {
    describe("usage", () => {
        it("--help explains every flag and the exit codes, and exits 0", () => {
            const r = bulwark(["--help"]);
            assert.strictEqual(r.code, 0, r.out);
            for (const flag of ["--project", "--stack", "--pack", "--json", "--sarif", "--allow-incomplete", "--chart-cache", "--helm", "--out"]) {
                assert.match(r.stdout, new RegExp(`^  ${flag}\\b`, "m"), `--help explains ${flag}`);
            }
            for (const code of ["0  pass", "1  mandatory policy violations", "2  usage, config or program error", "3  incomplete"]) {
                assert.ok(r.stdout.includes(code), `--help explains exit ${code}`);
            }
            assert.match(r.stdout, /bulwark policy-config/);
        });

        it("exits 2 naming the problem for an unknown flag, an unknown command, two documents on stdout and a folder without Pulumi.yaml", () => {
            const unknownFlag = bulwark(["preview", "--stak", "dev"]);
            assert.strictEqual(unknownFlag.code, 2, unknownFlag.out);
            assert.match(unknownFlag.stderr, /error: Unknown option '--stak'.*\n.*bulwark --help/);
            const unknownCommand = bulwark(["deploy"]);
            assert.strictEqual(unknownCommand.code, 2, unknownCommand.out);
            assert.match(unknownCommand.stderr, /unknown command "deploy": use preview, policy-config or report/);
            const both = bulwark(["--json", "-", "--sarif", "-"]);
            assert.strictEqual(both.code, 2, both.out);
            assert.match(both.stderr, /--json - and --sarif - cannot both write to stdout/);
            const empty = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-empty-"));
            const noProject = bulwark(["preview"], empty);
            assert.strictEqual(noProject.code, 2, noProject.out);
            assert.match(noProject.stderr, /has no Pulumi\.yaml: run inside a Pulumi project or pass --project <dir>/);
            for (const r of [unknownFlag, unknownCommand, both, noProject]) assert.strictEqual(r.stdout, "", "errors go to stderr");
        });
    });

    describe("checks its input before running anything, naming the flag or file and the fix", () => {
        const app = () => programProject({ "index.ts": CLEAN_PROGRAM }, PULUMI_YAML);

        it("a project on another runtime, or without a name", () => {
            const yamlRuntime = programProject({}, "name: site\nruntime: yaml\nresources: {}\n");
            assert.throws(() => parseCli([], yamlRuntime), /Pulumi\.yaml declares runtime "yaml": bulwark previews only Node\.js programs \(runtime: nodejs/);
            const python = programProject({}, "name: site\nruntime:\n  name: python\n");
            assert.throws(() => parseCli([], python), /declares runtime "python"/);
            const nameless = programProject({}, "runtime: nodejs\n");
            assert.throws(() => parseCli([], nameless), /Pulumi\.yaml has no name: add `name: <project>`/);
        });

        it("a --pack, --chart-cache or --helm that is not there, one file for two documents, and a --stack that is not a name", () => {
            const dir = app();
            assert.throws(() => parseCli(["--pack", "policies"], dir), /--pack policies: .*policies is not a policy pack \(it has no PulumiPolicy\.yaml\)/);
            assert.throws(() => parseCli(["--chart-cache", "charts"], dir), /--chart-cache charts: .*charts has no index\.yaml/);
            assert.throws(() => parseCli(["--helm", "bin/helm"], dir), /--helm bin\/helm: .*bin\/helm does not exist/);
            assert.throws(() => parseCli(["--json", "out.json", "--sarif", "./out.json"], dir), /--json and --sarif both name .*out\.json: give each its own file/);
            assert.throws(() => parseCli(["--stack", "../prod"], dir), /--stack "\.\.\/prod" is not a stack name/);
            assert.strictEqual(parseCli(["--stack", "acme/shop/prod"], dir).options.stack, "prod", "a fully qualified name configures as its last part");
        });

        it("resolves relative paths from the caller's folder, and the default packs from Bulwark's", () => {
            const dir = app();
            const args = parseCli(["--project", path.basename(dir), "--chart-cache", path.relative(path.dirname(dir), path.join(ROOT, "../shared/charts")), "--json", "r.json"], path.dirname(dir));
            assert.strictEqual(args.options.projectDir, dir);
            assert.strictEqual(args.options.chartCache, path.join(ROOT, "../shared/charts"));
            assert.strictEqual(args.json, path.join(path.dirname(dir), "r.json"));
            assert.deepStrictEqual(args.options.packs, [path.join(ROOT, "policy-packs/kubernetes"), path.join(ROOT, "policy-packs/aws")]);
            assert.strictEqual(args.options.stack, "dev");
        });
    });

    describe("exit codes", () => {
        it("0 for a program every pack accepts, run from inside the project with its only stack chosen", () => {
            const dir = programProject({ "index.ts": CLEAN_PROGRAM, "Pulumi.staging.yaml": "config:\n  aws:region: us-east-1\n" }, PULUMI_YAML);
            const r = bulwark([], dir);
            assert.strictEqual(r.code, 0, r.out);
            assert.match(r.stdout, /Previewing stack 'staging' offline/);
            assert.match(r.stdout, /^ {4}ok bulwark-aws@v/m);
            assert.match(r.stdout, /Policy results: 0 mandatory, 0 advisory, 0 exempted; 0 not analyzed/);
        });

        it("1 for mandatory violations, naming the policy and the field", () => {
            const r = bulwark(["preview", "--project", weakenedProject(), "--stack", "weak"]);
            assert.strictEqual(r.code, 1, r.out);
            assert.match(r.out, /FAIL bulwark-aws@v/);
            assert.match(r.out, /\[mandatory\] \[severity: high\]\s+eks-endpoint-private \(aws:eks\/cluster:Cluster: /);
            assert.match(r.out, /vpcConfig\.publicAccessCidrs\[0\] "203\.0\.113\.0\/24" is not in the allowedPublicCidrs config/);
            assert.match(r.out, /error: preview failed: mandatory policy violations/);
        });

        it("2 naming every bad config key, before anything is registered, without a stack trace", function () {
            // The program reports its own error through the SDK's reporter, which is slow under load.
            this.timeout(300_000);
            const dir = weakenedProject();
            fs.writeFileSync(path.join(dir, "Pulumi.bad.yaml"), "config:\n  bulwark:teams: [payments:admin]\n  bulwark:nodeMinSize: 5\n  bulwark:nodeMaxSize: 2\n");
            const r = bulwark(["preview", "--project", dir, "--stack", "bad"]);
            assert.strictEqual(r.code, 2, r.out);
            assert.match(r.stderr, /program\| InputPropertiesError: stack config \(Pulumi\.bad\.yaml\): 2 invalid arguments/);
            assert.match(r.stderr, /bulwark:teams\[0\]: "payments:admin" must be "<team>:<role>"/);
            assert.match(r.stderr, /bulwark:nodeMaxSize: \(2\) must be at least nodeMinSize \(5\)/);
            assert.doesNotMatch(r.out, /\n\s+at /, "no stack trace");
        });

        it("2 for an error the program throws, with the program's file and line", () => {
            const program = `import * as aws from "@pulumi/aws";\nnew aws.kms.Key("k", { enableKeyRotation: true });\nthrow new Error("the orders table is not configured");\n`;
            const r = bulwark([], programProject({ "index.ts": program }, PULUMI_YAML));
            assert.strictEqual(r.code, 2, r.out);
            assert.match(r.stderr, /the orders table is not configured/);
            assert.match(r.stderr, /index\.ts:3/);
            assert.strictEqual(r.stdout, "", "no report for a program that did not run");
        });

        it("3 when a component cannot be seen offline, listing it; --allow-incomplete still lists it and exits by the other rules", () => {
            const dir = programProject({ "index.ts": `${CLEAN_PROGRAM}${REMOTE_COMPONENT}` }, PULUMI_YAML);
            const strict = bulwark(["preview", "--project", dir]);
            assert.strictEqual(strict.code, 3, strict.out);
            assert.match(strict.stdout, /INCOMPLETE bulwark-aws@v/);
            assert.doesNotMatch(strict.stdout, /^ {4}ok /m, "no pack is ok when part of the program went unseen");
            assert.match(strict.stdout, /Not analyzed \(1\)[^\n]*\n {4}- acme:index:Platform \(platform\)\n {6}\S/);
            assert.match(strict.stdout, /0 mandatory, 0 advisory, 0 exempted; 1 not analyzed\nerror: preview incomplete: 1 resource/);
            const allowed = bulwark(["preview", "--project", dir, "--allow-incomplete"]);
            assert.strictEqual(allowed.code, 0, allowed.out);
            assert.match(allowed.stdout, /- acme:index:Platform \(platform\)/);
            assert.match(allowed.stdout, /warning: 1 resource\(s\) not analyzed, accepted by --allow-incomplete/);
        });

        it("1 rather than 3 when a program both violates a policy and hides a component", () => {
            const dir = programProject({ "index.ts": `${REMOTE_COMPONENT}import * as aws from "@pulumi/aws";\nnew aws.kms.Key("k", { enableKeyRotation: false });\n` }, PULUMI_YAML);
            const r = bulwark(["preview", "--project", path.relative(ROOT, dir)]);
            assert.strictEqual(r.code, 1, r.out);
            assert.match(r.stdout, /kms-key-rotation/);
            assert.match(r.stdout, /Not analyzed \(1\)/);
        });
    });

    it("previews a stack without Pulumi.<stack>.yaml with the project's defaults, and says so", () => {
        const dir = programProject({ "index.ts": CLEAN_PROGRAM, "Pulumi.dev.yaml": "config:\n  aws:region: us-east-1\n" }, PULUMI_YAML);
        const r = bulwark(["preview", "--stack", "ci"], dir);
        assert.strictEqual(r.code, 0, r.out);
        assert.match(r.stderr, /note: stack "ci" has no Pulumi\.ci\.yaml \(known: dev\); previewing with the project's config defaults/);
        assert.match(r.stdout, /Previewing stack 'ci' offline/);
    });

    it("writes per-pack --policy-pack-config files that the packs accept", async () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-config-"));
        const r = bulwark(["policy-config", "--project", weakenedProject(), "--stack", "weak", "--out", out]);
        assert.strictEqual(r.code, 0, r.out);
        assert.match(r.stdout, /wrote .*aws\.weak\.json/);
        for (const pack of ["kubernetes", "aws"]) {
            const config = JSON.parse(fs.readFileSync(path.join(out, `${pack}.weak.json`), "utf8"));
            const proc = await startPolicyPack(path.join(ROOT, "policy-packs", pack));
            try {
                await proc.configure(config);
            } finally {
                await proc.close();
            }
            if (pack === "aws") assert.deepStrictEqual(config["eks-endpoint-private"], { allowedPublicCidrs: ["198.51.100.0/24"] });
        }
    });

    it("docs/github-actions.yml runs the gate with flags it accepts and uploads the SARIF file it writes", () => {
        const workflow = yaml.load(fs.readFileSync(path.join(ROOT, "docs/github-actions.yml"), "utf8")) as any;
        assert.strictEqual(workflow.permissions["security-events"], "write");
        const steps: any[] = workflow.jobs.gate.steps;
        const gate = steps.find((s) => typeof s.run === "string" && s.run.startsWith("npx bulwark preview"));
        const upload = steps.find((s) => typeof s.uses === "string" && s.uses.startsWith("github/codeql-action/upload-sarif@"));
        assert.ok(gate && upload, "a gate step and an upload-sarif step");
        assert.ok(steps.indexOf(gate) < steps.indexOf(upload));
        assert.match(upload.if, /!cancelled\(\)/, "uploads when the gate fails the job");
        const dir = programProject({ "index.ts": CLEAN_PROGRAM }, PULUMI_YAML);
        const args = parseCli(gate.run.split(/\s+/).slice(2), dir);
        assert.strictEqual(args.command, "preview");
        assert.strictEqual(args.sarif, path.join(dir, upload.with.sarif_file));
    });
});
