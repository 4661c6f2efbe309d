/**
 * Which controls each component's defaults implement, named by the argument whose default does it.
 * The compliance report's coverage matrix reads this beside the policies' own mappings, so a control
 * that only a component secures (a CNI with NetworkPolicy support, Pod Identity roles) is shown as
 * implemented, and by what. A default listed here must be what the component does when the
 * argument is omitted; the policy packs still check what a program passes instead.
 */
import type { Controls } from "../policy-packs/common/controls";

export interface ComponentDefault {
    /** The component's type token. */
    readonly component: `bulwark:${string}:${string}`;
    /** The argument (property path) whose default implements the controls; "(always)" when no argument turns it off. */
    readonly arg: string;
    /** The default, as the argument's documentation states it. */
    readonly default: string;
    /** What that default does for security, in one sentence. */
    readonly effect: string;
    readonly controls: Controls;
}

const CLUSTER = "bulwark:aws:HardenedCluster";
const NAMESPACE = "bulwark:kubernetes:SecureNamespace";
const ACCESS = "bulwark:kubernetes:TeamAccess";
const WORKLOAD = "bulwark:kubernetes:SecureWorkload";
const STORAGE = "bulwark:kubernetes:EncryptedStorageClass";
const MONITORING = "bulwark:kubernetes:MonitoringStack";

export const COMPONENT_DEFAULTS: readonly ComponentDefault[] = [
    {
        component: CLUSTER,
        arg: "weakenings.omitLogTypes",
        default: "none (all five log types)",
        effect: "Ships api, audit, authenticator, controllerManager and scheduler logs to an encrypted log group with retention.",
        controls: { cisEks: ["2.1.1", "2.1.2"], nsaCisa: ["6"] },
    },
    {
        component: CLUSTER,
        arg: "weakenings.publicEndpointCidrs",
        default: "none (private endpoint only)",
        effect: "The API server is reachable only from inside the VPC.",
        controls: { cisEks: ["5.4.1", "5.4.2"], nist800190: ["4.3.2"], nsaCisa: ["3"] },
    },
    {
        component: CLUSTER,
        arg: "network",
        default: "a new VPC, nodes in private subnets",
        effect: "Nodes and control-plane interfaces sit in private subnets; every flow is logged.",
        controls: { cisEks: ["5.4.3"], nist800190: ["4.3.3", "4.3.5"], nsaCisa: ["3", "6"] },
    },
    {
        component: CLUSTER,
        arg: "keyDeletionWindowDays",
        default: "30 (one rotating customer-managed key)",
        effect: "Secrets are envelope-encrypted with a customer-managed KMS key that rotates yearly; volumes, logs and ECR use it too.",
        controls: { cisEks: ["5.3.1"], nsaCisa: ["4"] },
    },
    {
        component: CLUSTER,
        arg: "nodeGroups",
        default: `one group "system" from a hardened launch template`,
        effect: "IMDSv2 with hop limit 1, encrypted roots, no key pair; the node role holds only worker and ECR read-only policies.",
        controls: { cisEks: ["5.1.3"], nist800190: ["4.3.5", "4.5.1"], nsaCisa: ["2"] },
    },
    {
        component: CLUSTER,
        arg: "(always)",
        default: "vpc-cni with enableNetworkPolicy; a Pod Identity role per add-on",
        effect: "The VPC CNI enforces NetworkPolicy; the CNI, CSI driver and CloudWatch agent get their own Pod Identity roles.",
        controls: { cisEks: ["4.3.1", "5.2.1", "5.4.4"], nist800190: ["4.3.3"], nsaCisa: ["3"] },
    },
    {
        component: CLUSTER,
        arg: "access",
        default: "break-glass admin, viewer and team roles, each behind MFA",
        effect: "Humans reach the cluster only through IAM roles mapped by EKS access entries (API mode); cluster-admin is break-glass only.",
        controls: { cisEks: ["4.1.1", "4.1.7", "5.5.1"], nist800190: ["4.3.1"], nsaCisa: ["5"] },
    },
    {
        component: CLUSTER,
        arg: "registry",
        default: "ECR repositories with immutable tags, scan on push and the cluster key",
        effect: "Images come from a private registry that scans on push and never re-tags; old images expire.",
        controls: { cisEks: ["5.1.1", "5.1.4"], nist800190: ["4.1.1", "4.1.5", "4.2.2"], nsaCisa: ["1"] },
    },
    {
        component: CLUSTER,
        arg: "kubernetesVersion",
        default: `"1.33" (pinned, in standard support)`,
        effect: "The control plane and add-ons run a supported, pinned version.",
        controls: { nist800190: ["4.4.1", "4.5.3"], nsaCisa: ["7"] },
    },
    {
        component: NAMESPACE,
        arg: "podSecurityLevel",
        default: `"restricted", pinned to v1.37`,
        effect: "Pod Security Admission enforces, audits and warns at restricted.",
        controls: { cisEks: ["4.2.1", "4.2.2", "4.2.3", "4.2.4", "4.2.5"], nist800190: ["4.4.3"], nsaCisa: ["2"] },
    },
    {
        component: NAMESPACE,
        arg: "metricsScraper",
        default: "none (default-deny NetworkPolicy, DNS-only egress)",
        effect: "Every namespace starts with a default-deny NetworkPolicy; each team gets its own namespace.",
        controls: { cisEks: ["4.3.2", "4.5.1"], nist800190: ["4.3.3", "4.3.4", "4.4.2"], nsaCisa: ["3"] },
    },
    {
        component: NAMESPACE,
        arg: "resourceQuota",
        default: "DEFAULT_RESOURCE_QUOTA (no LoadBalancer or NodePort Services)",
        effect: "Caps the namespace's compute and forbids externally exposed Service types.",
        controls: { nist800190: ["4.4.2"], nsaCisa: ["3"] },
    },
    {
        component: ACCESS,
        arg: "teams",
        default: "explicit verbs, no Secret reads, no exec, no RBAC",
        effect: "Team roles grant no secrets, no pod exec and no RBAC edits; no wildcards.",
        controls: { cisEks: ["4.1.2", "4.1.3", "4.1.8"], nist800190: ["4.3.1", "4.3.2"], nsaCisa: ["5"] },
    },
    {
        component: ACCESS,
        arg: "breakGlassGroup",
        default: `"bulwark:break-glass-admins"`,
        effect: "The break-glass group is the only cluster-admin binding.",
        controls: { cisEks: ["4.1.1"], nist800190: ["4.3.1"], nsaCisa: ["5"] },
    },
    {
        component: WORKLOAD,
        arg: "runAsUser",
        default: "10001 (restricted security context)",
        effect: "Non-root UID, RuntimeDefault seccomp, drop ALL, no privilege escalation.",
        controls: { pss: ["restricted/run-as-non-root", "restricted/run-as-user", "restricted/seccomp", "restricted/capabilities", "restricted/privilege-escalation"], nsaCisa: ["2"] },
    },
    {
        component: WORKLOAD,
        arg: "writableRootFilesystem",
        default: "false (read-only root, in-memory /tmp)",
        effect: "The container cannot modify its own image's files.",
        controls: { nist800190: ["4.4.3", "4.5.5"], nsaCisa: ["2"] },
    },
    {
        component: WORKLOAD,
        arg: "automountServiceAccountToken",
        default: "false",
        effect: "The pod holds no API token unless it asks for one.",
        controls: { cisEks: ["4.1.5", "4.1.6"], nist800190: ["4.3.2"], nsaCisa: ["2"] },
    },
    {
        component: WORKLOAD,
        arg: "secretMounts",
        default: "none (secrets only as read-only files)",
        effect: "Secrets reach the container as files, never as environment variables.",
        controls: { cisEks: ["4.4.1"], nist800190: ["4.1.4"], nsaCisa: ["2"] },
    },
    {
        component: WORKLOAD,
        arg: "ingressFrom",
        default: "nobody",
        effect: "The workload's port is closed to every pod until peers are named.",
        controls: { nist800190: ["4.4.2"], nsaCisa: ["3"] },
    },
    {
        component: STORAGE,
        arg: "isDefault",
        default: "true (encrypted gp3 as the default class)",
        effect: "Claims without a class get encrypted volumes.",
        controls: { nist800190: ["4.5.5"], nsaCisa: ["4"] },
    },
    {
        component: MONITORING,
        arg: "charts",
        default: "DEFAULT_CHARTS (kube-prometheus-stack, Falco, Fluent Bit, pinned)",
        effect: "Falco watches container runtime behaviour and alerts through Alertmanager; Prometheus and Fluent Bit keep metrics and logs.",
        controls: { nist800190: ["4.4.5"], nsaCisa: ["6"] },
    },
];
