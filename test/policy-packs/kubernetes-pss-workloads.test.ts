/**
 * The same upstream Pod Security fixtures, wrapped in the pod-bearing kinds a program declares:
 * each kind must get the verdicts the bare Pod gets, with messages naming the kind's own field paths.
 * Over the Analyzer protocol too: the pack configures once there, so 6 x 148 analyses take seconds.
 * Needs `npm run build` first.
 */
import * as assert from "assert";
import * as path from "path";
import { type WorkloadKind, WORKLOAD_KINDS, wrapPod } from "../../policy-packs/kubernetes/lib/pods.fixtures";
import { type AnalyzableResource, type PolicyPackProcess, startPolicyPack } from "../../preview/analyzer-client";
import { disagreements, enforcedAt, loadCases, podResource } from "./kubernetes-pss-cases";
import { ROOT } from "./packs";

const KINDS: WorkloadKind[] = ["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"];

describe("policy pack kubernetes: Pod Security Standards across workload kinds", () => {
    const cases = loadCases();
    let pack: PolicyPackProcess;
    const pssDiagnostics = async (resource: AnalyzableResource) =>
        (await pack.analyze(resource)).diagnostics.filter((d) => d.policyName.startsWith("pss-"));

    before(async () => {
        pack = await startPolicyPack(path.join(ROOT, "policy-packs/kubernetes"));
        await pack.configure({});
    });
    after(async () => pack?.close());

    const asPodCache = new Map<string, Awaited<ReturnType<typeof pssDiagnostics>>>();
    const asPod = async (c: (typeof cases)[number]) => {
        if (!asPodCache.has(c.id)) asPodCache.set(c.id, await pssDiagnostics(podResource(c)));
        return asPodCache.get(c.id)!;
    };

    it("serves the 19 pss-* policies", async () => {
        const names = (await pack.info()).policies.map((p) => p.name).filter((n) => n.startsWith("pss-"));
        assert.strictEqual(names.length, 19, names.join(", "));
    });

    for (const kind of KINDS) {
        it(`gives a ${kind} the verdicts of the bare Pod on all ${cases.length} fixtures`, async () => {
            const { spec: specPath, metadata: metadataPath } = WORKLOAD_KINDS[kind];
            const problems: string[] = [];
            for (const c of cases) {
                const bare = await asPod(c);
                const wrapped = await pssDiagnostics(
                    wrapPod(kind, { spec: c.pod.spec, metadata: { annotations: c.pod.metadata.annotations } }, String(c.pod.metadata.name)),
                );
                const names = (ds: typeof bare) => [...new Set(ds.filter((d) => enforcedAt(c.level, d.policyName)).map((d) => d.policyName))].sort();
                if (names(bare).join() !== names(wrapped).join()) {
                    problems.push(`${c.id}: Pod flagged by [${names(bare)}], ${kind} by [${names(wrapped)}]`);
                }
                problems.push(...disagreements(c, wrapped).map((p) => `${c.id}: ${p}`));
                for (const d of wrapped) {
                    if (!d.message.startsWith(`${specPath}.`) && !d.message.startsWith(`${metadataPath}.`)) {
                        problems.push(`${c.id}: ${d.policyName} names no ${kind} field path: ${d.message}`);
                    }
                }
            }
            assert.deepStrictEqual(problems, []);
        });
    }
});
