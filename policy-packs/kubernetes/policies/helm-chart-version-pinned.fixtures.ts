import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { bad, ok } from "../lib/platform.fixtures";

const release = (props: Record<string, unknown>) => ({ type: "kubernetes:helm.sh/v3:Release", name: "ingress", props: { namespace: "ingress", ...props } });
const v4 = (props: Record<string, unknown>) => ({ type: "kubernetes:helm.sh/v4:Chart", name: "ingress", props: { namespace: "ingress", ...props } });
const v3 = (props: Record<string, unknown>) => ({ type: "kubernetes:helm.sh/v3:Chart", name: "ingress", props: { namespace: "ingress", ...props } });
const repo = { repositoryOpts: { repo: "https://kubernetes.github.io/ingress-nginx" } };

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "release-exact-version": ok(release({ chart: "ingress-nginx", version: "4.11.3", ...repo })),
        "v4-oci-exact-version": ok(v4({ chart: "oci://ghcr.io/acme/charts/web", version: "1.2.3-rc.1" })),
        "v3-fetch-opts-version": ok(v3({ chart: "ingress-nginx", fetchOpts: { repo: "https://kubernetes.github.io/ingress-nginx", version: "4.11.3" } })),
        "v3-local-path": ok(v3({ path: "./charts/web" })),
        "v4-local-chart": ok(v4({ chart: "./charts/web" })),
        "archive-url-names-one-version": ok(v4({ chart: "https://charts.example.com/web-1.2.3.tgz" })),
        "version-unknown-at-preview": ok(release({ chart: "ingress-nginx", version: UNKNOWN, ...repo })),
    },
    fail: {
        "release-version-unset": bad(release({ chart: "ingress-nginx", ...repo }), "version must be an exact chart version such as \"1.2.3\" (it is unset"),
        "caret-range": bad(release({ chart: "ingress-nginx", version: "^4.11.0", ...repo }), 'found "^4.11.0"'),
        "x-range": bad(v4({ chart: "oci://ghcr.io/acme/charts/web", version: "1.x" }), 'found "1.x"'),
        "empty-version": bad(v4({ chart: "web", version: "", ...repo }), "it is unset"),
        "v3-chart-without-version": bad(v3({ chart: "ingress-nginx", fetchOpts: { repo: "https://kubernetes.github.io/ingress-nginx" } }), "fetchOpts.version"),
        "constraint": bad(v3({ chart: "stable/nginx", version: ">=1.0.0" }), 'found ">=1.0.0"'),
    },
};
