import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { bad, ok } from "../lib/platform.fixtures";

const service = (
    type: unknown,
    namespace: unknown = "apps",
    spec: Record<string, unknown> = {},
    annotations?: Record<string, unknown>,
    kind = "Service",
): ResourceCase["resource"] => ({
    type: `kubernetes:core/v1:${kind}`,
    name: "web",
    props: {
        metadata: { name: "web", namespace, ...(annotations ? { annotations } : {}) },
        spec: { ...(type === undefined ? {} : { type }), ports: [{ port: 80 }], ...spec },
    },
});
const LB_ALLOWED = { allowedServiceTypesByNamespace: { apps: ["ClusterIP", "LoadBalancer"] } };
const SCHEME = "service.beta.kubernetes.io/aws-load-balancer-scheme";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "cluster-ip": ok(service("ClusterIP")),
        "type-unset-means-cluster-ip": ok(service(undefined)),
        "load-balancer-allowed-in-its-public-namespace": ok(service("LoadBalancer", "ingress"), {
            allowedServiceTypesByNamespace: { ingress: ["ClusterIP", "LoadBalancer"] },
            publicLoadBalancerNamespaces: ["ingress"],
        }),
        "node-port-allowed-everywhere": ok(service("NodePort"), { allowedServiceTypes: ["ClusterIP", "NodePort"] }),
        "type-unknown-at-preview": ok(service(UNKNOWN)),
        "internal-load-balancer": ok(service("LoadBalancer", "apps", {}, { [SCHEME]: "internal" }), LB_ALLOWED),
        "in-tree-internal-annotation": ok(service("LoadBalancer", "apps", {}, { "service.beta.kubernetes.io/aws-load-balancer-internal": "true" }), LB_ALLOWED),
        "load-balancer-controller-defaults-to-internal": ok(service("LoadBalancer", "apps", { loadBalancerClass: "service.k8s.aws/nlb" }), LB_ALLOWED),
        "internet-facing-for-listed-clients": ok(
            service("LoadBalancer", "apps", { loadBalancerSourceRanges: ["203.0.113.0/24"] }, { [SCHEME]: "internet-facing" }),
            LB_ALLOWED,
        ),
        "public-entry-point-namespace": ok(service("LoadBalancer", "apps"), { ...LB_ALLOWED, publicLoadBalancerNamespaces: ["apps"] }),
        "source-ranges-unknown-at-preview": ok(service("LoadBalancer", "apps", { loadBalancerSourceRanges: UNKNOWN }), LB_ALLOWED),
        "patch-that-leaves-the-type-to-the-live-object": ok(service(undefined, "apps", { selector: { app: "web" } }, undefined, "ServicePatch")),
        "patch-that-sets-an-allowed-load-balancer-without-ranges": ok(
            service("LoadBalancer", "apps", {}, { [SCHEME]: "internet-facing" }, "ServicePatch"),
            LB_ALLOWED,
        ),
        "namespace-unknown-and-some-namespace-allows-it": ok(service("LoadBalancer", UNKNOWN), {
            allowedServiceTypesByNamespace: { ingress: ["LoadBalancer"] },
        }),
    },
    fail: {
        "load-balancer": bad(service("LoadBalancer"), 'spec.type "LoadBalancer" is not allowed in namespace "apps"'),
        "node-port": bad(service("NodePort"), 'spec.type "NodePort"'),
        "load-balancer-allowed-only-in-another-namespace": bad(service("LoadBalancer", "apps"), "allowed: ClusterIP", {
            allowedServiceTypesByNamespace: { ingress: ["LoadBalancer"] },
        }),
        "per-namespace-list-replaces-global": bad(service("NodePort", "ingress"), "allowed: LoadBalancer", {
            allowedServiceTypes: ["ClusterIP", "NodePort"],
            allowedServiceTypesByNamespace: { ingress: ["LoadBalancer"] },
        }),
        "external-name": bad(service("ExternalName"), 'spec.type "ExternalName"'),
        "external-ips-on-a-cluster-ip-service": bad(
            service("ClusterIP", "apps", { externalIPs: ["198.51.100.7"] }),
            'spec.externalIPs[0] ("198.51.100.7") makes every node answer for that address',
        ),
        "allowed-load-balancer-internet-facing-by-default": bad(
            service("LoadBalancer", "apps"),
            'the LoadBalancer in namespace "apps" is internet-facing with no spec.loadBalancerSourceRanges, so every address is admitted',
            LB_ALLOWED,
        ),
        "source-ranges-open-to-the-world": bad(
            service("LoadBalancer", "apps", { loadBalancerSourceRanges: ["10.0.0.0/8", "0.0.0.0/0"] }),
            "spec.loadBalancerSourceRanges admits 0.0.0.0/0",
            LB_ALLOWED,
        ),
        "source-ranges-annotation-open-to-ipv6": bad(
            service("LoadBalancer", "apps", {}, { "service.beta.kubernetes.io/load-balancer-source-ranges": "10.0.0.0/8, ::/0" }),
            'metadata.annotations["service.beta.kubernetes.io/load-balancer-source-ranges"] admits ::/0',
            LB_ALLOWED,
        ),
        "controller-load-balancer-made-internet-facing": bad(
            service("LoadBalancer", "apps", { loadBalancerClass: "service.k8s.aws/nlb" }, { [SCHEME]: "internet-facing" }),
            "is internet-facing",
            LB_ALLOWED,
        ),
        "patch-that-makes-it-a-load-balancer": bad(service("LoadBalancer", "apps", {}, undefined, "ServicePatch"), 'spec.type "LoadBalancer" is not allowed'),
        "patch-that-adds-external-ips": bad(service(undefined, "apps", { externalIPs: ["198.51.100.7"] }, undefined, "ServicePatch"), "spec.externalIPs[0]"),
    },
};
