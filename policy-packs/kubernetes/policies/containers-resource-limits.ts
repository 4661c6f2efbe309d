import { resourcePolicy } from "../../common/policy";
import { type ContainerList, containersOf, podOf } from "../lib/containers";
import { isUnknown, previewResource } from "../lib/preview";
import { POD_TYPES } from "../lib/workloads";

const SETTINGS = ["requests.cpu", "requests.memory", "limits.cpu", "limits.memory"] as const;
type Setting = (typeof SETTINGS)[number];
/** The container lists that take resources (see below). */
const LIMITED: readonly ContainerList[] = ["initContainers", "containers"];

interface Config {
    readonly requiredResources: readonly Setting[];
}

export default resourcePolicy<Config>({
    name: "containers-resource-limits",
    types: POD_TYPES,
    description: "Every container must declare CPU and memory requests and limits, so that one workload cannot starve the node.",
    severity: "medium",
    enforcementLevel: "advisory",
    controls: { nist800190: ["4.4.3"], nsaCisa: ["2"] },
    remediation:
        "Set `resources.requests.cpu`, `resources.requests.memory`, `resources.limits.cpu` and `resources.limits.memory` " +
        "on each container and init container. Teams that avoid CPU throttling may drop `limits.cpu` from `requiredResources`.",
    config: {
        requiredResources: {
            type: "array",
            items: { type: "string", enum: [...SETTINGS] },
            uniqueItems: true,
            default: [...SETTINGS],
            description: "Which of requests.cpu, requests.memory, limits.cpu, limits.memory every container must set. Default: all four.",
        },
    },
    validate: previewResource<Config>((preview, { type, props, config }, report) => {
        const pod = podOf(type, props, preview);
        // A patch cannot remove what the live object sets, and what it leaves out is not missing.
        if (!pod || pod.partial) return;
        const required = config.requiredResources ?? SETTINGS;
        // Ephemeral containers may not set resources: the API rejects them there.
        for (const c of containersOf(pod, preview, LIMITED)) {
            const missing: string[] = [];
            for (const setting of required) {
                const [kind, resource] = setting.split(".") as ["requests" | "limits", string];
                const value = preview.read(() => c.container.resources?.[kind]?.[resource]);
                if (isUnknown(value) || (value !== undefined && value !== null && value !== "")) continue;
                // The API defaults a request to the limit when only the limit is set.
                if (kind === "requests") {
                    const limit = preview.read(() => c.container.resources?.limits?.[resource]);
                    if (isUnknown(limit) || (limit !== undefined && limit !== null && limit !== "")) continue;
                }
                missing.push(`${c.path}.resources.${setting}`);
            }
            if (missing.length > 0) report(`${missing.join(", ")} must be set (${c.label})`);
        }
    }),
});
