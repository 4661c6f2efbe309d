import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { NAMES } from "./values";

/** The Secret the chart's operator Deployment mounts at /cert (keys `ca`, `cert`, `key`). */
export const OPERATOR_TLS_SECRET = `${NAMES.stack}-admission`;
/** The operator's Service, which the webhook configurations call. */
export const OPERATOR_SERVICE = `${NAMES.stack}-operator`;

/** Ten years, renewed by `pulumi up` in the last year (the chart's own job makes 100-year certificates). */
const VALIDITY_HOURS = 10 * 365 * 24;
const RENEW_HOURS = 365 * 24;

export interface OperatorTls {
    /** The Secret, for `dependsOn`: the operator cannot start before it exists. */
    readonly secret: k8s.core.v1.Secret;
    /** The CA certificate, base64-encoded PEM, as the webhook configurations' `caBundle` takes it. */
    readonly caBundle: pulumi.Output<string>;
}

/**
 * The operator's serving certificate and its CA, made here instead of by the chart. The chart makes
 * them with a `pre-install` hook Job, and `helm.v4.Chart` does not run hooks: the operator would
 * wait forever for a Secret nothing creates. Both keys live in the stack's state as secrets.
 */
export function operatorTls(name: string, namespace: string, opts: pulumi.CustomResourceOptions): OperatorTls {
    const caKey = new tls.PrivateKey(`${name}-operator-ca`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, opts);
    const ca = new tls.SelfSignedCert(
        `${name}-operator-ca`,
        {
            privateKeyPem: caKey.privateKeyPem,
            subject: { commonName: `${OPERATOR_SERVICE} admission CA` },
            isCaCertificate: true,
            validityPeriodHours: VALIDITY_HOURS,
            earlyRenewalHours: RENEW_HOURS,
            allowedUses: ["cert_signing", "crl_signing"],
        },
        opts,
    );
    const key = new tls.PrivateKey(`${name}-operator-tls`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, opts);
    const hosts = [OPERATOR_SERVICE, `${OPERATOR_SERVICE}.${namespace}`, `${OPERATOR_SERVICE}.${namespace}.svc`];
    const request = new tls.CertRequest(`${name}-operator-tls`, { privateKeyPem: key.privateKeyPem, subject: { commonName: hosts[2] }, dnsNames: hosts }, opts);
    const cert = new tls.LocallySignedCert(
        `${name}-operator-tls`,
        {
            certRequestPem: request.certRequestPem,
            caPrivateKeyPem: caKey.privateKeyPem,
            caCertPem: ca.certPem,
            validityPeriodHours: VALIDITY_HOURS,
            earlyRenewalHours: RENEW_HOURS,
            allowedUses: ["digital_signature", "key_encipherment", "server_auth"],
        },
        opts,
    );
    const secret = new k8s.core.v1.Secret(
        `${name}-operator-tls`,
        {
            metadata: { name: OPERATOR_TLS_SECRET, namespace },
            type: "Opaque",
            stringData: { ca: ca.certPem, cert: cert.certPem, key: pulumi.secret(key.privateKeyPem) },
        },
        opts,
    );
    // Mocked providers echo inputs only, so the PEM may be absent there; it is never absent from the provider.
    return { secret, caBundle: ca.certPem.apply((pem) => (typeof pem === "string" ? Buffer.from(pem).toString("base64") : pem)) };
}
