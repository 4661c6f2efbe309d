import * as assert from "assert";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import * as path from "path";
import { type PolicyPackProcess, startPolicyPack } from "../../preview/analyzer-client";
import { GraphAnalysis, analyzeGraphs, encodeResource, encodeStackRequest } from "../../preview/graph-analysis";
import { type PolicyInput, toPolicyInputs } from "../../preview/policy-runner";
import { recordGraph } from "../../preview/recorder";
import { sampleProgram } from "./sample-component";

const ROOT = path.resolve(__dirname, "../..");

/** What the engine would send: the same resource built message by message. */
function describedAsMessages(r: PolicyInput): analyzerproto.AnalyzerResource {
    const m = new analyzerproto.AnalyzerResource();
    m.setType(r.type);
    m.setUrn(r.urn!);
    m.setName(r.name!);
    if (r.parent) m.setParent(r.parent);
    m.setDependenciesList([...(r.dependencies ?? [])]);
    for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
        const d = new analyzerproto.AnalyzerPropertyDependencies();
        d.setUrnsList([...urns]);
        m.getPropertydependenciesMap().set(k, d);
    }
    return m;
}

describe("preview engine: each resource encoded once for every pack", () => {
    const input: PolicyInput = {
        type: "aws:s3/bucketV2:BucketV2",
        urn: "urn:pulumi:dev::shop::acme:Site$aws:s3/bucketV2:BucketV2::assets",
        name: "assets",
        // Long enough that the length prefix takes two bytes.
        props: { bucket: "assets", tags: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, `v${i}`])) },
        parent: "urn:pulumi:dev::shop::acme:Site::site",
        dependencies: ["urn:pulumi:dev::shop::aws:kms/key:Key::k"],
        propertyDependencies: { serverSideEncryption: ["urn:pulumi:dev::shop::aws:kms/key:Key::k"] },
        provider: { type: "pulumi:providers:aws", urn: "urn:pulumi:dev::shop::pulumi:providers:aws::eu", name: "eu", props: { region: "eu-west-1" } },
    };

    it("an Analyze request carries the resource, its options and its provider's inputs", () => {
        const req = analyzerproto.AnalyzeRequest.deserializeBinary(encodeResource(input).analyze);
        assert.strictEqual(req.getType(), input.type);
        assert.strictEqual(req.getUrn(), input.urn);
        assert.strictEqual(req.getName(), "assets");
        assert.deepStrictEqual(req.getProperties()!.toJavaScript(), input.props);
        assert.strictEqual(req.getOptions()!.getParent(), input.parent);
        assert.strictEqual(req.getProvider()!.getUrn(), input.provider!.urn);
        assert.deepStrictEqual(req.getProvider()!.getProperties()!.toJavaScript(), { region: "eu-west-1" });
    });

    it("an AnalyzeStack request decodes to every resource with its parent and dependencies, as one built message by message", () => {
        const other: PolicyInput = { ...input, urn: `${input.urn}-2`, name: "logs", parent: undefined, dependencies: [], propertyDependencies: {} };
        const decoded = analyzerproto.AnalyzeStackRequest.deserializeBinary(encodeStackRequest([input, other].map((r) => encodeResource(r))));
        const resources = decoded.getResourcesList();
        assert.strictEqual(resources.length, 2);
        for (const [i, r] of [input, other].entries()) {
            const got = resources[i];
            const want = describedAsMessages(r);
            assert.strictEqual(got.getUrn(), want.getUrn());
            assert.strictEqual(got.getType(), want.getType());
            assert.strictEqual(got.getParent(), want.getParent());
            assert.deepStrictEqual(got.getDependenciesList(), want.getDependenciesList());
            assert.deepStrictEqual(
                [...got.getPropertydependenciesMap().entries()].map(([k, v]) => [k, v.getUrnsList()]),
                [...want.getPropertydependenciesMap().entries()].map(([k, v]) => [k, v.getUrnsList()]),
            );
            assert.deepStrictEqual(got.getProperties()!.toJavaScript(), r.props);
            assert.strictEqual(got.getProvider()!.getName(), "eu");
        }
    });

    describe("over the Analyzer protocol", function () {
        this.timeout(120_000);
        let packs: PolicyPackProcess[] = [];
        before(async () => {
            packs = await Promise.all([startPolicyPack(path.join(__dirname, "sample-pack")), startPolicyPack(path.join(ROOT, "policy-packs/aws"))]);
            await Promise.all(packs.map((p) => p.configure({})));
        });
        after(async () => Promise.all(packs.map((p) => p.close())));

        it("every pack at once, many requests in flight, gives each pack what it gives alone, one request at a time, in the graph's order", async () => {
            const graph = await recordGraph(sampleProgram);
            const together = await analyzeGraphs(packs, graph.resources, { inFlight: 16 });
            for (const [k, pack] of packs.entries()) {
                const alone = { diagnostics: [] as unknown[], notApplicable: [] as unknown[] };
                for (const r of toPolicyInputs(graph.resources)) {
                    const res = await pack.analyze(r);
                    alone.diagnostics.push(...res.diagnostics);
                    alone.notApplicable.push(...res.notApplicable);
                }
                const stack = await pack.analyzeStack(graph.resources);
                alone.diagnostics.push(...stack.diagnostics);
                alone.notApplicable.push(...stack.notApplicable);
                assert.deepStrictEqual(together[k], alone, `pack ${k}`);
            }
            assert.ok(together.every((r) => r.diagnostics.length > 0), "both packs found something to report");
        });

        it("analyzes resources as they are added, once the packs are there, and answers a pack's failure at the end", async () => {
            const graph = await recordGraph(sampleProgram);
            const analysis = new GraphAnalysis(4);
            const [first, ...rest] = graph.resources;
            analysis.add(first);
            analysis.start(packs);
            for (const r of rest) analysis.add(r);
            await analysis.finish();
            const streamed = analysis.results(await analysis.stack());
            assert.deepStrictEqual(streamed, await analyzeGraphs(packs, graph.resources));

            const broken = new GraphAnalysis(2);
            const dead = await startPolicyPack(path.join(__dirname, "sample-pack"));
            await dead.close();
            broken.start([dead]);
            for (const r of graph.resources) broken.add(r);
            await assert.rejects(broken.finish(), /stopped during Analyze|Analyze/);
        });
    });
});
