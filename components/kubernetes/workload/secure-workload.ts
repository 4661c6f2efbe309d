import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { throwIfInvalid } from "../../validation";
import { type EgressArgs, type IngressPeer, type SecureWorkloadArgs, validateSecureWorkloadArgs } from "./args";
import { securePodSpec } from "./pod";

type EgressRule = k8s.types.input.networking.v1.NetworkPolicyEgressRule;

function peerSelector(peer: IngressPeer) {
    return {
        ...(peer.namespace !== undefined ? { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": peer.namespace } } } : {}),
        ...(peer.podLabels !== undefined ? { podSelector: { matchLabels: { ...peer.podLabels } } } : {}),
    };
}

const tcp = (ports: readonly number[]) => ports.map((port) => ({ protocol: "TCP", port }));

/** One rule per declared destination, each with its own ports. */
function egressRules(egress: EgressArgs | undefined): EgressRule[] {
    return [
        ...(egress?.peers ?? []).map((p) => ({ to: [peerSelector(p)], ports: tcp(p.ports) })),
        ...(egress?.apiServerCidrs ? [{ to: egress.apiServerCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: tcp([443, 6443]) }] : []),
        ...(egress?.cidrs ?? []).map((c) => ({ to: c.cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: tcp(c.ports) })),
    ];
}

/**
 * An application as teams should ship it: a Deployment hardened to the restricted profile, its own
 * token-less ServiceAccount, a ClusterIP Service, ingress from named peers only, and a disruption
 * budget. The image must be digest-pinned from an approved registry, checked before anything exists.
 */
export class SecureWorkload extends pulumi.ComponentResource {
    /** The namespace the workload runs in. */
    public readonly namespace: string;
    public readonly deploymentName: pulumi.Output<string>;
    /** The ClusterIP Service, reachable as `<serviceName>.<namespace>.svc` by the peers let in. */
    public readonly serviceName: pulumi.Output<string>;
    /** The workload's own ServiceAccount, for RoleBindings or cloud workload identity. */
    public readonly serviceAccountName: pulumi.Output<string>;

    constructor(name: string, args: SecureWorkloadArgs, opts?: pulumi.ComponentResourceOptions) {
        throwIfInvalid("SecureWorkload", validateSecureWorkloadArgs(args, name));
        super("bulwark:kubernetes:SecureWorkload", name, {}, opts);

        const child = { parent: this, provider: args.provider };
        const objectName = args.workloadName ?? name;
        const namespace = args.namespace;
        const port = args.containerPort ?? 8080;
        const selector = { "app.kubernetes.io/name": objectName, "app.kubernetes.io/instance": objectName };
        const labels = { ...selector, "app.kubernetes.io/managed-by": "bulwark" };
        const metadata = { name: objectName, namespace, labels };

        const serviceAccount = new k8s.core.v1.ServiceAccount(
            `${name}-service-account`,
            { metadata, automountServiceAccountToken: args.automountServiceAccountToken ?? false },
            child,
        );
        const deployment = new k8s.apps.v1.Deployment(
            `${name}-deployment`,
            {
                metadata,
                spec: {
                    replicas: args.replicas ?? 2,
                    selector: { matchLabels: selector },
                    template: { metadata: { labels }, spec: securePodSpec(args, objectName, port) },
                },
            },
            { ...child, dependsOn: [serviceAccount] },
        );
        const service = new k8s.core.v1.Service(
            `${name}-service`,
            {
                metadata,
                spec: {
                    type: "ClusterIP",
                    selector,
                    ports: [{ name: "http", port: args.servicePort ?? 80, targetPort: "http", protocol: "TCP" }],
                },
            },
            child,
        );
        const peers = (args.ingressFrom ?? []).map(peerSelector);
        new k8s.networking.v1.NetworkPolicy(
            `${name}-ingress`,
            {
                metadata: { ...metadata, name: `${objectName}-ingress` },
                spec: {
                    podSelector: { matchLabels: selector },
                    policyTypes: ["Ingress"],
                    ingress: peers.length > 0 ? [{ from: peers, ports: [{ protocol: "TCP", port }] }] : [],
                },
            },
            child,
        );
        const egress = egressRules(args.egressTo);
        if (egress.length > 0) {
            new k8s.networking.v1.NetworkPolicy(
                `${name}-egress`,
                { metadata: { ...metadata, name: `${objectName}-egress` }, spec: { podSelector: { matchLabels: selector }, policyTypes: ["Egress"], egress } },
                child,
            );
        }
        // maxUnavailable rather than minAvailable: a drain always makes progress, even at one replica.
        new k8s.policy.v1.PodDisruptionBudget(
            `${name}-pdb`,
            { metadata, spec: { maxUnavailable: 1, selector: { matchLabels: selector } } },
            child,
        );

        this.namespace = namespace;
        this.deploymentName = deployment.metadata.name;
        this.serviceName = service.metadata.name;
        this.serviceAccountName = serviceAccount.metadata.name;
        this.registerOutputs({
            namespace,
            deploymentName: this.deploymentName,
            serviceName: this.serviceName,
            serviceAccountName: this.serviceAccountName,
        });
    }
}
