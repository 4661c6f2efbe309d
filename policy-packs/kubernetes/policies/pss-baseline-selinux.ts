import { isUnknown, podSecurityPolicy } from "../lib/pss";

/** The container types of the SELinux policy (container_engine_t since v1.31); "" keeps the runtime's default. */
const ALLOWED_TYPES = new Set(["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"]);

export default podSecurityPolicy({
    name: "pss-baseline-selinux",
    description: "SELinux options must not set a custom user or role, nor a type outside the container types (Pod Security Standards, baseline).",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { pss: ["baseline/selinux"], nist800190: ["4.4.3"], nsaCisa: ["2"] },
    remediation:
        "In `securityContext.seLinuxOptions` of the pod and its containers, remove `user` and `role`, and set `type` only to " +
        "container_t, container_init_t, container_kvm_t or container_engine_t (or leave it unset). `level` may be set.",
    check: ({ pod, get, containers, report }) => {
        const checkOptions = (root: unknown, path: string, who: string) => {
            const options = get(root, "securityContext.seLinuxOptions");
            if (options === undefined || options === null || isUnknown(options)) return;
            const type = get(options, "type");
            if (typeof type === "string" && !ALLOWED_TYPES.has(type)) {
                report(
                    `${path}.securityContext.seLinuxOptions.type must be container_t, container_init_t, container_kvm_t or container_engine_t, ` +
                        `not ${JSON.stringify(type)} (${who}remove it or use one of those)`,
                );
            }
            for (const field of ["user", "role"] as const) {
                const value = get(options, field);
                if (typeof value === "string" && value !== "") {
                    report(`${path}.securityContext.seLinuxOptions.${field} must be unset, not ${JSON.stringify(value)} (${who}remove it)`);
                }
            }
        };
        checkOptions(pod.spec, pod.specPath, "");
        for (const c of containers()) checkOptions(c.container, c.path, `${c.label}; `);
    },
});
