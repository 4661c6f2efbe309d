/** The Kubernetes pack's policies, listed explicitly. Tests import this module; only index.ts serves it. */
import type { BulwarkPolicy } from "../common/policy";
import pssBaselineHostProcess from "./policies/pss-baseline-host-process";
import pssBaselineHostNamespaces from "./policies/pss-baseline-host-namespaces";
import pssBaselinePrivileged from "./policies/pss-baseline-privileged";
import pssBaselineCapabilities from "./policies/pss-baseline-capabilities";
import pssBaselineHostPathVolumes from "./policies/pss-baseline-host-path-volumes";
import pssBaselineHostPorts from "./policies/pss-baseline-host-ports";
import pssBaselineHostProbes from "./policies/pss-baseline-host-probes";
import pssBaselineApparmor from "./policies/pss-baseline-apparmor";
import pssBaselineSelinux from "./policies/pss-baseline-selinux";
import pssBaselineProcMount from "./policies/pss-baseline-proc-mount";
import pssBaselineSeccomp from "./policies/pss-baseline-seccomp";
import pssBaselineSysctls from "./policies/pss-baseline-sysctls";
import pssRestrictedVolumeTypes from "./policies/pss-restricted-volume-types";
import pssRestrictedPrivilegeEscalation from "./policies/pss-restricted-privilege-escalation";
import pssRestrictedRunAsNonRoot from "./policies/pss-restricted-run-as-non-root";
import pssRestrictedRunAsUser from "./policies/pss-restricted-run-as-user";
import pssRestrictedSeccomp from "./policies/pss-restricted-seccomp";
import pssRestrictedCapabilities from "./policies/pss-restricted-capabilities";
import pssRestrictedProcMount from "./policies/pss-restricted-proc-mount";
import containersReadOnlyRootFilesystem from "./policies/containers-read-only-root-filesystem";
import containersResourceLimits from "./policies/containers-resource-limits";
import helmChartApprovedRepository from "./policies/helm-chart-approved-repository";
import helmChartVersionPinned from "./policies/helm-chart-version-pinned";
import imagesApprovedRegistry from "./policies/images-approved-registry";
import imagesPinnedByDigest from "./policies/images-pinned-by-digest";
import ingressTlsRequired from "./policies/ingress-tls-required";
import namespacesDefaultDenyNetworkPolicy from "./policies/namespaces-default-deny-network-policy";
import namespacesPodSecurityAuditWarn from "./policies/namespaces-pod-security-audit-warn";
import namespacesPodSecurityRestricted from "./policies/namespaces-pod-security-restricted";
import podsNoAutomountServiceAccountToken from "./policies/pods-no-automount-service-account-token";
import rbacClusterAdminBreakGlassOnly from "./policies/rbac-cluster-admin-break-glass-only";
import rbacNoAnonymousAccess from "./policies/rbac-no-anonymous-access";
import rbacNoDefaultServiceAccountBindings from "./policies/rbac-no-default-service-account-bindings";
import rbacNoEscalationVerbs from "./policies/rbac-no-escalation-verbs";
import rbacNoNodesProxy from "./policies/rbac-no-nodes-proxy";
import rbacNoPersistentVolumeCreate from "./policies/rbac-no-persistent-volume-create";
import rbacNoPodCreate from "./policies/rbac-no-pod-create";
import rbacNoSecretRead from "./policies/rbac-no-secret-read";
import rbacNoServiceAccountTokenCreate from "./policies/rbac-no-service-account-token-create";
import rbacNoWebhookConfigurationWrites from "./policies/rbac-no-webhook-configuration-writes";
import rbacNoWildcards from "./policies/rbac-no-wildcards";
import secretsNotInEnv from "./policies/secrets-not-in-env";
import servicesAllowedTypes from "./policies/services-allowed-types";
import workloadsNotInDefaultNamespace from "./policies/workloads-not-in-default-namespace";

export const packName = "bulwark-kubernetes";

/** Images, workload hygiene, RBAC, namespaces and network, Helm: everything beyond the Pod Security Standards. */
const platformPolicies: BulwarkPolicy[] = [
    containersReadOnlyRootFilesystem,
    containersResourceLimits,
    helmChartApprovedRepository,
    helmChartVersionPinned,
    imagesApprovedRegistry,
    imagesPinnedByDigest,
    ingressTlsRequired,
    namespacesDefaultDenyNetworkPolicy,
    namespacesPodSecurityAuditWarn,
    namespacesPodSecurityRestricted,
    podsNoAutomountServiceAccountToken,
    rbacClusterAdminBreakGlassOnly,
    rbacNoAnonymousAccess,
    rbacNoDefaultServiceAccountBindings,
    rbacNoEscalationVerbs,
    rbacNoNodesProxy,
    rbacNoPersistentVolumeCreate,
    rbacNoPodCreate,
    rbacNoSecretRead,
    rbacNoServiceAccountTokenCreate,
    rbacNoWebhookConfigurationWrites,
    rbacNoWildcards,
    secretsNotInEnv,
    servicesAllowedTypes,
    workloadsNotInDefaultNamespace,
];

/** Pod Security Standards v1.37: the baseline controls, then the restricted ones. */
const podSecurityPolicies: BulwarkPolicy[] = [
    pssBaselineHostProcess,
    pssBaselineHostNamespaces,
    pssBaselinePrivileged,
    pssBaselineCapabilities,
    pssBaselineHostPathVolumes,
    pssBaselineHostPorts,
    pssBaselineHostProbes,
    pssBaselineApparmor,
    pssBaselineSelinux,
    pssBaselineProcMount,
    pssBaselineSeccomp,
    pssBaselineSysctls,
    pssRestrictedVolumeTypes,
    pssRestrictedPrivilegeEscalation,
    pssRestrictedRunAsNonRoot,
    pssRestrictedRunAsUser,
    pssRestrictedSeccomp,
    pssRestrictedCapabilities,
    pssRestrictedProcMount,
];

export const policies: BulwarkPolicy[] = [...podSecurityPolicies, ...platformPolicies];
