import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
    ADDON_PINS,
    DEFAULT_KUBERNETES_VERSION,
    defaultKubernetesVersion,
    EKS_CALENDAR,
    HardenedCluster,
    type HardenedClusterArgs,
    validateHardenedClusterArgs,
} from "../../components/aws";
import { EKS_CALENDAR_READ_ON } from "../../policy-packs/aws/lib/eks-calendar";
import { recordGraph } from "../../preview/recorder";

/** The calendar judged as on the day it was read, so these cases hold as time passes. */
const CALENDAR_DAY = new Date(`${EKS_CALENDAR_READ_ON}T12:00:00Z`);
const paths = (args: HardenedClusterArgs, name = "prod") => validateHardenedClusterArgs(args, name, CALENDAR_DAY).map((p) => p.propertyPath);

describe("HardenedCluster arguments", () => {
    it("accepts the defaults and a typical production configuration", () => {
        assert.deepEqual(paths({}), []);
        assert.deepEqual(
            paths({
                clusterName: "payments-prod",
                network: { cidrBlock: "10.40.0.0/18", natGateways: "single", availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] },
                nodeGroups: [{ name: "system", minSize: 3, maxSize: 9 }, { name: "arm", amiType: "BOTTLEROCKET_ARM_64", instanceTypes: ["m7g.large"] }],
                access: { adminPrincipalArns: ["arn:aws:iam::123456789012:role/sso-admins"], teams: [{ name: "payments", role: "deployer" }] },
                registry: { repositories: ["platform/nginx"], pullThroughCache: [{ prefix: "k8s", upstreamRegistryUrl: "registry.k8s.io" }] },
                weakenings: { publicEndpointCidrs: ["203.0.113.0/24"], sshAccess: { keyName: "debug", sourceCidrs: ["10.0.0.0/8"] }, omitLogTypes: ["scheduler"] },
            }),
            [],
        );
    });

    it("refuses a public endpoint open to the whole internet, over IPv4 or IPv6", () => {
        const problems = validateHardenedClusterArgs({ weakenings: { publicEndpointCidrs: ["203.0.113.0/24", "0.0.0.0/0", "::/0"] } }, "prod");
        assert.deepEqual(
            problems.map((p) => p.propertyPath),
            ["weakenings.publicEndpointCidrs[1]", "weakenings.publicEndpointCidrs[2]"],
        );
        assert.match(problems[0].reason, /whole internet/);
    });

    it("refuses malformed CIDRs, an empty allow-list and SSH from anywhere", () => {
        assert.deepEqual(paths({ weakenings: { publicEndpointCidrs: [] } }), ["weakenings.publicEndpointCidrs"]);
        assert.deepEqual(paths({ weakenings: { publicEndpointCidrs: ["10.0.0.1/8", "300.1.1.0/24", "office"] } }), [
            "weakenings.publicEndpointCidrs[0]",
            "weakenings.publicEndpointCidrs[1]",
            "weakenings.publicEndpointCidrs[2]",
        ]);
        assert.deepEqual(paths({ weakenings: { sshAccess: { keyName: " ", sourceCidrs: ["0.0.0.0/0"] } } }), [
            "weakenings.sshAccess.keyName",
            "weakenings.sshAccess.sourceCidrs[0]",
        ]);
    });

    it("validates the Kubernetes version against the calendar and checks add-on pins", () => {
        assert.deepEqual(paths({ kubernetesVersion: "1.33.1" }), ["kubernetesVersion"]);
        assert.deepEqual(paths({ kubernetesVersion: "latest" }), ["kubernetesVersion"]);
        assert.deepEqual(paths({ kubernetesVersion: "1.28" }), ["kubernetesVersion"], "not on the calendar: out of every support");
        assert.deepEqual(paths({ kubernetesVersion: "1.99" }), ["kubernetesVersion"], "not on the calendar yet");
        // A listed version without pins resolves its add-ons to EKS's defaults for it; given pins are checked.
        assert.deepEqual(paths({ kubernetesVersion: "1.34" }), []);
        assert.deepEqual(paths({ kubernetesVersion: "1.34", addonVersions: { kubeProxy: "v1.33.3-eksbuild.10" } }), ["addonVersions.kubeProxy"]);
        assert.deepEqual(paths({ addonVersions: { coredns: "latest", kubeProxy: "v1.32.0-eksbuild.1" } }), ["addonVersions.coredns", "addonVersions.kubeProxy"]);
    });

    it("defaults to the newest version in standard support on the calendar, whose kube-proxy pin matches it", () => {
        assert.equal(defaultKubernetesVersion(new Date("2026-06-01T00:00:00Z")), "1.35");
        assert.equal(defaultKubernetesVersion(new Date("2025-07-01T00:00:00Z")), "1.33");
        assert.equal(DEFAULT_KUBERNETES_VERSION, defaultKubernetesVersion());
        for (const [version, pins] of Object.entries(ADDON_PINS)) {
            assert.ok(EKS_CALENDAR.some((e) => e.version === version), `${version} is on the calendar`);
            if (pins.kubeProxy) assert.ok(pins.kubeProxy.startsWith(`v${version}.`), `kube-proxy ${pins.kubeProxy} for ${version}`);
        }
    });

    it("names every bad property at once, across all sections", () => {
        const problems = paths({
            clusterName: "-bad name",
            network: { cidrBlock: "10.0.0.0/24", availabilityZones: ["a", "a", "b"] },
            logRetentionDays: 7,
            keyDeletionWindowDays: 3,
            nodeGroups: [{ name: "Sys", minSize: 3, maxSize: 2 }, { name: "gpu", diskSizeGiB: 8, instanceTypes: [] }, { name: "gpu" }],
            access: { adminPrincipalArns: ["*"], teams: [{ name: "payments", role: "owner" as never }, { name: "x", role: "viewer" }, { name: "x", role: "viewer" }] },
            registry: {
                repositories: ["Platform", "ok", "ok"],
                pullThroughCache: [{ prefix: "hub", upstreamRegistryUrl: "registry-1.docker.io" }, { prefix: "evil", upstreamRegistryUrl: "evil.example.com" }],
                keepImages: 0,
            },
            weakenings: { omitLogTypes: ["kubelet" as never] },
        });
        assert.deepEqual(paths({ network: { vpcId: "vpc-1", privateSubnetIds: ["subnet-1"] } }), ["network.privateSubnetIds"]);
        for (const expected of [
            "clusterName",
            "network.cidrBlock",
            "network.availabilityZones",
            "logRetentionDays",
            "keyDeletionWindowDays",
            "nodeGroups[0].name",
            "nodeGroups[0].maxSize",
            "nodeGroups[0].desiredSize",
            "nodeGroups[1].diskSizeGiB",
            "nodeGroups[1].instanceTypes",
            "nodeGroups[2].name",
            "access.adminPrincipalArns[0]",
            "access.teams[0].role",
            "access.teams[2]",
            "registry.repositories[0]",
            "registry.repositories[2]",
            "registry.pullThroughCache[0].credentialArn",
            "registry.pullThroughCache[1].upstreamRegistryUrl",
            "registry.keepImages",
            "weakenings.omitLogTypes[0]",
        ]) {
            assert.ok(problems.includes(expected), `expected a problem at ${expected}; got ${problems.join(", ")}`);
        }
        assert.equal(problems.length, 20);
    });

    it("throws InputPropertiesError before registering any child", async () => {
        let error: unknown;
        const graph = await recordGraph(() => {
            try {
                new HardenedCluster("prod", { kubernetesVersion: "1.33.0", weakenings: { publicEndpointCidrs: ["0.0.0.0/0"] } });
            } catch (e) {
                error = e;
            }
        });
        assert.ok(pulumi.InputPropertiesError.isInstance(error), `expected InputPropertiesError, got ${String(error)}`);
        const err = error as pulumi.InputPropertiesError;
        assert.deepEqual(
            err.errors?.map((e) => e.propertyPath),
            ["kubernetesVersion", "weakenings.publicEndpointCidrs[0]"],
        );
        assert.match(err.message, /HardenedCluster: 2 invalid arguments/);
        assert.deepEqual(
            graph.resources.map((r) => r.type),
            ["pulumi:pulumi:Stack"],
        );
    });
});
