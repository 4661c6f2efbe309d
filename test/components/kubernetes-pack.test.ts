/**
 * The components against the real Kubernetes policy pack, over the Analyzer protocol, as a platform
 * would run `pulumi preview` with the pack: every component with default and with typical
 * arguments, settings expanded from the components' own outputs. Run `npm run build` first.
 */
import * as assert from "node:assert/strict";
import * as k8s from "@pulumi/kubernetes";
import {
    DEFAULT_CHARTS,
    EncryptedStorageClass,
    type Exemption,
    MonitoringStack,
    SecureNamespace,
    SecureWorkload,
    TeamAccess,
} from "../../components/kubernetes";
import { expandSettings, type PackSettings } from "../../policy-packs/common/settings";
import { type AnalyzerInfo, type PolicyPackProcess, startPolicyPack } from "../../preview/analyzer-client";
import { recordGraph } from "../../preview/recorder";
import type { Diagnostic } from "../../preview/types";

const ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
const MIRROR = "registry.internal.example.com";
const DIGEST = `sha256:${"b".repeat(64)}`;
const KEY = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";
// Exemptions of mandatory high and critical policies must end; the settings' acceptance sets when.
const EXPIRES = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
const resources = { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } };

interface PlatformOutputs {
    exemptions: Exemption[];
    breakGlassGroups: string[];
    agentsNamespace: string;
}

/** Every component with only its required arguments. */
function defaultPlatform(): PlatformOutputs {
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
    const storage = new EncryptedStorageClass("encrypted-gp3", { provider });
    new SecureNamespace("payments", { provider });
    const access = new TeamAccess("access", { provider });
    const monitoring = new MonitoringStack("monitoring", { provider, storageClassName: storage.storageClassName, grafanaAdminPassword: "correct-horse-battery-staple" });
    new SecureWorkload("api", { provider, namespace: "payments", image: `${ECR}/payments/api@${DIGEST}`, allowedRegistries: [ECR], resources });
    return { exemptions: [...monitoring.policyExemptions], breakGlassGroups: [access.breakGlassGroup], agentsNamespace: monitoring.agentsNamespace };
}

/** The components as a platform team would configure them. */
function typicalPlatform(): PlatformOutputs {
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
    const storage = new EncryptedStorageClass("encrypted-gp3", { provider, kmsKeyArn: KEY, parameters: { iops: "4000" } });
    for (const ns of ["payments", "payments-batch", "search"]) new SecureNamespace(ns, { provider, labels: { "bulwark.io/team": ns.split("-")[0] } });
    const access = new TeamAccess("access", {
        provider,
        teams: [
            { name: "payments", namespaces: ["payments", "payments-batch"] },
            { name: "search", namespaces: ["search"], groups: { deployer: "ci:search-deployer" } },
        ],
        breakGlassGroup: "acme:sre-break-glass",
    });
    const monitoring = new MonitoringStack("monitoring", {
        provider,
        storageClassName: storage.storageClassName,
        grafanaAdminPassword: "correct-horse-battery-staple",
        agentsNamespace: "node-agents",
        imageRegistry: MIRROR,
        charts: { kubePrometheusStack: { repository: `oci://${MIRROR}/charts` } },
        apiServerCidrs: ["10.0.0.0/16"],
        nodeCidrs: ["10.0.0.0/16"],
        logShipping: { outputs: "[OUTPUT]\n    Name  forward\n    Match *\n    Host  logs.internal\n", egressCidrs: ["10.50.0.0/24"], egressPorts: [24224] },
    });
    new SecureWorkload("api", {
        provider,
        namespace: "payments",
        image: `${ECR}/payments/api@${DIGEST}`,
        allowedRegistries: [ECR],
        resources,
        ingressFrom: [{ namespace: "search", podLabels: { "app.kubernetes.io/name": "web" } }],
        secretMounts: [{ secretName: "db", mountPath: "/var/run/secrets/db" }],
        probePath: "/healthz",
    });
    new SecureWorkload("indexer", { provider, namespace: "search", image: `${ECR}/search/indexer@${DIGEST}`, allowedRegistries: [ECR], resources, replicas: 3 });
    return { exemptions: [...monitoring.policyExemptions], breakGlassGroups: [access.breakGlassGroup], agentsNamespace: monitoring.agentsNamespace };
}

function describeDiagnostics(ds: readonly Diagnostic[]): string {
    return ds.map((d) => `  ${d.policyName} [${d.enforcementLevel}] ${d.urn ?? ""}: ${d.message}`).join("\n");
}

describe("Kubernetes pack over the Kubernetes components", function () {
    this.timeout(120_000);
    let pack: PolicyPackProcess;
    let info: AnalyzerInfo;

    before(async () => {
        pack = await startPolicyPack("policy-packs/kubernetes");
        info = await pack.info();
    });
    after(async () => pack?.close());

    /** Settings as a platform writes them, expanded to per-policy config for the pack's policies. */
    function configFor(outputs: PlatformOutputs, allowedChartRepositories: string[]) {
        const known = new Set(info.policies.map((p) => p.name));
        const missing = outputs.exemptions.flatMap((e) => (e.policies ?? []).filter((p) => !known.has(p)));
        if (missing.length > 0) console.log(`      (the pack does not have ${[...new Set(missing)].join(", ")} yet)`);
        const settings: PackSettings = {
            exemptions: outputs.exemptions
                .map((e) => ({ ...e, policies: (e.policies ?? []).filter((p) => known.has(p)), expires: EXPIRES }))
                .filter((e) => e.policies.length > 0),
            allowedRegistries: [ECR, MIRROR],
            breakGlassGroups: outputs.breakGlassGroups,
            allowedChartRepositories,
        };
        const keys = info.policies.map((p) => ({ name: p.name, keys: Object.keys(p.configSchema?.properties ?? {}) }));
        // A setting no policy reads would be an error; drop those the pack does not have yet.
        const readable = Object.fromEntries(Object.entries(settings).filter(([k]) => k === "exemptions" || keys.some((p) => p.keys.includes(k))));
        return expandSettings(readable, keys);
    }

    for (const [label, program, charts] of [
        ["default arguments", defaultPlatform, Object.values(DEFAULT_CHARTS).map((c) => c.repository)],
        ["typical arguments", typicalPlatform, [`oci://${MIRROR}/charts`, DEFAULT_CHARTS.falco.repository, DEFAULT_CHARTS.fluentBit.repository]],
    ] as const) {
        it(`with ${label}: no mandatory violation, and the agents namespace exempted with its justification`, async () => {
            const graph = await recordGraph(program, { preview: true });
            const outputs = graph.result as PlatformOutputs;
            await pack.configure(configFor(outputs, [...charts]));
            const result = await pack.analyzeGraph(graph.resources);

            const mandatory = result.diagnostics.filter((d) => d.enforcementLevel === "mandatory");
            assert.deepEqual(mandatory, [], `mandatory violations:\n${describeDiagnostics(mandatory)}`);

            const namespacePolicy = "namespaces-pod-security-restricted";
            if (info.policies.some((p) => p.name === namespacePolicy)) {
                const exempted = result.diagnostics.filter((d) => d.policyName === namespacePolicy);
                assert.ok(exempted.length > 0, "the agents namespace is reported");
                for (const d of exempted) {
                    assert.equal(d.enforcementLevel, "advisory");
                    assert.ok(d.urn?.includes(`monitoring-agents-namespace`), d.urn);
                    assert.ok(d.message.startsWith(`[exempted until ${EXPIRES}: ${outputs.exemptions[0].justification}]`), d.message);
                }
            }
            // Charts are components, which the engine does not send to Analyze; the pack's Helm policies
            // are still meant for them, so ask directly.
            const chartResources = graph.byType("kubernetes:helm.sh/v4:Chart");
            assert.equal(chartResources.length, 3);
            for (const chart of chartResources) {
                const checked = await pack.analyze(chart);
                const refused = checked.diagnostics.filter((d) => d.enforcementLevel === "mandatory");
                assert.deepEqual(refused, [], `${chart.name}:\n${describeDiagnostics(refused)}`);
            }
            const others = result.diagnostics.filter((d) => !d.message.startsWith("[exempted"));
            console.log(`      ${graph.resources.length} resources, ${result.diagnostics.length} diagnostics (${others.length} advisory, not exempted)`);
        });
    }

    it("the same graph without the agents' exemptions is refused at the agents namespace only", async () => {
        const graph = await recordGraph(defaultPlatform, { preview: true });
        const outputs = graph.result as PlatformOutputs;
        await pack.configure(configFor({ ...outputs, exemptions: [] }, Object.values(DEFAULT_CHARTS).map((c) => c.repository)));
        const result = await pack.analyzeGraph(graph.resources);
        const mandatory = result.diagnostics.filter((d) => d.enforcementLevel === "mandatory");
        assert.ok(mandatory.length > 0);
        assert.deepEqual([...new Set(mandatory.map((d) => d.policyName))], ["namespaces-pod-security-restricted"], describeDiagnostics(mandatory));
        assert.ok(mandatory.every((d) => d.urn?.includes("monitoring-agents-namespace")));
    });

    it("refuses the charts when their repositories are not approved", async () => {
        const graph = await recordGraph(defaultPlatform, { preview: true });
        await pack.configure(configFor(graph.result as PlatformOutputs, [`oci://${MIRROR}/charts`]));
        for (const chart of graph.byType("kubernetes:helm.sh/v4:Chart")) {
            const refused = (await pack.analyze(chart)).diagnostics.filter((d) => d.enforcementLevel === "mandatory");
            assert.deepEqual(refused.map((d) => d.policyName), ["helm-chart-approved-repository"], chart.name);
        }
    });
});
