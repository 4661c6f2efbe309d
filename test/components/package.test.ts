/**
 * The components as a package: `npm pack` in components/, the tarball unpacked into a throw-away
 * project outside the repository (as `npm install <tarball>` would), its typed entry points checked
 * by the TypeScript compiler without skipLibCheck, and a program that uses them run under mocks.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Exemption as ComponentExemption } from "../../components/kubernetes";
import type { Exemption as PackExemption } from "../../policy-packs/common/exemptions";

const ROOT = path.resolve(__dirname, "../..");
const PEERS = ["@pulumi/pulumi", "@pulumi/aws", "@pulumi/kubernetes", "@pulumi/random", "@pulumi/tls", "@types/node"];

// The components declare the packs' exemption shape themselves; both ways assignable, so they stay one shape.
const toPack = (e: ComponentExemption): PackExemption => e;
const toComponent = (e: PackExemption): ComponentExemption => e;

const PROGRAM_TS = `
import * as pulumi from "@pulumi/pulumi";
import { HardenedCluster, defaultKubernetesVersion } from "@bulwark/components/aws";
import { SecureNamespace, TeamAccess, TEAM_ROLE_PROMISES } from "@bulwark/components/kubernetes";
import { aws, kubernetes } from "@bulwark/components";

export function program(): { version: string; deployerMountsSecrets: boolean } {
    const cluster: HardenedCluster = new HardenedCluster("acme", { protect: false, access: { teams: [{ name: "payments", role: "deployer" }] } });
    new SecureNamespace("payments", { provider: cluster.provider, namespaceName: "payments" });
    new TeamAccess("teams", { provider: cluster.provider, teams: [{ name: "payments", namespaces: ["payments"] }] });
    const sameClass: typeof aws.HardenedCluster = HardenedCluster;
    const sameNs: typeof kubernetes.SecureNamespace = SecureNamespace;
    void sameClass; void sameNs; void pulumi;
    return { version: defaultKubernetesVersion(), deployerMountsSecrets: TEAM_ROLE_PROMISES.deployer.mountsAnySecret };
}
`;

const RUN_JS = `
const pulumi = require("@pulumi/pulumi");
const registered = [];
pulumi.runtime.setMocks({
    newResource: (a) => { registered.push(a.type); return { id: a.name + "-id", state: a.inputs }; },
    call: (a) => (a.token === "aws:index/getCallerIdentity:getCallerIdentity" ? { accountId: "123456789012" }
        : a.token === "aws:index/getRegion:getRegion" ? { name: "us-east-1", region: "us-east-1" }
        : a.token === "aws:index/getPartition:getPartition" ? { partition: "aws", dnsSuffix: "amazonaws.com" }
        : a.token === "aws:index/getAvailabilityZones:getAvailabilityZones" ? { names: ["a", "b", "c"] } : {}),
}, "throwaway", "dev", true).then(async () => {
    const out = require("./program.js").program();
    // Drains every outstanding registration before reading what was registered.
    await pulumi.runtime.disconnect();
    process.stdout.write(JSON.stringify({ out, registered }));
});
`;

describe("@bulwark/components as a package", function () {
    this.timeout(240_000);
    let dir: string;
    let tarball: string;

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-consumer-"));
        const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: path.join(ROOT, "components"), encoding: "utf8" }));
        tarball = path.join(dir, packed[0].filename);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("packs the compiled modules, their declarations and the README, nothing else, and cleans up after", () => {
        const files = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).trim().split("\n");
        assert.ok(files.includes("package/bin/components/index.js"));
        assert.ok(files.includes("package/bin/components/kubernetes/index.d.ts"));
        assert.ok(files.includes("package/bin/policy-packs/aws/lib/eks-calendar.js"), "the calendar the defaults come from travels with them");
        assert.ok(files.includes("package/README.md"));
        assert.deepEqual(files.filter((f) => !/^package\/(bin\/.*\.(js|d\.ts)|README\.md|package\.json)$/.test(f)), []);
        assert.equal(files.some((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")), false, "no sources");
        assert.equal(fs.existsSync(path.join(ROOT, "components/bin")), false, "postpack removes the build");
    });

    it("type-checks and runs from a throw-away project outside the repository", () => {
        const modules = path.join(dir, "node_modules");
        fs.mkdirSync(path.join(modules, "@bulwark"), { recursive: true });
        execFileSync("tar", ["xzf", tarball, "-C", path.join(modules, "@bulwark")]);
        fs.renameSync(path.join(modules, "@bulwark", "package"), path.join(modules, "@bulwark", "components"));
        // The peers, as the consumer's own install provides them.
        for (const peer of PEERS) {
            fs.mkdirSync(path.dirname(path.join(modules, peer)), { recursive: true });
            fs.symlinkSync(fs.realpathSync(path.join(ROOT, "node_modules", peer)), path.join(modules, peer), "dir");
        }
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "throwaway", private: true, dependencies: { "@bulwark/components": `file:${tarball}` } }));
        fs.writeFileSync(path.join(dir, "program.ts"), PROGRAM_TS);
        fs.writeFileSync(
            path.join(dir, "tsconfig.json"),
            JSON.stringify({ compilerOptions: { target: "ES2022", module: "node16", moduleResolution: "node16", strict: true, skipLibCheck: false, types: ["node"], outDir: "." }, files: ["program.ts"] }),
        );
        const tsc = path.join(ROOT, "node_modules/typescript/bin/tsc");
        try {
            execFileSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: dir, encoding: "utf8" });
        } catch (err) {
            assert.fail(`the consumer's program does not type-check:\n${(err as { stdout?: string }).stdout}`);
        }
        fs.writeFileSync(path.join(dir, "run.js"), RUN_JS);
        const result = JSON.parse(execFileSync(process.execPath, ["run.js"], { cwd: dir, encoding: "utf8" }));
        assert.match(result.out.version, /^1\.\d+$/);
        assert.equal(result.out.deployerMountsSecrets, true);
        for (const type of ["bulwark:aws:HardenedCluster", "aws:eks/cluster:Cluster", "bulwark:kubernetes:SecureNamespace", "kubernetes:rbac.authorization.k8s.io/v1:Role"]) {
            assert.ok(result.registered.includes(type), `${type} registered from the installed package`);
        }
        assert.ok(!fs.realpathSync(path.join(modules, "@bulwark/components")).startsWith(ROOT), "the package is a copy, not the repository");
    });

    it("holds its exemption shape to the packs'", () => {
        const e = { policies: ["x"], namespaces: ["n"], justification: "why" };
        assert.deepEqual(toComponent(toPack(e)), e);
    });
});
