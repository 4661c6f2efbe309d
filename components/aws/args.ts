import type * as pulumi from "@pulumi/pulumi";
import { DNS_LABEL, isPlain, type Problem } from "../validation";
import { allowListProblem, type Ipv4Cidr, parseIpv4Cidr } from "./cidr";
import { ADDON_PINS, type AddonVersions, defaultKubernetesVersion, EKS_CALENDAR, supportStatus } from "./versions";

export type { AddonVersions } from "./versions";

/** The control-plane log types EKS can ship to CloudWatch. */
export const CLUSTER_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;
export type ClusterLogType = (typeof CLUSTER_LOG_TYPES)[number];

/** Team roles, each a Kubernetes group `bulwark:<team>:<role>` that the in-cluster RBAC binds. */
export const TEAM_ROLES = ["viewer", "developer", "deployer"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const BREAK_GLASS_GROUP = "bulwark:break-glass-admins";
/** The newest Kubernetes minor in EKS standard support today, by the release calendar. */
export const DEFAULT_KUBERNETES_VERSION = defaultKubernetesVersion();

/** The add-on pins of the default Kubernetes version (others resolve to EKS's default for it). */
export const DEFAULT_ADDON_VERSIONS: Partial<AddonVersions> = ADDON_PINS[DEFAULT_KUBERNETES_VERSION] ?? {};

export const AMI_TYPES = ["AL2023_x86_64_STANDARD", "AL2023_ARM_64_STANDARD", "BOTTLEROCKET_x86_64", "BOTTLEROCKET_ARM_64"] as const;
const LOG_RETENTION_DAYS = [90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** Upstreams ECR can cache without credentials, and those that need a Secrets Manager secret. */
const OPEN_UPSTREAMS = ["public.ecr.aws", "registry.k8s.io", "quay.io"];
const CREDENTIALED_UPSTREAMS = ["registry-1.docker.io", "ghcr.io", "registry.gitlab.com"];

/** A VPC the component builds: three AZs, private subnets for nodes, public ones for load balancers and NAT only. */
export interface NewNetworkArgs {
    /** The VPC block, /16 to /20. Default: "10.0.0.0/16". */
    readonly cidrBlock?: string;
    /** Exactly three AZs. Default: the region's first three available. */
    readonly availabilityZones?: string[];
    /** One NAT gateway per AZ (an AZ outage keeps egress elsewhere) or a single one. Default: "per-az". */
    readonly natGateways?: "per-az" | "single";
}

/** A VPC brought along; the component only uses its private subnets. */
export interface ExistingNetworkArgs {
    readonly vpcId: pulumi.Input<string>;
    /** Private subnets in at least two AZs, tagged `kubernetes.io/role/internal-elb`. */
    readonly privateSubnetIds: pulumi.Input<string>[];
}

export interface NodeGroupArgs {
    /** DNS label, unique in the cluster. */
    readonly name: string;
    /** Default: ["m7i.large"]. */
    readonly instanceTypes?: string[];
    /** Default: 2 (CoreDNS keeps a replica through a node loss). */
    readonly minSize?: number;
    /** Default: minSize. */
    readonly desiredSize?: number;
    /** Default: 6. */
    readonly maxSize?: number;
    /** Root volume (gp3, encrypted with the cluster key). Default: 50. */
    readonly diskSizeGiB?: number;
    /** AL2023 or Bottlerocket (AL2 has no 1.33 AMIs). Default: "AL2023_x86_64_STANDARD". */
    readonly amiType?: (typeof AMI_TYPES)[number];
    /** Default: "ON_DEMAND". */
    readonly capacityType?: "ON_DEMAND" | "SPOT";
    readonly labels?: Record<string, string>;
    readonly taints?: { key: string; value?: string; effect: "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE" }[];
}


/** A team's MFA-required IAM role, mapped to the Kubernetes group `bulwark:<name>:<role>` (NIST 800-190 4.3.1). */
export interface TeamAccessArgs {
    /** DNS label. */
    readonly name: string;
    readonly role: TeamRole;
    /** Who may assume the role. Default: any principal of the account, with MFA. */
    readonly principalArns?: string[];
}

/**
 * A non-human deployer for CI pipelines, which carry no MFA: an IAM role assumed only by OIDC web
 * identity from one issuer, for exact subjects, mapped to the Kubernetes group
 * `bulwark:pipeline:deployer` (bind it with TeamAccess's `deployer` role in the namespaces it deploys
 * to). It never gets a cluster access policy, so never cluster-admin.
 */
export interface PipelineDeployerArgs {
    /** The ARN of the account's IAM OIDC provider for the CI, e.g. `arn:aws:iam::<acct>:oidc-provider/token.actions.githubusercontent.com`. */
    readonly oidcProviderArn: string;
    /** The `sub` claims allowed, e.g. "repo:acme/payments:environment:production". Exact, or with `*` for one segment's rest. Required. */
    readonly subjects: string[];
    /** The `aud` claim. Default: "sts.amazonaws.com". */
    readonly audience?: string;
}

export interface AccessArgs {
    /** Who may assume the break-glass admin role (with MFA). Default: any principal of the account. */
    readonly adminPrincipalArns?: string[];
    /** Who may assume the read-only role (with MFA). Default: any principal of the account. */
    readonly viewerPrincipalArns?: string[];
    readonly teams?: TeamAccessArgs[];
    /** The pipelines' deployer role (OIDC web identity, no MFA, no cluster policy). Default: none. */
    readonly deployer?: PipelineDeployerArgs;
}

export interface PullThroughCacheArgs {
    /** The ECR namespace cached images land in, e.g. "k8s" for `<registry>/k8s/...`. */
    readonly prefix: string;
    /** e.g. "registry.k8s.io", "public.ecr.aws", "quay.io"; Docker Hub, GHCR and GitLab need `credentialArn`. */
    readonly upstreamRegistryUrl: string;
    /** A Secrets Manager secret named `ecr-pullthroughcache/...`. */
    readonly credentialArn?: string;
}

/** The approved-image registry (CIS EKS 5.1.1, 5.1.4; NIST 800-190 4.1.5, 4.2.2). */
export interface RegistryArgs {
    /** ECR repositories to create: IMMUTABLE tags, scan on push, KMS. Default: none. */
    readonly repositories?: string[];
    /** Upstream registries cached into ECR, so nodes pull only from it. Default: none. */
    readonly pullThroughCache?: PullThroughCacheArgs[];
    /** Images kept per repository. Default: 200. */
    readonly keepImages?: number;
    /** Days before untagged images expire. Default: 14. */
    readonly untaggedExpiryDays?: number;
    /**
     * The registry's scanning: "BASIC" scans on push; "ENHANCED" (Amazon Inspector, billed) scans
     * continuously. It is account- and region-wide and names this registry's repositories and cached
     * prefixes. Default: "BASIC".
     */
    readonly scanning?: "BASIC" | "ENHANCED";
}

/**
 * Deliberate departures from the hardened baseline. Each is visible in the graph and flagged by
 * the AWS policy pack unless exempted.
 */
export interface WeakeningArgs {
    /** Opens the public API endpoint to these networks (CIS EKS 5.4.1, 5.4.2). `0.0.0.0/0` and `::/0` are refused. Default: none (private only). */
    readonly publicEndpointCidrs?: string[];
    /** Adds an EC2 key pair to the nodes and opens port 22 from these networks (NIST 800-190 4.5.4). Default: none. */
    readonly sshAccess?: { keyName: string; sourceCidrs: string[] };
    /** Control-plane log types not shipped (CIS EKS 2.1.1). Default: none (all five). */
    readonly omitLogTypes?: ClusterLogType[];
}

export interface HardenedClusterArgs {
    /** EKS cluster name. Default: the component's name. */
    readonly clusterName?: string;
    /**
     * Pinned minor version "1.NN". Default: the newest in EKS standard support on the release
     * calendar (`EKS_CALENDAR`); the AWS pack flags a version past its end of standard support.
     */
    readonly kubernetesVersion?: string;
    /**
     * The Kubernetes Service CIDR (RFC 1918, /12 to /24, outside the VPC). Its first address is the
     * `kubernetes` Service, which NetworkPolicies must allow for pods that call the API server
     * (`HardenedCluster.apiServerCidrs`). Default: "172.20.0.0/16", EKS's own default when the VPC is in 10.0.0.0/8.
     */
    readonly serviceCidr?: string;
    /** Build a VPC, or bring one. Default: build one with `NewNetworkArgs` defaults. */
    readonly network?: NewNetworkArgs | ExistingNetworkArgs;
    /** Retention of control-plane, flow and Container Insights logs (CIS EKS 2.1.1). Default: 365. */
    readonly logRetentionDays?: number;
    /** KMS key deletion window, 7-30 days. Default: 30. */
    readonly keyDeletionWindowDays?: number;
    /** Managed node groups in the private subnets. Default: one group "system". */
    readonly nodeGroups?: NodeGroupArgs[];
    /**
     * Add-on versions. Default: the pins of `ADDON_PINS` for the Kubernetes version, and EKS's
     * default version for that Kubernetes version for any add-on not pinned there.
     */
    readonly addonVersions?: Partial<AddonVersions>;
    /**
     * GuardDuty EKS Runtime Monitoring with the managed agent (NIST 800-190 4.4.5). Default: off,
     * because it is billed per monitored vCPU-hour and its detector is one per account and region
     * (pass `detectorId` when one exists). Turn it on wherever nothing else watches node runtimes.
     */
    readonly guardDutyRuntimeMonitoring?: { detectorId?: pulumi.Input<string> };
    readonly access?: AccessArgs;
    readonly registry?: RegistryArgs;
    readonly weakenings?: WeakeningArgs;
    /**
     * Protects what holds state from deletion: the KMS key, the EKS cluster, its control-plane
     * (audit) log group and the ECR repositories. `pulumi destroy`, or a change that would replace
     * one of them, stops until it is unprotected (`pulumi state unprotect <urn>`), so nothing
     * deployed is lost by accident. Default: true. False suits short-lived test clusters.
     */
    readonly protect?: boolean;
    /**
     * EKS deletion protection: the API refuses to delete the cluster until it is turned off.
     * Default: the value of `protect`.
     */
    readonly deletionProtection?: boolean;
    /**
     * Create the account's Auto Scaling service-linked role, which creates the nodes' encrypted
     * volumes and which the key policy names. It exists once any Auto Scaling group was made in the
     * account, and creating it again fails: look it up first (the stacks do, with
     * `aws.iam.getRoles`) and set this when it is absent. Default: false.
     */
    readonly createAutoScalingServiceLinkedRole?: boolean;
    /** Tags on every AWS resource. */
    readonly tags?: Record<string, string>;
}

export function isExistingNetwork(n: HardenedClusterArgs["network"]): n is ExistingNetworkArgs {
    return n !== undefined && "vpcId" in n;
}

/** The pinned add-on versions for the cluster's Kubernetes version; absent keys resolve at deployment. */
export function addonVersions(args: HardenedClusterArgs): Partial<AddonVersions> {
    return { ...ADDON_PINS[args.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION], ...args.addonVersions };
}

export function defaultNodeGroups(args: HardenedClusterArgs): NodeGroupArgs[] {
    return args.nodeGroups ?? [{ name: "system" }];
}

const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
const K8S_VERSION = /^1\.(\d{2})$/;
const ADDON_VERSION = /^v\d+\.\d+\.\d+-eksbuild\.\d+$/;
const PRINCIPAL_ARN = /^arn:aws[a-z-]*:(iam::\d{12}:(root|role\/[\w+=,.@/-]+|user\/[\w+=,.@/-]+)|sts::\d{12}:assumed-role\/[\w+=,.@/-]+)$/;
const REPO_NAME = /^(?=.{2,256}$)[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;
const CACHE_PREFIX = /^(?=.{2,30}$)[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const CACHE_SECRET = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:ecr-pullthroughcache\/.+$/;

const isInt = (n: unknown, min: number, max = Number.MAX_SAFE_INTEGER) => Number.isInteger(n) && (n as number) >= min && (n as number) <= max;

/** Records one problem. */
type Add = (propertyPath: string, reason: string) => void;

function validateNetwork(network: HardenedClusterArgs["network"], add: Add): void {
    if (isExistingNetwork(network)) {
        const ids = network.privateSubnetIds;
        if (!Array.isArray(ids) || ids.length < 2) add("network.privateSubnetIds", "needs private subnets in at least two AZs (EKS requires it)");
        return;
    }
    const cidr = network?.cidrBlock ?? "10.0.0.0/16";
    const parsed = parseIpv4Cidr(cidr);
    if (!parsed || parsed.prefix < 16 || parsed.prefix > 20) {
        add("network.cidrBlock", `"${cidr}" must be an IPv4 block from /16 to /20 with host bits clear, e.g. "10.0.0.0/16"`);
    }
    const azs = network?.availabilityZones;
    if (azs !== undefined && (azs.length !== 3 || new Set(azs).size !== 3)) {
        add("network.availabilityZones", "must name exactly three distinct AZs (or omit it to use the region's first three)");
    }
    const nat = network?.natGateways;
    if (nat !== undefined && nat !== "per-az" && nat !== "single") add("network.natGateways", `must be "per-az" or "single"`);
}

function validateNodeGroups(groups: NodeGroupArgs[], add: Add): void {
    if (groups.length === 0) add("nodeGroups", "needs at least one node group (add-ons run on nodes)");
    const seen = new Set<string>();
    groups.forEach((g, i) => {
        const at = `nodeGroups[${i}]`;
        if (typeof g.name !== "string" || !DNS_LABEL.test(g.name)) add(`${at}.name`, `"${g.name}" must be a DNS label (lowercase letters, digits, '-')`);
        else if (seen.has(g.name)) add(`${at}.name`, `"${g.name}" is used by another node group`);
        seen.add(g.name);
        const min = g.minSize ?? 2;
        const max = g.maxSize ?? 6;
        const desired = g.desiredSize ?? min;
        if (!isInt(min, 0)) add(`${at}.minSize`, "must be a whole number, 0 or more");
        if (!isInt(max, 1) || max < min) add(`${at}.maxSize`, `must be a whole number at least 1 and at least minSize (${min})`);
        if (!isInt(desired, 0) || desired < min || desired > max) add(`${at}.desiredSize`, `must lie between minSize (${min}) and maxSize (${max})`);
        if (g.instanceTypes !== undefined && g.instanceTypes.length === 0) add(`${at}.instanceTypes`, "must list at least one instance type (or be omitted)");
        if (g.diskSizeGiB !== undefined && !isInt(g.diskSizeGiB, 20, 16384)) add(`${at}.diskSizeGiB`, "must be a whole number of GiB from 20 to 16384");
        if (g.amiType !== undefined && !AMI_TYPES.includes(g.amiType)) add(`${at}.amiType`, `must be one of ${AMI_TYPES.join(", ")}`);
        if (g.capacityType !== undefined && g.capacityType !== "ON_DEMAND" && g.capacityType !== "SPOT") add(`${at}.capacityType`, `must be "ON_DEMAND" or "SPOT"`);
    });
}

function validatePrincipals(path: string, arns: string[] | undefined, add: Add): void {
    if (arns === undefined) return;
    if (arns.length === 0) add(path, "must list at least one principal (or be omitted for the account's principals)");
    arns.forEach((arn, i) => {
        if (!PRINCIPAL_ARN.test(arn)) add(`${path}[${i}]`, `"${arn}" must be an IAM role, user or account-root ARN (no wildcards)`);
    });
}

const OIDC_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/[a-z0-9.-]+(\/[\w./-]+)?$/;

function validateDeployer(d: PipelineDeployerArgs | undefined, add: Add): void {
    if (d === undefined) return;
    if (typeof d.oidcProviderArn !== "string" || !OIDC_PROVIDER_ARN.test(d.oidcProviderArn)) {
        add("access.deployer.oidcProviderArn", `"${String(d.oidcProviderArn)}" must be an IAM OIDC provider ARN (arn:aws:iam::<account>:oidc-provider/<host>)`);
    }
    if (!Array.isArray(d.subjects) || d.subjects.length === 0) add("access.deployer.subjects", "must list the exact `sub` claims allowed (e.g. repo:acme/app:environment:prod)");
    (d.subjects ?? []).forEach((sub, i) => {
        // A bare "*" or a pattern starting with one would let any repository or project deploy.
        if (typeof sub !== "string" || sub.trim() === "" || sub.startsWith("*") || /^repo:\*|^project_path:\*/.test(sub)) {
            add(`access.deployer.subjects[${i}]`, `"${String(sub)}" must name the repository or project; a leading wildcard would admit any`);
        }
    });
}

function validateAccess(access: AccessArgs | undefined, add: Add): void {
    validateDeployer(access?.deployer, add);
    validatePrincipals("access.adminPrincipalArns", access?.adminPrincipalArns, add);
    validatePrincipals("access.viewerPrincipalArns", access?.viewerPrincipalArns, add);
    const seen = new Set<string>();
    (access?.teams ?? []).forEach((t, i) => {
        const at = `access.teams[${i}]`;
        if (typeof t.name !== "string" || !DNS_LABEL.test(t.name)) add(`${at}.name`, `"${t.name}" must be a DNS label (lowercase letters, digits, '-')`);
        if (!TEAM_ROLES.includes(t.role)) add(`${at}.role`, `must be one of ${TEAM_ROLES.join(", ")}`);
        const key = `${t.name}:${t.role}`;
        if (seen.has(key)) add(at, `team "${t.name}" already has the ${t.role} role`);
        seen.add(key);
        validatePrincipals(`${at}.principalArns`, t.principalArns, add);
    });
}

function validatePullThroughCache(rules: PullThroughCacheArgs[], add: Add): void {
    const prefixes = new Set<string>();
    rules.forEach((rule, i) => {
        const at = `registry.pullThroughCache[${i}]`;
        if (!CACHE_PREFIX.test(rule.prefix)) add(`${at}.prefix`, `"${rule.prefix}" must be 2-30 lowercase letters, digits, '.', '_' or '-'`);
        else if (prefixes.has(rule.prefix)) add(`${at}.prefix`, `"${rule.prefix}" is used by another rule`);
        prefixes.add(rule.prefix);
        const upstream = rule.upstreamRegistryUrl;
        const needsSecret = CREDENTIALED_UPSTREAMS.includes(upstream) || upstream.endsWith(".azurecr.io");
        if (!needsSecret && !OPEN_UPSTREAMS.includes(upstream)) {
            const known = [...OPEN_UPSTREAMS, ...CREDENTIALED_UPSTREAMS, "*.azurecr.io"].join(", ");
            add(`${at}.upstreamRegistryUrl`, `"${upstream}" is not an upstream ECR can cache (${known})`);
        }
        if (needsSecret && rule.credentialArn === undefined) {
            add(`${at}.credentialArn`, `is required for ${upstream}: a Secrets Manager secret named ecr-pullthroughcache/...`);
        }
        if (rule.credentialArn !== undefined && !CACHE_SECRET.test(rule.credentialArn)) {
            add(`${at}.credentialArn`, "must be the ARN of a Secrets Manager secret whose name starts with ecr-pullthroughcache/");
        }
    });
}

function validateRegistry(registry: RegistryArgs | undefined, add: Add): void {
    const seen = new Set<string>();
    (registry?.repositories ?? []).forEach((r, i) => {
        if (!REPO_NAME.test(r)) add(`registry.repositories[${i}]`, `"${r}" is not an ECR repository name (lowercase, digits, '.', '_', '-', '/')`);
        else if (seen.has(r)) add(`registry.repositories[${i}]`, `"${r}" is listed twice`);
        seen.add(r);
    });
    validatePullThroughCache(registry?.pullThroughCache ?? [], add);
    if (registry?.scanning !== undefined && registry.scanning !== "BASIC" && registry.scanning !== "ENHANCED") add("registry.scanning", `must be "BASIC" or "ENHANCED"`);
    if (registry?.keepImages !== undefined && !isInt(registry.keepImages, 1)) add("registry.keepImages", "must be a whole number, 1 or more");
    if (registry?.untaggedExpiryDays !== undefined && !isInt(registry.untaggedExpiryDays, 1)) {
        add("registry.untaggedExpiryDays", "must be a whole number of days, 1 or more");
    }
}

function validateWeakenings(w: WeakeningArgs | undefined, add: Add): void {
    const cidrs = (path: string, list: string[]) => {
        if (list.length === 0) add(path, "must list at least one network (or be omitted)");
        list.forEach((c, i) => {
            const problem = allowListProblem(c);
            if (problem) add(`${path}[${i}]`, problem);
        });
    };
    if (w?.publicEndpointCidrs !== undefined) cidrs("weakenings.publicEndpointCidrs", w.publicEndpointCidrs);
    if (w?.sshAccess !== undefined) {
        const keyName = w.sshAccess.keyName;
        if (typeof keyName !== "string" || keyName.trim() === "") add("weakenings.sshAccess.keyName", "must name an EC2 key pair");
        cidrs("weakenings.sshAccess.sourceCidrs", w.sshAccess.sourceCidrs ?? []);
    }
    (w?.omitLogTypes ?? []).forEach((t, i) => {
        if (!CLUSTER_LOG_TYPES.includes(t)) add(`weakenings.omitLogTypes[${i}]`, `"${t}" is not a log type (${CLUSTER_LOG_TYPES.join(", ")})`);
    });
}

function validateVersions(args: HardenedClusterArgs, add: Add, today: Date): void {
    const version = args.kubernetesVersion ?? defaultKubernetesVersion(today);
    const minor = K8S_VERSION.exec(version);
    const listed = EKS_CALENDAR.map((e) => e.version).join(", ");
    if (!minor) add("kubernetesVersion", `"${version}" must be a minor version such as "${defaultKubernetesVersion(today)}"`);
    else {
        const status = supportStatus(version, today);
        if (status.kind === "unlisted") add("kubernetesVersion", `"${version}" is not on the EKS release calendar (${listed}); refresh the calendar for a new version`);
        else if (status.kind === "unsupported") add("kubernetesVersion", `"${version}" left EKS extended support on ${status.entry.endOfExtendedSupport}; use ${defaultKubernetesVersion(today)}`);
        else if (status.kind === "not-released") add("kubernetesVersion", `"${version}" is not released on EKS until ${status.entry.release}`);
    }
    const versions = addonVersions({ ...args, kubernetesVersion: version });
    for (const [key, v] of Object.entries(versions)) {
        if (typeof v !== "string" || !ADDON_VERSION.test(v)) add(`addonVersions.${key}`, `"${String(v)}" must be an EKS add-on version such as "v1.2.3-eksbuild.1"`);
    }
    if (minor && versions.kubeProxy !== undefined && ADDON_VERSION.test(versions.kubeProxy) && !versions.kubeProxy.startsWith(`v${version}.`)) {
        add("addonVersions.kubeProxy", `"${versions.kubeProxy}" does not match Kubernetes ${version} (kube-proxy must be v${version}.x)`);
    }
}

export const DEFAULT_SERVICE_CIDR = "172.20.0.0/16";
const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((c) => parseIpv4Cidr(c) as Ipv4Cidr);
const contains = (outer: Ipv4Cidr, inner: Ipv4Cidr) =>
    inner.prefix >= outer.prefix && ((inner.base ^ outer.base) & (outer.prefix === 0 ? 0 : (0xffffffff << (32 - outer.prefix)) >>> 0)) === 0;
const overlaps = (a: Ipv4Cidr, b: Ipv4Cidr) => contains(a, b) || contains(b, a);

function validateServiceCidr(args: HardenedClusterArgs, add: Add): void {
    const text = args.serviceCidr ?? DEFAULT_SERVICE_CIDR;
    const cidr = parseIpv4Cidr(text);
    if (!cidr || cidr.prefix < 12 || cidr.prefix > 24 || !PRIVATE_RANGES.some((r) => contains(r, cidr))) {
        add("serviceCidr", `"${text}" must be an RFC 1918 block from /12 to /24 with host bits clear, e.g. "172.20.0.0/16"`);
        return;
    }
    const vpc = isExistingNetwork(args.network) ? undefined : parseIpv4Cidr(args.network?.cidrBlock ?? "10.0.0.0/16");
    if (vpc && overlaps(vpc, cidr)) add("serviceCidr", `"${text}" overlaps the VPC block; choose a block outside it`);
}

/** The `kubernetes` Service's address: the first host of the service CIDR, as a /32. */
export function kubernetesServiceCidr(serviceCidr: string): string {
    const cidr = parseIpv4Cidr(serviceCidr) as Ipv4Cidr;
    const ip = cidr.base + 1;
    return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}/32`;
}

/** IAM role names are at most 64 characters, and Pulumi's auto-naming appends "-" and 7 characters. */
const IAM_ROLE_NAME_MAX = 64 - 8;
/** EKS node group names are at most 63 characters; a name prefix leaves 26 for the unique suffix. */
const NODE_GROUP_PREFIX_MAX = 63 - 26;

/** The role part of every IAM role the component names `${name}-<role>`. */
export function iamRoleSuffixes(args: HardenedClusterArgs): string[] {
    const fixed = ["cluster-role", "node-role", "flow-logs", "ecr-templates", "vpcCni-role", "ebsCsi-role", "cloudwatch-role", "break-glass-admin", "viewer"];
    return [...fixed, ...(args.access?.teams ?? []).map((t) => `team-${t.name}-${t.role}`), ...(args.access?.deployer ? ["deployer"] : [])];
}

function validateNameLengths(args: HardenedClusterArgs, name: string, add: Add): void {
    for (const suffix of iamRoleSuffixes(args)) {
        const roleName = `${name}-${suffix}`;
        if (roleName.length > IAM_ROLE_NAME_MAX) {
            const path = suffix.startsWith("team-") ? `access.teams[${(args.access?.teams ?? []).findIndex((t) => suffix === `team-${t.name}-${t.role}`)}].name` : "name";
            add(path, `the IAM role name "${roleName}" is ${roleName.length} characters; with the 8-character suffix it must stay within ${IAM_ROLE_NAME_MAX} (shorten the component's name or the team's)`);
        }
    }
    defaultNodeGroups(args).forEach((g, i) => {
        if (typeof g.name === "string" && g.name.length + 1 > NODE_GROUP_PREFIX_MAX) {
            add(`nodeGroups[${i}].name`, `"${g.name}" is too long: the node group name prefix "${g.name}-" must stay within ${NODE_GROUP_PREFIX_MAX} characters`);
        }
    });
}

/**
 * Every problem with the arguments, each naming its property; empty when they are usable. Versions
 * are judged against the EKS calendar on `today` (reviews and tests pass a day).
 */
export function validateHardenedClusterArgs(args: HardenedClusterArgs, name: string, today: Date = new Date()): Problem[] {
    const problems: Problem[] = [];
    const add: Add = (propertyPath, reason) => problems.push({ propertyPath, reason });
    const clusterName = args.clusterName ?? name;
    if (!CLUSTER_NAME.test(clusterName)) add("clusterName", `"${clusterName}" must be 1-100 letters, digits, '-' or '_', starting with a letter or digit`);
    validateVersions(args, add, today);
    validateNetwork(args.network, add);
    validateServiceCidr(args, add);
    validateNameLengths(args, name, add);
    const retention = args.logRetentionDays ?? 365;
    if (!LOG_RETENTION_DAYS.includes(retention)) {
        add("logRetentionDays", `${retention} must be a CloudWatch retention of 90 days or more (${LOG_RETENTION_DAYS.join(", ")})`);
    }
    if (!isInt(args.keyDeletionWindowDays ?? 30, 7, 30)) add("keyDeletionWindowDays", "must be a whole number of days from 7 to 30");
    validateNodeGroups(defaultNodeGroups(args), add);
    validateAccess(args.access, add);
    validateRegistry(args.registry, add);
    validateWeakenings(args.weakenings, add);
    const detectorId = args.guardDutyRuntimeMonitoring?.detectorId;
    if (isPlain(detectorId) && detectorId.trim() === "") {
        add("guardDutyRuntimeMonitoring.detectorId", "must be a GuardDuty detector ID (or omitted to create the detector)");
    }
    return problems;
}
