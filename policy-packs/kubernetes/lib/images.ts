/**
 * Image references as the container runtime resolves them, and registry allow-lists. Docker's
 * implicit defaults matter: `nginx` is `docker.io/library/nginx:latest`, and `acme/app` is
 * `docker.io/acme/app`, so an allow-list must see the registry the runtime will actually pull from.
 */

export interface ImageRef {
    /** Registry host, lower-case, with port if any: "docker.io", "123456789012.dkr.ecr.us-east-1.amazonaws.com". */
    readonly registry: string;
    /** Repository path inside the registry: "library/nginx". */
    readonly repository: string;
    readonly tag?: string;
    /** "sha256:<hex>" when the reference carries a digest. */
    readonly digest?: string;
}

const DOCKER_HUB_ALIASES = new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);

/** Parses an image reference the way the runtime does; undefined when it is not one. */
export function parseImage(reference: string): ImageRef | undefined {
    const ref = reference.trim();
    if (ref === "" || /\s/.test(ref)) return undefined;
    const at = ref.indexOf("@");
    const named = at >= 0 ? ref.slice(0, at) : ref;
    const digest = at >= 0 ? ref.slice(at + 1) : undefined;
    const slash = named.lastIndexOf("/");
    const colon = named.lastIndexOf(":");
    const hasTag = colon > slash;
    const name = hasTag ? named.slice(0, colon) : named;
    const tag = hasTag ? named.slice(colon + 1) : undefined;
    if (name === "") return undefined;
    const first = name.indexOf("/");
    const head = first >= 0 ? name.slice(0, first) : "";
    // The first component is a registry only if it looks like a host; otherwise Docker Hub is implied.
    const isHost = first >= 0 && (head.includes(".") || head.includes(":") || head === "localhost");
    let registry = isHost ? head.toLowerCase() : "docker.io";
    let repository = isHost ? name.slice(first + 1) : name;
    if (DOCKER_HUB_ALIASES.has(registry)) registry = "docker.io";
    if (registry === "docker.io" && !repository.includes("/")) repository = `library/${repository}`;
    return { registry, repository, tag, digest };
}

export const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** "registry/repository", the form allow-list entries are matched against. */
export function fullName(image: ImageRef): string {
    return `${image.registry}/${image.repository}`;
}

function escape(s: string): string {
    return s.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Whether an allow-list entry covers an image. An entry is a registry host (with optional port)
 * and optional path prefix; a prefix matches whole path segments only (`ghcr.io/acme` covers
 * `ghcr.io/acme/app`, not `ghcr.io/acme-evil/app`). `*` matches within one host label or one path
 * segment (`*.dkr.ecr.*.amazonaws.com`). Docker Hub aliases are folded into `docker.io`.
 */
export function registryEntryCovers(entry: string, image: ImageRef): boolean {
    const trimmed = entry.trim().replace(/\/+$/, "");
    if (trimmed === "") return false;
    const slash = trimmed.indexOf("/");
    let host = (slash >= 0 ? trimmed.slice(0, slash) : trimmed).toLowerCase();
    const path = slash >= 0 ? trimmed.slice(slash) : "";
    if (DOCKER_HUB_ALIASES.has(host)) host = "docker.io";
    const hostRe = escape(host).replace(/\*/g, "[^./]+");
    const pathRe = escape(path).replace(/\*/g, "[^/]+");
    return new RegExp(`^${hostRe}${pathRe}(/|$)`).test(fullName(image));
}
