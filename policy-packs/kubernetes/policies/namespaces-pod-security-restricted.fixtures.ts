import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { bad, ok } from "../lib/platform.fixtures";

const PSA = "pod-security.kubernetes.io";
// Exemptions of a mandatory high-severity policy must end within 180 days: a month from today.
const expires = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
const restricted: Record<string, unknown> = {
    [`${PSA}/enforce`]: "restricted",
    [`${PSA}/enforce-version`]: "v1.33",
    [`${PSA}/audit`]: "restricted",
    [`${PSA}/warn`]: "restricted",
};
const namespace = (labels: Record<string, unknown> | undefined, name = "apps", kind = "Namespace"): ResourceCase["resource"] => ({
    type: `kubernetes:core/v1:${kind}`,
    name,
    props: { metadata: { name, ...(labels ? { labels } : {}) } },
});
const patch = (labels: Record<string, unknown>) => namespace(labels, "apps", "NamespacePatch");

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "restricted-pinned": ok(namespace(restricted)),
        "audit-and-warn-on-latest-version": ok(namespace({ ...restricted, [`${PSA}/audit-version`]: "latest", [`${PSA}/warn-version`]: "latest" })),
        "labels-unknown-at-preview": ok(namespace(UNKNOWN as unknown as Record<string, unknown>)),
        "version-unknown-at-preview": ok(namespace({ ...restricted, [`${PSA}/enforce-version`]: UNKNOWN })),
        "system-namespace-exempted": ok(namespace({ [`${PSA}/enforce`]: "privileged" }, "kube-system"), {
            exemptions: [{ namespaces: ["kube-system"], justification: "EKS add-ons run privileged DaemonSets; reviewed by platform security", expires }],
        }),
        "audit-and-warn-missing-is-only-advised-elsewhere": ok(
            namespace({ [`${PSA}/enforce`]: "restricted", [`${PSA}/enforce-version`]: "v1.33" }),
        ),
        "patch-that-leaves-the-labels-to-the-live-object": ok(patch({ "team": "payments" })),
        "patch-that-keeps-restricted-and-pins": ok(patch({ [`${PSA}/enforce`]: "restricted", [`${PSA}/enforce-version`]: "v1.34" })),
        "not-a-namespace": ok({ type: "kubernetes:core/v1:ConfigMap", props: { metadata: { name: "x", namespace: "apps" } } }),
    },
    fail: {
        "no-labels": bad(namespace(undefined), 'metadata.labels["pod-security.kubernetes.io/enforce"] must be "restricted" (unset, so the cluster default applies, privileged unless configured)'),
        "baseline-enforced": bad(namespace({ ...restricted, [`${PSA}/enforce`]: "baseline" }), '(found "baseline")'),
        "patch-that-turns-enforcement-to-privileged": bad(
            patch({ [`${PSA}/enforce`]: "privileged" }),
            `metadata.labels["${PSA}/enforce"] (found "privileged"): a NamespacePatch must not set Pod Security enforcement below "restricted"`,
        ),
        "patch-that-unpins-the-version": bad(patch({ [`${PSA}/enforce-version`]: "latest" }), `metadata.labels["${PSA}/enforce-version"] must pin`),
        "version-unpinned": bad(namespace({ ...restricted, [`${PSA}/enforce-version`]: undefined }), "unset, which means latest"),
        "version-latest": bad(namespace({ ...restricted, [`${PSA}/enforce-version`]: "latest" }), `metadata.labels["${PSA}/enforce-version"] must pin a version`),
        "exemption-for-another-namespace": bad(namespace({}, "payments"), "must be \"restricted\"", {
            exemptions: [{ namespaces: ["kube-system"], justification: "EKS add-ons run privileged DaemonSets", expires }],
        }),
    },
};
