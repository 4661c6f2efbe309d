import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../common/policy";
import { effectiveNamespace } from "../lib/namespaces";
import { type Preview, isUnknown, previewStack } from "../lib/preview";

const NAMESPACE = "kubernetes:core/v1:Namespace";
const NETWORK_POLICY_TYPES = ["kubernetes:networking.k8s.io/v1:NetworkPolicy", "kubernetes:extensions/v1beta1:NetworkPolicy"];
const NETWORK_POLICY_PATCH_TYPES = NETWORK_POLICY_TYPES.map((t) => `${t}Patch`);

type Maybe = boolean | "maybe";

/** Whether a NetworkPolicy denies all ingress and egress to every pod of its namespace, and if not, why. */
function denyAll(props: Record<string, any>, preview: Preview): { verdict: Maybe; why: string[] } {
    const why: string[] = [];
    let unsure = false;
    const selector = preview.read(() => props.spec?.podSelector);
    const selectorSize = isUnknown(selector)
        ? selector
        : preview.read(() => Object.keys(selector?.matchLabels ?? {}).length + (selector?.matchExpressions?.length ?? 0));
    if (isUnknown(selectorSize)) unsure = true;
    else if (selector === undefined || selector === null) why.push("spec.podSelector must be {} (it is unset)");
    else if (selectorSize > 0) why.push("spec.podSelector must be {} to select every pod");
    const types = preview.items(() => props.spec?.policyTypes);
    const typesKnown = preview.read(() => props.spec?.policyTypes?.length);
    const names = types.map((t) => t.value);
    if (isUnknown(typesKnown) || names.length < (typesKnown ?? 0)) {
        if (!(names.includes("Ingress") && names.includes("Egress"))) unsure = true;
    } else {
        for (const t of ["Ingress", "Egress"]) if (!names.includes(t)) why.push(`spec.policyTypes must include "${t}"`);
    }
    for (const dir of ["ingress", "egress"]) {
        const rules = preview.read(() => props.spec?.[dir]?.length ?? 0);
        if (isUnknown(rules)) unsure = true;
        else if (rules > 0) why.push(`spec.${dir} must be empty (it allows traffic)`);
    }
    return { verdict: why.length > 0 ? false : unsure ? "maybe" : true, why };
}

/**
 * A NetworkPolicy as the stack's patches leave it: a `NetworkPolicyPatch` of the same name and
 * namespace replaces each spec field it sets (`policyTypes`, `ingress` and `egress` are whole lists;
 * the selector's labels are merged). Patches whose target is unknown at preview are left out.
 */
function patched(np: PolicyResource, patches: readonly PolicyResource[], preview: Preview): { props: Record<string, any>; by: string[] } {
    const name = preview.read(() => np.props.metadata?.name);
    const namespace = effectiveNamespace(np.props, np.provider, preview).namespace;
    if (typeof name !== "string" || isUnknown(namespace)) return { props: np.props, by: [] };
    const mine = patches.filter((p) => {
        const target = preview.read(() => p.props.metadata?.name);
        return target === name && effectiveNamespace(p.props, p.provider, preview).namespace === namespace;
    });
    if (mine.length === 0) return { props: np.props, by: [] };
    const base = preview.read(() => ({ ...np.props.spec }));
    // With part of the policy unknown, the patched policy is decided during the update.
    if (isUnknown(base)) return { props: np.props, by: [] };
    const spec: Record<string, any> = base;
    for (const p of mine) {
        const set = preview.read(() => ({ ...p.props.spec }));
        if (isUnknown(set)) continue;
        for (const [key, value] of Object.entries(set)) {
            if (key === "podSelector" && value && typeof value === "object") {
                const labels = { ...(spec.podSelector?.matchLabels ?? {}), ...((value as any).matchLabels ?? {}) };
                spec.podSelector = { ...spec.podSelector, ...value, matchLabels: labels };
            } else spec[key] = value;
        }
    }
    return { props: { metadata: np.props.metadata, spec }, by: mine.map((p) => p.name) };
}

/** The Namespace resource a NetworkPolicy's metadata was computed from (its namespace, when it is unknown at preview). */
function namespaceDependency(np: PolicyResource): PolicyResource | undefined {
    const deps = (np.propertyDependencies?.metadata ?? []).filter((d) => d.type === NAMESPACE);
    return deps.length === 1 ? deps[0] : undefined;
}

export default stackPolicy({
    name: "namespaces-default-deny-network-policy",
    description:
        "Every Namespace the stack creates must have a default-deny NetworkPolicy for both ingress and egress, as the stack's " +
        "NetworkPolicyPatches leave it.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["4.3.2", "5.4.4"], nist800190: ["4.3.3", "4.4.2"], nsaCisa: ["3"] },
    remediation:
        "Add to each Namespace a NetworkPolicy with `spec.podSelector: {}`, `spec.policyTypes: [Ingress, Egress]` and no " +
        "`ingress` or `egress` rules, then allow the flows each workload needs (DNS included) with further NetworkPolicies.",
    validate: previewStack((preview, { resources }, report) => {
        const namespaces = resources.filter((r) => r.type === NAMESPACE);
        if (namespaces.length === 0) return;
        const patches = resources.filter((r) => NETWORK_POLICY_PATCH_TYPES.includes(r.type));
        const policies = resources
            .filter((r) => NETWORK_POLICY_TYPES.includes(r.type))
            .map((np) => {
                const { props, by } = patched(np, patches, preview);
                const deny = denyAll(props, preview);
                const after = by.length > 0 ? ` (after NetworkPolicyPatch ${by.map((b) => `"${b}"`).join(", ")})` : "";
                return {
                    np,
                    namespace: effectiveNamespace(np.props, np.provider, preview).namespace,
                    dependency: namespaceDependency(np),
                    deny: { ...deny, why: deny.why.length > 0 && after ? [`${deny.why.join(", ")}${after}`] : deny.why },
                };
            });
        for (const ns of namespaces) {
            const name = preview.read(() => ns.props.metadata?.name);
            const inNamespace = (p: (typeof policies)[number]): Maybe => {
                if (!isUnknown(p.namespace) && typeof name === "string") return p.namespace === name;
                // A name unknown at preview (or left to autonaming) is matched through the graph instead.
                if (p.dependency) return p.dependency.urn === ns.urn;
                return isUnknown(p.namespace) || isUnknown(name) ? "maybe" : false;
            };
            const matches = policies.map((p) => ({ ...p, match: inNamespace(p) }));
            if (matches.some((p) => p.match === true && p.deny.verdict === true)) continue;
            if (matches.some((p) => p.match !== false && p.deny.verdict !== false)) continue; // decided during the update
            const label = typeof name === "string" ? `"${name}"` : `"${ns.name}"`;
            const near = matches
                .filter((p) => p.match === true)
                .map((p) => `NetworkPolicy "${p.np.name}": ${p.deny.why.join(", ")}`);
            report(
                `Namespace ${label} has no default-deny NetworkPolicy; add one with spec.podSelector {}, ` +
                    `spec.policyTypes ["Ingress", "Egress"] and no ingress/egress rules${near.length > 0 ? ` (${near.join("; ")})` : ""}`,
                { urn: ns.urn, name: ns.name, ...(typeof name === "string" ? { namespace: name, objectName: name } : {}) },
            );
        }
    }),
});
