/**
 * Bad input everywhere ends the same way: a message that names the problem, the file and the key,
 * and exit code 2, without hanging. Each case runs the command as a user does, in a subprocess whose
 * own time limit would fail the test (a killed process has no exit code).
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PolicyConfigError, reconcileConfig } from "../../preview/policy-config";
import { ROOT } from "./projects";

const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const APP = path.join(ROOT, "test/fixtures/self-exempting-app/index.ts");
const MISBEHAVING = path.join(ROOT, "test/fixtures/misbehaving-pack");

function cli(args: string[], env: Record<string, string> = {}) {
    const r = spawnSync(TSX, [path.join(ROOT, "preview/cli.ts"), ...args], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 90_000,
        env: { ...process.env, ...env },
    });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** A small project (one pod) whose stack `test` has the given config and, optionally, policy settings. */
function project(stackYaml: string, settingsYaml?: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-bad-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: bad-input\nruntime: nodejs\nmain: ${APP}\n`);
    fs.writeFileSync(path.join(dir, "Pulumi.test.yaml"), stackYaml);
    if (settingsYaml !== undefined) fs.writeFileSync(path.join(dir, "policy.test.yaml"), settingsYaml);
    return dir;
}

const preview = (dir: string, extra: string[] = [], env: Record<string, string> = {}) =>
    cli(["preview", "--project", dir, "--stack", "test", ...extra], env);

function assertExit2(r: { code: number | null; out: string }, ...patterns: RegExp[]) {
    assert.strictEqual(r.code, 2, r.out);
    for (const p of patterns) assert.match(r.out, p);
    assert.doesNotMatch(r.out, /\n\s+at .*\(.*:\d+:\d+\)/, "no stack trace");
}

describe("bad input: the policy settings file", function () {
    this.timeout(120_000);

    it("not YAML: names the file and the line", () => {
        assertExit2(preview(project("config: {}\n", "exemptions: [\n  - oops: {\n")), /invalid policy settings in .*policy\.test\.yaml/, /it is not valid YAML: .*policy\.test\.yaml" \(\d+:\d+\)/);
    });

    it("not a mapping", () => {
        assertExit2(preview(project("config: {}\n", "- allowedRegistries\n")), /policy\.test\.yaml/, /must be a mapping of policy settings/);
    });

    it("every bad key at once: a broad exemption, an undated one, an acceptance without a reviewer, a typo, a bad span", () => {
        const settings = [
            "allowedRegistry: [ecr.example.com]",
            "exemptionMaxDays: ninety",
            "exemptions:",
            "  - policies: [containers-resource-limits]",
            "    resources: ['*']",
            "    justification: everything",
            "  - policies: [pss-baseline-privileged]",
            "    namespaces: [tools]",
            "    justification: debugging",
            "acceptedRequests:",
            "  - id: exr-0123456789ab",
            "  - component: pulumi:pulumi:Stack",
            "    policies: [no-such-policy]",
            "    acceptedBy: me",
            "",
        ].join("\n");
        const r = preview(project("config: {}\n", settings));
        assertExit2(
            r,
            /invalid policy settings in .*policy\.test\.yaml/,
            /exemptionMaxDays must be a whole number of days from 1 to 3650, not "ninety"/,
            /exemptions\[0\] does not apply: it is too broad: resources names "\*" matches every resource/,
            /exemptions\[1\] does not apply: it has no expiry, which a mandatory policy of high or critical severity requires/,
            /acceptedRequests\[0\]\.acceptedBy is required/,
            /acceptedRequests\[1\]\.component cannot be the program itself/,
            /acceptedRequests\[1\]\.policies names an unknown policy "no-such-policy"/,
        );
    });

    it("a setting of the wrong type: the pack that refuses it, the policy and the key", () => {
        const r = preview(project("config: {}\n", "allowedRegistries: ecr.example.com\n"));
        assertExit2(r, /policy\.test\.yaml/, /bulwark-kubernetes refuses the config this expands to: images-approved-registry\.allowedRegistries must be array/);
    });
});

describe("bad input: the stack config", function () {
    this.timeout(120_000);

    it("not YAML: names the file", () => {
        assertExit2(preview(project("config:\n  bulwark:teams: [a\n")), /Pulumi\.test\.yaml is not valid YAML/);
    });

    it("config that is not a mapping", () => {
        assertExit2(preview(project("config: [a, b]\n")), /Pulumi\.test\.yaml: config must be a mapping of keys to values/);
    });
});

/** Processes still running in `dir` (Linux's /proc): what a run left behind. */
function processesIn(dir: string): number[] {
    return fs.readdirSync("/proc").flatMap((entry) => {
        if (!/^\d+$/.test(entry)) return [];
        try {
            return fs.readlinkSync(`/proc/${entry}/cwd`) === dir ? [Number(entry)] : [];
        } catch {
            return [];
        }
    });
}

describe("bad input: a policy pack that misbehaves", function () {
    this.timeout(120_000);
    const run = (mode: string, env: Record<string, string> = {}) => preview(project("config: {}\n"), ["--pack", MISBEHAVING], { MISBEHAVE: mode, ...env });

    afterEach(async function () {
        if (process.platform !== "linux") return;
        // The pack ends with the run, whatever went wrong (a process may take a moment to exit).
        let left = processesIn(MISBEHAVING);
        for (let i = 0; i < 30 && left.length > 0; i++) {
            await new Promise((r) => setTimeout(r, 100));
            left = processesIn(MISBEHAVING);
        }
        for (const pid of left) process.kill(pid, "SIGKILL");
        assert.deepStrictEqual(left, [], `${this.currentTest?.title}: the pack's process outlived the run`);
    });

    it("fails to boot: names the pack and shows its error", () => {
        assertExit2(run("boot-throws"), /policy pack .*misbehaving-pack: it did not start: it exited with code \d+ before it printed its port/, /missing dependency left-pad/);
    });

    it("never starts serving: gives up after the boot timeout, and says how to wait longer", () => {
        assertExit2(run("boot-hangs", { BULWARK_PACK_BOOT_TIMEOUT_MS: "3000" }), /misbehaving-pack: it did not start: it printed no port within 3000 ms \(set BULWARK_PACK_BOOT_TIMEOUT_MS/);
    });

    it("dies during Analyze: names the call and the exit code", () => {
        assertExit2(run("analyze-exits"), /misbehaving-pack: it stopped during Analyze \(exited with code 7\)/);
    });

    it("answers too slowly: gives up after the call timeout, and says how to wait longer", () => {
        assertExit2(run("analyze-hangs", { BULWARK_PACK_CALL_TIMEOUT_MS: "3000" }), /misbehaving-pack: Analyze did not answer within 3000 ms \(set BULWARK_PACK_CALL_TIMEOUT_MS/);
    });

    it("a timeout that is not a number", () => {
        assertExit2(run("", { BULWARK_PACK_CALL_TIMEOUT_MS: "soon" }), /BULWARK_PACK_CALL_TIMEOUT_MS must be a whole number of milliseconds, not "soon"/);
    });
});

describe("bad input: policy pack config and the files policy-config writes", function () {
    this.timeout(120_000);

    it("a pack config names every unknown policy and every bad key at once", () => {
        const policies = [{ name: "images-approved-registry", configSchema: { properties: { allowedRegistries: { type: "array", items: { type: "string" } } } } }];
        assert.throws(
            () => reconcileConfig(policies, { "images-approved-registry": { allowedRegistries: "ecr", enforcementLevel: "strict" }, "no-such": "mandatory" }),
            (e: PolicyConfigError) =>
                e.problems.length === 3 &&
                e.problems.some((p) => p.startsWith('"no-such" is not a policy of this pack')) &&
                e.problems.some((p) => p === 'images-approved-registry.enforcementLevel must be one of advisory, mandatory, remediate, disabled, not "strict"') &&
                e.problems.some((p) => p === "images-approved-registry.allowedRegistries must be array"),
        );
    });

    it("bad settings leave the previous config files as they were, and nothing half-written", () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-config-"));
        const good = project("config: {}\n", "allowedRegistries: [ecr.example.com]\n");
        assert.strictEqual(cli(["policy-config", "--project", good, "--stack", "test", "--out", out]).code, 0);
        const before = Object.fromEntries(fs.readdirSync(out).map((f) => [f, fs.readFileSync(path.join(out, f), "utf8")]));
        assert.deepStrictEqual(Object.keys(before).sort(), ["aws.test.json", "kubernetes.test.json"]);

        const bad = project("config: {}\n", "allowedRegistries: ecr.example.com\n");
        assertExit2(cli(["policy-config", "--project", bad, "--stack", "test", "--out", out]), /images-approved-registry\.allowedRegistries must be array/);
        const after = Object.fromEntries(fs.readdirSync(out).map((f) => [f, fs.readFileSync(path.join(out, f), "utf8")]));
        assert.deepStrictEqual(after, before);
    });
});
