/**
 * The pack users would pick instead of ours for AWS: `@pulumi/awsguard`, installed from npm into
 * bench/.cache/awsguard at bench time (never a project dependency) and served as a policy pack of
 * its own, every policy enabled at its defaults.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
export const AWSGUARD_VERSION = "0.3.1";
const DIR = path.join(ROOT, "bench", ".cache", "awsguard");

/** Installs awsguard once (npm, pinned) and writes a pack around it; returns the pack's folder. */
export function awsguardPack(): string {
    const installed = path.join(DIR, "node_modules", "@pulumi", "awsguard", "package.json");
    fs.mkdirSync(DIR, { recursive: true });
    fs.writeFileSync(
        path.join(DIR, "package.json"),
        JSON.stringify(
            {
                name: "awsguard-bench",
                version: "0.0.0",
                private: true,
                main: "index.js",
                dependencies: { "@pulumi/awsguard": AWSGUARD_VERSION },
                // The policy runtime our packs run on (the newest that runs on Node.js 20).
                overrides: { "@pulumi/pulumi": "3.248.0" },
            },
            null,
            2,
        ),
    );
    const version = fs.existsSync(installed) ? (JSON.parse(fs.readFileSync(installed, "utf8")) as { version: string }).version : undefined;
    if (version?.replace(/^v/, "") !== AWSGUARD_VERSION) {
        console.error(`installing @pulumi/awsguard@${AWSGUARD_VERSION} into ${path.relative(ROOT, DIR)} (once) ...`);
        execFileSync("npm", ["install", "--no-audit", "--no-fund", "--no-save"], { cwd: DIR, stdio: ["ignore", "ignore", "inherit"] });
    }
    fs.writeFileSync(path.join(DIR, "PulumiPolicy.yaml"), "description: AWSGuard, for comparison.\nruntime: nodejs\n");
    fs.writeFileSync(path.join(DIR, "index.js"), 'const { AwsGuard } = require("@pulumi/awsguard");\nnew AwsGuard({ all: "advisory" });\n');
    return DIR;
}
