import * as pulumi from "@pulumi/pulumi";

/** One rejected argument: where it is, and what to do about it. */
export interface Problem {
    /** Dotted path from the component's args, e.g. "nodeGroups[0].instanceTypes". */
    readonly propertyPath: string;
    /** What is wrong and the fix, in one sentence. */
    readonly reason: string;
}

/**
 * Throws every problem at once as the engine's `InputPropertiesError`, which the CLI prints
 * property by property, before the component registers any child.
 */
export function throwIfInvalid(component: string, problems: readonly Problem[]): void {
    if (problems.length === 0) return;
    const list = problems.map((p) => `  - ${p.propertyPath}: ${p.reason}`).join("\n");
    throw new pulumi.InputPropertiesError({
        message: `${component}: ${problems.length} invalid argument${problems.length === 1 ? "" : "s"}:\n${list}`,
        errors: problems.map((p) => ({ propertyPath: p.propertyPath, reason: p.reason })),
    });
}

/** True when a value is a plain, known value (not an Output or a promise), so it can be checked now. */
export function isPlain<T>(value: pulumi.Input<T> | undefined): value is T {
    return value !== undefined && !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}

/** An OCI image reference pinned by digest: `registry/repo@sha256:<64 hex>`. */
export const DIGEST_PINNED = /^[^@\s]+@sha256:[0-9a-f]{64}$/;

/** The registry host of an image reference, with Docker's implicit defaults made explicit. */
export function registryOf(image: string): string {
    const first = image.split("/")[0];
    const hasRegistry = image.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
    return hasRegistry ? first : "docker.io";
}

/** A Kubernetes object name that must be a DNS-1123 label (namespaces, services): at most 63 characters. */
export const DNS_LABEL = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A Kubernetes object name that must be a DNS-1123 subdomain (most kinds): at most 253 characters. */
export const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** An image reference with Docker's implicit registry and `library/` made explicit: `nginx` → `docker.io/library/nginx`. */
export function normalizeImage(image: string): string {
    const registry = registryOf(image);
    if (registry !== "docker.io" || image.startsWith("docker.io/")) return image;
    return image.includes("/") ? `docker.io/${image}` : `docker.io/library/${image}`;
}

/**
 * True when the image comes from one of the allowed registries, each a host (`ghcr.io`) or a
 * host and path prefix (`ghcr.io/acme`), matched on whole path segments.
 */
export function isFromAllowedRegistry(image: string, allowed: readonly string[]): boolean {
    const full = normalizeImage(image);
    return allowed.some((entry) => {
        const prefix = entry.replace(/\/+$/, "");
        return prefix !== "" && (full.startsWith(`${prefix}/`) || full.startsWith(`${prefix}@`));
    });
}
