import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { bad, ok } from "../lib/platform.fixtures";

const PSA = "pod-security.kubernetes.io";
const restricted: Record<string, unknown> = {
    [`${PSA}/enforce`]: "restricted",
    [`${PSA}/enforce-version`]: "v1.33",
    [`${PSA}/audit`]: "restricted",
    [`${PSA}/warn`]: "restricted",
};
const namespace = (labels: Record<string, unknown> | undefined, kind = "Namespace"): ResourceCase["resource"] => ({
    type: `kubernetes:core/v1:${kind}`,
    name: "apps",
    props: { metadata: { name: "apps", ...(labels ? { labels } : {}) } },
});

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "audit-and-warn-restricted": ok(namespace(restricted)),
        "enforcement-lifted-but-still-audited-and-warned": ok(namespace({ ...restricted, [`${PSA}/enforce`]: "privileged" })),
        "labels-unknown-at-preview": ok(namespace(UNKNOWN as unknown as Record<string, unknown>)),
        "patch-that-leaves-them-to-the-live-object": ok(namespace({ [`${PSA}/enforce`]: "restricted" }, "NamespacePatch")),
    },
    fail: {
        "no-labels": bad(namespace(undefined), `metadata.labels["${PSA}/audit"] should be "restricted" (unset): otherwise pods that break restricted`),
        "warn-missing": bad(namespace({ ...restricted, [`${PSA}/warn`]: undefined }), `metadata.labels["${PSA}/warn"] should be "restricted" (unset)`),
        "audit-baseline": bad(namespace({ ...restricted, [`${PSA}/audit`]: "baseline" }), '(found "baseline")'),
        "patch-that-lowers-warn": bad(namespace({ [`${PSA}/warn`]: "privileged" }, "NamespacePatch"), `metadata.labels["${PSA}/warn"]`),
    },
};
