import { resourcePolicy } from "../../common/policy";
import { isUnknown, previewResource } from "../lib/preview";
import { hasOwnRules, isRoleKind, rbacKindOf, rulesOf } from "../lib/rbac";
import { builtInRolesSelectedBy } from "../lib/rbac-builtin";
import { RBAC_TYPES } from "../lib/rbac";

export default resourcePolicy({
    name: "rbac-no-wildcards",
    types: RBAC_TYPES,
    description: "Roles and ClusterRoles must name their verbs, API groups and resources: no `*`, and no aggregation of every ClusterRole.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["4.1.3"], nist800190: ["4.3.1"], nsaCisa: ["5"] },
    remediation:
        "Replace each `*` with the exact verbs, API groups and resources the subject needs (e.g. verbs [get, list], " +
        'apiGroups ["apps"], resources ["deployments"]). Give an aggregated ClusterRole a selector with matchLabels.',
    validate: previewResource((preview, { type, props }, report) => {
        const kind = rbacKindOf(type);
        if (!isRoleKind(kind)) return;
        if (kind === "ClusterRole") {
            for (const { index, value: selector } of preview.items(() => props.aggregationRule?.clusterRoleSelectors)) {
                const labels = preview.read(() => Object.keys(selector?.matchLabels ?? {}).length);
                const expressions = preview.read(() => selector?.matchExpressions?.length ?? 0);
                if (isUnknown(labels) || isUnknown(expressions)) continue;
                if (labels + expressions === 0) {
                    report(
                        `aggregationRule.clusterRoleSelectors[${index}] is empty and selects every ClusterRole, cluster-admin included; ` +
                            "give it matchLabels",
                    );
                    continue;
                }
                const copied = preview.read(() => builtInRolesSelectedBy(JSON.parse(JSON.stringify(selector))).names);
                if (isUnknown(copied) || !copied.includes("cluster-admin")) continue;
                report(
                    `aggregationRule.clusterRoleSelectors[${index}] selects the built-in cluster-admin (every verb on every resource); ` +
                        "select only labels of your own ClusterRoles",
                );
            }
        }
        if (!hasOwnRules(props, preview)) return;
        for (const rule of rulesOf(props, preview)) {
            const wild: string[] = [];
            if (rule.verbs.includes("*")) wild.push(`${rule.path}.verbs`);
            if (rule.apiGroups.includes("*")) wild.push(`${rule.path}.apiGroups`);
            if (rule.resources.some((r) => r.includes("*"))) wild.push(`${rule.path}.resources`);
            if (rule.nonResourceURLs.includes("*")) wild.push(`${rule.path}.nonResourceURLs`);
            if (wild.length > 0) report(`${wild.join(", ")} must not contain "*"; list exactly what the ${kind} needs`);
        }
    }),
});
