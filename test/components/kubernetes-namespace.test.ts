import * as assert from "node:assert/strict";
import { DEFAULT_RESOURCE_QUOTA, SecureNamespace } from "../../components/kubernetes";
import { assertParentsAndProviders, assertRejected, recordComponent } from "./kubernetes-helpers";

const T = {
    namespace: "kubernetes:core/v1:Namespace",
    netpol: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    quota: "kubernetes:core/v1:ResourceQuota",
    limits: "kubernetes:core/v1:LimitRange",
    sa: "kubernetes:core/v1:ServiceAccount",
};

describe("SecureNamespace", () => {
    it("labels the namespace restricted on enforce, audit and warn, each version pinned", async () => {
        const graph = await recordComponent((provider) => new SecureNamespace("payments", { provider }));
        const labels = (graph.named("payments-namespace", T.namespace).inputs as any).metadata.labels;
        assert.equal((graph.named("payments-namespace", T.namespace).inputs as any).metadata.name, "payments");
        for (const mode of ["enforce", "audit", "warn"]) {
            assert.equal(labels[`pod-security.kubernetes.io/${mode}`], "restricted", mode);
            assert.equal(labels[`pod-security.kubernetes.io/${mode}-version`], "v1.37", `${mode}-version`);
        }
        assert.equal((graph.component("bulwark:kubernetes:SecureNamespace").outputs as any).namespaceName, "payments");
        assertParentsAndProviders(graph);
    });

    it("protects the Namespace, and with it everything inside, from deletion unless told not to", async () => {
        const graph = await recordComponent((provider) => new SecureNamespace("payments", { provider }));
        assert.deepEqual(graph.resources.filter((r) => r.options.protect).map((r) => r.name), ["payments-namespace"]);
        const unprotected = await recordComponent((provider) => new SecureNamespace("scratch", { provider, protect: false }));
        assert.deepEqual(unprotected.resources.filter((r) => r.options.protect), []);
    });

    it("denies all ingress and egress, then allows DNS to kube-dns only", async () => {
        const graph = await recordComponent((provider) => new SecureNamespace("payments", { provider }));
        const deny = graph.named("payments-default-deny", T.netpol).inputs as any;
        assert.equal(deny.metadata.namespace, "payments");
        assert.deepEqual(deny.spec, { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
        const dns = graph.named("payments-allow-dns", T.netpol).inputs as any;
        assert.equal(dns.metadata.namespace, "payments");
        assert.deepEqual(dns.spec.policyTypes, ["Egress"]);
        assert.equal(dns.spec.ingress, undefined);
        assert.deepEqual(dns.spec.egress, [
            {
                to: [
                    {
                        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
                        podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
                    },
                ],
                ports: [
                    { protocol: "UDP", port: 53 },
                    { protocol: "TCP", port: 53 },
                ],
            },
        ]);
    });

    it("sets a quota, container defaults, and a default service account without a token", async () => {
        const graph = await recordComponent((provider) => new SecureNamespace("payments", { provider }));
        const quota = graph.named("payments-quota", T.quota).inputs as any;
        assert.deepEqual(quota.spec.hard, DEFAULT_RESOURCE_QUOTA);
        assert.equal(quota.spec.hard["services.loadbalancers"], "0");
        const limits = (graph.named("payments-limits", T.limits).inputs as any).spec.limits[0];
        assert.equal(limits.type, "Container");
        assert.deepEqual(limits.defaultRequest, { cpu: "100m", memory: "128Mi" });
        assert.deepEqual(limits.default, { cpu: "500m", memory: "512Mi" });
        const sa = graph.named("payments-default-sa", T.sa).inputs as any;
        assert.equal(sa.metadata.name, "default");
        assert.equal(sa.metadata.namespace, "payments");
        assert.equal(sa.automountServiceAccountToken, false);
        assert.equal(sa.metadata.annotations["pulumi.com/patchForce"], "true");
    });

    it("takes overrides: name, a weaker enforce level (audit and warn stay restricted), quota, limits, DNS", async () => {
        const graph = await recordComponent(
            (provider) =>
                new SecureNamespace("agents", {
                    provider,
                    namespaceName: "node-agents",
                    podSecurityLevel: "privileged",
                    podSecurityVersion: "v1.36",
                    labels: { team: "platform" },
                    resourceQuota: { pods: "300" },
                    containerLimits: { max: { memory: "2Gi" } },
                    dns: { namespace: "dns", podLabels: { app: "coredns" } },
                }),
        );
        const labels = (graph.named("agents-namespace", T.namespace).inputs as any).metadata.labels;
        assert.equal(labels["pod-security.kubernetes.io/enforce"], "privileged");
        assert.equal(labels["pod-security.kubernetes.io/audit"], "restricted");
        assert.equal(labels["pod-security.kubernetes.io/warn"], "restricted");
        assert.equal(labels["pod-security.kubernetes.io/enforce-version"], "v1.36");
        assert.equal(labels.team, "platform");
        assert.equal((graph.named("agents-quota", T.quota).inputs as any).spec.hard.pods, "300");
        assert.equal((graph.named("agents-quota", T.quota).inputs as any).spec.hard["limits.cpu"], "16");
        assert.deepEqual((graph.named("agents-limits", T.limits).inputs as any).spec.limits[0].max, { cpu: "4", memory: "2Gi" });
        const to = (graph.named("agents-allow-dns", T.netpol).inputs as any).spec.egress[0].to[0];
        assert.deepEqual(to.podSelector.matchLabels, { app: "coredns" });
        assert.deepEqual(to.namespaceSelector.matchLabels, { "kubernetes.io/metadata.name": "dns" });
        for (const r of graph.resources.filter((x) => x.custom && !x.isProvider && x.type !== T.namespace)) {
            assert.equal((r.inputs as any).metadata.namespace, "node-agents", r.name);
        }
    });

    it("admits the metrics scraper's pods only, when asked, and nothing without it", async () => {
        const plain = await recordComponent((provider) => new SecureNamespace("payments", { provider }));
        assert.equal(plain.byType(T.netpol).length, 2, "default-deny and DNS only");
        const graph = await recordComponent(
            (provider) => new SecureNamespace("payments", { provider, metricsScraper: { namespace: "monitoring", ports: [8080, 9090] } }),
        );
        const spec = (graph.named("payments-allow-metrics", T.netpol).inputs as any).spec;
        assert.deepEqual(spec.podSelector, {});
        assert.deepEqual(spec.policyTypes, ["Ingress"]);
        assert.deepEqual(spec.ingress, [
            {
                from: [
                    {
                        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } },
                        podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } },
                    },
                ],
                ports: [
                    { protocol: "TCP", port: 8080 },
                    { protocol: "TCP", port: 9090 },
                ],
            },
        ]);
        assert.equal(spec.egress, undefined, "the scraper gets in; nothing gets out");
    });

    describe("refuses", () => {
        it("a cluster namespace, an unpinned version, a PSA label given by hand, and bad quantities, all at once", () =>
            assertRejected(
                (provider) =>
                    new SecureNamespace("ns", {
                        provider,
                        namespaceName: "kube-system",
                        podSecurityVersion: "latest",
                        labels: { "pod-security.kubernetes.io/enforce": "privileged" },
                        resourceQuota: { pods: "many" },
                        containerLimits: { default: { memory: "lots" } },
                    }),
                ["namespaceName", "podSecurityVersion", "labels.pod-security.kubernetes.io/enforce", "resourceQuota.pods", "containerLimits.default.memory"],
            ));

        it("a name that is not a DNS label, an unknown level, and DNS labels that select every pod", () =>
            assertRejected(
                (provider) =>
                    new SecureNamespace("Team_A", { provider, podSecurityLevel: "open" as never, dns: { podLabels: {} } }),
                ["namespaceName", "podSecurityLevel", "dns.podLabels"],
            ));

        it("a scraper that is no namespace, selects every pod, or names a port that is not one", () =>
            assertRejected(
                (provider) => new SecureNamespace("payments", { provider, metricsScraper: { namespace: "Monitoring!", podLabels: {}, ports: [0, 8080, 70000] } }),
                ["metricsScraper.namespace", "metricsScraper.podLabels", "metricsScraper.ports[0]", "metricsScraper.ports[2]"],
            ));
    });
});
