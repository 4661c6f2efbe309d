import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startPolicyPack } from "../../preview/analyzer-client";
import { ROOT, devSettings, tempProject } from "./projects";

const TSX = path.join(ROOT, "node_modules/.bin/tsx");

function cli(args: string[], cwd = ROOT) {
    const r = spawnSync(TSX, [path.join(ROOT, "preview/cli.ts"), ...args], { cwd, encoding: "utf8", timeout: 300_000 });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** The dev stack with its public endpoint open to a range the security team has not approved. */
function weakenedProject(): string {
    return tempProject(
        "weak",
        "config:\n  aws:region: us-east-1\n  bulwark:publicEndpointCidrs: [203.0.113.0/24]\n",
        devSettings({ allowedPublicCidrs: ["198.51.100.0/24"] }),
    );
}

describe("the bulwark command", () => {
    it("fails the preview of a weakened stack with exit code 1 and names the policy and the field", () => {
        const { code, out } = cli(["preview", "--project", weakenedProject(), "--stack", "weak"]);
        assert.strictEqual(code, 1, out);
        assert.match(out, /FAIL bulwark-aws@v/);
        assert.match(out, /\[mandatory\] \[severity: high\]\s+eks-endpoint-private \(aws:eks\/cluster:Cluster: /);
        assert.match(out, /vpcConfig\.publicAccessCidrs\[0\] "203\.0\.113\.0\/24" is not in the allowedPublicCidrs config/);
        assert.match(out, /error: preview failed: mandatory policy violations/);
    });

    it("writes per-pack --policy-pack-config files that the packs accept", async () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-config-"));
        const r = cli(["policy-config", "--project", weakenedProject(), "--stack", "weak", "--out", out]);
        assert.strictEqual(r.code, 0, r.out);
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

    it("exits 2 naming every bad config key, before anything is registered", function () {
        // The program reports its own error, through the SDK's reporter, which is slow under load.
        this.timeout(300_000);
        const dir = weakenedProject();
        fs.writeFileSync(path.join(dir, "Pulumi.bad.yaml"), "config:\n  bulwark:teams: [payments:admin]\n  bulwark:nodeMinSize: 5\n  bulwark:nodeMaxSize: 2\n");
        const { code, out } = cli(["preview", "--project", dir, "--stack", "bad"]);
        assert.strictEqual(code, 2, out);
        assert.match(out, /program\| InputPropertiesError: stack config \(Pulumi\.bad\.yaml\): 2 invalid arguments/);
        assert.match(out, /bulwark:teams\[0\]: "payments:admin" must be "<team>:<role>"/);
        assert.match(out, /bulwark:nodeMaxSize: \(2\) must be at least nodeMinSize \(5\)/);
        assert.doesNotMatch(out, /\n\s+at /, "no stack trace");
    });

    it("exits 2 with a clear error for a stack that does not exist", () => {
        const { code, out } = cli(["preview", "--stack", "nope"]);
        assert.strictEqual(code, 2);
        assert.match(out, /error: no config for stack "nope"/);
    });
});
