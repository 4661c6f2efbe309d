/**
 * The platform: a hardened EKS cluster, a restricted namespace and least-privilege RBAC per team,
 * and the in-cluster visibility stack. Every value comes from the stack's config (`Pulumi.<stack>.yaml`).
 */
import { HardenedCluster } from "../components/aws";
import { MonitoringStack, SecureNamespace, TeamAccess } from "../components/kubernetes";
import { readPlatformConfig } from "./config";

export function platform() {
    const cfg = readPlatformConfig();
    const teamNames = [...new Set(cfg.teams.map((t) => t.team))];

    const cluster = new HardenedCluster(cfg.clusterName, {
        kubernetesVersion: cfg.kubernetesVersion,
        network: { cidrBlock: cfg.vpcCidr, natGateways: cfg.natGateways },
        nodeGroups: [{ name: "system", instanceTypes: cfg.nodeInstanceTypes, minSize: cfg.nodeMinSize, maxSize: cfg.nodeMaxSize }],
        logRetentionDays: cfg.logRetentionDays,
        access: {
            ...(cfg.adminPrincipalArns.length > 0 ? { adminPrincipalArns: cfg.adminPrincipalArns } : {}),
            teams: cfg.teams.map((t) => ({ name: t.team, role: t.role })),
        },
        registry: { repositories: cfg.approvedRepositories },
        guardDutyRuntimeMonitoring: cfg.guardDutyRuntimeMonitoring ? {} : undefined,
        weakenings: cfg.publicEndpointCidrs.length > 0 ? { publicEndpointCidrs: cfg.publicEndpointCidrs } : undefined,
    });
    const provider = cluster.provider;

    const monitoring = new MonitoringStack("monitoring", {
        provider,
        storageClassName: cluster.storageClassName,
        // Unset, the component generates one and keeps it, encrypted, in the stack's state.
        grafanaAdminPassword: cfg.grafanaAdminPassword,
        // The `kubernetes` Service address (what the VPC CNI's policy agent sees) and the VPC.
        apiServerCidrs: cluster.apiServerCidrs,
        nodeCidrs: [cfg.vpcCidr],
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

    return {
        clusterName: cluster.clusterName,
        endpoint: cluster.endpoint,
        clusterSecurityGroupId: cluster.clusterSecurityGroupId,
        serviceCidr: cluster.serviceCidr,
        oidcIssuer: cluster.oidcIssuer,
        kubeconfig: cluster.kubeconfig,
        kmsKeyArn: cluster.kmsKeyArn,
        registryHost: cluster.registryHost,
        repositoryUrls: cluster.repositoryUrls,
        adminRoleArn: cluster.adminRoleArn,
        viewerRoleArn: cluster.viewerRoleArn,
        teamRoleArns: cluster.teamRoleArns,
        storageClassName: cluster.storageClassName,
        teamNamespaces: namespaces.map((n) => n.namespaceName),
        teamGroups: access.teamGroups,
        breakGlassGroup: access.breakGlassGroup,
        grafanaServiceName: monitoring.grafanaServiceName,
        alertmanagerServiceName: monitoring.alertmanagerServiceName,
        // Exemptions the components need, reviewed with the stack's policy settings (npm run policy-config).
        policyExemptions: monitoring.policyExemptions,
    };
}
