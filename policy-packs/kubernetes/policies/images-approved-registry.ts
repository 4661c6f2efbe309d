import { resourcePolicy } from "../../common/policy";
import { containersOf, podOf } from "../lib/containers";
import { fullName, parseImage, registryEntryCovers } from "../lib/images";
import { isUnknown, previewResource } from "../lib/preview";
import { POD_TYPES } from "../lib/workloads";

interface Config {
    readonly allowedRegistries: readonly string[];
}

export default resourcePolicy<Config>({
    name: "images-approved-registry",
    types: POD_TYPES,
    description: "Every container image must come from an approved registry.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["5.1.4"], nist800190: ["4.1.5"], nsaCisa: ["1"] },
    remediation:
        "Push the image to an approved registry (for example the account's private ECR) and reference it there, " +
        "or add the registry to `allowedRegistries` once it is approved. A bare name such as `nginx` pulls from " +
        "`docker.io/library/nginx`.",
    config: {
        allowedRegistries: {
            type: "array",
            items: { type: "string", minLength: 1, pattern: "^[A-Za-z0-9.*-]+(:[0-9]+)?(/[A-Za-z0-9._*/-]*)?$" },
            default: [],
            description:
                "Approved registries: a host (with optional port) and optional path prefix, e.g. " +
                "`123456789012.dkr.ecr.us-east-1.amazonaws.com`, `ghcr.io/acme`, `docker.io/library`. " +
                "`*` matches within one host label or path segment. Empty (the default) approves none.",
        },
    },
    validate: previewResource<Config>((preview, { type, props, config }, report) => {
        const pod = podOf(type, props, preview);
        if (!pod) return;
        const allowed = config.allowedRegistries ?? [];
        for (const c of containersOf(pod, preview)) {
            const image = preview.read(() => c.container.image);
            if (isUnknown(image) || image === undefined) continue;
            const field = `${c.path}.image`;
            const ref = typeof image === "string" ? parseImage(image) : undefined;
            if (!ref) {
                report(`${field} "${String(image)}" is not an image reference (${c.label}); use <registry>/<repository>@sha256:<digest>`);
                continue;
            }
            if (allowed.some((entry) => registryEntryCovers(entry, ref))) continue;
            const approved = allowed.length > 0 ? `approved: ${allowed.join(", ")}` : "no registry is approved: set allowedRegistries";
            report(`${field} "${image}" pulls from ${fullName(ref)}, which is not an approved registry (${c.label}; ${approved})`);
        }
    }),
});
