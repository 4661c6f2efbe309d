import * as assert from "node:assert/strict";
import { AGENT_POLICIES, DEFAULT_CHARTS, MonitoringStack, type MonitoringStackArgs } from "../../components/kubernetes";
import { exemptionProblem } from "../../policy-packs/common/exemptions";
import { policies } from "../../policy-packs/kubernetes/pack";
import type { RecordedResource } from "../../preview/types";
import { assertParentsAndProviders, assertRejected, recordComponent } from "./kubernetes-helpers";

const T = {
    chart: "kubernetes:helm.sh/v4:Chart",
    namespace: "kubernetes:core/v1:Namespace",
    netpol: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    secret: "kubernetes:core/v1:Secret",
};
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const PASSWORD = "correct-horse-battery-staple";
const base: Omit<MonitoringStackArgs, "provider"> = { storageClassName: "encrypted-gp3", grafanaAdminPassword: PASSWORD };

const values = (r: RecordedResource) => (r.inputs as any).values;
const restricted = {
    runAsNonRoot: true,
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
};

describe("MonitoringStack", () => {
    it("installs the three charts pinned, from their repositories, each in its namespace", async () => {
        const graph = await recordComponent((provider) => new MonitoringStack("obs", { provider, ...base }));
        const charts = graph.byType(T.chart);
        assert.deepEqual(charts.map((c) => c.name).sort(), ["obs-falco", "obs-fluent-bit", "obs-prometheus-stack"]);
        const kps = graph.named("obs-prometheus-stack", T.chart).inputs as any;
        assert.equal(kps.chart, "kube-prometheus-stack");
        assert.equal(kps.version, DEFAULT_CHARTS.kubePrometheusStack.version);
        assert.match(kps.version, /^\d+\.\d+\.\d+$/);
        assert.deepEqual(kps.repositoryOpts, { repo: "https://prometheus-community.github.io/helm-charts" });
        assert.equal(kps.namespace, "monitoring");
        const falco = graph.named("obs-falco", T.chart).inputs as any;
        assert.equal(falco.namespace, "monitoring-agents");
        assert.equal(falco.version, DEFAULT_CHARTS.falco.version);
        assert.equal((graph.named("obs-fluent-bit", T.chart).inputs as any).namespace, "monitoring-agents");
        assertParentsAndProviders(graph);
    });

    it("takes an internal mirror and OCI sources", async () => {
        const graph = await recordComponent(
            (provider) =>
                new MonitoringStack("obs", {
                    provider,
                    ...base,
                    imageRegistry: "registry.internal.example.com",
                    charts: {
                        kubePrometheusStack: { repository: "oci://registry.internal.example.com/charts", version: "72.9.0" },
                        falco: { repository: "https://charts.internal.example.com/falco" },
                    },
                }),
        );
        const kps = graph.named("obs-prometheus-stack", T.chart).inputs as any;
        assert.equal(kps.chart, "oci://registry.internal.example.com/charts/kube-prometheus-stack");
        assert.equal(kps.version, "72.9.0");
        assert.equal(kps.repositoryOpts, undefined);
        assert.equal(kps.values.global.imageRegistry, "registry.internal.example.com");
        const falco = graph.named("obs-falco", T.chart).inputs as any;
        assert.deepEqual(falco.repositoryOpts, { repo: "https://charts.internal.example.com/falco" });
        assert.equal(falco.values.image.registry, "registry.internal.example.com");
        assert.equal(values(graph.named("obs-fluent-bit", T.chart)).image.repository, "registry.internal.example.com/fluent/fluent-bit");
    });

    it("hardens the Prometheus stack: non-root, read-only, no capabilities, limits, encrypted volumes", async () => {
        const graph = await recordComponent((provider) => new MonitoringStack("obs", { provider, ...base }));
        const v = values(graph.named("obs-prometheus-stack", T.chart));
        const claimOf = (spec: any) => spec.volumeClaimTemplate.spec;
        assert.equal(claimOf(v.prometheus.prometheusSpec.storageSpec).storageClassName, "encrypted-gp3");
        assert.equal(claimOf(v.prometheus.prometheusSpec.storageSpec).resources.requests.storage, "50Gi");
        assert.equal(claimOf(v.alertmanager.alertmanagerSpec.storage).storageClassName, "encrypted-gp3");
        assert.equal(v.grafana.persistence.storageClassName, "encrypted-gp3");
        assert.equal(v.grafana.persistence.enabled, true);
        for (const [path, pod] of Object.entries({
            operator: v.prometheusOperator.securityContext,
            prometheus: v.prometheus.prometheusSpec.securityContext,
            alertmanager: v.alertmanager.alertmanagerSpec.securityContext,
            grafana: v.grafana.securityContext,
            ksm: v["kube-state-metrics"].securityContext,
            nodeExporter: v["prometheus-node-exporter"].securityContext,
        })) {
            assert.equal(pod.runAsNonRoot, true, path);
            assert.ok(pod.runAsUser > 0, path);
            assert.deepEqual(pod.seccompProfile, { type: "RuntimeDefault" }, path);
        }
        for (const c of [v.prometheusOperator, v.grafana, v["kube-state-metrics"], v["prometheus-node-exporter"]]) {
            assert.deepEqual(c.containerSecurityContext, restricted);
        }
        for (const r of [v.prometheusOperator.resources, v.prometheus.prometheusSpec.resources, v.grafana.resources, v["kube-state-metrics"].resources]) {
            assert.ok(r.requests.cpu && r.requests.memory && r.limits.cpu && r.limits.memory);
        }
        assert.equal(v["prometheus-node-exporter"].namespaceOverride, "monitoring-agents", "host access only in the agents namespace");
        assert.equal(v.grafana.initChownData.enabled, false);
    });

    it("gives Grafana its admin password as a secret file, and no anonymous access", async () => {
        const graph = await recordComponent((provider) => new MonitoringStack("obs", { provider, ...base }));
        const secret = graph.named("obs-grafana-admin", T.secret).inputs as any;
        assert.equal(secret.metadata.namespace, "monitoring");
        assert.equal(secret.stringData[SECRET_SIG], "1b47061264138c4ac30d75fd1eb44270", "stringData is a secret");
        assert.equal(secret.stringData.value["admin-password"], PASSWORD);
        const g = values(graph.named("obs-prometheus-stack", T.chart)).grafana;
        assert.equal(JSON.stringify(g).includes(PASSWORD), false, "the password never goes into chart values");
        assert.equal(g.env.GF_SECURITY_ADMIN_PASSWORD__FILE, "/etc/secrets/grafana-admin/admin-password");
        assert.deepEqual(g.extraSecretMounts, [{ name: "admin", secretName: "grafana-admin", mountPath: "/etc/secrets/grafana-admin", readOnly: true }]);
        assert.equal(g["grafana.ini"]["auth.anonymous"].enabled, false);
        assert.equal(g["grafana.ini"].users.allow_sign_up, false);
        assert.equal(g.service.type, "ClusterIP");
    });

    it("runs Falco least-privileged, alerting to Alertmanager through falcosidekick, and Fluent Bit read-only", async () => {
        const graph = await recordComponent((provider) => new MonitoringStack("obs", { provider, ...base }));
        const f = values(graph.named("obs-falco", T.chart));
        assert.deepEqual(f.driver, { kind: "modern_ebpf", modernEbpf: { leastPrivileged: true } });
        assert.equal(f.falcosidekick.enabled, true);
        assert.equal(f.falcosidekick.config.alertmanager.hostport, "http://prometheus-stack-alertmanager.monitoring.svc:9093");
        assert.deepEqual(f.falcosidekick.securityContext, restricted);
        assert.equal(f.falcoctl.artifact.follow.enabled, false);
        assert.ok(f.resources.limits.memory);
        const fb = values(graph.named("obs-fluent-bit", T.chart));
        assert.deepEqual(fb.securityContext.capabilities, { drop: ["ALL"] });
        assert.equal(fb.securityContext.readOnlyRootFilesystem, true);
        assert.equal(fb.securityContext.allowPrivilegeEscalation, false);
        assert.ok(fb.daemonSetVolumeMounts.every((m: any) => m.readOnly === true));
        assert.match(fb.config.outputs, /Name\s+null/);
    });

    it("puts the agents alone below restricted, and closes both namespaces with network policies", async () => {
        const graph = await recordComponent(
            (provider) =>
                new MonitoringStack("obs", {
                    provider,
                    ...base,
                    apiServerCidrs: ["10.0.0.0/16"],
                    logShipping: { outputs: "[OUTPUT]\n    Name es\n    Match *\n", egressCidrs: ["10.20.0.0/24"], egressPorts: [443] },
                }),
        );
        const labels = (n: string) => (graph.byType(T.namespace).find((r) => (r.inputs as any).metadata.name === n)!.inputs as any).metadata.labels;
        assert.equal(labels("monitoring")["pod-security.kubernetes.io/enforce"], "restricted");
        assert.equal(labels("monitoring-agents")["pod-security.kubernetes.io/enforce"], "privileged");
        assert.equal(labels("monitoring-agents")["pod-security.kubernetes.io/warn"], "restricted");
        const byNs = (ns: string) => graph.byType(T.netpol).filter((p) => (p.inputs as any).metadata.namespace === ns).map((p) => (p.inputs as any).metadata.name).sort();
        assert.deepEqual(byNs("monitoring"), ["allow-alerts-from-agents", "allow-api-server", "allow-dns", "allow-operator-webhook", "allow-prometheus-scrape", "allow-same-namespace", "default-deny"]);
        assert.deepEqual(byNs("monitoring-agents"), ["allow-alerts-to-alertmanager", "allow-api-server", "allow-dns", "allow-log-shipping", "allow-same-namespace", "allow-scrape-from-monitoring", "default-deny"]);
        const api = graph.named("obs-agents-api-server", T.netpol).inputs as any;
        assert.deepEqual(api.spec.egress, [{ to: [{ ipBlock: { cidr: "10.0.0.0/16" } }], ports: [{ protocol: "TCP", port: 443 }, { protocol: "TCP", port: 6443 }] }]);
        const ship = graph.named("obs-agents-log-shipping", T.netpol).inputs as any;
        assert.deepEqual(ship.spec.podSelector.matchLabels, { "app.kubernetes.io/name": "fluent-bit" });
        assert.equal(values(graph.named("obs-fluent-bit", T.chart)).config.outputs, "[OUTPUT]\n    Name es\n    Match *\n");
    });

    it("exports service names and justified exemptions scoped to the agents namespace and objects", async () => {
        const graph = await recordComponent((provider) => new MonitoringStack("obs", { provider, ...base, agentsNamespace: "node-agents" }));
        const out = graph.component("bulwark:kubernetes:MonitoringStack").outputs as any;
        assert.equal(out.grafanaServiceName, "grafana");
        assert.equal(out.alertmanagerServiceName, "prometheus-stack-alertmanager");
        assert.equal(out.agentsNamespace, "node-agents");
        const all = out.policyExemptions as any[];
        const known = new Set(policies.map((p) => p.name));
        // The last two lift only digest pinning of the charts' workloads, each by namespace and exact name.
        const chartImages = all.slice(-2);
        for (const e of chartImages) assert.deepEqual(e.policies, ["images-pinned-by-digest"]);
        assert.deepEqual(chartImages.map((e) => e.namespaces), [["monitoring"], ["node-agents"]]);
        assert.deepEqual(chartImages.map((e) => e.resources), [
            ["grafana", "kube-state-metrics", "prometheus-stack-operator"],
            ["node-exporter", "falco", "falcosidekick", "fluent-bit"],
        ]);
        for (const e of all) {
            assert.equal(exemptionProblem(e), undefined, JSON.stringify(e));
            for (const p of e.policies) assert.ok(known.has(p), `${p} is not in the Kubernetes pack`);
            assert.ok(!e.policies.includes("pss-baseline-privileged"), "no agent runs privileged");
        }
        // The agents' exemptions first, each naming its agent's objects in the agents namespace.
        const exemptions = all.slice(0, 4);
        for (const e of exemptions) assert.deepEqual(e.namespaces, ["node-agents"]);
        assert.deepEqual(exemptions.map((e) => e.resources), [["node-agents"], ["node-exporter"], ["falco"], ["fluent-bit"]]);
        // Then the chart objects no value can fix, each by exact name: the operator's ClusterRole
        // (cluster-scoped, so by name alone), Grafana's and falcosidekick's Deployments.
        const objects = all.slice(4, -2);
        assert.deepEqual(
            objects.map((e) => [e.namespaces, e.resources, e.policies]),
            [
                [undefined, ["prometheus-stack-operator"], ["rbac-no-wildcards", "rbac-no-secret-read", "rbac-no-pod-create"]],
                [["monitoring"], ["grafana"], ["secrets-not-in-env"]],
                [["node-agents"], ["falcosidekick"], ["secrets-not-in-env", "pods-no-automount-service-account-token"]],
            ],
        );
        assert.ok(objects.every((e) => !e.resources.some((r: string) => r.includes("*"))), "chart objects are named exactly");
        assert.deepEqual(exemptions[1].policies, AGENT_POLICIES.nodeExporter);
        assert.ok(!AGENT_POLICIES.fluentBit.includes("pss-baseline-capabilities"), "Fluent Bit drops every capability");
        assert.ok(!AGENT_POLICIES.nodeExporter.some((p) => p.startsWith("pss-restricted-run-as")), "node-exporter runs as nobody");
    });

    describe("refuses", () => {
        it("a short password, no storage class, shared namespaces, ranges and plain-http charts, all at once", () =>
            assertRejected(
                (provider) =>
                    new MonitoringStack("obs", {
                        provider,
                        storageClassName: "",
                        grafanaAdminPassword: "admin",
                        namespace: "ops",
                        agentsNamespace: "ops",
                        charts: { falco: { version: "^4.0.0" }, fluentBit: { repository: "http://charts.example.com" } },
                        volumeSizes: { prometheus: "lots" },
                        retention: "forever",
                        apiServerCidrs: [],
                        nodeCidrs: ["10.0.0.0"],
                    }),
                [
                    "storageClassName",
                    "grafanaAdminPassword",
                    "agentsNamespace",
                    "charts.falco.version",
                    "charts.fluentBit.repository",
                    "volumeSizes.prometheus",
                    "retention",
                    "apiServerCidrs",
                    "nodeCidrs[0]",
                ],
            ));

        it("a cluster namespace, and log shipping without a path out", () =>
            assertRejected(
                (provider) =>
                    new MonitoringStack("obs", {
                        provider,
                        storageClassName: "gp3",
                        namespace: "kube-system",
                        logShipping: { outputs: "nothing", egressCidrs: [], egressPorts: [] },
                    } as never),
                ["namespace", "logShipping.outputs", "logShipping.egressCidrs", "logShipping.egressPorts"],
            ));
    });
});
