/**
 * The command as users get it: `npm pack` of this project, the tarball installed into a throw-away
 * project outside the repository with its own `@pulumi/*` packages from the registry, and
 * `npx bulwark` run there on that project's program. No TypeScript, tsx or source file of Bulwark's
 * is involved: only what the package ships.
 */
import * as assert from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "./projects";

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const NPX = process.platform === "win32" ? "npx.cmd" : "npx";

/** A team's program: a bucket with its public access block and encryption, and a second one without either. */
const PROGRAM = `"use strict";
const aws = require("@pulumi/aws");
const site = new aws.s3.Bucket("site", {});
new aws.s3.BucketPublicAccessBlock("site", {
    bucket: site.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
});
new aws.s3.BucketServerSideEncryptionConfiguration("site", {
    bucket: site.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }],
});
new aws.s3.Bucket("exports", {});
console.log("program says hello");
exports.siteBucket = site.bucket;
`;

describe("the packed bulwark command", function () {
    this.timeout(600_000);

    let work: string;
    // The throw-away project holds a full install; do not leave it behind.
    after(() => fs.rmSync(work, { recursive: true, force: true }));

    it("installs from its tarball into a project of its own and gates that project's program with npx bulwark preview", () => {
        work = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-packed-"));
        const packed = JSON.parse(execFileSync(NPM, ["pack", "--json", "--pack-destination", work], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
        const tarball = path.join(work, packed[0].filename);
        const shipped: string[] = packed[0].files.map((f: { path: string }) => f.path);
        assert.ok(shipped.includes("build/preview/cli.js"));
        assert.ok(shipped.includes("policy-packs/aws/bin/aws/index.js") && shipped.includes("policy-packs/kubernetes/bin/kubernetes/index.js"), "the compiled packs ship");
        assert.deepStrictEqual(shipped.filter((f) => f.endsWith(".ts") || f.startsWith("test/")), [], "no sources or tests ship");

        const ours = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).dependencies as Record<string, string>;
        const app = path.join(work, "app");
        fs.mkdirSync(app);
        fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({
            name: "team-app",
            private: true,
            main: "index.js",
            dependencies: { "@pulumi/pulumi": ours["@pulumi/pulumi"], "@pulumi/aws": ours["@pulumi/aws"], "@pulumi/kubernetes": ours["@pulumi/kubernetes"] },
            devDependencies: { bulwark: `file:${tarball}` },
        }, null, 2));
        fs.writeFileSync(path.join(app, "Pulumi.yaml"), "name: team-app\nruntime: nodejs\ndescription: A team's program\n");
        fs.writeFileSync(path.join(app, "Pulumi.dev.yaml"), "config:\n  aws:region: eu-central-1\n");
        // The security team's settings: customer-managed keys for every bucket.
        fs.writeFileSync(path.join(app, "policy.dev.yaml"), "requireKms: true\n");
        fs.writeFileSync(path.join(app, "index.js"), PROGRAM);
        execFileSync(NPM, ["install", "--prefer-offline", "--no-audit", "--no-fund"], { cwd: app, stdio: ["ignore", "pipe", "pipe"] });
        assert.ok(!fs.existsSync(path.join(app, "node_modules/bulwark/node_modules/@pulumi/pulumi")), "one @pulumi/pulumi, the project's");

        const help = spawnSync(NPX, ["--no-install", "bulwark", "--help"], { cwd: app, encoding: "utf8" });
        assert.strictEqual(help.status, 0, help.stderr);
        assert.match(help.stdout, /usage: bulwark preview/);

        const gate = spawnSync(NPX, ["--no-install", "bulwark", "preview", "--json", "-"], { cwd: app, encoding: "utf8", timeout: 300_000 });
        assert.strictEqual(gate.status, 1, `${gate.stdout}\n${gate.stderr}`);
        const report = JSON.parse(gate.stdout);
        assert.strictEqual(report.project, "team-app");
        assert.strictEqual(report.stack, "dev");
        assert.deepStrictEqual(report.packs.map((p: { name: string }) => p.name), ["bulwark-kubernetes", "bulwark-aws"]);
        const mandatory = report.violations.filter((v: { level: string }) => v.level === "mandatory");
        assert.deepStrictEqual(
            mandatory.map((v: { policy: string; urn: string }) => [v.policy, v.urn.split("::").pop()]).sort(),
            [["s3-bucket-encryption", "exports"], ["s3-bucket-public-access-block", "exports"]],
        );
        assert.match(gate.stderr, /program says hello/);
        assert.match(gate.stderr, /FAIL bulwark-aws@v\d/);
        assert.match(gate.stderr, /local: node_modules\/bulwark\/policy-packs\/aws/);
    });
});
