/**
 * `npm run bench`: figures for the preview engine, printed, not asserted. Boot time of each built
 * pack (what `pulumi preview --policy-pack` pays per pack), Analyze round-trips per second over gRPC,
 * the in-process runner over the same resources, and the offline preview of the default stack with
 * its peak memory.
 */
import * as path from "path";
import { performance } from "perf_hooks";
import { policies as kubernetesPolicies } from "../policy-packs/kubernetes/pack";
import { startPolicyPack } from "../preview/analyzer-client";
import { runOfflinePreview } from "../preview/offline-preview";
import { analyzeResource } from "../preview/policy-runner";

const ROOT = path.resolve(__dirname, "..");

function deployment(i: number) {
    return {
        type: "kubernetes:apps/v1:Deployment",
        name: `web-${i}`,
        props: {
            metadata: { name: `web-${i}`, namespace: "apps" },
            spec: {
                template: {
                    spec: {
                        containers: [{ name: "app", image: "registry.example.com/app@sha256:" + "a".repeat(64), securityContext: { privileged: i % 2 === 0 } }],
                    },
                },
            },
        },
    };
}

async function time<T>(label: string, fn: () => Promise<T>): Promise<T> {
    const start = performance.now();
    const result = await fn();
    console.log(`${label.padEnd(58)} ${(performance.now() - start).toFixed(0).padStart(7)} ms`);
    return result;
}

async function main() {
    for (const pack of ["kubernetes", "aws"]) {
        const proc = await time(`boot policy-packs/${pack} (run-policy-pack, precompiled JS)`, () =>
            startPolicyPack(path.join(ROOT, "policy-packs", pack)),
        );
        await proc.close();
    }
    const N = 500;
    const pack = await startPolicyPack(path.join(ROOT, "policy-packs/kubernetes"));
    await pack.configure({});
    const start = performance.now();
    for (let i = 0; i < N; i++) await pack.analyze(deployment(i));
    const grpcMs = performance.now() - start;
    console.log(`${`Analyze over gRPC, ${N} Deployments`.padEnd(58)} ${grpcMs.toFixed(0).padStart(7)} ms  (${((N / grpcMs) * 1000).toFixed(0)}/s)`);
    await pack.close();

    const startLocal = performance.now();
    for (let i = 0; i < N; i++) await analyzeResource(kubernetesPolicies, deployment(i));
    const localMs = performance.now() - startLocal;
    console.log(`${`in-process runner, ${N} Deployments`.padEnd(58)} ${localMs.toFixed(0).padStart(7)} ms  (${((N / localMs) * 1000).toFixed(0)}/s)`);

    const report = await time("offline preview of stack 'dev' (record + both packs)", () =>
        runOfflinePreview({ projectDir: ROOT, stack: "dev", packs: ["policy-packs/kubernetes", "policy-packs/aws"] }),
    );
    console.log(`${"resources in the default stack".padEnd(58)} ${String(report.resources.length).padStart(7)}`);
    console.log(`${"peak resident memory of this process".padEnd(58)} ${(process.resourceUsage().maxRSS / 1024).toFixed(0).padStart(7)} MiB`);
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
