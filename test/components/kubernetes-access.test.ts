import * as assert from "node:assert/strict";
import { effectiveRights, TEAM_ROLE_PROMISES, TEAM_ROLES, TeamAccess } from "../../components/kubernetes";
import type { RecordedResource } from "../../preview/types";
import { assertParentsAndProviders, assertRejected, recordComponent } from "./kubernetes-helpers";

const T = {
    role: "kubernetes:rbac.authorization.k8s.io/v1:Role",
    binding: "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
    clusterRole: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
    clusterBinding: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
};

interface Rule {
    apiGroups: string[];
    resources: string[];
    verbs: string[];
}

/** "group/resource" → sorted verbs, merged over all rules. */
function grants(r: RecordedResource): Map<string, string[]> {
    const out = new Map<string, Set<string>>();
    for (const rule of (r.inputs as { rules: Rule[] }).rules) {
        for (const g of rule.apiGroups) {
            for (const res of rule.resources) {
                const key = `${g || "core"}/${res}`;
                const verbs = out.get(key) ?? new Set<string>();
                rule.verbs.forEach((v) => verbs.add(v));
                out.set(key, verbs);
            }
        }
    }
    return new Map([...out].map(([k, v]) => [k, [...v].sort()]));
}

const READ = ["get", "list", "watch"];

describe("TeamAccess", () => {
    const teams = [
        { name: "payments", namespaces: ["payments", "payments-batch"] },
        { name: "search", namespaces: ["search"], groups: { deployer: "ci:search-deploy" } },
    ];

    it("gives each team namespace viewer, developer and deployer Roles bound to the conventional groups", async () => {
        const graph = await recordComponent((provider) => new TeamAccess("access", { provider, teams }));
        assert.equal(graph.byType(T.role).length, 9);
        assert.equal(graph.byType(T.binding).length, 9);
        for (const role of ["viewer", "developer", "deployer"]) {
            const binding = graph.named(`access-payments-payments-batch-${role}-binding`, T.binding).inputs as any;
            assert.equal(binding.metadata.namespace, "payments-batch");
            assert.deepEqual(binding.roleRef, { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: `payments-${role}` });
            assert.deepEqual(binding.subjects, [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: `bulwark:payments:${role}` }]);
        }
        const searchDeployer = graph.named("access-search-search-deployer-binding", T.binding).inputs as any;
        assert.equal(searchDeployer.subjects[0].name, "ci:search-deploy");
        assert.deepEqual((graph.component("bulwark:kubernetes:TeamAccess").outputs as any).teamGroups, {
            payments: { viewer: "bulwark:payments:viewer", developer: "bulwark:payments:developer", deployer: "bulwark:payments:deployer" },
            search: { viewer: "bulwark:search:viewer", developer: "bulwark:search:developer", deployer: "ci:search-deploy" },
        });
        assertParentsAndProviders(graph);
    });

    it("grants exact verbs: no wildcard, no Secret reads, no exec, no RBAC", async () => {
        const graph = await recordComponent((provider) => new TeamAccess("access", { provider, teams }));
        const viewer = grants(graph.named("access-payments-payments-viewer", T.role));
        const developer = grants(graph.named("access-payments-payments-developer", T.role));
        const deployer = grants(graph.named("access-payments-payments-deployer", T.role));

        assert.deepEqual(viewer.get("core/pods"), READ);
        assert.deepEqual(viewer.get("apps/deployments"), READ);
        assert.equal(viewer.get("core/secrets"), undefined);
        assert.ok([...viewer.values()].every((v) => v.join() === READ.join()), "viewer only reads");

        assert.deepEqual(developer.get("core/pods"), ["delete", "get", "list", "watch"]);
        assert.deepEqual(developer.get("core/pods/portforward"), ["create"]);
        assert.deepEqual(developer.get("apps/deployments/scale"), ["get", "patch", "update"]);
        assert.deepEqual(developer.get("batch/jobs"), READ, "a Job takes any pod spec: not for developers");
        assert.deepEqual(developer.get("apps/deployments"), READ);
        assert.equal(developer.get("core/secrets"), undefined);

        assert.deepEqual(deployer.get("core/secrets"), ["create"], "update, patch and delete answer with the stored values");
        assert.deepEqual(deployer.get("apps/deployments"), ["create", "delete", "get", "list", "patch", "update", "watch"]);
        assert.deepEqual(deployer.get("networking.k8s.io/networkpolicies"), ["create", "delete", "get", "list", "patch", "update", "watch"]);
        assert.equal(deployer.get("apps/daemonsets")?.includes("create"), false);

        for (const [name, g] of Object.entries({ viewer, developer, deployer })) {
            for (const [key, verbs] of g) {
                assert.ok(!key.includes("*") && !verbs.includes("*"), `${name}: ${key} has a wildcard`);
                assert.ok(!["bind", "escalate", "impersonate"].some((v) => verbs.includes(v)), `${name}: ${key}`);
                assert.ok(!/pods\/(exec|attach)$|^rbac/.test(key), `${name} must not have ${key}`);
            }
        }
    });

    it("amounts to what each role promises, effective rights included, as the recorded Roles grant them", async () => {
        const graph = await recordComponent((provider) => new TeamAccess("access", { provider, teams }));
        for (const role of TEAM_ROLES) {
            const recorded = graph.named(`access-payments-payments-${role}`, T.role).inputs as any;
            assert.deepEqual(effectiveRights(recorded.rules), TEAM_ROLE_PROMISES[role], role);
        }
        // Only the deployer picks pod specs; nobody reads Secrets through the API or execs.
        assert.deepEqual(
            TEAM_ROLES.filter((r) => TEAM_ROLE_PROMISES[r].mountsAnySecret),
            ["deployer"],
        );
    });

    it("judges rules by what they amount to, not by the verbs they list", () => {
        const rule = (apiGroups: string[], resources: string[], verbs: string[]) => ({ apiGroups, resources, verbs });
        assert.equal(effectiveRights([rule([""], ["secrets"], ["update"])]).readsSecretsThroughApi, true, "update answers with the object");
        assert.equal(effectiveRights([rule([""], ["secrets"], ["create"])]).readsSecretsThroughApi, false);
        const jobs = effectiveRights([rule(["batch"], ["jobs"], ["create"])]);
        assert.equal(jobs.mountsAnySecret, true);
        assert.equal(jobs.actsAsAnyServiceAccount, true);
        assert.equal(effectiveRights([rule([""], ["serviceaccounts/token"], ["create"])]).actsAsAnyServiceAccount, true);
        assert.equal(effectiveRights([rule(["*"], ["*"], ["*"])]).changesAccess, true);
        assert.equal(effectiveRights([rule([""], ["pods/exec"], ["create"])]).execsIntoPods, true);
        assert.deepEqual(Object.values(effectiveRights([rule([""], ["pods"], ["get"])])).filter(Boolean), []);
    });

    it("binds a secret-free cluster reader and the break-glass group as the only cluster-admin", async () => {
        const graph = await recordComponent((provider) => new TeamAccess("access", { provider, teams }));
        const reader = grants(graph.named("access-cluster-viewer", T.clusterRole));
        assert.deepEqual(reader.get("core/nodes"), READ);
        assert.deepEqual(reader.get("core/namespaces"), READ);
        assert.equal(reader.get("core/secrets"), undefined);
        assert.equal(reader.get("core/configmaps"), undefined);
        assert.ok([...reader.values()].every((v) => v.join() === READ.join()));
        const readerBinding = graph.named("access-cluster-viewer-binding", T.clusterBinding).inputs as any;
        assert.deepEqual(readerBinding.subjects, [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "bulwark:cluster-viewers" }]);

        const admins = graph.byType(T.clusterBinding).filter((b) => (b.inputs as any).roleRef.name === "cluster-admin");
        assert.equal(admins.length, 1);
        assert.deepEqual((admins[0].inputs as any).subjects, [
            { apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "bulwark:break-glass-admins" },
        ]);
        const outputs = graph.component("bulwark:kubernetes:TeamAccess").outputs as any;
        assert.equal(outputs.breakGlassGroup, "bulwark:break-glass-admins");
        assert.deepEqual(outputs.clusterViewerGroups, ["bulwark:cluster-viewers"]);
    });

    it("takes a group prefix, a break-glass group, and no cluster viewers", async () => {
        const graph = await recordComponent(
            (provider) =>
                new TeamAccess("rbac", {
                    provider,
                    teams: [{ name: "web", namespaces: ["web"] }],
                    groupPrefix: "acme",
                    breakGlassGroup: "acme:sre-oncall",
                    clusterViewerGroups: [],
                }),
        );
        assert.equal((graph.named("rbac-web-web-viewer-binding", T.binding).inputs as any).subjects[0].name, "acme:web:viewer");
        assert.equal((graph.named("rbac-break-glass", T.clusterBinding).inputs as any).subjects[0].name, "acme:sre-oncall");
        assert.equal(graph.byType(T.clusterBinding).length, 1, "only the break-glass binding");
    });

    it("refuses bad teams, namespaces, groups and prefix, naming each", () =>
        assertRejected(
            (provider) =>
                new TeamAccess("access", {
                    provider,
                    groupPrefix: "Acme!",
                    breakGlassGroup: "system:masters",
                    clusterViewerGroups: [""],
                    teams: [
                        { name: "Payments", namespaces: ["kube-system", "ok", "ok"] },
                        { name: "web", namespaces: [] },
                        { name: "web", namespaces: ["web"], groups: { admin: "x" } as never },
                    ],
                }),
            [
                "groupPrefix",
                "breakGlassGroup",
                "clusterViewerGroups[0]",
                "teams[0].name",
                "teams[0].namespaces[0]",
                "teams[0].namespaces[2]",
                "teams[1].namespaces",
                "teams[2].name",
                "teams[2].groups.admin",
            ],
        ));
});
