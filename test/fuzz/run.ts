/**
 * `npm run fuzz -- [--runs 100000] [--property <name>] [--seed <n> --path <p>] [--protocol-runs 2000]`
 *
 * Runs every fuzz property, sharing `--runs` cases among them by weight, plus a sample over the
 * Analyzer protocol against the real packs. Prints the count per property, the totals, and for a
 * failure the command that replays it. Exits 1 on a failure.
 */
import { parseArgs } from "util";
import { type PolicyPackProcess, startPolicyPack } from "../../preview/analyzer-client";
import { PACKS } from "../policy-packs/packs";
import { PROPERTIES, type PropertyResult, fuzzContext, runProperty, tally } from "./properties";

async function main(): Promise<number> {
    const { values } = parseArgs({
        options: {
            runs: { type: "string", default: "100000" },
            "protocol-runs": { type: "string", default: "2000" },
            property: { type: "string" },
            seed: { type: "string" },
            path: { type: "string" },
        },
        strict: true,
    });
    const total = Number(values.runs);
    const protocolRuns = Number(values["protocol-runs"]);
    if (!Number.isInteger(total) || total < 1) throw new Error(`--runs must be a positive whole number, not "${values.runs}"`);
    if (!Number.isInteger(protocolRuns) || protocolRuns < 0) throw new Error(`--protocol-runs must be a whole number, not "${values["protocol-runs"]}"`);
    if (values.path !== undefined && values.seed === undefined) throw new Error("--path needs --seed (both are printed with a failure)");
    const chosen = PROPERTIES.filter((p) => (values.property ? p.name === values.property : !p.optIn));
    if (chosen.length === 0) throw new Error(`no property "${values.property}" (known: ${PROPERTIES.map((p) => p.name).join(", ")})`);

    const processes: Record<string, PolicyPackProcess> = {};
    if (chosen.some((p) => p.overProtocol) && protocolRuns > 0) {
        for (const [name, pack] of Object.entries(PACKS)) processes[name] = await startPolicyPack(pack.dir);
    }
    const ctx = fuzzContext(processes);
    const inProcess = chosen.filter((p) => !p.overProtocol);
    const weights = inProcess.reduce((s, p) => s + p.weight, 0);
    const seed = values.seed !== undefined ? Number(values.seed) : Date.now() ^ (Math.random() * 0x7fffffff);
    console.log(`fuzzing ${chosen.length} properties over ${ctx.seeds.length} seed resources of ${Object.keys(PACKS).length} packs (seed ${seed})`);

    const results: PropertyResult[] = [];
    const started = Date.now();
    try {
        for (const prop of chosen) {
            if (prop.overProtocol && protocolRuns === 0) continue;
            const numRuns = prop.overProtocol ? protocolRuns : Math.max(1, Math.round((total * prop.weight) / weights));
            const result = await runProperty(prop, ctx, { numRuns, seed, path: values.path });
            results.push(result);
            console.log(`  ${result.failure ? "FAIL" : "ok  "} ${prop.name}: ${result.cases} cases — ${prop.description}`);
            if (result.failure) {
                const f = result.failure;
                console.log(`       ${f.error.split("\n").join("\n       ")}`);
                console.log(`       counterexample: ${f.counterexample}`);
                console.log(`       replay: npm run fuzz -- --property ${prop.name} --seed ${f.seed} --path ${f.path}`);
            }
        }
    } finally {
        await Promise.all(Object.values(processes).map((p) => p.close()));
    }
    const cases = results.reduce((s, r) => s + r.cases, 0);
    const failed = results.filter((r) => r.failure);
    console.log(
        `${cases} cases (${tally.analyses} analyses) in ${Math.round((Date.now() - started) / 1000)} s: ` +
            `${failed.length} failing properties, ${tally.throws} throws, ${tally.unknownCausedMandatory} unknown-caused mandatory violations`,
    );
    return failed.length > 0 ? 1 : 0;
}

if (require.main === module) {
    main().then(
        (code) => process.exit(code),
        (e: Error) => {
            console.error(`error: ${e.message}`);
            process.exit(2);
        },
    );
}

