/**
 * One in-process figure, in a process of its own so that its peak memory is its own:
 * `tsx bench/in-process.ts <count>` runs the Kubernetes pack's policies over `count` generated
 * workloads with the in-process runner and prints one JSON line. Run it under `node --cpu-prof` to
 * see where the time goes.
 */
import { performance } from "perf_hooks";
// The policies as the pack ships them (compiled by `npm run build`), as the policy server runs them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { policies } = require("../policy-packs/kubernetes/bin/kubernetes/pack") as typeof import("../policy-packs/kubernetes/pack");
import { analyzeResource } from "../preview/policy-runner";
import { KUBERNETES_CONFIG, workload } from "./resources";

export interface InProcessFigure {
    readonly workloads: number;
    readonly seconds: number;
    readonly perSecond: number;
    /** CPU time of the whole process (every thread), and workloads per CPU second: the rate on one core. */
    readonly cpuSeconds: number;
    readonly perCpuSecond: number;
    readonly diagnostics: number;
    /** Peak resident set of the whole process, in MiB. */
    readonly peakRssMiB: number;
}

async function main() {
    const count = Number(process.argv[2]);
    if (!Number.isInteger(count) || count <= 0) throw new Error(`usage: tsx bench/in-process.ts <count>: "${process.argv[2]}" is not a positive integer`);
    // Warm the JIT on a few hundred workloads first, as a long preview would be warm.
    for (let i = 0; i < 2000; i++) await analyzeResource(policies, workload(i), { config: KUBERNETES_CONFIG });
    let diagnostics = 0;
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < count; i++) diagnostics += (await analyzeResource(policies, workload(i), { config: KUBERNETES_CONFIG })).diagnostics.length;
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const figure: InProcessFigure = {
        workloads: count,
        seconds,
        perSecond: count / seconds,
        cpuSeconds,
        perCpuSecond: count / cpuSeconds,
        diagnostics,
        peakRssMiB: process.resourceUsage().maxRSS / 1024,
    };
    console.log(JSON.stringify(figure));
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
