import * as assert from "assert";
import { ProgramError } from "../../../preview/host/errors";
import { readProgramProject } from "../../../preview/host/project";
import { hostProgram } from "../../../preview/host/run";
import { runOfflinePreview } from "../../../preview/offline-preview";
import { UNKNOWN } from "../../../preview/types";
import { outputSink, programProject } from "./programs";

const JS_PROJECT = (name: string) => `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n`;

describe("program host: runs programs as Pulumi's Node.js language host does", function () {
    this.timeout(300_000);

    it("runs a program with a circular import, as CommonJS modules load under `pulumi preview`", async () => {
        const dir = programProject("circular", {
            "index.ts": `import * as random from "@pulumi/random";
export const prefix = "acme";
import { names } from "./naming";

export const pets = names().map((n) => new random.RandomPet(n, { prefix }).id);
`,
            "naming.ts": `import * as index from "./index";

// Read when called, once index.ts has finished loading.
export function names(): string[] {
    return [\`\${index.prefix}-web\`, \`\${index.prefix}-api\`];
}
`,
        });
        const report = await runOfflinePreview({ projectDir: dir, stack: "dev", packs: [], onProgramOutput: () => undefined });
        assert.deepStrictEqual(report.resources.filter((r) => r.type === "random:index/randomPet:RandomPet").map((r) => [r.name, r.inputs.prefix]), [
            ["acme-web", "acme"],
            ["acme-api", "acme"],
        ]);
        assert.deepStrictEqual(report.outputs.pets, [UNKNOWN, UNKNOWN], "IDs of new resources are unknown in a preview");
    });

    it("runs an ES module program with top-level await, its named exports as the stack's outputs", async () => {
        const dir = programProject("esm", {
            "Pulumi.yaml": JS_PROJECT("esm"),
            "package.json": JSON.stringify({ name: "esm", type: "module", main: "index.js" }),
            "label.txt": "checkout\n",
            "index.js": `import * as random from "@pulumi/random";
import { readFile } from "node:fs/promises";

const label = (await readFile("label.txt", "utf8")).trim();
const pet = new random.RandomPet(label, { length: 3 });

export const petLabel = label;
export const petId = pet.id;
`,
        });
        const report = await runOfflinePreview({ projectDir: dir, stack: "dev", packs: [], onProgramOutput: () => undefined });
        const pet = report.resources.find((r) => r.type === "random:index/randomPet:RandomPet");
        assert.strictEqual(pet?.name, "checkout");
        assert.strictEqual(pet?.inputs.length, 3);
        assert.strictEqual(report.outputs.petLabel, "checkout");
        assert.strictEqual(report.outputs.petId, UNKNOWN);
    });

    it("reports a program error with the user's file and line, marked as the program's, and its output kept off stdout", async () => {
        const dir = programProject("failing", {
            "index.ts": `import * as random from "@pulumi/random";

console.log("creating the pet");
new random.RandomPet("pet");

function checkRegion(region: string): void {
    throw new Error(\`region \${region} is not allowed\`);
}
checkRegion("mars-1");
`,
        });
        const out = outputSink();
        await assert.rejects(runOfflinePreview({ projectDir: dir, stack: "dev", packs: [], onProgramOutput: out.onProgramOutput }), (e: Error) => {
            assert.ok(e instanceof ProgramError, `${e.name}: ${e.message}`);
            assert.match(e.message, /program\| .*region mars-1 is not allowed/);
            assert.match(e.message, /program\| .*index\.ts:7:\d+/, "the line that threw");
            assert.match(e.message, /program\| .*index\.ts:9:\d+/, "the line that called it");
            return true;
        });
        assert.match(out.text(), /creating the pet/, "what the program prints goes to onProgramOutput");
    });

    it("ends a program that never settles (a promise that never resolves, a timer keeping it alive) with a ProgramError", async () => {
        const dir = programProject("hanging", {
            "Pulumi.yaml": JS_PROJECT("hanging"),
            "package.json": JSON.stringify({ name: "hanging", main: "index.js" }),
            "index.js": `const random = require("@pulumi/random");
new random.RandomPet("pet");
setInterval(() => undefined, 1000);
exports.never = new Promise(() => undefined);
`,
        });
        await assert.rejects(
            runOfflinePreview({ projectDir: dir, stack: "dev", packs: [], onProgramOutput: () => undefined, programTimeoutMs: 20_000 }),
            (e: Error) => e instanceof ProgramError && /did not finish within 20 s: its stack outputs never settled \(2 resources registered\)/.test(e.message),
        );
    });

    it("reports a registration that waits on a promise that never resolves, when nothing else keeps the program alive", async () => {
        const dir = programProject("leaking", {
            "Pulumi.yaml": JS_PROJECT("leaking"),
            "package.json": JSON.stringify({ name: "leaking", main: "index.js" }),
            "index.js": `const random = require("@pulumi/random");
new random.RandomPet("pet", { prefix: new Promise(() => undefined) });
`,
        });
        await assert.rejects(
            runOfflinePreview({ projectDir: dir, stack: "dev", packs: [], onProgramOutput: () => undefined, programTimeoutMs: 60_000 }),
            (e: Error) => {
                assert.ok(e instanceof ProgramError, `${e.name}: ${e.message}`);
                // The SDK's own leak report, as `pulumi preview` prints it.
                assert.match(e.message, /program\| The Pulumi runtime detected that \d+ promises were still active/);
                return true;
            },
        );
    });

    it("keeps the SDK's stack trace of every leaked promise, source-mapped to the program, when PULUMI_DEBUG_PROMISE_LEAKS asks for it", async () => {
        const dir = programProject("leaking-debug", {
            "index.ts": `import * as random from "@pulumi/random";

function petWithPrefix(prefix: Promise<string>) {
    return new random.RandomPet("pet", { prefix });
}
petWithPrefix(new Promise<string>(() => undefined));
`,
        });
        const before = process.env.PULUMI_DEBUG_PROMISE_LEAKS;
        process.env.PULUMI_DEBUG_PROMISE_LEAKS = "true";
        try {
            await assert.rejects(
                runOfflinePreview({ projectDir: dir, stack: "dev", packs: [], onProgramOutput: () => undefined, programTimeoutMs: 60_000 }),
                (e: Error) => {
                    assert.ok(e instanceof ProgramError, `${e.name}: ${e.message}`);
                    assert.match(e.message, /program\| Promise leak detected/);
                    assert.match(e.message, /program\| STACK_TRACE:\n\s+program\| Error:?\s*\n\s+program\|\s+at (Object\.)?debuggablePromise/, "the trace as the SDK formats it");
                    assert.match(e.message, /program\|\s+at .*index\.ts:4:\d+/, "the program's line, source-mapped");
                    assert.doesNotMatch(e.message, /stack trace not kept/);
                    return true;
                },
            );
        } finally {
            if (before === undefined) delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
            else process.env.PULUMI_DEBUG_PROMISE_LEAKS = before;
        }
    });

    it("passes the program's info, warnings and errors to the engine, and drops the debug messages no preview shows", async () => {
        const dir = programProject("logging", {
            "index.ts": `import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

const pet = new random.RandomPet("pet");
pulumi.log.debug("a debug note", pet);
pulumi.log.info("an info note", pet);
pulumi.log.warn("a warning");
`,
        });
        const run = await hostProgram({ project: readProgramProject(dir), stack: "dev", config: {}, secretKeys: [], onProgramOutput: () => undefined });
        assert.deepStrictEqual(
            run.logs.map((l) => [l.severity, l.message]),
            [
                ["info", "an info note"],
                ["warning", "a warning"],
            ],
        );
        assert.ok(run.logs[0].urn?.endsWith("::pet"), "a message about a resource names it");
    });

    it("ends a program that finished but whose timer keeps it running, as `pulumi preview` would never end", async () => {
        const dir = programProject("lingering", {
            "Pulumi.yaml": JS_PROJECT("lingering"),
            "package.json": JSON.stringify({ name: "lingering", main: "index.js" }),
            "index.js": `const random = require("@pulumi/random");
new random.RandomPet("pet");
setInterval(() => undefined, 1000);
`,
        });
        await assert.rejects(
            runOfflinePreview({ projectDir: dir, stack: "dev", packs: [], onProgramOutput: () => undefined }),
            (e: Error) => e instanceof ProgramError && /registered its stack outputs but did not exit within 10 s: a timer/.test(e.message),
        );
    });

    it("runs the program's transforms where the engine does: the resource's own, its ancestors', then the stack's", async () => {
        const dir = programProject("transforms", {
            "Pulumi.yaml": JS_PROJECT("transforms"),
            "package.json": JSON.stringify({ name: "transforms", main: "index.js" }),
            "index.js": `const pulumi = require("@pulumi/pulumi");
const random = require("@pulumi/random");

// Every pet gets a separator unless it has one; the team's component prefixes its children.
pulumi.runtime.registerResourceTransform((args) =>
    args.type === "random:index/randomPet:RandomPet" ? { props: { separator: "_", ...args.props }, opts: args.opts } : undefined,
);
class Team extends pulumi.ComponentResource {
    constructor(name, opts) {
        super("acme:index:Team", name, {}, opts);
        new random.RandomPet(name + "-pet", { length: 2 }, { parent: this });
        this.registerOutputs({});
    }
}
new Team("payments", { transforms: [(args) => ({ props: { ...args.props, prefix: "payments" }, opts: args.opts })] });
new random.RandomPet("plain", { separator: "." });
`,
        });
        const report = await runOfflinePreview({ projectDir: dir, stack: "dev", packs: [], onProgramOutput: () => undefined });
        // A transformed registration is recorded once its transforms have answered, so order by name.
        const pets = report.resources.filter((r) => r.type === "random:index/randomPet:RandomPet").sort((a, b) => a.name.localeCompare(b.name));
        assert.deepStrictEqual(
            pets.map((p) => [p.name, p.inputs]),
            [
                ["payments-pet", { length: 2, prefix: "payments", separator: "_" }],
                ["plain", { separator: "." }],
            ],
        );
        assert.deepStrictEqual(pets[0].outputs, pets[0].inputs, "the provider sees the transformed inputs");
    });

    it("leaves what a preview reads from elsewhere unknown: stack references and existing resources", async () => {
        const dir = programProject("reads", {
            "Pulumi.yaml": JS_PROJECT("reads"),
            "package.json": JSON.stringify({ name: "reads", main: "index.js" }),
            "index.js": `const pulumi = require("@pulumi/pulumi");
const aws = require("@pulumi/aws");
const network = new pulumi.StackReference("acme/network/prod");
const legacy = aws.s3.Bucket.get("legacy", "legacy-bucket-123");
exports.vpc = network.requireOutput("vpcId").apply((v) => v.toUpperCase());
exports.legacyArn = legacy.arn;
exports.legacyId = legacy.id;
`,
        });
        const report = await runOfflinePreview({ projectDir: dir, stack: "dev", packs: [], onProgramOutput: () => undefined });
        assert.deepStrictEqual(report.outputs, { vpc: UNKNOWN, legacyArn: UNKNOWN, legacyId: "legacy-bucket-123" });
        assert.deepStrictEqual(report.resources.map((r) => r.type), ["pulumi:pulumi:Stack"], "reads are not resources the preview creates");
    });

    it("runs the program's invoke transforms before the invoke is answered", async () => {
        const dir = programProject("invoke-transforms", {
            "Pulumi.yaml": JS_PROJECT("invoke-transforms"),
            "package.json": JSON.stringify({ name: "invoke-transforms", main: "index.js" }),
            "index.js": `const pulumi = require("@pulumi/pulumi");
const aws = require("@pulumi/aws");
pulumi.runtime.registerInvokeTransform((args) => ({ args: { ...args.args, state: "available" }, opts: args.opts }));
exports.zones = aws.getAvailabilityZonesOutput({ allAvailabilityZones: false }).names;
`,
        });
        const run = await hostProgram({ project: readProgramProject(dir), stack: "dev", config: {}, secretKeys: [], onProgramOutput: () => undefined });
        const zones = run.invokes.find((i) => i.token === "aws:index/getAvailabilityZones:getAvailabilityZones");
        assert.deepStrictEqual(zones?.args, { allAvailabilityZones: false, state: "available" });
        assert.deepStrictEqual(run.outputs.zones, ["us-east-1a", "us-east-1b", "us-east-1c"], "answered by the default mocks");
    });

    it("lists a component its provider builds (a multi-language component) as incomplete, and still analyzes it", async () => {
        const dir = programProject("remote", {
            "index.ts": `import * as pulumi from "@pulumi/pulumi";

// What @pulumi/eks's Cluster is to the engine: a component the eks provider constructs.
class Cluster extends pulumi.ComponentResource {
    constructor(name: string, args: { version: string }, opts?: pulumi.ComponentResourceOptions) {
        super("eks:index:Cluster", name, args, opts, true);
    }
}
const cluster = new Cluster("platform", { version: "1.33" });
// A method the provider implements, as @pulumi/eks's getKubeconfig() calls it.
export const kubeconfig = pulumi.runtime.call<{ result: string }>("eks:index:Cluster/getKubeconfig", { __self__: cluster }, cluster).apply((r) => r.result.length);
`,
        });
        const report = await runOfflinePreview({ projectDir: dir, stack: "dev", packs: [], onProgramOutput: () => undefined });
        const cluster = report.resources.find((r) => r.type === "eks:index:Cluster");
        assert.ok(cluster?.remote);
        assert.deepStrictEqual(cluster.inputs, { version: "1.33" });
        assert.deepStrictEqual(report.incomplete.map((i) => [i.urn, i.type]), [[cluster.urn, "eks:index:Cluster"]]);
        assert.match(report.incomplete[0].reason, /eks:index:Cluster/);
        assert.strictEqual(report.outputs.kubeconfig, UNKNOWN, "what the provider would compute is unknown, not a crash");
    });
});
