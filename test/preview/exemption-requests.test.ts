/** The trust model's pure parts: scope rules, request ids, and acceptance by id or by component type. */
import * as assert from "assert";
import { type Exemption, exemptionProblem, findExemption, isNamespacedKubernetesType } from "../../policy-packs/common/exemptions";
import { type ExemptionRequest, PROGRAM, acceptanceProblems, decideExemptionRequests, requestId } from "../../preview/exemption-requests";

const TODAY = new Date("2026-12-01T12:00:00Z");
const policies = [
    { name: "pss-baseline-host-namespaces", keys: [], severity: "critical", enforcementLevel: "mandatory" },
    { name: "images-pinned-by-digest", keys: [], severity: "high", enforcementLevel: "mandatory" },
    { name: "containers-resource-limits", keys: [], severity: "medium", enforcementLevel: "advisory" },
];
const MONITORING = "bulwark:kubernetes:MonitoringStack";

function request(requestedBy: string, e: Exemption): ExemptionRequest {
    return { id: requestId(requestedBy, e), requestedBy, requesterUrn: `urn:pulumi:dev::p::${requestedBy}::x`, exemption: e };
}

describe("exemption scope rules", () => {
    const base = { justification: "reviewed", expires: "2026-12-31" };

    it("refuses patterns that name nothing in particular", () => {
        for (const resources of [["*"], [""], ["a*b"], ["urn:pulumi:dev::*"], ["urn:*"]]) {
            assert.match(exemptionProblem({ ...base, resources }, TODAY) ?? "", /too broad/, JSON.stringify(resources));
        }
        assert.strictEqual(exemptionProblem({ ...base, resources: ["node-exporter*"] }, TODAY), undefined);
        assert.strictEqual(exemptionProblem({ ...base, resources: ["urn:pulumi:dev::p::kubernetes:core/v1:Pod::web*"] }, TODAY), undefined);
        assert.match(exemptionProblem({ ...base, namespaces: ["*"] }, TODAY) ?? "", /is not a namespace name/);
    });

    it("lifts a namespaced object only where its namespace is listed, or cluster-wide when it says why", () => {
        const pod = { policy: "p", urn: "urn:x", name: "web", objectName: "web", namespace: "apps" };
        assert.match(JSON.stringify(findExemption([{ ...base, resources: ["web"] }], pod, TODAY)), /lists no namespaces.*such as \[apps\]/);
        assert.strictEqual(findExemption([{ ...base, resources: ["web"], namespaces: ["apps"] }], pod, TODAY).kind, "exempt");
        assert.match(JSON.stringify(findExemption([{ ...base, resources: ["web"], clusterWide: true }], pod, TODAY)), /cluster-wide without saying why/);
        assert.strictEqual(findExemption([{ ...base, resources: ["web"], clusterWide: true, clusterWideJustification: "runs on every node" }], pod, TODAY).kind, "exempt");
        const unnamedNamespace = { ...pod, namespace: undefined, namespaced: true };
        assert.strictEqual(findExemption([{ ...base, resources: ["web"] }], unnamedNamespace, TODAY).kind, "invalid", "a namespaced kind without a namespace is still namespaced");
        const clusterRole = { ...pod, namespace: undefined };
        assert.strictEqual(findExemption([{ ...base, resources: ["web"] }], clusterRole, TODAY).kind, "exempt", "a name is enough for an object without a namespace");
    });

    it("requires an expiry where asked, and caps its span", () => {
        assert.match(exemptionProblem({ justification: "j", namespaces: ["a"] }, { today: TODAY, requiresExpiry: true }) ?? "", /no expiry.*2027-05-30 or earlier/);
        assert.match(exemptionProblem({ justification: "j", namespaces: ["a"], expires: "2027-01-15" }, { today: TODAY, maxDays: 30 }) ?? "", /more than 30 days away \(set `expires` to 2026-12-31 or earlier\)/);
    });

    it("knows which Kubernetes kinds live in a namespace", () => {
        assert.deepStrictEqual(
            ["kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:DeploymentPatch", "kubernetes:core/v1:Namespace", "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "kubernetes:helm.sh/v4:Chart", "aws:s3/bucket:Bucket"].map(isNamespacedKubernetesType),
            [true, true, false, false, false, false],
        );
    });
});

describe("exemption requests", () => {
    const agents: Exemption = { policies: ["pss-baseline-host-namespaces"], namespaces: ["monitoring-agents"], resources: ["node-exporter"], justification: "host metrics" };

    it("gives a request the same id however its lists are ordered, and another for another requester", () => {
        const a = requestId(MONITORING, { ...agents, policies: ["a", "b"] });
        assert.strictEqual(a, requestId(MONITORING, { ...agents, policies: ["b", "a"], justification: "reworded" }));
        assert.notStrictEqual(a, requestId(PROGRAM, { ...agents, policies: ["a", "b"] }));
        assert.match(a, /^exr-[0-9a-f]{12}$/);
    });

    it("accepts a component's request for the policies and namespaces its acceptance names, with the acceptance's expiry", () => {
        const settings = { acceptedRequests: [{ component: MONITORING, policies: ["pss-baseline-host-namespaces"], namespaces: ["monitoring-agents"], acceptedBy: "sec", expires: "2027-02-01" }] };
        const { statuses, accepted } = decideExemptionRequests([request(MONITORING, agents)], settings, { policies, today: TODAY });
        assert.deepStrictEqual([statuses[0].accepted, statuses[0].acceptedBy, statuses[0].expires], [true, "sec", "2027-02-01"]);
        assert.deepStrictEqual([accepted[0].acceptedBy, accepted[0].requestedBy, accepted[0].expires], ["sec", MONITORING, "2027-02-01"]);
    });

    it("does not stretch a component's acceptance to other policies, namespaces, components or the program", () => {
        const settings = { acceptedRequests: [{ component: MONITORING, policies: ["pss-baseline-host-namespaces"], namespaces: ["monitoring-agents"], acceptedBy: "sec", expires: "2027-02-01" }] };
        const [policy, namespace, other, program] = decideExemptionRequests(
            [
                request(MONITORING, { ...agents, policies: ["pss-baseline-host-namespaces", "images-pinned-by-digest"] }),
                request(MONITORING, { ...agents, namespaces: ["apps"] }),
                request("acme:x:Other", agents),
                request(PROGRAM, agents),
            ],
            settings,
            { policies, today: TODAY },
        ).statuses;
        assert.match(policy.why ?? "", /does not include images-pinned-by-digest/);
        assert.match(namespace.why ?? "", /does not include namespaces apps/);
        for (const s of [other, program]) {
            assert.strictEqual(s.accepted, false);
            assert.match(s.howToAccept ?? "", new RegExp(`acceptedRequests:\\n  - id: ${s.id}\\n    acceptedBy: <who reviewed it>\\n    expires: '2027-05-30'`));
        }
    });

    it("refuses what no acceptance can fix: unknown policies, values unknown at preview, no policies", () => {
        const settings = { acceptedRequests: [{ component: MONITORING, policies: ["pss-baseline-host-namespaces"], acceptedBy: "sec" }] };
        const statuses = decideExemptionRequests(
            [
                request(MONITORING, { ...agents, policies: ["no-such-policy"] }),
                request(MONITORING, { ...agents, namespaces: ["04da6b54-80e4-46f7-96ec-b56ff0331ba9"] }),
                request(MONITORING, { ...agents, policies: [] }),
            ],
            settings,
            { policies, today: TODAY },
        ).statuses;
        assert.deepStrictEqual(statuses.map((s) => [s.accepted, s.howToAccept]), [[false, undefined], [false, undefined], [false, undefined]]);
        assert.match(statuses[0].why ?? "", /unknown policy "no-such-policy"; the component bulwark:kubernetes:MonitoringStack must narrow it/);
        assert.match(statuses[1].why ?? "", /not known until the update/);
        assert.match(statuses[2].why ?? "", /names no policies/);
    });

    it("names every problem of the acceptances, by key", () => {
        assert.deepStrictEqual(
            acceptanceProblems(
                [
                    { id: "exr-1", acceptedBy: "x" },
                    { component: MONITORING, acceptedBy: "" },
                    { id: "exr-0123456789ab", component: MONITORING, acceptedBy: "x", expires: "soon", note: "y" },
                ],
                policies,
            ),
            [
                "acceptedRequests[0].id must be a request id as the preview lists it (exr-<12 hex digits>)",
                "acceptedRequests[1].acceptedBy is required: who reviewed and accepted it",
                "acceptedRequests[1].policies must list the policies the component may lift",
                'acceptedRequests[2] has an unknown key "note" (known: id, component, policies, namespaces, acceptedBy, expires)',
                'acceptedRequests[2].expires must be a date (YYYY-MM-DD), not "soon"',
                "acceptedRequests[2] accepts by `id`: leave out component, policies and namespaces (the id fixes them)",
            ],
        );
        assert.deepStrictEqual(acceptanceProblems({ component: MONITORING }, policies), ["acceptedRequests must be a list of acceptances (each with `id`, or `component` and `policies`)"]);
    });
});
