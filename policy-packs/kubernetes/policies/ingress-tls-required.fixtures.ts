import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { bad, ok } from "../lib/platform.fixtures";

const backend = { service: { name: "web", port: { number: 80 } } };
const rule = (host?: unknown) => ({ ...(host === undefined ? {} : { host }), http: { paths: [{ path: "/", pathType: "Prefix", backend }] } });
const ingress = (spec: Record<string, unknown>, annotations?: Record<string, string>, type = "kubernetes:networking.k8s.io/v1:Ingress") => ({
    type,
    name: "web",
    props: { metadata: { name: "web", namespace: "apps", ...(annotations ? { annotations } : {}) }, spec },
});

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "hosts-covered": ok(ingress({ rules: [rule("www.example.com"), rule("api.example.com")], tls: [{ hosts: ["www.example.com", "api.example.com"], secretName: "tls" }] })),
        "wildcard-certificate": ok(ingress({ rules: [rule("api.example.com")], tls: [{ hosts: ["*.example.com"], secretName: "tls" }] })),
        "alb-acm-certificate": ok(
            ingress({ rules: [rule("www.example.com")] }, { "alb.ingress.kubernetes.io/certificate-arn": "arn:aws:acm:us-east-1:123456789012:certificate/abc" }),
        ),
        "host-unknown-at-preview": ok(ingress({ rules: [rule(UNKNOWN)], tls: [{ hosts: ["www.example.com"], secretName: "tls" }] })),
        "tls-hosts-unknown-at-preview": ok(ingress({ rules: [rule("www.example.com")], tls: [{ hosts: UNKNOWN, secretName: "tls" }] })),
    },
    fail: {
        "no-tls": bad(ingress({ rules: [rule("www.example.com")] }), 'spec.rules[0].host "www.example.com" is not covered by spec.tls[].hosts'),
        "one-host-uncovered": bad(
            ingress({ rules: [rule("www.example.com"), rule("admin.example.com")], tls: [{ hosts: ["www.example.com"], secretName: "tls" }] }),
            'spec.rules[1].host "admin.example.com"',
        ),
        "wildcard-covers-one-label-only": bad(
            ingress({ rules: [rule("a.b.example.com")], tls: [{ hosts: ["*.example.com"], secretName: "tls" }] }),
            "spec.rules[0].host",
        ),
        "rule-without-host": bad(ingress({ rules: [rule()] }), "spec.rules[0] has no host"),
        "default-backend-only": bad(ingress({ defaultBackend: backend }), "spec.defaultBackend serves every host without TLS"),
        "legacy-extensions-ingress": bad(
            ingress({ rules: [rule("www.example.com")] }, undefined, "kubernetes:extensions/v1beta1:Ingress"),
            "spec.rules[0].host",
        ),
    },
};
