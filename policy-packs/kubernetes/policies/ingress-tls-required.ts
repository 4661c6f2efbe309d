import { type Report, resourcePolicy } from "../../common/policy";
import {
    ALB_CERTIFICATE,
    ALB_LISTEN_PORTS,
    ALB_SSL_REDIRECT,
    INGRESS_PATCH_TYPES,
    INGRESS_TYPES,
    type Listener,
    NGINX_SSL_REDIRECT,
    hostCovers,
    parseListenPorts,
    servedByAlb,
} from "../lib/ingress";
import { type Preview, isUnknown, previewResource } from "../lib/preview";

interface Config {
    readonly albIngressClasses: readonly string[];
}

/** The rules' hosts against spec.tls; only what is known to be uncovered is reported. */
function checkTlsCoversHosts(props: Record<string, any>, preview: Preview, report: Report, ignored: string): void {
    const tls = preview.items(() => props.spec?.tls);
    const tlsHosts: string[] = [];
    for (const { value } of tls) {
        const hosts = preview.strings(() => value?.hosts);
        if (Array.isArray(hosts)) tlsHosts.push(...hosts);
    }
    // An unknown TLS entry or host might cover anything.
    const tlsComplete = !preview.incomplete;
    const rules = preview.items(() => props.spec?.rules);
    for (const { index, value: rule } of rules) {
        const host = preview.read(() => rule?.host);
        if (isUnknown(host)) continue;
        if (typeof host !== "string" || host === "") {
            if (tls.length === 0 && tlsComplete) {
                report(`spec.rules[${index}] has no host, so it serves every host without TLS; add a spec.tls entry (and a host)${ignored}`);
            }
            continue;
        }
        if (tlsHosts.some((t) => hostCovers(t, host)) || !tlsComplete) continue;
        report(`spec.rules[${index}].host "${host}" is not covered by spec.tls[].hosts; add it to a spec.tls entry with a secretName${ignored}`);
    }
    const ruleCount = preview.read(() => props.spec?.rules?.length ?? 0);
    const backend = preview.read(() => props.spec?.defaultBackend ?? props.spec?.backend);
    if (ruleCount === 0 && !isUnknown(backend) && backend && tls.length === 0 && tlsComplete) {
        report(`spec.defaultBackend serves every host without TLS; add a spec.tls entry${ignored}`);
    }
}

/** An Ingress of the AWS Load Balancer Controller: HTTPS listeners with a certificate, and HTTP ones only as redirects. */
function checkAlb(props: Record<string, any>, partial: boolean, preview: Preview, report: Report): void {
    const annotation = (key: string) => preview.read(() => props.metadata?.annotations?.[key]);
    const cert = annotation(ALB_CERTIFICATE);
    const rawPorts = annotation(ALB_LISTEN_PORTS);
    const redirect = annotation(ALB_SSL_REDIRECT);
    const tlsCount = preview.read(() => props.spec?.tls?.length ?? 0);
    if (isUnknown(cert) || isUnknown(rawPorts) || isUnknown(redirect) || isUnknown(tlsCount)) return;
    const field = `metadata.annotations["${ALB_LISTEN_PORTS}"]`;
    const hasCertificate = (typeof cert === "string" && cert.trim() !== "") || tlsCount > 0;
    let listeners: Listener[];
    if (typeof rawPorts === "string") {
        const parsed = parseListenPorts(rawPorts);
        if (typeof parsed === "string") {
            report(`${field} ${parsed}; write it as '[{"HTTPS": 443}]' (and {"HTTP": 80} only with ssl-redirect)`);
            return;
        }
        listeners = parsed;
    } else {
        // A patch that leaves listen-ports out keeps the live listeners.
        if (partial) return;
        listeners = [hasCertificate ? { protocol: "HTTPS", port: 443 } : { protocol: "HTTP", port: 80 }];
    }
    const https = listeners.filter((l) => l.protocol === "HTTPS");
    const http = listeners.filter((l) => l.protocol === "HTTP");
    if (https.length === 0) {
        const source = typeof rawPorts === "string" ? `${field} opens only HTTP` : `no certificate and no ${field}, so the load balancer listens on HTTP:80 only`;
        const certNote = typeof cert === "string" && cert.trim() !== "" ? ` (the ${ALB_CERTIFICATE} annotation is not used by an HTTP-only listener)` : "";
        report(`${source}${certNote}; listen on '[{"HTTPS": 443}]' with a certificate`);
        return;
    }
    if (!partial && !hasCertificate) {
        // Without a certificate ARN the controller looks certificates up in ACM by the rules' hosts.
        for (const { index, value: rule } of preview.items(() => props.spec?.rules)) {
            const host = preview.read(() => rule?.host);
            if (host === undefined || host === null || host === "") {
                report(`spec.rules[${index}] has no host, so the HTTPS listener has no certificate to serve; set ${ALB_CERTIFICATE} or a host`);
            }
        }
    }
    if (http.length === 0 || (partial && redirect === undefined)) return;
    const target = typeof redirect === "string" ? Number(redirect) : undefined;
    if (target !== undefined && https.some((l) => l.port === target)) return;
    const why = redirect === undefined ? `without ${ALB_SSL_REDIRECT}` : `with ${ALB_SSL_REDIRECT} "${String(redirect)}", which is not one of its HTTPS ports`;
    report(
        `${field} opens HTTP ${http.map((l) => l.port).join(", ")} beside HTTPS ${why}, so the same backends are served in plain text; ` +
            `set metadata.annotations["${ALB_SSL_REDIRECT}"] to "${https[0].port}"`,
    );
}

export default resourcePolicy<Config>({
    name: "ingress-tls-required",
    types: [INGRESS_TYPES[0], ...INGRESS_TYPES.slice(1), ...INGRESS_PATCH_TYPES],
    description: "Every Ingress must serve HTTPS for every host it serves, and plain HTTP only as a redirect to it.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["5.4.5"], nist800190: ["4.4.2"], nsaCisa: ["4"] },
    remediation:
        "Add a `spec.tls` entry whose `hosts` list every `spec.rules[].host`, with a `secretName` holding the certificate " +
        "(for example issued by cert-manager), and keep ingress-nginx's HTTP-to-HTTPS redirect on. With the AWS Load " +
        "Balancer Controller, listen on HTTPS (`alb.ingress.kubernetes.io/listen-ports: '[{\"HTTPS\": 443}]'`) with an ACM " +
        "certificate (`alb.ingress.kubernetes.io/certificate-arn`), and if HTTP:80 is also opened, set " +
        "`alb.ingress.kubernetes.io/ssl-redirect: '443'`.",
    config: {
        albIngressClasses: {
            type: "array",
            items: { type: "string", minLength: 1 },
            uniqueItems: true,
            default: ["alb"],
            description: "Ingress classes served by the AWS Load Balancer Controller, whose annotations decide TLS.",
        },
    },
    validate: previewResource<Config>((preview, { type, props, config }, report) => {
        const partial = INGRESS_PATCH_TYPES.includes(type);
        if (!partial && !INGRESS_TYPES.includes(type)) return;
        const alb = servedByAlb(props, config.albIngressClasses ?? ["alb"], preview);
        if (isUnknown(alb)) return;
        if (alb) {
            checkAlb(props, partial, preview, report);
            return;
        }
        const redirect = preview.read(() => props.metadata?.annotations?.[NGINX_SSL_REDIRECT]);
        if (redirect === "false") {
            report(`metadata.annotations["${NGINX_SSL_REDIRECT}"] is "false", so every host is also served in plain HTTP; remove it`);
        }
        // spec.rules and spec.tls are whole lists: a patch is judged only when it sets both.
        if (partial) {
            const rules = preview.read(() => props.spec?.rules);
            const tls = preview.read(() => props.spec?.tls);
            if (rules === undefined || rules === null || tls === undefined || tls === null) return;
        }
        const cert = preview.read(() => props.metadata?.annotations?.[ALB_CERTIFICATE]);
        const ignored = typeof cert === "string" ? ` (${ALB_CERTIFICATE} is read only by the AWS Load Balancer Controller, which does not serve this Ingress)` : "";
        checkTlsCoversHosts(props, preview, report, ignored);
    }),
});
