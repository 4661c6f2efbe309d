/**
 * The short fuzz run of `npm test`: a few hundred cases per property (a sample over the Analyzer
 * protocol), from a fixed seed so a failure reproduces; `FUZZ_SEED=<n>` tries another. `npm run fuzz`
 * is the long run. Run `npm run build` first.
 */
import * as assert from "assert";
import { type PolicyPackProcess, startPolicyPack } from "../../preview/analyzer-client";
import { PACKS } from "../policy-packs/packs";
import { type FuzzContext, PROPERTIES, fuzzContext, runProperty } from "./properties";

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS: Record<string, number> = { "no-throw": 400, deterministic: 200, "unknown-never-adds": 400, "pod-bearing-equivalence": 60, "protocol-agreement": 40 };

describe(`fuzzing both packs (seed ${SEED})`, function () {
    this.timeout(300_000);
    const processes: Record<string, PolicyPackProcess> = {};
    let ctx: FuzzContext;

    before(async () => {
        for (const [name, pack] of Object.entries(PACKS)) processes[name] = await startPolicyPack(pack.dir);
        ctx = fuzzContext(processes);
    });
    after(async () => Promise.all(Object.values(processes).map((p) => p.close())));

    for (const prop of PROPERTIES.filter((p) => !p.optIn)) {
        it(`${prop.name}: ${prop.description}`, async () => {
            const result = await runProperty(prop, ctx, { numRuns: RUNS[prop.name] ?? 100, seed: SEED });
            const f = result.failure;
            assert.ok(
                !f,
                f && `${f.error}\ncounterexample: ${f.counterexample}\nreplay: npm run fuzz -- --property ${prop.name} --seed ${f.seed} --path ${f.path}`,
            );
            assert.strictEqual(result.cases, RUNS[prop.name] ?? 100);
        });
    }
});
