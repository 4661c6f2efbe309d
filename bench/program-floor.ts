/**
 * The floor under a large stack's preview: the program alone, run as the engine's language host runs
 * it against the offline engine (bench/large-stacks.ts), with no policy pack. `tsx
 * bench/program-floor.ts <project dir> <stack> [chart cache]` prints one JSON line: resources and
 * wall time.
 */
import { performance } from "perf_hooks";
import { hostProgram } from "../preview/host/run";
import { readProgramProject } from "../preview/host/project";

async function main() {
    const [dir, stack, chartCache] = process.argv.slice(2);
    if (!dir || !stack) throw new Error("usage: tsx bench/program-floor.ts <project dir> <stack> [chart cache]");
    const start = performance.now();
    const run = await hostProgram({ project: readProgramProject(dir), stack, config: {}, secretKeys: [], onProgramOutput: () => undefined, ...(chartCache ? { chartCache } : {}) });
    console.log(JSON.stringify({ resources: run.resources.length, wallMs: performance.now() - start }));
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
