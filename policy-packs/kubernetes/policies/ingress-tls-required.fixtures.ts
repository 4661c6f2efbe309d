import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { bad, ok } from "../lib/platform.fixtures";

const backend = { service: { name: "web", port: { number: 80 } } };
const rule = (host?: unknown) => ({ ...(host === undefined ? {} : { host }), http: { paths: [{ path: "/", pathType: "Prefix", backend }] } });
const ingress = (spec: Record<string, unknown>, annotations?: Record<string, unknown>, type = "kubernetes:networking.k8s.io/v1:Ingress") => ({
    type,
    name: "web",
    props: { metadata: { name: "web", namespace: "apps", ...(annotations ? { annotations } : {}) }, spec },
});

const CERT = { "alb.ingress.kubernetes.io/certificate-arn": "arn:aws:acm:us-east-1:123456789012:certificate/abc" };
const PORTS = "alb.ingress.kubernetes.io/listen-ports";
const REDIRECT = "alb.ingress.kubernetes.io/ssl-redirect";
const albRule = { ingressClassName: "alb", rules: [rule("www.example.com")] };
const patch = "kubernetes:networking.k8s.io/v1:IngressPatch";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "hosts-covered": ok(ingress({ rules: [rule("www.example.com"), rule("api.example.com")], tls: [{ hosts: ["www.example.com", "api.example.com"], secretName: "tls" }] })),
        "wildcard-certificate": ok(ingress({ rules: [rule("api.example.com")], tls: [{ hosts: ["*.example.com"], secretName: "tls" }] })),
        "alb-acm-certificate": ok(
            ingress({ rules: [rule("www.example.com")] }, { "alb.ingress.kubernetes.io/certificate-arn": "arn:aws:acm:us-east-1:123456789012:certificate/abc" }),
        ),
        "alb-https-only": ok(ingress(albRule, { ...CERT, [PORTS]: '[{"HTTPS": 443}]' })),
        "alb-http-redirected-to-https": ok(ingress(albRule, { ...CERT, [PORTS]: '[{"HTTP": 80}, {"HTTPS": 443}]', [REDIRECT]: "443" })),
        "alb-certificate-discovered-by-host": ok(ingress(albRule, { [PORTS]: '[{"HTTPS": 443}]' })),
        "alb-custom-class": ok(ingress({ ...albRule, ingressClassName: "internal-alb" }, CERT), { albIngressClasses: ["alb", "internal-alb"] }),
        "listen-ports-unknown-at-preview": ok(ingress(albRule, { ...CERT, [PORTS]: UNKNOWN })),
        "class-unknown-at-preview": ok(ingress({ ...albRule, ingressClassName: UNKNOWN })),
        "patch-that-sets-only-annotations-unrelated-to-tls": ok(ingress({}, { "team": "web" }, patch)),
        "patch-that-sets-rules-and-covering-tls": ok(ingress({ rules: [rule("www.example.com")], tls: [{ hosts: ["www.example.com"], secretName: "tls" }] }, undefined, patch)),
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
        "certificate-annotation-on-an-http-only-listener": bad(
            ingress(albRule, { ...CERT, [PORTS]: '[{"HTTP": 80}]' }),
            `metadata.annotations["${PORTS}"] opens only HTTP (the alb.ingress.kubernetes.io/certificate-arn annotation is not used by an HTTP-only listener)`,
        ),
        "alb-without-certificate-listens-on-http": bad(ingress(albRule), "no certificate and no metadata.annotations"),
        "alb-http-beside-https-without-redirect": bad(
            ingress(albRule, { ...CERT, [PORTS]: '[{"HTTP": 80}, {"HTTPS": 443}]' }),
            `opens HTTP 80 beside HTTPS without ${REDIRECT}`,
        ),
        "alb-redirect-to-a-port-that-is-not-https": bad(
            ingress(albRule, { ...CERT, [PORTS]: '[{"HTTP": 80}, {"HTTPS": 443}]', [REDIRECT]: "80" }),
            'with alb.ingress.kubernetes.io/ssl-redirect "80", which is not one of its HTTPS ports',
        ),
        "alb-listen-ports-not-json": bad(ingress(albRule, { ...CERT, [PORTS]: "HTTPS:443" }), `metadata.annotations["${PORTS}"] is not JSON`),
        "certificate-annotation-on-another-controller": bad(
            ingress({ ingressClassName: "nginx", rules: [rule("www.example.com")] }, CERT),
            "is read only by the AWS Load Balancer Controller",
        ),
        "nginx-redirect-switched-off": bad(
            ingress({ rules: [rule("www.example.com")], tls: [{ hosts: ["www.example.com"], secretName: "tls" }] }, { "nginx.ingress.kubernetes.io/ssl-redirect": "false" }),
            "also served in plain HTTP",
        ),
        "patch-that-drops-tls": bad(ingress({ rules: [rule("www.example.com")], tls: [] }, undefined, patch), 'spec.rules[0].host "www.example.com" is not covered'),
        "patch-that-makes-the-alb-listen-on-http-only": bad(ingress({}, { [PORTS]: '[{"HTTP": 80}]' }, patch), "opens only HTTP"),
        "legacy-extensions-ingress": bad(
            ingress({ rules: [rule("www.example.com")] }, undefined, "kubernetes:extensions/v1beta1:Ingress"),
            "spec.rules[0].host",
        ),
    },
};
