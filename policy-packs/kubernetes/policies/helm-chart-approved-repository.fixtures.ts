import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { bad, ok } from "../lib/platform.fixtures";

const config = {
    allowedChartRepositories: ["https://kubernetes.github.io/ingress-nginx", "oci://123456789012.dkr.ecr.us-east-1.amazonaws.com/charts"],
};
const release = (props: Record<string, unknown>) => ({ type: "kubernetes:helm.sh/v3:Release", name: "web", props: { namespace: "apps", version: "1.0.0", ...props } });
const v4 = (props: Record<string, unknown>) => ({ type: "kubernetes:helm.sh/v4:Chart", name: "web", props: { namespace: "apps", version: "1.0.0", ...props } });
const v3 = (props: Record<string, unknown>) => ({ type: "kubernetes:helm.sh/v3:Chart", name: "web", props: { namespace: "apps", version: "1.0.0", ...props } });

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "release-from-approved-https-repo": ok(release({ chart: "ingress-nginx", repositoryOpts: { repo: "https://kubernetes.github.io/ingress-nginx/" } }), config),
        "v4-approved-oci-chart": ok(v4({ chart: "oci://123456789012.dkr.ecr.us-east-1.amazonaws.com/charts/web" }), config),
        "release-oci-repo-option": ok(release({ chart: "web", repositoryOpts: { repo: "oci://123456789012.dkr.ecr.us-east-1.amazonaws.com/charts" } }), config),
        "v3-fetch-opts-repo": ok(v3({ chart: "ingress-nginx", fetchOpts: { repo: "https://kubernetes.github.io/ingress-nginx" } }), config),
        "local-chart-reviewed-with-the-code": ok(v3({ path: "./charts/web" }), config),
        "repo-unknown-at-preview": ok(release({ chart: "web", repositoryOpts: { repo: UNKNOWN } }), config),
    },
    fail: {
        "nothing-approved-by-default": bad(
            release({ chart: "ingress-nginx", repositoryOpts: { repo: "https://kubernetes.github.io/ingress-nginx" } }),
            "no repository is approved: set allowedChartRepositories",
        ),
        "unapproved-repo": bad(release({ chart: "nginx", repositoryOpts: { repo: "https://charts.bitnami.com/bitnami" } }), 'repositoryOpts.repo fetches "https://charts.bitnami.com/bitnami/nginx"', config),
        "unapproved-oci-chart": bad(v4({ chart: "oci://registry-1.docker.io/bitnamicharts/nginx" }), 'chart fetches "oci://registry-1.docker.io/bitnamicharts/nginx"', config),
        "lookalike-prefix": bad(v4({ chart: "oci://123456789012.dkr.ecr.us-east-1.amazonaws.com/charts-evil/web" }), "not in an approved repository", config),
        "repository-alias-from-local-helm-config": bad(release({ chart: "bitnami/nginx" }), 'chart "bitnami/nginx" is resolved through the local Helm repository config', config),
        "v3-repo-alias": bad(v3({ chart: "nginx", repo: "stable" }), 'repo "stable/nginx"', config),
    },
};
