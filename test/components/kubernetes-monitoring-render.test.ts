/**
 * MonitoringStack's charts rendered offline (`preview/expand`, the real Helm binary, the chart cache
 * `../shared/charts`) with the values the component computes, and the facts that make the platform
 * come up and work checked on the rendered objects: nothing depends on a hook, the operator's TLS
 * Secret and webhook configurations line up with its Deployment and Service, Falco's alerts reach
 * Alertmanager, Grafana's sidecars have their credentials, nothing reads Secrets cluster-wide, the
 * component's NetworkPolicies admit every connection a peer makes, and the Kubernetes pack passes
 * every object with the component's exemptions, each of which is needed.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { MonitoringStack, type MonitoringStackArgs } from "../../components/kubernetes";
import { expandSettings } from "../../policy-packs/common/settings";
import type { Exemption } from "../../policy-packs/common/exemptions";
import { packName, policies } from "../../policy-packs/kubernetes/pack";
import { type ExpandContext, expandComponent, type ExpandedChild } from "../../preview/expand";
import { analyzeAll, type PolicyInput, toPolicyInputs } from "../../preview/policy-runner";
import type { RecordedResource } from "../../preview/types";
import { recordComponent } from "./kubernetes-helpers";
import { admits, type End, type NetworkPolicy, type PodEnd, selects } from "./network-policies";

const ROOT = path.resolve(__dirname, "../..");
const CTX: ExpandContext = {
    projectDir: ROOT,
    chartCache: path.resolve(ROOT, "../shared/charts"),
    project: "bulwark",
    stack: "dev",
    // Keeps hook objects in the render (a v4 Chart would drop them), so a hook would show.
    renderYamlToDirectory: true,
};
const CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIBfTCCASOgAwIBAgIUR3JlYXQgdGVzdCBDQQ==\n-----END CERTIFICATE-----\n";
/** What the TLS provider computes, which mocks otherwise leave out. */
const TLS_OUTPUTS: Record<string, Obj> = {
    "tls:index/selfSignedCert:SelfSignedCert": { certPem: CA_PEM },
    "tls:index/locallySignedCert:LocallySignedCert": { certPem: "-----BEGIN CERTIFICATE-----\nleaf\n-----END CERTIFICATE-----\n" },
    "tls:index/privateKey:PrivateKey": { privateKeyPem: "-----BEGIN PRIVATE KEY-----\nkey\n-----END PRIVATE KEY-----\n" },
};
const KUBERNETES_SERVICE = "172.20.0.1";
const API_SERVER_ENDPOINT = "10.0.12.34";
const NODE = "10.0.40.7";
const ARGS: Omit<MonitoringStackArgs, "provider"> = {
    storageClassName: "encrypted-gp3",
    grafanaAdminPassword: "correct-horse-battery-staple",
    apiServerCidrs: [`${KUBERNETES_SERVICE}/32`, "10.0.0.0/16"],
    nodeCidrs: ["10.0.0.0/16"],
};
const T = {
    chart: "kubernetes:helm.sh/v4:Chart",
    secret: "kubernetes:core/v1:Secret",
    netpol: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    validating: "kubernetes:admissionregistration.k8s.io/v1:ValidatingWebhookConfiguration",
    mutating: "kubernetes:admissionregistration.k8s.io/v1:MutatingWebhookConfiguration",
};

type Obj = Record<string, any>;
interface Rendered {
    graph: Awaited<ReturnType<typeof recordComponent>>;
    children: (ExpandedChild & { chart: RecordedResource })[];
    objects: Obj[];
}

/** The component under mocks (the CA's PEM as the TLS provider would return it), each chart rendered. */
async function render(args: Omit<MonitoringStackArgs, "provider">): Promise<Rendered> {
    const graph = await recordComponent((provider) => new MonitoringStack("obs", { provider, ...args }), {
        mocks: {
            newResource: (r) => {
                const computed = TLS_OUTPUTS[r.type];
                return computed ? { id: `${r.name}-id`, state: { ...r.inputs, ...computed } } : undefined;
            },
        },
    });
    const children: Rendered["children"] = [];
    for (const chart of graph.byType(T.chart)) {
        const out = await expandComponent(chart.type, chart.name, { ...(chart.inputs as Obj), includeHooks: true }, CTX);
        assert.ok(out.expanded, `${chart.name}: ${out.expanded ? "" : out.reason}`);
        children.push(...out.children.map((c) => ({ ...c, chart })));
    }
    return { graph, children, objects: children.map((c) => c.inputs as Obj) };
}

const ofKind = (objects: Obj[], kind: string) => objects.filter((o) => o.kind === kind);
function one(objects: Obj[], kind: string, name: string): Obj {
    const found = objects.filter((o) => o.kind === kind && o.metadata?.name === name);
    assert.equal(found.length, 1, `one ${kind} ${name} rendered; ${kind}s: ${ofKind(objects, kind).map((o) => o.metadata?.name).join(", ")}`);
    return found[0];
}
const template = (workload: Obj) => workload.spec.template;
/** A Secret's keys: its stringData is a secret, which the engine receives wrapped. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const secretKeys = (secret: Obj): string[] => Object.keys(secret.stringData?.[SECRET_SIG] ? secret.stringData.value : secret.stringData);
const containers = (workload: Obj): Obj[] => template(workload).spec.containers;

/** A workload's pod, as NetworkPolicies select it (its named ports for named policy ports). */
function pod(workload: Obj): PodEnd {
    const ports: Record<string, number> = {};
    for (const c of containers(workload)) for (const p of c.ports ?? []) if (p.name) ports[p.name] = p.containerPort;
    return { namespace: workload.metadata.namespace, labels: template(workload).metadata.labels, ports };
}

/** The container port a Service port leads to, on the pod the Service selects. */
function targetPort(service: Obj, servicePort: number | string, target: PodEnd): number {
    const sp = (service.spec.ports as Obj[]).find((p) => p.port === servicePort || p.name === servicePort);
    assert.ok(sp, `Service ${service.metadata.name} exposes ${servicePort}`);
    const t = sp.targetPort ?? sp.port;
    if (typeof t === "number") return t;
    assert.ok(target.ports?.[t], `the pod behind ${service.metadata.name} has no port named ${t}`);
    return target.ports[t];
}

/** The Service that selects `target`'s pods, in its namespace. */
function serviceFor(objects: Obj[], target: PodEnd): Obj {
    const found = ofKind(objects, "Service").filter((s) => s.metadata.namespace === target.namespace && s.spec.selector && selects({ matchLabels: s.spec.selector }, target.labels));
    assert.equal(found.length, 1, `one Service selects ${JSON.stringify(target.labels)}`);
    return found[0];
}

/** `http://<service>.<namespace>.svc:<port>` split into its parts. */
function serviceUrl(url: string): { name: string; namespace: string; port: number } {
    const u = new URL(url);
    const m = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc$/.exec(u.hostname);
    assert.ok(m, `${url} names a Service by <name>.<namespace>.svc`);
    return { name: m[1], namespace: m[2], port: Number(u.port) };
}

describe("MonitoringStack's charts, rendered with the component's values", function () {
    this.timeout(180_000);
    let r: Rendered;
    let policiesInForce: NetworkPolicy[];
    before(async () => {
        r = await render(ARGS);
        const netpols = [...r.graph.byType(T.netpol).map((p) => p.inputs as Obj), ...ofKind(r.objects, "NetworkPolicy")];
        policiesInForce = netpols.map((p) => ({ namespace: p.metadata.namespace, spec: p.spec }));
    });

    it("renders no hook, so nothing waits for an object only a hook would make", () => {
        assert.ok(r.objects.length > 100, `${r.objects.length} objects`);
        const hooks = r.objects.filter((o) => o.metadata?.annotations?.["helm.sh/hook"]);
        assert.deepEqual(hooks.map((o) => `${o.kind} ${o.metadata.name}`), []);
    });

    it("mounts the component's TLS Secret in the operator, with the keys its flags and ServiceMonitor read", () => {
        const secret = r.graph.named("obs-operator-tls", T.secret).inputs as Obj;
        const operator = one(r.objects, "Deployment", "prometheus-stack-operator");
        const volume = (template(operator).spec.volumes as Obj[]).find((v) => v.name === "tls-secret");
        assert.equal(volume?.secret?.secretName, secret.metadata.name);
        assert.equal(operator.metadata.namespace, secret.metadata.namespace);
        const [c] = containers(operator);
        const mount = (c.volumeMounts as Obj[]).find((m) => m.name === "tls-secret");
        assert.ok(mount, "the operator mounts tls-secret");
        for (const flag of ["--web.cert-file", "--web.key-file"]) {
            const file = (c.args as string[]).find((a) => a.startsWith(`${flag}=`))?.split("=")[1];
            assert.ok(file?.startsWith(`${mount.mountPath}/`), `${flag} reads from ${mount.mountPath}`);
            assert.ok(secretKeys(secret).includes(path.posix.basename(file ?? "")), `${flag}=${file}: the Secret has the key`);
        }
        const ca = one(r.objects, "ServiceMonitor", "prometheus-stack-operator").spec.endpoints[0].tlsConfig.ca.secret;
        assert.equal(ca.name, secret.metadata.name);
        assert.ok(secretKeys(secret).includes(ca.key), `the operator's ServiceMonitor reads ${ca.key}`);
    });

    it("points the component's webhook configurations, with the CA, at the operator's Service and a port it exposes", () => {
        const operator = pod(one(r.objects, "Deployment", "prometheus-stack-operator"));
        for (const type of [T.validating, T.mutating]) {
            const [config] = r.graph.byType(type);
            for (const w of (config.inputs as Obj).webhooks) {
                assert.equal(w.clientConfig.caBundle, Buffer.from(CA_PEM).toString("base64"), w.name);
                assert.equal(w.failurePolicy, "Fail");
                const ref = w.clientConfig.service;
                const service = one(r.objects, "Service", ref.name);
                assert.equal(service.metadata.namespace, ref.namespace, w.name);
                assert.ok(selects({ matchLabels: service.spec.selector }, operator.labels), `${ref.name} selects the operator`);
                assert.equal(targetPort(service, ref.port ?? 443, operator), operator.ports?.https);
            }
        }
        // Nothing else in the render depended on the chart's own webhooks.
        assert.deepEqual([...ofKind(r.objects, "ValidatingWebhookConfiguration"), ...ofKind(r.objects, "MutatingWebhookConfiguration")], []);
    });

    it("sends Falco's alerts to falcosidekick's Service, and falcosidekick's to Alertmanager's v2 API", () => {
        const sidekick = pod(one(r.objects, "Deployment", "falcosidekick"));
        const falcoYaml = yaml.load(one(r.objects, "ConfigMap", "falco").data["falco.yaml"]) as Obj;
        assert.equal(falcoYaml.http_output.enabled, true);
        const out = serviceUrl(falcoYaml.http_output.url);
        const service = serviceFor(r.objects, sidekick);
        assert.deepEqual([out.name, out.namespace], [service.metadata.name, service.metadata.namespace]);
        assert.equal(targetPort(service, out.port, sidekick), sidekick.ports?.http);
        assert.equal(falcoYaml.http_output.url, `http://${service.metadata.name}.${service.metadata.namespace}.svc:${out.port}`);

        const config = one(r.objects, "Secret", "falcosidekick").data as Record<string, string>;
        const decode = (k: string) => Buffer.from(config[k], "base64").toString();
        assert.equal(decode("ALERTMANAGER_ENDPOINT"), "/api/v2/alerts");
        const am = serviceUrl(decode("ALERTMANAGER_HOSTPORT"));
        const amService = one(r.objects, "Service", am.name);
        assert.equal(amService.metadata.namespace, am.namespace);
        assert.equal(amService.spec.selector["app.kubernetes.io/name"], "alertmanager");
        assert.equal(targetPort(amService, am.port, { namespace: am.namespace, labels: amService.spec.selector }), 9093);
    });

    it("gives both Grafana sidecars their credentials from the admin Secret and a read-only root, and Grafana no ClusterRole", () => {
        const admin = r.graph.named("obs-grafana-admin", T.secret).inputs as Obj;
        const sidecars = containers(one(r.objects, "Deployment", "grafana")).filter((c) => c.name.startsWith("grafana-sc-"));
        assert.deepEqual(sidecars.map((c) => c.name).sort(), ["grafana-sc-dashboard", "grafana-sc-datasources"]);
        for (const c of sidecars) {
            const env = new Map((c.env as Obj[]).map((e) => [e.name, e]));
            for (const [name, key] of [["REQ_USERNAME", "admin-user"], ["REQ_PASSWORD", "admin-password"]]) {
                assert.deepEqual(env.get(name)?.valueFrom?.secretKeyRef, { name: admin.metadata.name, key }, `${c.name} ${name}`);
                assert.ok(secretKeys(admin).includes(key), key);
            }
            assert.equal(c.securityContext?.readOnlyRootFilesystem, true, c.name);
        }
        const clusterWide = [...ofKind(r.objects, "ClusterRole"), ...ofKind(r.objects, "ClusterRoleBinding")].filter((o) => /grafana/.test(JSON.stringify(o.metadata)));
        assert.deepEqual(clusterWide.map((o) => o.metadata.name), []);
        const binding = one(r.objects, "RoleBinding", "grafana");
        assert.deepEqual(binding.roleRef, { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "grafana-sidecar" });
    });

    it("lets kube-state-metrics read no Secrets, and scrapes no control-plane component EKS hides", async () => {
        const rules = one(r.objects, "ClusterRole", "kube-state-metrics").rules as Obj[];
        assert.ok(rules.length > 10, "kube-state-metrics still lists the kinds it reports");
        assert.deepEqual(rules.filter((x) => /secrets|\*/.test(JSON.stringify(x.resources))), []);
        const hidden = /kube-controller-manager|kube-scheduler|kube-etcd|kube-proxy/;
        const scrapes = (objects: Obj[]) => [...ofKind(objects, "ServiceMonitor"), ...ofKind(objects, "Service")].map((o) => o.metadata.name).filter((n) => hidden.test(n));
        assert.deepEqual(scrapes(r.objects), []);
        // The same check finds them on a cluster that exposes them.
        const selfManaged = await render({ ...ARGS, controlPlaneMetrics: true });
        assert.equal(scrapes(selfManaged.objects).length, 8, scrapes(selfManaged.objects).join(", "));
    });

    it("admits, through the component's NetworkPolicies, every connection a peer makes to a container port", () => {
        const operator = pod(one(r.objects, "Deployment", "prometheus-stack-operator"));
        const sidekick = pod(one(r.objects, "Deployment", "falcosidekick"));
        const falco = pod(one(r.objects, "DaemonSet", "falco"));
        const amService = one(r.objects, "Service", "prometheus-stack-alertmanager");
        const alertmanager: PodEnd = { namespace: "monitoring", labels: amService.spec.selector, ports: { "http-web": 9093 } };
        const promService = one(r.objects, "Service", "prometheus-stack-prometheus");
        const prometheus: PodEnd = { namespace: "monitoring", labels: promService.spec.selector };
        const nodeExporter = one(r.objects, "DaemonSet", "node-exporter");
        assert.equal(template(nodeExporter).spec.hostNetwork, true, "node-exporter listens on the node's address");
        const check = (what: string, from: End, to: End, port: number) => assert.ok(admits(policiesInForce, from, to, port), what);

        check("the API server calls the operator's webhook", { ip: API_SERVER_ENDPOINT }, operator, operator.ports?.https as number);
        check("falcosidekick posts to Alertmanager", sidekick, alertmanager, 9093);
        check("Falco posts to falcosidekick", falco, sidekick, sidekick.ports?.http as number);
        check("Prometheus scrapes node-exporter", prometheus, { ip: NODE }, pod(nodeExporter).ports?.["http-metrics"] as number);
        check("Prometheus scrapes the kubelet", prometheus, { ip: NODE }, 10250);
        const apiUsers = [operator, prometheus, falco, pod(one(r.objects, "Deployment", "kube-state-metrics")), pod(one(r.objects, "Deployment", "grafana")), pod(one(r.objects, "DaemonSet", "fluent-bit"))];
        for (const p of apiUsers) check(`${JSON.stringify(p.labels)} reaches the API server`, p, { ip: KUBERNETES_SERVICE }, 443);

        // Every ServiceMonitor target among the rendered workloads: Prometheus reaches the port the Service leads to.
        const workloads = [...ofKind(r.objects, "Deployment"), ...ofKind(r.objects, "DaemonSet")];
        let scraped = 0;
        for (const sm of ofKind(r.objects, "ServiceMonitor")) {
            const namespaces: string[] = sm.spec.namespaceSelector?.matchNames ?? [sm.metadata.namespace];
            for (const service of ofKind(r.objects, "Service").filter((s) => namespaces.includes(s.metadata.namespace) && selects(sm.spec.selector, s.metadata.labels ?? {}))) {
                const workload = workloads.find((w) => w.metadata.namespace === service.metadata.namespace && selects({ matchLabels: service.spec.selector }, template(w).metadata.labels));
                if (!workload) continue;
                const target = pod(workload);
                for (const e of sm.spec.endpoints as Obj[]) {
                    const port = targetPort(service, e.port, target);
                    const to: End = template(workload).spec.hostNetwork ? { ip: NODE } : target;
                    check(`Prometheus scrapes ${service.metadata.name}:${e.port}`, prometheus, to, port);
                    scraped++;
                }
            }
        }
        assert.ok(scraped >= 4, `${scraped} scrape targets checked`);

        // The same checks refuse what the policies do not open.
        assert.ok(!admits(policiesInForce, { ip: "192.0.2.10" }, operator, operator.ports?.https as number), "the webhook port is closed to the internet");
        assert.ok(!admits(policiesInForce, falco, alertmanager, 9093), "only falcosidekick posts to Alertmanager");
    });

    it("passes the Kubernetes pack with the component's exemptions, each of which some object needs", async () => {
        // As the stack's policy settings accept them: with an expiry inside the longest allowed span.
        const until = new Date(Date.now() + 90 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
        const monitoringExemptions = [...(r.graph.byType("bulwark:kubernetes:MonitoringStack")[0].outputs as Obj).policyExemptions].map((e: Obj) => ({ ...e, expires: until }) as Exemption);
        const settings = {
            allowedRegistries: ["quay.io/prometheus", "quay.io/prometheus-operator", "quay.io/kiwigrid", "registry.k8s.io/kube-state-metrics", "docker.io/grafana", "docker.io/falcosecurity", "cr.fluentbit.io/fluent"],
            allowedChartRepositories: ["https://prometheus-community.github.io/helm-charts", "https://falcosecurity.github.io/charts", "https://fluent.github.io/helm-charts"],
            exemptions: monitoringExemptions,
        };
        const keys = policies.map((p) => ({ name: p.name, keys: Object.keys(p.configSchema?.properties ?? {}) }));
        const rendered: PolicyInput[] = r.children.map((c) => ({
            type: c.type,
            name: c.name,
            urn: `${c.chart.urn}$${c.type}::${c.name}`,
            parent: c.chart.urn,
            props: c.inputs as Obj,
        }));
        const inputs = [...toPolicyInputs(r.graph.resources), ...rendered];
        const { diagnostics } = await analyzeAll(policies, inputs, { packName, config: expandSettings(settings, keys) });
        const mandatory = diagnostics.filter((d) => d.enforcementLevel === "mandatory");
        assert.deepEqual(mandatory.map((d) => `${d.policyName}: ${d.message}`), []);
        for (const e of monitoringExemptions as Obj[]) {
            const used = diagnostics.filter((d) => d.message.startsWith(`[exempted until ${until}: ${e.justification}]`));
            assert.ok(used.length > 0, `no object needs the exemption for ${e.resources ?? e.namespaces}`);
            const lifted = new Set(used.map((d) => d.policyName));
            // On the host network the API server defaults each container port's hostPort to the port,
            // so the pod Pod Security admission judges has one, though the manifest states none.
            if (e.resources?.includes("node-exporter")) lifted.add("pss-baseline-host-ports");
            assert.deepEqual((e.policies as string[]).filter((p) => !lifted.has(p)), [], `${e.resources ?? e.namespaces} lifts policies no object breaks`);
        }
    });
});
