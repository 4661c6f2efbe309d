import type * as k8s from "@pulumi/kubernetes";
import { DIGEST_PINNED, DNS_LABEL, DNS_SUBDOMAIN, isFromAllowedRegistry, type Problem } from "../../validation";

/** Who may open connections to the workload. */
export interface IngressPeer {
    /** The peer's namespace. Default: the workload's own namespace. */
    readonly namespace?: string;
    /** Labels of the peer pods. Default: every pod of `namespace` (then `namespace` is required). */
    readonly podLabels?: Readonly<Record<string, string>>;
}

/** Pods the workload calls: `ports` are the peer pods' container ports (NetworkPolicy matches those, not Service ports). */
export interface EgressPeer extends IngressPeer {
    readonly ports: readonly number[];
}

/** Addresses outside the cluster the workload calls, e.g. AWS service endpoints. */
export interface EgressCidrs {
    /**
     * IPv4/IPv6 blocks, never 0.0.0.0/0 or ::/0. AWS APIs: the subnets of the VPC's interface
     * endpoints (`com.amazonaws.<region>.sts`, `...secretsmanager`), or the CIDRs of a gateway
     * endpoint's prefix list (S3, DynamoDB).
     */
    readonly cidrs: readonly string[];
    readonly ports: readonly number[];
}

/**
 * Where the workload may open connections, beyond DNS (which SecureNamespace allows). Its
 * namespace denies all other egress, so a caller must declare its callees here, as the callee
 * declares its callers in `ingressFrom`: both sides are needed for a connection.
 */
export interface EgressArgs {
    /** Pods of the cluster. */
    readonly peers?: readonly EgressPeer[];
    /**
     * The Kubernetes API server, on 443 and 6443 (only if the workload calls it; mount a token
     * with `automountServiceAccountToken`). HardenedCluster's `apiServerCidrs` gives the addresses:
     * the `kubernetes` Service's ClusterIP (/32) and the control plane's endpoint addresses.
     */
    readonly apiServerCidrs?: readonly string[];
    /** Destinations outside the cluster. */
    readonly cidrs?: readonly EgressCidrs[];
}

/** A Secret mounted as read-only files (never as environment variables, which leak into logs and crash dumps). */
export interface SecretMount {
    readonly secretName: string;
    readonly mountPath: string;
}

export interface ComputeResources {
    readonly requests: { readonly cpu: string; readonly memory: string };
    readonly limits: { readonly cpu: string; readonly memory: string };
}

export interface SecureWorkloadArgs {
    /** The cluster. Required. */
    readonly provider: k8s.Provider;
    /** The namespace to deploy into (a SecureNamespace's). Required; never `default`. */
    readonly namespace: string;
    /** The container image, pinned by digest (`registry/repo@sha256:...`). Required. */
    readonly image: string;
    /** Registries (hosts, or host/path prefixes) the image may come from. Required: the platform's approved list. */
    readonly allowedRegistries: readonly string[];
    /** CPU and memory requests and limits. Required: an unbounded pod can starve its node. */
    readonly resources: ComputeResources;
    /** The objects' `metadata.name`. Default: the component's name. */
    readonly workloadName?: string;
    /** Pod replicas. Default: 2, so a node drain or a rollout keeps one serving. */
    readonly replicas?: number;
    /** The port the container listens on. Default: 8080 (unprivileged). */
    readonly containerPort?: number;
    /** The Service port. Default: 80. */
    readonly servicePort?: number;
    /** Who may connect to the container port. Default: nobody (the Service is reachable by no pod until named). */
    readonly ingressFrom?: readonly IngressPeer[];
    /** Where the workload may connect. Default: nowhere but DNS. */
    readonly egressTo?: EgressArgs;
    /** The non-root UID (and GID) the container runs as. Default: 10001. */
    readonly runAsUser?: number;
    /** Plain environment variables. Default: none. Secrets go in `secretMounts`. */
    readonly env?: Readonly<Record<string, string>>;
    /** Secrets mounted read-only as files. Default: none. */
    readonly secretMounts?: readonly SecretMount[];
    /** HTTP path for readiness and liveness probes on the container port. Default: no probes. */
    readonly probePath?: string;
    /**
     * Mounts the service-account token. Default: false. True costs: code execution in the pod can
     * call the API server as the workload's service account.
     */
    readonly automountServiceAccountToken?: boolean;
    /**
     * Leaves the root filesystem writable. Default: false (read-only, with an emptyDir on /tmp).
     * True costs: an intruder can drop and run tools, or alter the app's files, until restart.
     */
    readonly writableRootFilesystem?: boolean;
}

const QUANTITY = /^(\d+(\.\d*)?|\.\d+)(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/;
const RESERVED_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];

function checkPort(problems: Problem[], path: string, port: number | undefined): void {
    if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
        problems.push({ propertyPath: path, reason: `${port} is not a port (1-65535)` });
    }
}

function checkPeer(problems: Problem[], path: string, peer: IngressPeer): void {
    if (peer.namespace === undefined && peer.podLabels === undefined) {
        problems.push({ propertyPath: path, reason: "must name a namespace and/or pod labels; an empty peer admits everything" });
    }
    if (peer.namespace !== undefined && !DNS_LABEL.test(peer.namespace)) {
        problems.push({ propertyPath: `${path}.namespace`, reason: `"${peer.namespace}" is not a namespace name` });
    }
    if (peer.podLabels !== undefined && Object.keys(peer.podLabels).length === 0) {
        problems.push({ propertyPath: `${path}.podLabels`, reason: "is empty, which selects every pod; name the peer's labels or leave it out" });
    }
}

const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/(\d|[12]\d|3[0-2])$|^[0-9a-fA-F:]+\/\d{1,3}$/;

function checkCidrs(problems: Problem[], path: string, cidrs: readonly string[] | undefined): void {
    if (!Array.isArray(cidrs) || cidrs.length === 0) {
        problems.push({ propertyPath: path, reason: "must list at least one CIDR" });
        return;
    }
    cidrs.forEach((c, i) => {
        if (typeof c !== "string" || !CIDR.test(c)) problems.push({ propertyPath: `${path}[${i}]`, reason: `"${String(c)}" is not a CIDR` });
        else if (/\/0$/.test(c)) problems.push({ propertyPath: `${path}[${i}]`, reason: `"${c}" is the whole internet; name the destination's addresses` });
    });
}

function checkPorts(problems: Problem[], path: string, ports: readonly number[] | undefined): void {
    if (!Array.isArray(ports) || ports.length === 0) problems.push({ propertyPath: path, reason: "must list the destination ports" });
    else ports.forEach((p, i) => checkPort(problems, `${path}[${i}]`, p));
}

function checkEgress(problems: Problem[], egress: EgressArgs | undefined): void {
    (egress?.peers ?? []).forEach((peer, i) => {
        checkPeer(problems, `egressTo.peers[${i}]`, peer);
        checkPorts(problems, `egressTo.peers[${i}].ports`, peer.ports);
    });
    if (egress?.apiServerCidrs !== undefined) checkCidrs(problems, "egressTo.apiServerCidrs", egress.apiServerCidrs);
    (egress?.cidrs ?? []).forEach((c, i) => {
        checkCidrs(problems, `egressTo.cidrs[${i}].cidrs`, c.cidrs);
        checkPorts(problems, `egressTo.cidrs[${i}].ports`, c.ports);
    });
}

/** Every problem with the arguments, each naming its property; empty when they are usable. */
export function validateSecureWorkloadArgs(args: SecureWorkloadArgs, name: string): Problem[] {
    const problems: Problem[] = [];
    if (!args.provider) problems.push({ propertyPath: "provider", reason: "is required: pass the k8s.Provider of the target cluster" });
    const objectName = args.workloadName ?? name;
    if (!DNS_LABEL.test(objectName)) {
        problems.push({ propertyPath: "workloadName", reason: `"${objectName}" is not a DNS label (lowercase letters, digits and '-'); set workloadName` });
    }
    if (typeof args.namespace !== "string" || !DNS_LABEL.test(args.namespace)) {
        problems.push({ propertyPath: "namespace", reason: "is required: the namespace to deploy into" });
    } else if (RESERVED_NAMESPACES.includes(args.namespace)) {
        problems.push({ propertyPath: "namespace", reason: `"${args.namespace}" is not for workloads; deploy into a SecureNamespace` });
    }

    const allowed = args.allowedRegistries;
    if (!Array.isArray(allowed) || allowed.length === 0 || allowed.some((r) => typeof r !== "string" || r.trim() === "")) {
        problems.push({ propertyPath: "allowedRegistries", reason: "must list the approved registries (e.g. \"123456789012.dkr.ecr.us-east-1.amazonaws.com\")" });
    }
    if (typeof args.image !== "string" || args.image === "") {
        problems.push({ propertyPath: "image", reason: "is required" });
    } else {
        if (!DIGEST_PINNED.test(args.image)) {
            problems.push({
                propertyPath: "image",
                reason: `"${args.image}" must be pinned by digest (registry/repo@sha256:<64 hex>), so what runs is what was scanned`,
            });
        }
        if (Array.isArray(allowed) && allowed.length > 0 && !isFromAllowedRegistry(args.image, allowed)) {
            problems.push({ propertyPath: "image", reason: `"${args.image}" is not from an allowed registry (${allowed.join(", ")})` });
        }
    }

    for (const kind of ["requests", "limits"] as const) {
        for (const resource of ["cpu", "memory"] as const) {
            const value = args.resources?.[kind]?.[resource];
            if (typeof value !== "string" || !QUANTITY.test(value)) {
                problems.push({
                    propertyPath: `resources.${kind}.${resource}`,
                    reason: value === undefined ? `is required (e.g. ${resource === "cpu" ? '"250m"' : '"256Mi"'})` : `"${String(value)}" is not a quantity`,
                });
            }
        }
    }
    if (args.replicas !== undefined && !(Number.isInteger(args.replicas) && args.replicas >= 1)) {
        problems.push({ propertyPath: "replicas", reason: "must be a whole number of at least 1" });
    }
    checkPort(problems, "containerPort", args.containerPort);
    checkPort(problems, "servicePort", args.servicePort);
    if (args.runAsUser !== undefined && !(Number.isInteger(args.runAsUser) && args.runAsUser > 0)) {
        problems.push({ propertyPath: "runAsUser", reason: "must be a non-zero UID: 0 is root" });
    }
    (args.ingressFrom ?? []).forEach((peer, i) => checkPeer(problems, `ingressFrom[${i}]`, peer));
    checkEgress(problems, args.egressTo);
    (args.secretMounts ?? []).forEach((m, i) => {
        if (typeof m.secretName !== "string" || !DNS_SUBDOMAIN.test(m.secretName)) {
            problems.push({ propertyPath: `secretMounts[${i}].secretName`, reason: `"${String(m.secretName)}" is not a Secret name` });
        }
        if (typeof m.mountPath !== "string" || !m.mountPath.startsWith("/") || m.mountPath === "/" || m.mountPath === "/tmp") {
            problems.push({ propertyPath: `secretMounts[${i}].mountPath`, reason: "must be an absolute path of its own (not / or /tmp)" });
        }
    });
    if (args.probePath !== undefined && !args.probePath.startsWith("/")) {
        problems.push({ propertyPath: "probePath", reason: `"${args.probePath}" must be an absolute HTTP path, e.g. "/healthz"` });
    }
    return problems;
}
