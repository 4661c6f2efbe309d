/**
 * How a Service is reached from outside the cluster, beyond its `spec.type`: external IPs, and whether
 * a LoadBalancer is internet-facing and open to every address. The AWS defaults matter: the in-tree
 * cloud provider makes an internet-facing load balancer unless `aws-load-balancer-internal` says
 * otherwise, while the AWS Load Balancer Controller (`loadBalancerClass: service.k8s.aws/nlb`, or
 * `aws-load-balancer-type: external`) defaults to `internal`; without source ranges, the load
 * balancer accepts every address.
 */
import { type Known, type Preview, UNKNOWN_AT_PREVIEW, isUnknown } from "./preview";

export const SERVICE = "kubernetes:core/v1:Service";
export const SERVICE_PATCH = "kubernetes:core/v1:ServicePatch";

const ANNOTATION = "service.beta.kubernetes.io/";
const SCHEME = `${ANNOTATION}aws-load-balancer-scheme`;
const INTERNAL = `${ANNOTATION}aws-load-balancer-internal`;
const LB_TYPE = `${ANNOTATION}aws-load-balancer-type`;
export const SOURCE_RANGES_ANNOTATION = `${ANNOTATION}load-balancer-source-ranges`;
const CONTROLLER_CLASS = "service.k8s.aws/nlb";
const WORLD = new Set(["0.0.0.0/0", "::/0"]);

/** Whether the load balancer gets a public address: true, false, or unknown at preview. */
export function internetFacing(props: Record<string, any>, preview: Preview): Known<boolean> {
    const annotation = (key: string) => preview.read(() => props.metadata?.annotations?.[key]);
    const scheme = annotation(SCHEME);
    if (isUnknown(scheme)) return UNKNOWN_AT_PREVIEW;
    if (scheme === "internet-facing") return true;
    if (scheme === "internal") return false;
    const internal = annotation(INTERNAL);
    if (isUnknown(internal)) return UNKNOWN_AT_PREVIEW;
    // The in-tree provider reads any value but "false" as internal (old examples write 0.0.0.0/0 there).
    if (typeof internal === "string" && internal !== "" && internal !== "false") return false;
    const lbClass = preview.read(() => props.spec?.loadBalancerClass);
    const lbType = annotation(LB_TYPE);
    if (isUnknown(lbClass) || isUnknown(lbType)) return UNKNOWN_AT_PREVIEW;
    if (internal === "false") return true;
    return !(lbClass === CONTROLLER_CLASS || lbType === "external" || lbType === "nlb-ip");
}

/**
 * The source ranges a load balancer admits, from `spec.loadBalancerSourceRanges` or else the
 * annotation; undefined when neither is set (every address). The field the ranges came from is named.
 */
export function sourceRanges(props: Record<string, any>, preview: Preview): Known<{ readonly field: string; readonly ranges: string[] } | undefined> {
    const spec = preview.strings(() => props.spec?.loadBalancerSourceRanges);
    if (isUnknown(spec)) return UNKNOWN_AT_PREVIEW;
    // A range not known until the update may be the one that narrows the rest: the update decides.
    const raw = preview.read(() => props.spec?.loadBalancerSourceRanges);
    if (Array.isArray(raw) && raw.some((_, i) => isUnknown(preview.read(() => raw[i])))) return UNKNOWN_AT_PREVIEW;
    if (spec !== undefined && spec.length > 0) return { field: "spec.loadBalancerSourceRanges", ranges: spec };
    const annotation = preview.read(() => props.metadata?.annotations?.[SOURCE_RANGES_ANNOTATION]);
    if (isUnknown(annotation)) return UNKNOWN_AT_PREVIEW;
    if (typeof annotation !== "string" || annotation.trim() === "") return undefined;
    return {
        field: `metadata.annotations["${SOURCE_RANGES_ANNOTATION}"]`,
        ranges: annotation.split(",").map((r) => r.trim()).filter((r) => r !== ""),
    };
}

/** The ranges that admit every address. */
export function worldRanges(ranges: readonly string[]): string[] {
    return ranges.filter((r) => WORLD.has(r.replace(/\s/g, "")));
}
