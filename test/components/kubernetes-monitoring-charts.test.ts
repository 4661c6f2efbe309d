/**
 * What the pinned charts need from MonitoringStack to come up under `helm.v4.Chart` (no hooks) and to
 * do what they claim: the operator's webhook certificate made outside any hook, Falco's output to the
 * real falcosidekick Service, Alertmanager's v2 API, Grafana's sidecars with their reload credentials
 * and without Secret reads, no control-plane scrapes EKS cannot serve, a generated admin password.
 */
import * as assert from "node:assert/strict";
import { KUBE_STATE_METRICS_COLLECTORS, MonitoringStack, type MonitoringStackArgs } from "../../components/kubernetes";
import { type RecordedResource, UNKNOWN } from "../../preview/types";
import { recordComponent } from "./kubernetes-helpers";

const T = {
    chart: "kubernetes:helm.sh/v4:Chart",
    secret: "kubernetes:core/v1:Secret",
    role: "kubernetes:rbac.authorization.k8s.io/v1:Role",
    password: "random:index/randomPassword:RandomPassword",
    validating: "kubernetes:admissionregistration.k8s.io/v1:ValidatingWebhookConfiguration",
    mutating: "kubernetes:admissionregistration.k8s.io/v1:MutatingWebhookConfiguration",
};
const base: Omit<MonitoringStackArgs, "provider"> = { storageClassName: "encrypted-gp3", grafanaAdminPassword: "correct-horse-battery-staple" };
const values = (r: RecordedResource) => (r.inputs as any).values;
const deps = (r: RecordedResource) => r.dependencies;

describe("MonitoringStack with its pinned charts", () => {
    it("makes the operator's webhook certificate itself, since helm.v4.Chart runs no pre-install hook", async () => {
        const graph = await recordComponent((provider) => new MonitoringStack("obs", { provider, ...base }));
        const secret = graph.named("obs-operator-tls", T.secret);
        const inputs = secret.inputs as any;
        // The name and keys the chart's operator Deployment mounts at /cert (--web.cert-file=/cert/cert).
        assert.equal(inputs.metadata.name, "prometheus-stack-admission");
        assert.equal(inputs.metadata.namespace, "monitoring");
        assert.ok(graph.byType("tls:index/selfSignedCert:SelfSignedCert").length === 1, "a CA");
        const leaf = graph.byType("tls:index/certRequest:CertRequest")[0].inputs as any;
        assert.ok(leaf.dnsNames.includes("prometheus-stack-operator.monitoring.svc"), "the Service the webhook configurations call");
        const chart = graph.named("obs-prometheus-stack", T.chart);
        const operator = values(chart).prometheusOperator;
        assert.equal(operator.tls.enabled, true, "the operator serves TLS from the Secret");
        assert.equal(operator.admissionWebhooks.patch.enabled, false, "the hook Jobs are not rendered");
        assert.ok(deps(chart).includes(secret.urn), "the chart waits for the Secret its Deployment mounts");
    });

    it("keeps every chart value known at preview, and makes the webhook configurations itself, after the chart", async () => {
        const graph = await recordComponent((provider) => new MonitoringStack("obs", { provider, ...base }), { preview: true });
        for (const chart of graph.byType(T.chart)) assert.ok(!JSON.stringify(chart.inputs).includes(UNKNOWN), `${chart.name} has a value unknown at preview`);
        const chart = graph.named("obs-prometheus-stack", T.chart);
        // The chart would template the CA, unknown at preview, into its values.
        assert.equal(values(chart).prometheusOperator.admissionWebhooks.enabled, false);
        for (const type of [T.validating, T.mutating]) {
            const [config] = graph.byType(type);
            assert.ok(config, type);
            assert.equal((config.inputs as any).metadata.name, "prometheus-stack-admission");
            assert.ok(deps(config).includes(chart.urn), `${type} waits for the chart: its webhooks fail closed`);
            for (const w of (config.inputs as any).webhooks) assert.equal(w.failurePolicy, "Fail", w.name);
        }
    });

    it("points Falco at falcosidekick's real Service and falcosidekick at Alertmanager's v2 API", async () => {
        const graph = await recordComponent((provider) => new MonitoringStack("obs", { provider, ...base, agentsNamespace: "node-agents" }));
        const f = values(graph.named("obs-falco", T.chart));
        const sidekick = f.falcosidekick;
        assert.equal(f.falco.http_output.enabled, true);
        assert.equal(f.falco.http_output.url, `http://${sidekick.fullnameOverride}.node-agents.svc:${sidekick.service.port}`);
        assert.equal(sidekick.config.alertmanager.endpoint, "/api/v2/alerts");
    });

    it("gives Grafana's sidecars their reload credentials and a Role that reads ConfigMaps here, never Secrets", async () => {
        const graph = await recordComponent((provider) => new MonitoringStack("obs", { provider, ...base }));
        const g = values(graph.named("obs-prometheus-stack", T.chart)).grafana;
        for (const kind of ["dashboards", "datasources"]) {
            const sc = g.sidecar[kind];
            assert.deepEqual(sc.envValueFrom.REQ_USERNAME, { secretKeyRef: { name: "grafana-admin", key: "admin-user" } }, kind);
            assert.deepEqual(sc.envValueFrom.REQ_PASSWORD, { secretKeyRef: { name: "grafana-admin", key: "admin-password" } }, kind);
            assert.equal(sc.resource, "configmap", kind);
            assert.equal(sc.searchNamespace, "monitoring", kind);
        }
        assert.equal(g.sidecar.securityContext.readOnlyRootFilesystem, true);
        assert.deepEqual(g.rbac, { create: true, namespaced: true, useExistingRole: "grafana-sidecar" });
        const role = graph.named("obs-grafana-sidecar", T.role).inputs as any;
        assert.deepEqual(role.metadata, { name: "grafana-sidecar", namespace: "monitoring" });
        assert.deepEqual(role.rules, [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] }]);
    });

    it("keeps kube-state-metrics off Secrets and skips control-plane scrapes unless asked", async () => {
        const graph = await recordComponent((provider) => new MonitoringStack("obs", { provider, ...base }));
        const v = values(graph.named("obs-prometheus-stack", T.chart));
        assert.ok(!v["kube-state-metrics"].collectors.includes("secrets"));
        assert.ok(v["kube-state-metrics"].collectors.includes("pods"));
        assert.deepEqual(v["kube-state-metrics"].collectors, [...KUBE_STATE_METRICS_COLLECTORS]);
        for (const key of ["kubeControllerManager", "kubeScheduler", "kubeEtcd", "kubeProxy"]) assert.equal(v[key].enabled, false, key);
        assert.equal(v.defaultRules.rules.etcd, false);

        const selfManaged = await recordComponent((provider) => new MonitoringStack("obs", { provider, ...base, controlPlaneMetrics: true }));
        const w = values(selfManaged.named("obs-prometheus-stack", T.chart));
        for (const key of ["kubeControllerManager", "kubeScheduler", "kubeEtcd", "kubeProxy"]) assert.equal(w[key].enabled, true, key);
    });

    it("generates Grafana's admin password when none is given, and keeps a given one", async () => {
        const generated = await recordComponent((provider) => new MonitoringStack("obs", { provider, storageClassName: "encrypted-gp3" }));
        const password = generated.named("obs-grafana-admin", T.password);
        assert.equal((password.inputs as any).length, 32);
        assert.ok(deps(generated.named("obs-grafana-admin", T.secret)).includes(password.urn), "the Secret holds the generated password");

        const given = await recordComponent((provider) => new MonitoringStack("obs", { provider, ...base }));
        assert.equal(given.byType(T.password).length, 0);
    });
});
