import type { PolicyFixtures, ResourceFixture, StackCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";

const ns = (name: string, metadataName: unknown = name): ResourceFixture => ({
    type: "kubernetes:core/v1:Namespace",
    name,
    props: { metadata: { name: metadataName } },
});
const denyAll = (namespace: unknown, spec: Record<string, unknown> = {}, name = `${String(namespace)}-deny-all`): ResourceFixture => ({
    type: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    name,
    props: { metadata: { name: "default-deny", namespace }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"], ...spec } },
});

const patchOf = (namespace: string, spec: Record<string, unknown>, name = "default-deny"): ResourceFixture => ({
    type: "kubernetes:networking.k8s.io/v1:NetworkPolicyPatch",
    name: `${namespace}-${name}-patch`,
    props: { metadata: { name, namespace }, spec },
});

export const fixtures: PolicyFixtures<StackCase> = {
    pass: {
        "every-namespace-denies-by-default": { resources: [ns("apps"), denyAll("apps"), ns("jobs"), denyAll("jobs")] },
        "allow-rules-beside-the-default-deny": {
            resources: [
                ns("apps"),
                denyAll("apps"),
                denyAll("apps", { podSelector: { matchLabels: { app: "web" } }, policyTypes: ["Ingress"], ingress: [{}] }, "allow-web"),
            ],
        },
        "patch-that-only-labels-the-selector-of-another-policy": {
            resources: [ns("apps"), denyAll("apps"), patchOf("apps", { ingress: [{}] }, "allow-web")],
        },
        "patched-policy-partly-unknown-at-preview": {
            resources: [ns("apps"), denyAll("apps", { policyTypes: UNKNOWN }), patchOf("apps", { podSelector: {} })],
        },
        "patch-that-keeps-it-denying": { resources: [ns("apps"), denyAll("apps"), patchOf("apps", { policyTypes: ["Ingress", "Egress"] })] },
        "stack-creates-no-namespace": { resources: [denyAll("apps")] },
        "network-policy-namespace-unknown-at-preview": { resources: [ns("apps"), denyAll(UNKNOWN)] },
        "namespace-name-unknown-at-preview": { resources: [ns("apps", UNKNOWN), denyAll("apps")] },
        "policy-types-unknown-at-preview": { resources: [ns("apps"), denyAll("apps", { policyTypes: UNKNOWN })] },
    },
    fail: {
        "patch-that-opens-the-default-deny": {
            resources: [ns("apps"), denyAll("apps"), patchOf("apps", { ingress: [{}] })],
            expect: 'NetworkPolicy "apps-deny-all": spec.ingress must be empty (it allows traffic) (after NetworkPolicyPatch "apps-default-deny-patch")',
        },
        "patch-that-narrows-the-selector": {
            resources: [ns("apps"), denyAll("apps"), patchOf("apps", { podSelector: { matchLabels: { app: "web" } } })],
            expect: "spec.podSelector must be {} to select every pod",
        },
        "namespace-without-network-policy": { resources: [ns("apps")], expect: 'Namespace "apps" has no default-deny NetworkPolicy' },
        "only-one-namespace-covered": { resources: [ns("apps"), denyAll("apps"), ns("jobs")], expect: 'Namespace "jobs"' },
        "ingress-only": {
            resources: [ns("apps"), denyAll("apps", { policyTypes: ["Ingress"] })],
            expect: 'spec.policyTypes must include "Egress"',
        },
        "selects-some-pods-only": {
            resources: [ns("apps"), denyAll("apps", { podSelector: { matchLabels: { app: "web" } } })],
            expect: "spec.podSelector must be {}",
        },
        "allows-egress": {
            resources: [ns("apps"), denyAll("apps", { egress: [{ to: [{ namespaceSelector: {} }] }] })],
            expect: "spec.egress must be empty",
        },
        "policy-in-another-namespace": { resources: [ns("apps"), denyAll("other")], expect: 'Namespace "apps"' },
        "unknown-namespace-name-and-no-network-policy": { resources: [ns("apps", UNKNOWN)], expect: 'Namespace "apps" has no default-deny' },
        "unknown-policy-that-cannot-deny-does-not-help": {
            resources: [ns("apps"), denyAll(UNKNOWN, { policyTypes: ["Ingress"] })],
            expect: 'Namespace "apps"',
        },
    },
};
