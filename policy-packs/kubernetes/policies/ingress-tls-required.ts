import { resourcePolicy } from "../../common/policy";
import { isUnknown, previewResource } from "../lib/preview";

const INGRESS_TYPES = [
    "kubernetes:networking.k8s.io/v1:Ingress",
    "kubernetes:networking.k8s.io/v1beta1:Ingress",
    "kubernetes:extensions/v1beta1:Ingress",
];
/** The AWS Load Balancer Controller terminates TLS with an ACM certificate named here instead of spec.tls. */
const ALB_CERTIFICATE = "alb.ingress.kubernetes.io/certificate-arn";

/** Whether a TLS host entry covers a rule host; `*.example.com` covers exactly one more label. */
function hostCovers(tlsHost: string, host: string): boolean {
    const t = tlsHost.toLowerCase();
    const h = host.toLowerCase();
    if (t === h) return true;
    if (!t.startsWith("*.")) return false;
    const suffix = t.slice(1);
    return h.endsWith(suffix) && !h.slice(0, -suffix.length).includes(".") && h.length > suffix.length;
}

export default resourcePolicy({
    name: "ingress-tls-required",
    description: "Every Ingress must terminate TLS for every host it serves.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["5.4.5"], nist800190: ["4.4.2"], nsaCisa: ["4"] },
    remediation:
        "Add a `spec.tls` entry whose `hosts` list every `spec.rules[].host`, with a `secretName` holding the certificate " +
        "(for example issued by cert-manager). With the AWS Load Balancer Controller, the " +
        "`alb.ingress.kubernetes.io/certificate-arn` annotation names an ACM certificate instead.",
    validate: previewResource((preview, { type, props }, report) => {
        if (!INGRESS_TYPES.includes(type)) return;
        const cert = preview.read(() => props.metadata?.annotations?.[ALB_CERTIFICATE]);
        if (isUnknown(cert) || (typeof cert === "string" && cert.trim() !== "")) return;
        const tls = preview.items(() => props.spec?.tls);
        const tlsHosts: string[] = [];
        for (const { value } of tls) {
            const hosts = preview.strings(() => value?.hosts);
            if (Array.isArray(hosts)) tlsHosts.push(...hosts);
        }
        // An unknown TLS entry or host might cover anything; only report what is known to be uncovered.
        const tlsComplete = !preview.incomplete;
        const rules = preview.items(() => props.spec?.rules);
        for (const { index, value: rule } of rules) {
            const host = preview.read(() => rule?.host);
            if (isUnknown(host)) continue;
            if (typeof host !== "string" || host === "") {
                if (tls.length === 0 && tlsComplete) {
                    report(`spec.rules[${index}] has no host, so it serves every host without TLS; add a spec.tls entry (and a host)`);
                }
                continue;
            }
            if (tlsHosts.some((t) => hostCovers(t, host))) continue;
            if (!tlsComplete) continue;
            report(`spec.rules[${index}].host "${host}" is not covered by spec.tls[].hosts; add it to a spec.tls entry with a secretName`);
        }
        const ruleCount = preview.read(() => props.spec?.rules?.length ?? 0);
        const backend = preview.read(() => props.spec?.defaultBackend ?? props.spec?.backend);
        if (ruleCount === 0 && !isUnknown(backend) && backend && tls.length === 0 && tlsComplete) {
            report("spec.defaultBackend serves every host without TLS; add a spec.tls entry");
        }
    }),
});
