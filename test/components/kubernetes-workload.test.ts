import * as assert from "node:assert/strict";
import { SecureWorkload, type SecureWorkloadArgs } from "../../components/kubernetes";
import { assertParentsAndProviders, assertRejected, recordComponent } from "./kubernetes-helpers";

const T = {
    deployment: "kubernetes:apps/v1:Deployment",
    sa: "kubernetes:core/v1:ServiceAccount",
    service: "kubernetes:core/v1:Service",
    netpol: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    pdb: "kubernetes:policy/v1:PodDisruptionBudget",
};

const ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
const DIGEST = `sha256:${"a".repeat(64)}`;
const IMAGE = `${ECR}/payments/api@${DIGEST}`;
const base: Omit<SecureWorkloadArgs, "provider"> = {
    namespace: "payments",
    image: IMAGE,
    allowedRegistries: [ECR],
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
};

describe("SecureWorkload", () => {
    it("runs the pod at the restricted profile by default", async () => {
        const graph = await recordComponent((provider) => new SecureWorkload("api", { provider, ...base }));
        const deployment = graph.named("api-deployment", T.deployment).inputs as any;
        assert.equal(deployment.metadata.namespace, "payments");
        assert.equal(deployment.spec.replicas, 2);
        const pod = deployment.spec.template.spec;
        assert.equal(pod.automountServiceAccountToken, false);
        assert.equal(pod.serviceAccountName, "api");
        assert.deepEqual(pod.securityContext, {
            runAsNonRoot: true,
            runAsUser: 10001,
            runAsGroup: 10001,
            fsGroup: 10001,
            seccompProfile: { type: "RuntimeDefault" },
        });
        assert.equal(pod.containers.length, 1);
        const c = pod.containers[0];
        assert.equal(c.image, IMAGE);
        assert.deepEqual(c.securityContext, {
            runAsNonRoot: true,
            runAsUser: 10001,
            allowPrivilegeEscalation: false,
            privileged: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ["ALL"] },
            seccompProfile: { type: "RuntimeDefault" },
        });
        assert.deepEqual(c.resources, base.resources);
        assert.deepEqual(c.volumeMounts, [{ name: "tmp", mountPath: "/tmp" }]);
        assert.deepEqual(pod.volumes, [{ name: "tmp", emptyDir: { medium: "Memory", sizeLimit: "64Mi" } }]);
        const selector = { "app.kubernetes.io/name": "api", "app.kubernetes.io/instance": "api" };
        assert.deepEqual(deployment.spec.selector.matchLabels, selector);
        assert.deepEqual(deployment.spec.template.metadata.labels, { ...selector, "app.kubernetes.io/managed-by": "bulwark" });
        assertParentsAndProviders(graph);
    });

    it("adds a token-less ServiceAccount, a ClusterIP Service, a closed ingress policy and a PDB", async () => {
        const graph = await recordComponent((provider) => new SecureWorkload("api", { provider, ...base }));
        const sa = graph.named("api-service-account", T.sa).inputs as any;
        assert.equal(sa.automountServiceAccountToken, false);
        assert.equal(sa.metadata.namespace, "payments");
        const service = graph.named("api-service", T.service).inputs as any;
        assert.equal(service.spec.type, "ClusterIP");
        assert.deepEqual(service.spec.ports, [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }]);
        const policy = graph.named("api-ingress", T.netpol).inputs as any;
        assert.equal(policy.metadata.namespace, "payments");
        assert.deepEqual(policy.spec.policyTypes, ["Ingress"]);
        assert.deepEqual(policy.spec.ingress, [], "nobody is let in until named");
        assert.deepEqual(policy.spec.podSelector.matchLabels, { "app.kubernetes.io/name": "api", "app.kubernetes.io/instance": "api" });
        const pdb = graph.named("api-pdb", T.pdb).inputs as any;
        assert.equal(pdb.spec.maxUnavailable, 1);
        const outputs = graph.component("bulwark:kubernetes:SecureWorkload").outputs as any;
        assert.deepEqual(outputs, { namespace: "payments", deploymentName: "api", serviceName: "api", serviceAccountName: "api" });
    });

    it("lets in only the named peers, on the container port", async () => {
        const graph = await recordComponent(
            (provider) =>
                new SecureWorkload("api", {
                    provider,
                    ...base,
                    containerPort: 9000,
                    ingressFrom: [{ podLabels: { app: "web" } }, { namespace: "ingress", podLabels: { app: "gateway" } }, { namespace: "monitoring" }],
                }),
        );
        assert.deepEqual((graph.named("api-ingress", T.netpol).inputs as any).spec.ingress, [
            {
                from: [
                    { podSelector: { matchLabels: { app: "web" } } },
                    { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress" } }, podSelector: { matchLabels: { app: "gateway" } } },
                    { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } },
                ],
                ports: [{ protocol: "TCP", port: 9000 }],
            },
        ]);
    });

    it("declares its egress in the same component: callees, the API server and outside endpoints, each on its ports", async () => {
        const graph = await recordComponent(
            (provider) =>
                new SecureWorkload("web", {
                    provider,
                    ...base,
                    egressTo: {
                        peers: [{ podLabels: { "app.kubernetes.io/name": "api" }, ports: [8080] }, { namespace: "search", podLabels: { app: "indexer" }, ports: [9200] }],
                        apiServerCidrs: ["172.20.0.1/32", "10.0.0.0/16"],
                        cidrs: [{ cidrs: ["10.0.48.0/24"], ports: [443] }],
                    },
                }),
        );
        const policy = graph.named("web-egress", T.netpol).inputs as any;
        assert.deepEqual(policy.spec.podSelector, { matchLabels: { "app.kubernetes.io/name": "web", "app.kubernetes.io/instance": "web" } });
        assert.deepEqual(policy.spec.policyTypes, ["Egress"]);
        assert.deepEqual(policy.spec.egress, [
            { to: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "api" } } }], ports: [{ protocol: "TCP", port: 8080 }] },
            {
                to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "search" } }, podSelector: { matchLabels: { app: "indexer" } } }],
                ports: [{ protocol: "TCP", port: 9200 }],
            },
            {
                to: [{ ipBlock: { cidr: "172.20.0.1/32" } }, { ipBlock: { cidr: "10.0.0.0/16" } }],
                ports: [{ protocol: "TCP", port: 443 }, { protocol: "TCP", port: 6443 }],
            },
            { to: [{ ipBlock: { cidr: "10.0.48.0/24" } }], ports: [{ protocol: "TCP", port: 443 }] },
        ]);
        // The callee lets the caller in: with both declared, the connection works under the namespace's default deny.
        const api = await recordComponent((provider) => new SecureWorkload("api", { provider, ...base, ingressFrom: [{ podLabels: { "app.kubernetes.io/name": "web" } }] }));
        const from = (api.named("api-ingress", T.netpol).inputs as any).spec.ingress[0].from[0].podSelector.matchLabels;
        const callerLabels = (graph.named("web-deployment", T.deployment).inputs as any).spec.template.metadata.labels;
        assert.ok(Object.entries(from).every(([k, v]) => callerLabels[k] === v), "the caller's pods match the callee's ingress peer");
        const calleeLabels = (api.named("api-deployment", T.deployment).inputs as any).spec.template.metadata.labels;
        const to = policy.spec.egress[0].to[0].podSelector.matchLabels;
        assert.ok(Object.entries(to).every(([k, v]) => calleeLabels[k] === v), "the callee's pods match the caller's egress peer");
    });

    it("creates no egress policy when none is declared", async () => {
        const graph = await recordComponent((provider) => new SecureWorkload("api", { provider, ...base }));
        assert.equal(graph.byType(T.netpol).filter((p) => p.name === "api-egress").length, 0);
    });

    it("mounts secrets as read-only files, sets probes, and honours the explicit weakenings", async () => {
        const graph = await recordComponent(
            (provider) =>
                new SecureWorkload("api", {
                    provider,
                    ...base,
                    workloadName: "payments-api",
                    env: { LOG_LEVEL: "info" },
                    secretMounts: [{ secretName: "db-credentials", mountPath: "/var/run/secrets/db" }],
                    probePath: "/healthz",
                    automountServiceAccountToken: true,
                    writableRootFilesystem: true,
                    runAsUser: 2000,
                }),
        );
        const pod = (graph.named("api-deployment", T.deployment).inputs as any).spec.template.spec;
        const c = pod.containers[0];
        assert.deepEqual(c.env, [{ name: "LOG_LEVEL", value: "info" }]);
        assert.deepEqual(c.volumeMounts[1], { name: "secret-0", mountPath: "/var/run/secrets/db", readOnly: true });
        assert.deepEqual(pod.volumes[1], { name: "secret-0", secret: { secretName: "db-credentials", defaultMode: 0o440 } });
        assert.deepEqual(c.readinessProbe, { httpGet: { path: "/healthz", port: "http" } });
        assert.equal(c.securityContext.readOnlyRootFilesystem, false);
        assert.equal(c.securityContext.runAsUser, 2000);
        assert.equal(pod.automountServiceAccountToken, true);
        assert.equal((graph.named("api-service-account", T.sa).inputs as any).metadata.name, "payments-api");
    });

    it("accepts an image under an allowed path prefix, and Docker Hub's implicit names", async () => {
        const graph = await recordComponent(
            (provider) => new SecureWorkload("web", { provider, ...base, image: `nginx@${DIGEST}`, allowedRegistries: ["docker.io/library"] }),
        );
        assert.equal((graph.named("web-deployment", T.deployment).inputs as any).spec.template.spec.containers[0].image, `nginx@${DIGEST}`);
    });

    describe("refuses", () => {
        it("egress to the whole internet, without ports, or to an empty peer", () =>
            assertRejected(
                (provider) =>
                    new SecureWorkload("api", {
                        provider,
                        ...base,
                        egressTo: { peers: [{ ports: [80] }], apiServerCidrs: [], cidrs: [{ cidrs: ["0.0.0.0/0", "s3"], ports: [] }] },
                    }),
                ["egressTo.peers[0]", "egressTo.apiServerCidrs", "egressTo.cidrs[0].cidrs[0]", "egressTo.cidrs[0].cidrs[1]", "egressTo.cidrs[0].ports"],
            ));

        it("an image pinned by tag, with a clear reason", async () => {
            const err = await assertRejected((provider) => new SecureWorkload("api", { provider, ...base, image: `${ECR}/payments/api:1.2.3` }), ["image"]);
            assert.match(err.message, /must be pinned by digest/);
        });

        it("an image from a registry not on the list, even a look-alike host", async () => {
            const err = await assertRejected(
                (provider) => new SecureWorkload("api", { provider, ...base, image: `${ECR}.evil.example/payments/api@${DIGEST}` }),
                ["image"],
            );
            assert.match(err.message, /not from an allowed registry/);
            await assertRejected((provider) => new SecureWorkload("api", { provider, ...base, image: `nginx@${DIGEST}` }), ["image"]);
        });

        it("missing resources, an empty registry list, root, the default namespace and open peers, all at once", () =>
            assertRejected(
                (provider) =>
                    new SecureWorkload("api", {
                        provider,
                        ...base,
                        namespace: "default",
                        allowedRegistries: [],
                        resources: { requests: { cpu: "100m" }, limits: { cpu: "lots", memory: "1Gi" } } as never,
                        runAsUser: 0,
                        replicas: 0,
                        containerPort: 70000,
                        ingressFrom: [{}, { podLabels: {} }],
                        secretMounts: [{ secretName: "db", mountPath: "/tmp" }],
                        probePath: "healthz",
                    }),
                [
                    "namespace",
                    "allowedRegistries",
                    "resources.requests.memory",
                    "resources.limits.cpu",
                    "runAsUser",
                    "replicas",
                    "containerPort",
                    "ingressFrom[0]",
                    "ingressFrom[1].podLabels",
                    "secretMounts[0].mountPath",
                    "probePath",
                ],
            ));
    });
});
