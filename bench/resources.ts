/**
 * The benchmark's resources: deterministic, realistic, compliant and not. The same set goes through
 * every floor and every pack, so that a ratio compares like with like.
 */
import type { PolicyInput } from "../preview/policy-runner";

const DIGEST = `sha256:${"a".repeat(64)}`;
const ACCOUNT = "123456789012";

type Obj = Record<string, any>;

/** Deterministic variation: the i-th resource of its kind breaks one rule when `i % every === 0`. */
const breaks = (i: number, every: number) => i % every === 0;

function container(i: number, name: string): Obj {
    return {
        name,
        image: breaks(i, 7) ? `docker.io/library/${name}:latest` : `registry.example.com/${name}@${DIGEST}`,
        ports: [{ containerPort: 8080 + (i % 3), protocol: "TCP" }],
        env: [
            { name: "LOG_LEVEL", value: "info" },
            breaks(i, 11) ? { name: "DB_PASSWORD", value: "hunter2" } : { name: "DB_HOST", value: `db-${i % 5}.apps.svc` },
        ],
        resources: breaks(i, 9) ? {} : { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
        securityContext: {
            allowPrivilegeEscalation: breaks(i, 5),
            privileged: breaks(i, 13),
            readOnlyRootFilesystem: !breaks(i, 6),
            capabilities: breaks(i, 8) ? { add: ["NET_ADMIN"] } : { drop: ["ALL"] },
        },
        livenessProbe: { httpGet: { path: "/healthz", port: 8080 }, periodSeconds: 10 },
        volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
    };
}

function podSpec(i: number): Obj {
    return {
        serviceAccountName: `app-${i % 10}`,
        automountServiceAccountToken: breaks(i, 4),
        hostNetwork: breaks(i, 17),
        securityContext: { runAsNonRoot: !breaks(i, 3), runAsUser: 10001, fsGroup: 10001, seccompProfile: { type: "RuntimeDefault" } },
        containers: [container(i, "app"), ...(i % 2 === 0 ? [container(i + 1, "sidecar")] : [])],
        volumes: breaks(i, 19) ? [{ name: "tmp", hostPath: { path: "/var/run" } }] : [{ name: "tmp", emptyDir: {} }],
    };
}

const meta = (name: string, namespace: string, i: number): Obj => ({
    name,
    namespace,
    labels: { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": `team-${i % 10}` },
});

const template = (i: number, name: string) => ({ metadata: { labels: { app: name } }, spec: podSpec(i) });
const namespaceOf = (i: number) => (breaks(i, 23) ? "default" : `team-${i % 10}`);

/** Pod-bearing kinds, in the proportions a platform has them. */
const WORKLOADS: ((i: number) => PolicyInput)[] = [
    (i) => ({
        type: "kubernetes:apps/v1:Deployment",
        name: `web-${i}`,
        props: { metadata: meta(`web-${i}`, namespaceOf(i), i), spec: { replicas: 2, selector: { matchLabels: { app: `web-${i}` } }, template: template(i, `web-${i}`) } },
    }),
    (i) => ({
        type: "kubernetes:apps/v1:StatefulSet",
        name: `db-${i}`,
        props: { metadata: meta(`db-${i}`, namespaceOf(i), i), spec: { serviceName: `db-${i}`, selector: { matchLabels: { app: `db-${i}` } }, template: template(i, `db-${i}`) } },
    }),
    (i) => ({
        type: "kubernetes:apps/v1:DaemonSet",
        name: `agent-${i}`,
        props: { metadata: meta(`agent-${i}`, namespaceOf(i), i), spec: { selector: { matchLabels: { app: `agent-${i}` } }, template: template(i, `agent-${i}`) } },
    }),
    (i) => ({
        type: "kubernetes:batch/v1:Job",
        name: `migrate-${i}`,
        props: { metadata: meta(`migrate-${i}`, namespaceOf(i), i), spec: { backoffLimit: 2, template: template(i, `migrate-${i}`) } },
    }),
    (i) => ({
        type: "kubernetes:batch/v1:CronJob",
        name: `report-${i}`,
        props: { metadata: meta(`report-${i}`, namespaceOf(i), i), spec: { schedule: "0 3 * * *", jobTemplate: { spec: { template: template(i, `report-${i}`) } } } },
    }),
    (i) => ({ type: "kubernetes:core/v1:Pod", name: `debug-${i}`, props: { metadata: meta(`debug-${i}`, namespaceOf(i), i), spec: podSpec(i) } }),
];

/** Generated Kubernetes workloads (pod-bearing kinds only), for the in-process throughput figure. */
export function workload(i: number): PolicyInput {
    return WORKLOADS[i % WORKLOADS.length](Math.floor(i / WORKLOADS.length));
}

function rule(i: number): Obj {
    if (breaks(i, 5)) return { apiGroups: ["*"], resources: ["*"], verbs: ["*"] };
    if (breaks(i, 7)) return { apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] };
    return { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list", "watch"] };
}

function subject(i: number): Obj {
    if (breaks(i, 9)) return { kind: "Group", name: "system:anonymous", apiGroup: "rbac.authorization.k8s.io" };
    return { kind: "Group", name: `team-${i % 10}-developers`, apiGroup: "rbac.authorization.k8s.io" };
}

const KUBERNETES_OTHERS: ((i: number) => PolicyInput)[] = [
    (i) => ({ type: "kubernetes:rbac.authorization.k8s.io/v1:Role", name: `reader-${i}`, props: { metadata: meta(`reader-${i}`, namespaceOf(i), i), rules: [rule(i), rule(i + 1)] } }),
    (i) => ({ type: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", name: `viewer-${i}`, props: { metadata: { name: `viewer-${i}` }, rules: [rule(i + 2)] } }),
    (i) => ({
        type: "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
        name: `reader-${i}`,
        props: { metadata: meta(`reader-${i}`, namespaceOf(i), i), roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: `reader-${i}` }, subjects: [subject(i)] },
    }),
    (i) => ({
        type: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
        name: `viewer-${i}`,
        props: {
            metadata: { name: `viewer-${i}` },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: breaks(i, 4) ? "cluster-admin" : `viewer-${i}` },
            subjects: [subject(i + 1)],
        },
    }),
    (i) => ({
        type: "kubernetes:core/v1:Service",
        name: `svc-${i}`,
        props: {
            metadata: meta(`svc-${i}`, namespaceOf(i), i),
            spec: { type: breaks(i, 3) ? "LoadBalancer" : "ClusterIP", selector: { app: `web-${i}` }, ports: [{ port: 80, targetPort: 8080 }] },
        },
    }),
    (i) => ({
        type: "kubernetes:core/v1:Namespace",
        name: `team-${i}`,
        props: {
            metadata: {
                name: `team-${i}`,
                labels: breaks(i, 3)
                    ? {}
                    : {
                          "pod-security.kubernetes.io/enforce": "restricted",
                          "pod-security.kubernetes.io/enforce-version": "v1.33",
                          "pod-security.kubernetes.io/audit": "restricted",
                          "pod-security.kubernetes.io/warn": "restricted",
                      },
            },
        },
    }),
    (i) => ({
        type: "kubernetes:core/v1:ServiceAccount",
        name: `app-${i}`,
        props: { metadata: meta(`app-${i}`, namespaceOf(i), i), automountServiceAccountToken: breaks(i, 2) },
    }),
];

const doc = (statements: Obj[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

const AWS: ((i: number) => PolicyInput)[] = [
    (i) => ({
        type: "aws:s3/bucket:Bucket",
        name: `logs-${i}`,
        props: { bucket: `logs-${i}`, tags: { team: `team-${i % 10}` }, ...(breaks(i, 3) ? {} : { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } } } }) },
    }),
    (i) => ({
        type: "aws:iam/role:Role",
        name: `app-${i}`,
        props: {
            name: `app-${i}`,
            assumeRolePolicy: doc([
                breaks(i, 4)
                    ? { Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }
                    : { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
            ]),
            tags: { team: `team-${i % 10}` },
        },
    }),
    (i) => ({
        type: "aws:iam/policy:Policy",
        name: `app-${i}`,
        props: {
            policy: doc([
                breaks(i, 5)
                    ? { Effect: "Allow", Action: "*", Resource: "*" }
                    : { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `arn:aws:s3:::logs-${i}/*` },
            ]),
        },
    }),
    (i) => ({
        type: "aws:ec2/securityGroup:SecurityGroup",
        name: `sg-${i}`,
        props: {
            vpcId: "vpc-0123",
            ingress: [{ protocol: "tcp", fromPort: breaks(i, 4) ? 22 : 443, toPort: breaks(i, 4) ? 22 : 443, cidrBlocks: [breaks(i, 2) ? "0.0.0.0/0" : "10.0.0.0/8"] }],
            egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"] }],
        },
    }),
    (i) => ({ type: "aws:kms/key:Key", name: `key-${i}`, props: { description: `key ${i}`, enableKeyRotation: !breaks(i, 3), deletionWindowInDays: 30 } }),
    (i) => ({ type: "aws:cloudwatch/logGroup:LogGroup", name: `lg-${i}`, props: { name: `/app/${i}`, retentionInDays: breaks(i, 3) ? 7 : 365, ...(breaks(i, 2) ? {} : { kmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k${i}` }) } }),
    (i) => ({ type: "aws:ebs/volume:Volume", name: `vol-${i}`, props: { availabilityZone: "us-east-1a", size: 50, encrypted: !breaks(i, 3) } }),
    (i) => ({ type: "aws:ecr/repository:Repository", name: `repo-${i}`, props: { name: `repo-${i}`, imageTagMutability: breaks(i, 2) ? "MUTABLE" : "IMMUTABLE", imageScanningConfiguration: { scanOnPush: !breaks(i, 3) } } }),
    (i) => ({
        type: "aws:rds/instance:Instance",
        name: `db-${i}`,
        props: { engine: "postgres", instanceClass: "db.t3.micro", allocatedStorage: 20, storageEncrypted: !breaks(i, 3), publiclyAccessible: breaks(i, 5), username: "app" },
    }),
    (i) => ({
        type: "aws:eks/cluster:Cluster",
        name: `cluster-${i}`,
        props: {
            roleArn: `arn:aws:iam::${ACCOUNT}:role/cluster`,
            version: "1.34",
            vpcConfig: { subnetIds: ["subnet-a", "subnet-b"], endpointPrivateAccess: true, endpointPublicAccess: breaks(i, 2) },
            encryptionConfig: { resources: ["secrets"], provider: { keyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1` } },
            enabledClusterLogTypes: breaks(i, 3) ? ["api"] : ["api", "audit", "authenticator", "controllerManager", "scheduler"],
            accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
        },
    }),
];

/** The benchmark's mixed set: 400 pod-bearing, 200 other Kubernetes objects, 400 AWS resources. */
export function mixedResources(): { kubernetes: PolicyInput[]; aws: PolicyInput[] } {
    const kubernetes: PolicyInput[] = [];
    for (let i = 0; i < 400; i++) kubernetes.push(workload(i));
    for (let i = 0; i < 200; i++) kubernetes.push(KUBERNETES_OTHERS[i % KUBERNETES_OTHERS.length](Math.floor(i / KUBERNETES_OTHERS.length)));
    const aws: PolicyInput[] = [];
    for (let i = 0; i < 400; i++) aws.push(AWS[i % AWS.length](Math.floor(i / AWS.length)));
    return { kubernetes, aws };
}

/** The Kubernetes pack's config for these resources: their registry is the approved one. */
export const KUBERNETES_CONFIG = { "images-approved-registry": { allowedRegistries: ["registry.example.com"] } };
