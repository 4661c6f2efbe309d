import type * as k8s from "@pulumi/kubernetes";
import { DNS_LABEL, type Problem } from "../../validation";
import { TEAM_ROLES, type TeamRole } from "./rules";

/** The only group bound to cluster-admin; the policy packs' `breakGlassGroups` default names it too. */
export const DEFAULT_BREAK_GLASS_GROUP = "bulwark:break-glass-admins";

/** The group bound to the cluster-wide read-only role. */
export const DEFAULT_CLUSTER_VIEWER_GROUP = "bulwark:cluster-viewers";

/** The prefix of team groups: `<prefix>:<team>:<role>`. */
export const DEFAULT_GROUP_PREFIX = "bulwark";

/** The identity-provider group of one team role, by the naming convention. */
export function teamGroup(team: string, role: TeamRole, prefix: string = DEFAULT_GROUP_PREFIX): string {
    return `${prefix}:${team}:${role}`;
}

export interface TeamSpec {
    /** The team's name, a DNS label; it names its groups and Roles. */
    readonly name: string;
    /** The namespaces the team works in; each gets the three Roles and their bindings. */
    readonly namespaces: readonly string[];
    /** Group names overriding the convention, by role. Default: `<groupPrefix>:<team>:<role>`. */
    readonly groups?: Readonly<Partial<Record<TeamRole, string>>>;
}

export interface TeamAccessArgs {
    /** The cluster. Required. */
    readonly provider: k8s.Provider;
    /** The teams and their namespaces. Default: none (cluster-level bindings only). */
    readonly teams?: readonly TeamSpec[];
    /** Prefix of the conventional team group names. Default: "bulwark". */
    readonly groupPrefix?: string;
    /**
     * The identity-provider group bound to cluster-admin, for emergencies only. Default:
     * "bulwark:break-glass-admins". Give the same name to the packs' `breakGlassGroups`.
     */
    readonly breakGlassGroup?: string;
    /** Groups bound to the cluster-wide read-only role (no Secrets). Default: ["bulwark:cluster-viewers"]. */
    readonly clusterViewerGroups?: readonly string[];
}

const RESERVED_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];

function checkGroup(problems: Problem[], path: string, group: unknown): void {
    if (typeof group !== "string" || group.trim() === "") {
        problems.push({ propertyPath: path, reason: "must be a non-empty group name" });
    } else if (group.startsWith("system:")) {
        problems.push({ propertyPath: path, reason: `"${group}" is a Kubernetes system group; bind identity-provider groups only` });
    }
}

/** Every problem with the arguments, each naming its property; empty when they are usable. */
export function validateTeamAccessArgs(args: TeamAccessArgs): Problem[] {
    const problems: Problem[] = [];
    if (!args.provider) problems.push({ propertyPath: "provider", reason: "is required: pass the k8s.Provider of the target cluster" });
    if (args.groupPrefix !== undefined && !/^[a-z0-9][-a-z0-9.]*$/.test(args.groupPrefix)) {
        problems.push({ propertyPath: "groupPrefix", reason: `"${args.groupPrefix}" must be lowercase letters, digits, '-' and '.'` });
    }
    checkGroup(problems, "breakGlassGroup", args.breakGlassGroup ?? DEFAULT_BREAK_GLASS_GROUP);
    (args.clusterViewerGroups ?? []).forEach((g, i) => checkGroup(problems, `clusterViewerGroups[${i}]`, g));

    const seen = new Set<string>();
    (args.teams ?? []).forEach((team, i) => {
        if (typeof team.name !== "string" || !DNS_LABEL.test(team.name)) {
            problems.push({ propertyPath: `teams[${i}].name`, reason: `"${String(team.name)}" must be a DNS label (lowercase letters, digits, '-')` });
        } else if (seen.has(team.name)) {
            problems.push({ propertyPath: `teams[${i}].name`, reason: `"${team.name}" is given twice; list each team once` });
        }
        seen.add(team.name);
        if (!Array.isArray(team.namespaces) || team.namespaces.length === 0) {
            problems.push({ propertyPath: `teams[${i}].namespaces`, reason: "must list at least one namespace" });
        }
        (team.namespaces ?? []).forEach((ns, j) => {
            if (!DNS_LABEL.test(ns)) {
                problems.push({ propertyPath: `teams[${i}].namespaces[${j}]`, reason: `"${ns}" is not a namespace name` });
            } else if (RESERVED_NAMESPACES.includes(ns)) {
                problems.push({ propertyPath: `teams[${i}].namespaces[${j}]`, reason: `"${ns}" belongs to the cluster; give teams their own namespaces` });
            } else if (team.namespaces.indexOf(ns) !== j) {
                problems.push({ propertyPath: `teams[${i}].namespaces[${j}]`, reason: `"${ns}" is listed twice` });
            }
        });
        for (const [role, group] of Object.entries(team.groups ?? {})) {
            if (!(TEAM_ROLES as readonly string[]).includes(role)) {
                problems.push({ propertyPath: `teams[${i}].groups.${role}`, reason: `is not a role; use ${TEAM_ROLES.join(", ")}` });
            } else {
                checkGroup(problems, `teams[${i}].groups.${role}`, group);
            }
        }
    });
    return problems;
}
