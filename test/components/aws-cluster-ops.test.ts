/**
 * HardenedCluster for operations: the pipelines' OIDC deployer, the Service CIDR and where pods reach
 * the API server, deletion protection, the outputs a user needs, and the limits AWS puts on names.
 */
import * as assert from "node:assert/strict";
import { type HardenedClusterArgs, kubernetesServiceCidr, validateHardenedClusterArgs } from "../../components/aws";
import { PIPELINE_DEPLOYER_GROUP } from "../../components/aws/access";
import { HardenedCluster } from "../../components/aws";
import { recordGraph } from "../../preview/recorder";
import { dependsOn, json, recordCluster, T } from "./aws-helpers";

const GITHUB = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const paths = (args: HardenedClusterArgs, name = "prod") => validateHardenedClusterArgs(args, name).map((p) => p.propertyPath);

describe("HardenedCluster for operations", () => {
    it("gives pipelines an OIDC deployer role held to exact subjects, with a group and no cluster policy", async () => {
        const g = await recordCluster({ access: { deployer: { oidcProviderArn: GITHUB, subjects: ["repo:acme/payments:environment:production"] } } });
        const role = g.named("prod-deployer", T.role);
        const [trust, ...rest] = json(role, "assumeRolePolicy").Statement;
        assert.equal(rest.length, 0);
        assert.deepEqual(trust.Principal, { Federated: GITHUB });
        assert.equal(trust.Action, "sts:AssumeRoleWithWebIdentity");
        assert.deepEqual(trust.Condition, {
            StringEquals: {
                "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                "token.actions.githubusercontent.com:sub": ["repo:acme/payments:environment:production"],
            },
        });
        assert.deepEqual((g.named("prod-deployer", T.accessEntry).inputs as any).kubernetesGroups, [PIPELINE_DEPLOYER_GROUP]);
        const policies = g.byType(T.accessPolicy).map((p) => p.name);
        assert.ok(!policies.includes("prod-deployer"), "never an EKS access policy, so never cluster-admin");
    });

    it("matches wildcard subjects with StringLike, and refuses subjects that would admit any repository", async () => {
        const g = await recordCluster({ access: { deployer: { oidcProviderArn: GITHUB, subjects: ["repo:acme/payments:ref:refs/tags/v*"] } } });
        const [trust] = json(g.named("prod-deployer", T.role), "assumeRolePolicy").Statement;
        assert.deepEqual(trust.Condition.StringLike, { "token.actions.githubusercontent.com:sub": ["repo:acme/payments:ref:refs/tags/v*"] });
        assert.equal(trust.Condition.StringEquals["token.actions.githubusercontent.com:sub"], undefined);
        assert.deepEqual(paths({ access: { deployer: { oidcProviderArn: "github", subjects: ["*", "repo:*"] } } }), [
            "access.deployer.oidcProviderArn",
            "access.deployer.subjects[0]",
            "access.deployer.subjects[1]",
        ]);
        assert.deepEqual(paths({ access: { deployer: { oidcProviderArn: GITHUB, subjects: [] } } }), ["access.deployer.subjects"]);
    });

    it("pins the Service CIDR, and names the kubernetes Service address and the VPC for API-server egress", async () => {
        const g = await recordGraph(() => {
            const c = new HardenedCluster("prod", { serviceCidr: "172.21.0.0/16", network: { cidrBlock: "10.40.0.0/16" } });
            return { apiServerCidrs: c.apiServerCidrs, serviceCidr: c.serviceCidr, endpoint: c.endpoint, sg: c.clusterSecurityGroupId };
        });
        const cluster = g.byType(T.cluster)[0].inputs as any;
        assert.deepEqual(cluster.kubernetesNetworkConfig, { ipFamily: "ipv4", serviceIpv4Cidr: "172.21.0.0/16" });
        const out = g.result as any;
        assert.deepEqual(out.apiServerCidrs, ["172.21.0.1/32", "10.40.0.0/16"]);
        assert.equal(out.serviceCidr, "172.21.0.0/16");
        assert.equal(kubernetesServiceCidr("10.100.0.0/16"), "10.100.0.1/32");
        assert.deepEqual(paths({ serviceCidr: "10.0.0.0/16" }), ["serviceCidr"], "overlaps the default VPC");
        assert.deepEqual(paths({ serviceCidr: "8.8.0.0/16" }), ["serviceCidr"], "not RFC 1918");
        assert.deepEqual(paths({ serviceCidr: "172.20.0.0/8" }), ["serviceCidr"]);
    });

    it("turns on EKS deletion protection with protect, and off for short-lived clusters", async () => {
        const on = await recordCluster({});
        assert.equal((on.byType(T.cluster)[0].inputs as any).deletionProtection, true);
        const off = await recordCluster({ protect: false });
        assert.equal((off.byType(T.cluster)[0].inputs as any).deletionProtection, false);
        const explicit = await recordCluster({ protect: false, deletionProtection: true });
        assert.equal((explicit.byType(T.cluster)[0].inputs as any).deletionProtection, true);
    });

    it("creates the Auto Scaling service-linked role on request, before the key whose policy names it", async () => {
        const g = await recordCluster({ createAutoScalingServiceLinkedRole: true });
        const slr = g.named("prod-autoscaling", "aws:iam/serviceLinkedRole:ServiceLinkedRole");
        assert.equal(slr.inputs.awsServiceName, "autoscaling.amazonaws.com");
        assert.ok(dependsOn(g.byType(T.key)[0], slr), "KMS refuses a policy naming a role that does not exist");
        const none = await recordCluster({});
        assert.equal(none.byType("aws:iam/serviceLinkedRole:ServiceLinkedRole").length, 0);
    });

    it("keeps IAM role names within 64 characters with the auto-name suffix, and node group prefixes within 37", () => {
        const long = "a".repeat(40);
        // "<name>-break-glass-admin" is the longest fixed role: 40 + 18 + 8 > 64.
        assert.ok(paths({}, long).includes("name"));
        assert.deepEqual(paths({}, "a".repeat(38)), []);
        const team = "t".repeat(40);
        assert.deepEqual(paths({ access: { teams: [{ name: "ok", role: "viewer" }, { name: team, role: "developer" }] } }, "prod"), ["access.teams[1].name"]);
        assert.deepEqual(paths({ nodeGroups: [{ name: "n".repeat(37) }] }), ["nodeGroups[0].name"]);
        assert.deepEqual(paths({ nodeGroups: [{ name: "n".repeat(36) }] }), []);
    });
});
