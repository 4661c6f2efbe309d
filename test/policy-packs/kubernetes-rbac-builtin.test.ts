/**
 * The built-in roles the RBAC policies judge bindings and aggregations by: how the aggregation
 * controller composes them, and how label selectors pick them.
 */
import * as assert from "assert";
import { builtInRolesSelectedBy, builtInRules, selects } from "../../policy-packs/kubernetes/lib/rbac-builtin";

const grants = (role: string, group: string, resource: string, verb: string) =>
    builtInRules(role).some((r) => r.apiGroups.includes(group) && r.resources.includes(resource) && r.verbs.includes(verb));

describe("kubernetes pack: built-in roles", () => {
    it("composes admin from edit and edit from view, as the aggregation controller does", () => {
        assert.ok(grants("view", "", "pods", "get"));
        assert.ok(!grants("view", "", "secrets", "get"), "view reads no Secret");
        assert.ok(grants("edit", "", "pods", "get"), "edit takes view's rules");
        assert.ok(grants("edit", "", "secrets", "list") && grants("edit", "apps", "deployments", "create"));
        assert.ok(grants("admin", "", "secrets", "list"), "admin takes edit's rules");
        assert.ok(grants("admin", "rbac.authorization.k8s.io", "rolebindings", "create"));
        assert.ok(!grants("edit", "rbac.authorization.k8s.io", "rolebindings", "create"), "only admin manages RoleBindings");
    });

    it("selects by matchLabels and by every matchExpressions operator", () => {
        const labels = { "kubernetes.io/bootstrapping": "rbac-defaults", "rbac.authorization.k8s.io/aggregate-to-admin": "true" };
        assert.ok(selects({}, labels), "an empty selector selects everything");
        assert.ok(selects({ matchLabels: { "rbac.authorization.k8s.io/aggregate-to-admin": "true" } }, labels));
        assert.ok(!selects({ matchLabels: { "rbac.authorization.k8s.io/aggregate-to-admin": "false" } }, labels));
        assert.ok(selects({ matchExpressions: [{ key: "rbac.authorization.k8s.io/aggregate-to-admin", operator: "In", values: ["true"] }] }, labels));
        assert.ok(!selects({ matchExpressions: [{ key: "rbac.authorization.k8s.io/aggregate-to-admin", operator: "NotIn", values: ["true"] }] }, labels));
        assert.ok(selects({ matchExpressions: [{ key: "acme.io/x", operator: "DoesNotExist" }] }, labels));
        assert.ok(!selects({ matchExpressions: [{ key: "acme.io/x", operator: "Exists" }] }, labels));
        assert.ok(!selects({ matchExpressions: [{ key: "acme.io/x", operator: "Sometimes" }] }, labels), "an unknown operator selects nothing");
    });

    it("knows which built-in roles a selector copies", () => {
        assert.deepStrictEqual(builtInRolesSelectedBy({ matchLabels: { "acme.io/aggregate-to-reader": "true" } }).names, []);
        assert.deepStrictEqual(builtInRolesSelectedBy({ matchLabels: { "rbac.authorization.k8s.io/aggregate-to-edit": "true" } }).names, [
            "view",
            "system:aggregate-to-edit",
        ]);
        const everything = builtInRolesSelectedBy({ matchLabels: { "kubernetes.io/bootstrapping": "rbac-defaults" } });
        assert.ok(everything.names.includes("cluster-admin"));
        assert.ok(everything.rules.some((r) => r.verbs.includes("*") && r.resources.includes("*")));
    });
});
