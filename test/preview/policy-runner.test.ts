import * as assert from "assert";
import * as path from "path";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policies as kubernetesPolicies } from "../../policy-packs/kubernetes/pack";
import { startPolicyPack } from "../../preview/analyzer-client";
import { analyzeAll, analyzeResource, analyzeStack, toPolicyInputs } from "../../preview/policy-runner";
import { recordGraph } from "../../preview/recorder";
import { UNKNOWN } from "../../preview/types";
import { sampleProgram } from "./sample-component";

const ROOT = path.resolve(__dirname, "../..");

const retention: ResourceValidationPolicy = {
    name: "log-retention",
    description: "Log groups keep logs for at least the configured number of days.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { minDays: { type: "integer", minimum: 1, default: 90 } } },
    validateResource: (args, report) => {
        const { minDays } = args.getConfig<{ minDays: number }>();
        if (args.type === "aws:cloudwatch/logGroup:LogGroup" && !(args.props.retentionInDays >= minDays)) {
            report(`retentionInDays must be at least ${minDays}`);
        }
    },
};

const parentsKnown: StackValidationPolicy = {
    name: "parents-known",
    description: "Every resource's parent is in the stack.",
    validateStack: (args, report) => {
        for (const r of args.resources) if (r.opts.parent && !r.parent) report(`parent of ${r.name} is missing`, r.urn);
    },
};

describe("preview engine: in-process policy runner", () => {
    it("builds validation args as the server does: config defaults, levels, props through the wire", async () => {
        const ok = await analyzeResource([retention], { type: "aws:cloudwatch/logGroup:LogGroup", props: { retentionInDays: 365 } });
        assert.deepStrictEqual(ok.diagnostics, []);
        const bad = await analyzeResource([retention], { type: "aws:cloudwatch/logGroup:LogGroup", props: { retentionInDays: 30, x: undefined } });
        assert.deepStrictEqual(bad.diagnostics.map((d) => [d.policyName, d.enforcementLevel]), [["log-retention", "mandatory"]]);
        assert.strictEqual(bad.diagnostics[0].message, `${retention.description}\nretentionInDays must be at least 90`);
        const configured = await analyzeResource(
            [retention],
            { type: "aws:cloudwatch/logGroup:LogGroup", props: { retentionInDays: 30 } },
            { config: { "log-retention": { enforcementLevel: "advisory", minDays: 60 } } },
        );
        assert.deepStrictEqual(configured.diagnostics.map((d) => d.enforcementLevel), ["advisory"]);
    });

    it("turns an unknown value into an advisory 'can't run during preview', never a violation", async () => {
        const r = await analyzeResource([retention], { type: "aws:cloudwatch/logGroup:LogGroup", props: { retentionInDays: UNKNOWN } });
        assert.deepStrictEqual(r.diagnostics.map((d) => d.enforcementLevel), ["advisory"]);
        assert.match(r.diagnostics[0].message, /can't run policy 'log-retention'.*during preview: string value at \.retentionInDays/);
    });

    it("validates config against each policy's schema and names the property", async () => {
        await assert.rejects(
            analyzeResource([retention], { type: "x", props: {} }, { config: { "log-retention": { minDays: "ninety" } } }),
            /log-retention\.minDays must be integer/,
        );
    });

    it("links parents and dependencies for stack policies", async () => {
        const graph = await recordGraph(sampleProgram);
        const all = toPolicyInputs(graph.resources);
        assert.deepStrictEqual((await analyzeStack([parentsKnown], all)).diagnostics, []);
        const orphaned = all.filter((r) => r.type !== "bulwark:test:Sample");
        const r = await analyzeStack([parentsKnown], orphaned);
        assert.strictEqual(r.diagnostics.length, 4, "the four children lost their parent");
        assert.ok(r.diagnostics.every((d) => d.urn?.includes("::sample-")));
    });

    it("gives the same verdicts as the real pack over the Analyzer protocol", async () => {
        const graph = await recordGraph(sampleProgram, { preview: true });
        const inputs = toPolicyInputs(graph.resources);
        const pack = await startPolicyPack(path.join(ROOT, "policy-packs/kubernetes"));
        try {
            const info = await pack.info();
            const local = await analyzeAll(kubernetesPolicies, inputs, { packName: info.name, packVersion: info.version });
            await pack.configure({});
            const remote = await pack.analyzeGraph(graph.resources);
            const key = (d: { policyName: string; message: string; enforcementLevel: string }) => `${d.policyName}|${d.enforcementLevel}|${d.message}`;
            assert.ok(local.diagnostics.length > 0, "the sample has a privileged pod");
            assert.deepStrictEqual(local.diagnostics.map(key).sort(), remote.diagnostics.map(key).sort());
        } finally {
            await pack.close();
        }
    });
});
