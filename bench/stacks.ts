/**
 * The large-stack programs: N tenants, each a SecureNamespace, two SecureWorkloads and its team's
 * access, optionally beside the monitoring stack with its charts. `writeTenantProject(n)` writes a
 * Pulumi project per tenant count into bench/.stacks/ whose program is `tenantsProgram`, ready for
 * the offline preview to run as the engine's language host does (wall time split into recording,
 * chart rendering, pack boot and analysis; peak memory of every process): bench/large-stacks.ts.
 */
import * as fs from "fs";
import * as path from "path";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MonitoringStack, SecureNamespace, SecureWorkload, TeamAccess } from "../components/kubernetes";

const ROOT = path.resolve(__dirname, "..");
export const TENANT_COUNTS = [10, 100, 500] as const;

export interface TenantsOptions {
    readonly tenants: number;
    /** Add the monitoring stack, whose Helm charts the preview renders. */
    readonly monitoring: boolean;
}

/** The program: what a platform with `tenants` teams declares. */
export function tenantsProgram(options: TenantsOptions): () => Record<string, pulumi.Output<unknown>> {
    return () => {
        const provider = new k8s.Provider("cluster", { enableServerSideApply: true });
        const monitoring = options.monitoring
            ? new MonitoringStack("monitoring", {
                  provider,
                  storageClassName: "encrypted-gp3",
                  grafanaAdminPassword: pulumi.secret("bench-only"),
                  apiServerCidrs: ["10.0.0.0/16"],
                  nodeCidrs: ["10.0.0.0/16"],
              })
            : undefined;
        const teams = Array.from({ length: options.tenants }, (_, i) => `team-${i}`);
        const namespaces = teams.map(
            (team) =>
                new SecureNamespace(team, { provider, namespaceName: team, ...(monitoring ? { metricsScraper: { namespace: monitoring.namespace } } : {}) }),
        );
        for (const [i, team] of teams.entries()) {
            for (const role of ["web", "worker"]) {
                new SecureWorkload(
                    `${team}-${role}`,
                    {
                        provider,
                        namespace: team,
                        image: `registry.example.com/${role}@sha256:${"a".repeat(64)}`,
                        allowedRegistries: ["registry.example.com"],
                        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
                    },
                    { dependsOn: [namespaces[i]] },
                );
            }
        }
        const access = new TeamAccess("teams", { provider, teams: teams.map((team) => ({ name: team, namespaces: [team] })) }, { dependsOn: namespaces });
        return { teams: pulumi.output(teams), access: pulumi.output(access.urn) };
    };
}

/** Writes bench/.stacks/tenants-<n>[-monitoring]: a Pulumi project whose program is `tenantsProgram`. */
export function writeTenantProject(options: TenantsOptions): string {
    const name = `tenants-${options.tenants}${options.monitoring ? "-monitoring" : ""}`;
    const dir = path.join(ROOT, "bench", ".stacks", name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: index.ts\n`);
    fs.writeFileSync(path.join(dir, "Pulumi.bench.yaml"), "config: {}\n");
    const from = path.relative(dir, path.join(ROOT, "bench", "stacks")).split(path.sep).join("/");
    fs.writeFileSync(path.join(dir, "index.ts"), `import { tenantsProgram } from "${from}";\n\nexport = tenantsProgram(${JSON.stringify(options)});\n`);
    return dir;
}
