import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { throwIfInvalid } from "../../validation";
import {
    DEFAULT_CONTAINER_LIMITS,
    DEFAULT_POD_SECURITY_VERSION,
    DEFAULT_RESOURCE_QUOTA,
    type SecureNamespaceArgs,
    validateSecureNamespaceArgs,
} from "./args";
import { allowDnsSpec, allowMetricsScrapeSpec, defaultDenySpec } from "./network";

/**
 * A namespace that starts closed: Pod Security Admission at restricted (enforce, audit, warn,
 * version pinned), default-deny network policy with DNS egress only, a quota and container
 * defaults, and a `default` service account that mounts no token.
 */
export class SecureNamespace extends pulumi.ComponentResource {
    /** The namespace's name, known at preview. */
    public readonly namespaceName: pulumi.Output<string>;
    /** The enforced Pod Security Standards level. */
    public readonly podSecurityLevel: string;

    constructor(name: string, args: SecureNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
        throwIfInvalid("SecureNamespace", validateSecureNamespaceArgs(args, name));
        super("bulwark:kubernetes:SecureNamespace", name, {}, opts);

        const provider = args.provider;
        const namespaceName = args.namespaceName ?? name;
        const level = args.podSecurityLevel ?? "restricted";
        const version = args.podSecurityVersion ?? DEFAULT_POD_SECURITY_VERSION;
        const psa = "pod-security.kubernetes.io";

        const namespace = new k8s.core.v1.Namespace(
            `${name}-namespace`,
            {
                metadata: {
                    name: namespaceName,
                    labels: {
                        ...args.labels,
                        "app.kubernetes.io/managed-by": "bulwark",
                        [`${psa}/enforce`]: level,
                        [`${psa}/enforce-version`]: version,
                        [`${psa}/audit`]: "restricted",
                        [`${psa}/audit-version`]: version,
                        [`${psa}/warn`]: "restricted",
                        [`${psa}/warn-version`]: version,
                    },
                },
            },
            { parent: this, provider, protect: args.protect ?? true },
        );
        // Children name the namespace through its output, so they wait for it to exist.
        const ns = namespace.metadata.name;
        const child = { parent: this, provider };

        new k8s.networking.v1.NetworkPolicy(
            `${name}-default-deny`,
            { metadata: { name: "default-deny", namespace: ns }, spec: defaultDenySpec() },
            child,
        );
        new k8s.networking.v1.NetworkPolicy(
            `${name}-allow-dns`,
            {
                metadata: { name: "allow-dns", namespace: ns },
                spec: allowDnsSpec(args.dns?.namespace ?? "kube-system", { ...(args.dns?.podLabels ?? { "k8s-app": "kube-dns" }) }),
            },
            child,
        );
        if (args.metricsScraper) {
            const scraper = args.metricsScraper;
            new k8s.networking.v1.NetworkPolicy(
                `${name}-allow-metrics`,
                {
                    metadata: { name: "allow-metrics-scrape", namespace: ns },
                    spec: allowMetricsScrapeSpec(
                        scraper.namespace,
                        { ...(scraper.podLabels ?? { "app.kubernetes.io/name": "prometheus" }) },
                        scraper.ports ?? [],
                    ),
                },
                child,
            );
        }
        new k8s.core.v1.ResourceQuota(
            `${name}-quota`,
            { metadata: { name: "default-quota", namespace: ns }, spec: { hard: { ...DEFAULT_RESOURCE_QUOTA, ...args.resourceQuota } } },
            child,
        );
        const limits = args.containerLimits ?? {};
        new k8s.core.v1.LimitRange(
            `${name}-limits`,
            {
                metadata: { name: "container-defaults", namespace: ns },
                spec: {
                    limits: [
                        {
                            type: "Container",
                            defaultRequest: { ...DEFAULT_CONTAINER_LIMITS.defaultRequest, ...limits.defaultRequest },
                            default: { ...DEFAULT_CONTAINER_LIMITS.default, ...limits.default },
                            max: { ...DEFAULT_CONTAINER_LIMITS.max, ...limits.max },
                        },
                    ],
                },
            },
            child,
        );
        // The namespace controller creates `default` asynchronously, so it may or may not exist when
        // this runs. A ServiceAccountPatch fails when the object is not there yet; a plain
        // ServiceAccount under server-side apply (the provider's default) upserts: it creates the
        // account if missing (the controller then leaves it alone) or applies the field to the
        // existing one. patchForce takes the field over should another manager already own it.
        new k8s.core.v1.ServiceAccount(
            `${name}-default-sa`,
            {
                metadata: { name: "default", namespace: ns, annotations: { "pulumi.com/patchForce": "true" } },
                automountServiceAccountToken: false,
            },
            child,
        );

        this.namespaceName = ns;
        this.podSecurityLevel = level;
        this.registerOutputs({ namespaceName: this.namespaceName, podSecurityLevel: level });
    }
}
