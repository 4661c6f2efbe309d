import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { bad, ok } from "../lib/platform.fixtures";

const service = (type: unknown, namespace: unknown = "apps"): ResourceCase["resource"] => ({
    type: "kubernetes:core/v1:Service",
    name: "web",
    props: { metadata: { name: "web", namespace }, spec: { ...(type === undefined ? {} : { type }), ports: [{ port: 80 }] } },
});

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "cluster-ip": ok(service("ClusterIP")),
        "type-unset-means-cluster-ip": ok(service(undefined)),
        "load-balancer-allowed-in-its-namespace": ok(service("LoadBalancer", "ingress"), {
            allowedServiceTypesByNamespace: { ingress: ["ClusterIP", "LoadBalancer"] },
        }),
        "node-port-allowed-everywhere": ok(service("NodePort"), { allowedServiceTypes: ["ClusterIP", "NodePort"] }),
        "type-unknown-at-preview": ok(service(UNKNOWN)),
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
    },
};
