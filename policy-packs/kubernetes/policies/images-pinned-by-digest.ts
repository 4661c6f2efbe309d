import { resourcePolicy } from "../../common/policy";
import { containersOf, podOf } from "../lib/containers";
import { DIGEST, parseImage } from "../lib/images";
import { isUnknown, previewResource } from "../lib/preview";
import { POD_TYPES } from "../lib/workloads";

export default resourcePolicy({
    name: "images-pinned-by-digest",
    types: POD_TYPES,
    description: "Every container image must be pinned by digest (@sha256:...), never by a mutable tag such as :latest.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.2.2", "4.1.5"], nsaCisa: ["1"] },
    remediation:
        "Reference the image by digest: `<registry>/<repository>@sha256:<64 hex>` (a tag may stay in front of the digest for " +
        "readers, e.g. `app:1.4.2@sha256:...`). Get the digest with `crane digest <image>` or from the registry.",
    validate: previewResource((preview, { type, props }, report) => {
        const pod = podOf(type, props, preview);
        if (!pod) return;
        for (const c of containersOf(pod, preview)) {
            const image = preview.read(() => c.container.image);
            if (isUnknown(image)) continue;
            const field = `${c.path}.image`;
            // The API leaves image optional (for higher-level config management): nothing to pin yet.
            if (image === undefined) continue;
            const ref = typeof image === "string" ? parseImage(image) : undefined;
            if (ref?.digest !== undefined && DIGEST.test(ref.digest)) continue;
            let why: string;
            if (!ref) why = "is not an image reference";
            else if (ref.digest !== undefined) why = `has a malformed digest "${ref.digest}"`;
            else if (ref.tag === undefined) why = "has no tag or digest, so it resolves to :latest";
            else if (ref.tag === "latest") why = "uses the mutable tag :latest";
            else why = `uses the tag :${ref.tag}, which can be moved`;
            report(`${field} "${String(image)}" ${why} (${c.label}); pin it by digest: @sha256:<64 hex>`);
        }
    }),
});
