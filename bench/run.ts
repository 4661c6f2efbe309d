/**
 * `npm run bench`: figures for the preview engine, each beside its target; exits 1 when one is
 * missed. Boot time of each built pack (what `pulumi preview --policy-pack` pays per pack), Analyze
 * round-trips over gRPC, the in-process runner over the same resources, and the offline preview of
 * the default stack with this process's peak memory.
 */
import * as path from "path";
import { performance } from "perf_hooks";
import { policies as kubernetesPolicies } from "../policy-packs/kubernetes/pack";
import { startPolicyPack } from "../preview/analyzer-client";
import { runOfflinePreview } from "../preview/offline-preview";
import { analyzeResource } from "../preview/policy-runner";

const ROOT = path.resolve(__dirname, "..");
const N = 500;
let missed = 0;

/** One figure: lower is better unless `atLeast`. */
function figure(label: string, value: number, unit: string, target: number, atLeast = false) {
    const ok = atLeast ? value >= target : value <= target;
    if (!ok) missed++;
    const shown = `${value.toFixed(0)} ${unit}`;
    console.log(`${label.padEnd(62)} ${shown.padStart(12)}   target ${atLeast ? ">=" : "<="} ${target} ${unit}   ${ok ? "ok" : "MISSED"}`);
}

function deployment(i: number) {
    return {
        type: "kubernetes:apps/v1:Deployment",
        name: `web-${i}`,
        props: {
            metadata: { name: `web-${i}`, namespace: "apps" },
            spec: {
                template: {
                    spec: {
                        containers: [{ name: "app", image: `registry.example.com/app@sha256:${"a".repeat(64)}`, securityContext: { privileged: i % 2 === 0 } }],
                    },
                },
            },
        },
    };
}

async function main() {
    for (const pack of ["kubernetes", "aws"]) {
        const start = performance.now();
        const proc = await startPolicyPack(path.join(ROOT, "policy-packs", pack));
        figure(`boot policy-packs/${pack} (run-policy-pack, compiled JS)`, performance.now() - start, "ms", 2500);
        await proc.close();
    }

    const pack = await startPolicyPack(path.join(ROOT, "policy-packs/kubernetes"));
    await pack.configure({});
    let start = performance.now();
    for (let i = 0; i < N; i++) await pack.analyze(deployment(i));
    figure(`Analyze over gRPC, ${N} Deployments, 39 policies`, (N / (performance.now() - start)) * 1000, "/s", 150, true);
    await pack.close();

    start = performance.now();
    for (let i = 0; i < N; i++) await analyzeResource(kubernetesPolicies, deployment(i));
    figure(`in-process runner, ${N} Deployments, 39 policies`, (N / (performance.now() - start)) * 1000, "/s", 500, true);

    start = performance.now();
    const report = await runOfflinePreview({ projectDir: ROOT, stack: "dev", packs: ["policy-packs/kubernetes", "policy-packs/aws"] });
    figure(`offline preview of 'dev' (${report.resources.length} resources, 2 packs)`, performance.now() - start, "ms", 15000);
    figure("peak resident memory of this process", process.resourceUsage().maxRSS / 1024, "MiB", 1024);
    if (missed > 0) {
        console.error(`${missed} target(s) missed`);
        process.exit(1);
    }
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
