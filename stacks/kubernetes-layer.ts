/**
 * The in-cluster platform both stacks share: monitoring, a restricted namespace and least-privilege
 * RBAC per team, and a sample SecureWorkload that shows the shape teams ship in.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { MonitoringStack, SecureNamespace, SecureWorkload, TeamAccess } from "../components/kubernetes";
import type { PlatformConfig } from "./config";

export interface ClusterFacts {
    readonly provider: k8s.Provider;
    /** The StorageClass for the monitoring volumes. */
    readonly storageClassName: pulumi.Input<string>;
    /** Where pods reach the API server (NetworkPolicy egress); undefined: anywhere on 443/6443. */
    readonly apiServerCidrs?: string[];
    /** The nodes' addresses, which Prometheus scrapes; undefined: anywhere on 9100/10250. */
    readonly nodeCidrs?: string[];
    /** Registries the sample workload may pull from. */
    readonly allowedRegistries: string[];
}

export function kubernetesLayer(cfg: PlatformConfig, cluster: ClusterFacts) {
    const provider = cluster.provider;
    const teamNames = [...new Set(cfg.teams.map((t) => t.team))];

    const monitoring = new MonitoringStack("monitoring", {
        provider,
        storageClassName: cluster.storageClassName,
        // Unset, the component generates one and keeps it, encrypted, in the stack's state.
        grafanaAdminPassword: cfg.grafanaAdminPassword,
        controlPlaneMetrics: cfg.controlPlaneMetrics,
        ...(cluster.apiServerCidrs ? { apiServerCidrs: cluster.apiServerCidrs } : {}),
        ...(cluster.nodeCidrs ? { nodeCidrs: cluster.nodeCidrs } : {}),
    });

    // Team namespaces deny all traffic but DNS, and let Prometheus in to scrape their workloads.
    const namespaces = teamNames.map(
        (team) => new SecureNamespace(team, { provider, namespaceName: team, metricsScraper: { namespace: monitoring.namespace } }),
    );
    const access = new TeamAccess(
        "teams",
        { provider, teams: teamNames.map((team) => ({ name: team, namespaces: [team] })) },
        { dependsOn: namespaces },
    );

    // The sample runs in the first team's namespace, reachable from that team's pods only.
    let sample: SecureWorkload | undefined;
    if (cfg.sampleImage && teamNames.length > 0) {
        sample = new SecureWorkload(
            "sample",
            {
                provider,
                namespace: teamNames[0],
                image: cfg.sampleImage,
                allowedRegistries: cluster.allowedRegistries,
                resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "200m", memory: "128Mi" } },
                ingressFrom: [{ namespace: teamNames[0] }],
                probePath: "/",
            },
            { dependsOn: namespaces },
        );
    }

    return {
        teamNamespaces: namespaces.map((n) => n.namespaceName),
        teamGroups: access.teamGroups,
        breakGlassGroup: access.breakGlassGroup,
        grafanaServiceName: monitoring.grafanaServiceName,
        alertmanagerServiceName: monitoring.alertmanagerServiceName,
        sampleServiceName: sample?.serviceName,
        // Exemptions the components need, reviewed with the stack's policy settings (npm run policy-config).
        policyExemptions: monitoring.policyExemptions,
    };
}
