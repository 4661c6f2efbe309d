import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { throwIfInvalid } from "../../validation";
import {
    DEFAULT_BREAK_GLASS_GROUP,
    DEFAULT_CLUSTER_VIEWER_GROUP,
    DEFAULT_GROUP_PREFIX,
    type TeamAccessArgs,
    teamGroup,
    validateTeamAccessArgs,
} from "./args";
import { CLUSTER_VIEWER_RULES, TEAM_ROLE_RULES, TEAM_ROLES, type TeamRole } from "./rules";

const RBAC_GROUP = "rbac.authorization.k8s.io";

/**
 * Least-privilege RBAC: per team namespace, viewer/developer/deployer Roles bound to
 * identity-provider groups; one cluster-wide read-only role; and a single break-glass group as the
 * only cluster-admin binding.
 */
export class TeamAccess extends pulumi.ComponentResource {
    /** Group names by team and role, for the identity provider (and the EKS access mapping). */
    public readonly teamGroups: Readonly<Record<string, Readonly<Record<TeamRole, string>>>>;
    /** The group bound to cluster-admin; give it to the policy packs' `breakGlassGroups`. */
    public readonly breakGlassGroup: string;
    /** The groups bound to the cluster-wide read-only role. */
    public readonly clusterViewerGroups: readonly string[];

    constructor(name: string, args: TeamAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        throwIfInvalid("TeamAccess", validateTeamAccessArgs(args));
        super("bulwark:kubernetes:TeamAccess", name, {}, opts);

        const child = { parent: this, provider: args.provider };
        const prefix = args.groupPrefix ?? DEFAULT_GROUP_PREFIX;
        const labels = { "app.kubernetes.io/managed-by": "bulwark" };
        const teamGroups: Record<string, Record<TeamRole, string>> = {};

        for (const team of args.teams ?? []) {
            const groups = {} as Record<TeamRole, string>;
            for (const role of TEAM_ROLES) groups[role] = team.groups?.[role] ?? teamGroup(team.name, role, prefix);
            teamGroups[team.name] = groups;
            for (const namespace of team.namespaces) {
                for (const role of TEAM_ROLES) {
                    const objectName = `${team.name}-${role}`;
                    const r = new k8s.rbac.v1.Role(
                        `${name}-${team.name}-${namespace}-${role}`,
                        { metadata: { name: objectName, namespace, labels }, rules: TEAM_ROLE_RULES[role].map((rule) => ({ ...rule })) },
                        child,
                    );
                    new k8s.rbac.v1.RoleBinding(
                        `${name}-${team.name}-${namespace}-${role}-binding`,
                        {
                            metadata: { name: objectName, namespace, labels },
                            roleRef: { apiGroup: RBAC_GROUP, kind: "Role", name: r.metadata.name },
                            subjects: [{ apiGroup: RBAC_GROUP, kind: "Group", name: groups[role] }],
                        },
                        child,
                    );
                }
            }
        }

        const clusterViewerGroups = [...(args.clusterViewerGroups ?? [DEFAULT_CLUSTER_VIEWER_GROUP])];
        const viewer = new k8s.rbac.v1.ClusterRole(
            `${name}-cluster-viewer`,
            { metadata: { name: `${name}-cluster-viewer`, labels }, rules: CLUSTER_VIEWER_RULES.map((rule) => ({ ...rule })) },
            child,
        );
        if (clusterViewerGroups.length > 0) {
            new k8s.rbac.v1.ClusterRoleBinding(
                `${name}-cluster-viewer-binding`,
                {
                    metadata: { name: `${name}-cluster-viewer`, labels },
                    roleRef: { apiGroup: RBAC_GROUP, kind: "ClusterRole", name: viewer.metadata.name },
                    subjects: clusterViewerGroups.map((g) => ({ apiGroup: RBAC_GROUP, kind: "Group", name: g })),
                },
                child,
            );
        }

        const breakGlassGroup = args.breakGlassGroup ?? DEFAULT_BREAK_GLASS_GROUP;
        // The one standing path to cluster-admin: a group that is empty until an incident, whose
        // membership changes are audited in the identity provider.
        new k8s.rbac.v1.ClusterRoleBinding(
            `${name}-break-glass`,
            {
                metadata: { name: `${name}-break-glass`, labels },
                roleRef: { apiGroup: RBAC_GROUP, kind: "ClusterRole", name: "cluster-admin" },
                subjects: [{ apiGroup: RBAC_GROUP, kind: "Group", name: breakGlassGroup }],
            },
            child,
        );

        this.teamGroups = teamGroups;
        this.breakGlassGroup = breakGlassGroup;
        this.clusterViewerGroups = clusterViewerGroups;
        this.registerOutputs({ teamGroups, breakGlassGroup, clusterViewerGroups });
    }
}
