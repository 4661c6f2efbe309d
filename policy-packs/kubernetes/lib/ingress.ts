/**
 * Whether an Ingress actually serves HTTPS. With most controllers (ingress-nginx, Traefik...) HTTPS is
 * `spec.tls`, and ingress-nginx redirects HTTP to it unless `ssl-redirect` is "false". The AWS Load
 * Balancer Controller reads annotations instead: `listen-ports` says which listeners exist (by default
 * HTTPS:443 when a certificate is configured, else HTTP:80), `certificate-arn` (or certificates
 * discovered in ACM for the `spec.tls` and rule hosts) serves HTTPS on them, and `ssl-redirect` turns
 * every HTTP listener into a redirect. A certificate on an HTTP-only listener serves nothing over TLS.
 */
import { type Known, type Preview, UNKNOWN_AT_PREVIEW, isUnknown } from "./preview";

export const INGRESS_TYPES: readonly string[] = [
    "kubernetes:networking.k8s.io/v1:Ingress",
    "kubernetes:networking.k8s.io/v1beta1:Ingress",
    "kubernetes:extensions/v1beta1:Ingress",
];
export const INGRESS_PATCH_TYPES: readonly string[] = INGRESS_TYPES.map((t) => `${t}Patch`);

export const ALB = "alb.ingress.kubernetes.io/";
export const ALB_CERTIFICATE = `${ALB}certificate-arn`;
export const ALB_LISTEN_PORTS = `${ALB}listen-ports`;
export const ALB_SSL_REDIRECT = `${ALB}ssl-redirect`;
export const NGINX_SSL_REDIRECT = "nginx.ingress.kubernetes.io/ssl-redirect";
const CLASS_ANNOTATION = "kubernetes.io/ingress.class";

export interface Listener {
    readonly protocol: "HTTP" | "HTTPS";
    readonly port: number;
}

/** Parses `listen-ports` (`[{"HTTP": 80}, {"HTTPS": 443}]`); a string saying what is wrong when it cannot. */
export function parseListenPorts(raw: string): Listener[] | string {
    let parsed: unknown;
    try {
        parsed = JSON.parse(raw);
    } catch {
        return "is not JSON";
    }
    if (!Array.isArray(parsed)) return "is not a JSON list";
    const out: Listener[] = [];
    for (const entry of parsed) {
        if (entry === null || typeof entry !== "object") return 'has an entry that is not an object such as {"HTTPS": 443}';
        for (const [protocol, port] of Object.entries(entry as Record<string, unknown>)) {
            if ((protocol !== "HTTP" && protocol !== "HTTPS") || typeof port !== "number") {
                return `has ${JSON.stringify({ [protocol]: port })}, not {"HTTP": <port>} or {"HTTPS": <port>}`;
            }
            out.push({ protocol, port });
        }
    }
    return out;
}

/**
 * Whether the AWS Load Balancer Controller serves this Ingress: its class (spec.ingressClassName, or
 * the older annotation) is one of `albClasses`; with no class (the cluster's default class), when it
 * carries the controller's annotations. Unknown at preview when the class is.
 */
export function servedByAlb(props: Record<string, any>, albClasses: readonly string[], preview: Preview): Known<boolean> {
    const className = preview.read(() => props.spec?.ingressClassName);
    const classAnnotation = preview.read(() => props.metadata?.annotations?.[CLASS_ANNOTATION]);
    if (isUnknown(className) || isUnknown(classAnnotation)) return UNKNOWN_AT_PREVIEW;
    const cls = typeof className === "string" && className !== "" ? className : classAnnotation;
    if (typeof cls === "string" && cls !== "") return albClasses.includes(cls);
    const keys = preview.read(() => Object.keys(props.metadata?.annotations ?? {}));
    if (isUnknown(keys)) return UNKNOWN_AT_PREVIEW;
    return keys.some((k) => k.startsWith(ALB));
}

/** Whether a TLS host entry covers a rule host; `*.example.com` covers exactly one more label. */
export function hostCovers(tlsHost: string, host: string): boolean {
    const t = tlsHost.toLowerCase();
    const h = host.toLowerCase();
    if (t === h) return true;
    if (!t.startsWith("*.")) return false;
    const suffix = t.slice(1);
    return h.endsWith(suffix) && !h.slice(0, -suffix.length).includes(".") && h.length > suffix.length;
}
