import type * as k8s from "@pulumi/kubernetes";
import type { SecureWorkloadArgs } from "./args";

type PodSpec = k8s.types.input.core.v1.PodSpec;

export const DEFAULT_RUN_AS_USER = 10001;

/**
 * The pod spec with every Pod Security Standards "restricted" setting, set both on the pod and the
 * container so that neither a sidecar injector nor a changed image default can relax it.
 */
export function securePodSpec(args: SecureWorkloadArgs, serviceAccountName: string, port: number): PodSpec {
    const uid = args.runAsUser ?? DEFAULT_RUN_AS_USER;
    const secretMounts = args.secretMounts ?? [];
    const probe = args.probePath !== undefined ? { httpGet: { path: args.probePath, port: "http" } } : undefined;
    return {
        serviceAccountName,
        automountServiceAccountToken: args.automountServiceAccountToken ?? false,
        // Service links put every Service's address in env, which leaks the namespace layout.
        enableServiceLinks: false,
        securityContext: {
            runAsNonRoot: true,
            runAsUser: uid,
            runAsGroup: uid,
            fsGroup: uid,
            seccompProfile: { type: "RuntimeDefault" },
        },
        containers: [
            {
                name: "app",
                image: args.image,
                ports: [{ name: "http", containerPort: port, protocol: "TCP" }],
                env: Object.entries(args.env ?? {}).map(([name, value]) => ({ name, value })),
                resources: {
                    requests: { ...args.resources.requests },
                    limits: { ...args.resources.limits },
                },
                securityContext: {
                    runAsNonRoot: true,
                    runAsUser: uid,
                    allowPrivilegeEscalation: false,
                    privileged: false,
                    readOnlyRootFilesystem: !(args.writableRootFilesystem ?? false),
                    capabilities: { drop: ["ALL"] },
                    seccompProfile: { type: "RuntimeDefault" },
                },
                volumeMounts: [
                    { name: "tmp", mountPath: "/tmp" },
                    ...secretMounts.map((m, i) => ({ name: `secret-${i}`, mountPath: m.mountPath, readOnly: true })),
                ],
                ...(probe ? { readinessProbe: probe, livenessProbe: { ...probe, initialDelaySeconds: 10 } } : {}),
            },
        ],
        volumes: [
            // Memory-backed scratch space bounded in size: the only writable path when the root is read-only.
            { name: "tmp", emptyDir: { medium: "Memory", sizeLimit: "64Mi" } },
            ...secretMounts.map((m, i) => ({ name: `secret-${i}`, secret: { secretName: m.secretName, defaultMode: 0o440 } })),
        ],
    };
}
