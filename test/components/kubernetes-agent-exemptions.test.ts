/**
 * The node agents' exemptions against the real pack. Under mocks a v4 Chart renders nothing, so the
 * agents' DaemonSets are modelled here as their charts render them with the component's values
 * (host namespaces, host paths, capabilities as each chart sets them). Each agent must be flagged
 * by exactly the policies its exemption lifts (none missing, none extra), and pass with it.
 * Run `npm run build` first.
 */
import * as assert from "node:assert/strict";
import { AGENT_POLICIES, agentExemptions, falcoValues, fluentBitValues, prometheusStackValues } from "../../components/kubernetes";
import { expandSettings } from "../../policy-packs/common/settings";
import { type AnalyzerInfo, type PolicyPackProcess, startPolicyPack } from "../../preview/analyzer-client";

const AGENTS = "monitoring-agents";
const MIRROR = "registry.internal.example.com";
const image = (repo: string) => `${MIRROR}/${repo}@sha256:${"c".repeat(64)}`;
// Exemptions of mandatory high and critical policies must end; the settings' acceptance sets when.
const EXPIRES = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
const dated = () => agentExemptions(AGENTS).map((e) => ({ ...e, expires: EXPIRES }));
const hostPath = (name: string, path: string) => ({ name, hostPath: { path } });

function daemonSet(name: string, pod: Record<string, unknown>, annotations?: Record<string, string>) {
    return {
        type: "kubernetes:apps/v1:DaemonSet",
        name: `${name}:${AGENTS}/${name}`,
        props: {
            apiVersion: "apps/v1",
            kind: "DaemonSet",
            metadata: { name, namespace: AGENTS },
            spec: { selector: { matchLabels: { "app.kubernetes.io/name": name } }, template: { metadata: { labels: { "app.kubernetes.io/name": name }, ...(annotations ? { annotations } : {}) }, spec: pod } },
        },
    };
}

/** The three agents, as their charts render them with the values MonitoringStack passes. */
function renderedAgents() {
    const ne = prometheusStackValues({
        namespace: "monitoring",
        controlPlaneMetrics: false,
        storageClassName: "gp3",
        agentsNamespace: AGENTS,
        retention: "15d",
        sizes: { prometheus: "1Gi", alertmanager: "1Gi", grafana: "1Gi" },
    })["prometheus-node-exporter"] as any;
    const falco = falcoValues({ monitoringNamespace: "monitoring", agentsNamespace: AGENTS }) as any;
    const fb = fluentBitValues(undefined) as any;
    return {
        nodeExporter: daemonSet("node-exporter", {
            hostNetwork: ne.hostNetwork,
            hostPID: ne.hostPID,
            automountServiceAccountToken: ne.automountServiceAccountToken,
            securityContext: ne.securityContext,
            containers: [
                {
                    name: "node-exporter",
                    image: image("prometheus/node-exporter"),
                    // On the host network the API server defaults the hostPort to the container port.
                    ports: [{ name: "http-metrics", containerPort: 9100, hostPort: 9100 }],
                    securityContext: ne.containerSecurityContext,
                    resources: ne.resources,
                    volumeMounts: [
                        { name: "proc", mountPath: "/host/proc", readOnly: true },
                        { name: "sys", mountPath: "/host/sys", readOnly: true },
                        { name: "root", mountPath: "/host/root", readOnly: true },
                    ],
                },
            ],
            volumes: [hostPath("proc", "/proc"), hostPath("sys", "/sys"), hostPath("root", "/")],
        }),
        falco: daemonSet("falco", {
            containers: [
                {
                    name: "falco",
                    image: image("falcosecurity/falco"),
                    // The chart's computed context for modern_ebpf in least-privileged mode.
                    securityContext: { privileged: false, capabilities: { add: ["BPF", "SYS_RESOURCE", "PERFMON", "SYS_PTRACE"] } },
                    resources: falco.resources,
                    volumeMounts: [
                        { name: "proc-fs", mountPath: "/host/proc", readOnly: true },
                        { name: "etc-fs", mountPath: "/host/etc", readOnly: true },
                        { name: "containerd-socket", mountPath: "/host/run/containerd/" },
                    ],
                },
            ],
            volumes: [hostPath("proc-fs", "/proc"), hostPath("etc-fs", "/etc"), hostPath("containerd-socket", "/run/containerd")],
        },
        // The chart adds it in least-privileged mode: a node's default AppArmor profile denies bpf().
        { "container.apparmor.security.beta.kubernetes.io/falco": "unconfined" }),
        fluentBit: daemonSet("fluent-bit", {
            securityContext: fb.podSecurityContext,
            containers: [
                {
                    name: "fluent-bit",
                    image: image("fluent/fluent-bit"),
                    securityContext: fb.securityContext,
                    resources: fb.resources,
                    volumeMounts: fb.daemonSetVolumeMounts,
                },
            ],
            volumes: fb.daemonSetVolumes,
        }),
    };
}

describe("node agent exemptions against the Kubernetes pack", function () {
    this.timeout(60_000);
    let pack: PolicyPackProcess;
    let info: AnalyzerInfo;
    const keys = () => info.policies.map((p) => ({ name: p.name, keys: Object.keys(p.configSchema?.properties ?? {}) }));

    before(async () => {
        pack = await startPolicyPack("policy-packs/kubernetes");
        info = await pack.info();
    });
    after(async () => pack?.close());

    for (const agent of ["nodeExporter", "falco", "fluentBit"] as const) {
        it(`${agent} is flagged by exactly the policies its exemption lifts, and passes with it`, async () => {
            const resource = renderedAgents()[agent];
            await pack.configure(expandSettings({ allowedRegistries: [MIRROR] }, keys()));
            const flagged = (await pack.analyze(resource)).diagnostics.filter((d) => d.enforcementLevel === "mandatory");
            assert.deepEqual([...new Set(flagged.map((d) => d.policyName))].sort(), [...AGENT_POLICIES[agent]].sort(), flagged.map((d) => d.message).join("\n"));

            await pack.configure(expandSettings({ allowedRegistries: [MIRROR], exemptions: dated() }, keys()));
            const after = (await pack.analyze(resource)).diagnostics;
            assert.deepEqual(after.filter((d) => d.enforcementLevel === "mandatory"), []);
            assert.ok(after.length >= AGENT_POLICIES[agent].length && after.every((d) => d.message.startsWith(`[exempted until ${EXPIRES}: `)));
        });
    }

    it("an agent's exemption does not cover another object in the agents namespace", async () => {
        const agents = renderedAgents();
        const impostor = {
            ...agents.falco,
            name: `x:${AGENTS}/miner`,
            props: { ...agents.falco.props, metadata: { name: "miner", namespace: AGENTS } },
        };
        await pack.configure(expandSettings({ allowedRegistries: [MIRROR], exemptions: dated() }, keys()));
        const refused = (await pack.analyze(impostor)).diagnostics.filter((d) => d.enforcementLevel === "mandatory");
        assert.deepEqual([...new Set(refused.map((d) => d.policyName))].sort(), [...AGENT_POLICIES.falco].sort());
    });
});
