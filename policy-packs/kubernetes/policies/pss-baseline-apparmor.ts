import { isUnknown, podSecurityPolicy } from "../lib/pss";

const ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";
const ALLOWED_TYPES = new Set(["RuntimeDefault", "Localhost"]);
const FIX = "set type RuntimeDefault, or Localhost with localhostProfile";

// An empty value leaves the runtime's default profile in place, as the field left unset does.
function allowedAnnotation(value: string): boolean {
    return value === "" || value === "runtime/default" || value.startsWith("localhost/");
}

export default podSecurityPolicy({
    name: "pss-baseline-apparmor",
    description: "AppArmor must not be disabled: profiles are RuntimeDefault or Localhost (Pod Security Standards, baseline).",
    severity: "medium",
    enforcementLevel: "mandatory",
    controls: { pss: ["baseline/apparmor"], nist800190: ["4.4.3"], nsaCisa: ["2"] },
    remediation:
        "Set `securityContext.appArmorProfile.type` to RuntimeDefault or Localhost (or leave it unset) on the pod and its containers, " +
        "and drop any `container.apparmor.security.beta.kubernetes.io/<container>` annotation that is not `runtime/default` or `localhost/<profile>`.",
    check: ({ pod, get, key, keys, containers, report }) => {
        const checkProfile = (root: unknown, path: string, who: string) => {
            const profile = get(root, "securityContext.appArmorProfile");
            if (profile === undefined || profile === null || isUnknown(profile)) return;
            const type = get(profile, "type");
            if (isUnknown(type) || (typeof type === "string" && ALLOWED_TYPES.has(type))) return;
            report(`${path}.securityContext.appArmorProfile.type must be RuntimeDefault or Localhost, not ${JSON.stringify(type ?? "")} (${who}${FIX})`);
        };
        checkProfile(pod.spec, pod.specPath, "");
        for (const c of containers()) checkProfile(c.container, c.path, `${c.label}; `);

        const names = keys(pod.metadata, "annotations");
        if (isUnknown(names)) return;
        const annotations = get(pod.metadata, "annotations");
        for (const name of names.filter((k) => k.startsWith(ANNOTATION_PREFIX))) {
            const value = key(annotations, name);
            if (typeof value === "string" && !allowedAnnotation(value)) {
                report(
                    `${pod.metadataPath}.annotations["${name}"] must be "runtime/default" or "localhost/<profile>", not ${JSON.stringify(value)} ` +
                        "(remove the annotation, or set securityContext.appArmorProfile instead)",
                );
            }
        }
    },
});
