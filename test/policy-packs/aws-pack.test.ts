/**
 * Drives the built AWS pack over the Analyzer protocol, as `pulumi preview --policy-pack` does: a
 * hardened and an insecure resource of each kind, the stack policies through AnalyzeStack, config
 * (the shipped example included) and exemptions.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { type PolicyFixtures, type ResourceFixture, isStackCase } from "../../policy-packs/common/fixtures";
import { type BaselineType, ACCOUNT, CLUSTER_ADMIN, doc, hardened, urnOf } from "../../policy-packs/aws/lib/resources.fixtures";
import { packName, policies } from "../../policy-packs/aws/pack";
import { expandSettings } from "../../policy-packs/common/settings";
import { type PolicyPackProcess, startPolicyPack } from "../../preview/analyzer-client";
import { UNKNOWN } from "../../preview/types";
import { ROOT } from "./packs";
import { EKS_CALENDAR_READ_ON } from "../../policy-packs/aws/lib/eks-calendar";

const PACK_DIR = path.join(ROOT, "policy-packs/aws");
/** EKS versions judged as on the day the calendar was read, so a hardened cluster stays hardened as time passes. */
const onCalendarDay = (config: Record<string, any> = {}) => ({ ...config, "eks-supported-version": { asOf: EKS_CALENDAR_READ_ON, ...config["eks-supported-version"] } });
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const openToWorld = { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] };

const res = (type: string, props: Record<string, unknown>, name = "subject"): ResourceFixture => ({ type, name, props });
/** Pins the URN the fixtures' property dependencies use (the client would otherwise pick its own). */
const pinned = (r: ResourceFixture): ResourceFixture => ({ ...r, urn: urnOf(r.type, r.name ?? "resource") });
const violated = (ds: { policyName: string }[]) => [...new Set(ds.map((d) => d.policyName))].sort();

interface Kind {
    readonly kind: string;
    readonly hardened: ResourceFixture;
    readonly insecure: ResourceFixture;
    /** Every policy the insecure resource must break, and no other. */
    readonly violates: string[];
}

const base = (type: BaselineType) => hardened(type);
const KINDS: Kind[] = [
    {
        kind: "EKS cluster",
        hardened: base("aws:eks/cluster:Cluster"),
        insecure: res("aws:eks/cluster:Cluster", { roleArn: "arn:aws:iam::123456789012:role/c", version: "1.28", vpcConfig: { subnetIds: ["subnet-a"] } }),
        violates: ["eks-access-api-mode", "eks-control-plane-logging", "eks-endpoint-private", "eks-secrets-encryption", "eks-supported-version"],
    },
    {
        kind: "launch template",
        hardened: base("aws:ec2/launchTemplate:LaunchTemplate"),
        insecure: res("aws:ec2/launchTemplate:LaunchTemplate", {
            metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 2 },
            blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 50 } }],
        }),
        violates: ["ec2-imdsv2-required", "ec2-launch-template-ebs-encrypted"],
    },
    {
        kind: "EC2 instance",
        hardened: base("aws:ec2/instance:Instance"),
        insecure: res("aws:ec2/instance:Instance", { ami: "ami-1", instanceType: "t3.micro" }),
        violates: ["ec2-imdsv2-required", "ec2-instance-ebs-encrypted"],
    },
    {
        kind: "node group",
        hardened: base("aws:eks/nodeGroup:NodeGroup"),
        insecure: hardened("aws:eks/nodeGroup:NodeGroup", (p) => Object.assign(p, { remoteAccess: { ec2SshKey: "ops" }, version: "1.29" })),
        violates: ["eks-nodegroup-no-ssh", "eks-supported-version"],
    },
    {
        kind: "IAM role",
        hardened: base("aws:iam/role:Role"),
        insecure: hardened("aws:iam/role:Role", (p) => {
            p.assumeRolePolicy = doc({ Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "sts:AssumeRole" });
            p.managedPolicyArns = [ADMIN];
            p.inlinePolicies = [{ name: "all", policy: JSON.stringify(doc({ Effect: "Allow", Action: "*", Resource: "*" })) }];
        }),
        violates: ["iam-least-privilege", "iam-no-admin-managed-policies", "iam-role-mfa-required"],
    },
    {
        kind: "IAM role trusted by any account, with MFA",
        hardened: base("aws:iam/role:Role"),
        insecure: hardened("aws:iam/role:Role", (p) => {
            const mfa = { Bool: { "aws:MultiFactorAuthPresent": "true" }, NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } };
            p.assumeRolePolicy = doc({ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole", Condition: mfa });
        }),
        violates: ["iam-role-trust-not-public"],
    },
    {
        kind: "SQS queue policy",
        hardened: res("aws:sqs/queuePolicy:QueuePolicy", {
            queueUrl: "q",
            policy: JSON.stringify(doc({ Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } })),
        }),
        insecure: res("aws:sqs/queuePolicy:QueuePolicy", { queueUrl: "q", policy: JSON.stringify(doc({ Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: "*" })) }),
        violates: ["resource-policy-not-public"],
    },
    {
        kind: "IAM policy",
        hardened: base("aws:iam/policy:Policy"),
        insecure: res("aws:iam/policy:Policy", { policy: JSON.stringify(doc({ Effect: "Allow", Action: ["ec2:*", "iam:PassRole"], Resource: "*" })) }),
        violates: ["iam-least-privilege", "iam-no-privilege-escalation"],
    },
    {
        kind: "role policy attachment",
        hardened: res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "r", policyArn: "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy" }),
        insecure: res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "r", policyArn: ADMIN }),
        violates: ["iam-no-admin-managed-policies"],
    },
    {
        kind: "EKS access entry",
        hardened: res("aws:eks/accessEntry:AccessEntry", { clusterName: "prod", principalArn: "arn:aws:iam::123456789012:role/ops" }),
        insecure: res("aws:eks/accessEntry:AccessEntry", { clusterName: "prod", principalArn: "arn:aws:iam::123456789012:role/ops", kubernetesGroups: ["system:masters"] }),
        violates: ["eks-no-system-masters"],
    },
    { kind: "KMS key", hardened: base("aws:kms/key:Key"), insecure: res("aws:kms/key:Key", {}), violates: ["kms-key-rotation"] },
    { kind: "EBS volume", hardened: base("aws:ebs/volume:Volume"), insecure: res("aws:ebs/volume:Volume", { availabilityZone: "us-east-1a", size: 8 }), violates: ["ebs-volume-encrypted"] },
    { kind: "EFS file system", hardened: base("aws:efs/fileSystem:FileSystem"), insecure: res("aws:efs/fileSystem:FileSystem", {}), violates: ["efs-encrypted"] },
    {
        kind: "RDS instance",
        hardened: base("aws:rds/instance:Instance"),
        insecure: res("aws:rds/instance:Instance", { engine: "postgres", instanceClass: "db.t4g.micro" }),
        violates: ["rds-storage-encrypted"],
    },
    { kind: "RDS cluster", hardened: base("aws:rds/cluster:Cluster"), insecure: res("aws:rds/cluster:Cluster", { engine: "aurora-mysql" }), violates: ["rds-storage-encrypted"] },
    {
        kind: "S3 public access block",
        hardened: base("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"),
        insecure: res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", { bucket: "b", blockPublicAcls: true }),
        violates: ["s3-public-access-block-complete"],
    },
    {
        kind: "log group",
        hardened: base("aws:cloudwatch/logGroup:LogGroup"),
        insecure: res("aws:cloudwatch/logGroup:LogGroup", { name: "/aws/eks/prod/cluster", retentionInDays: 7 }),
        violates: ["cloudwatch-log-group-encrypted", "cloudwatch-log-group-retention"],
    },
    {
        kind: "ECR repository",
        hardened: base("aws:ecr/repository:Repository"),
        insecure: res("aws:ecr/repository:Repository", { name: "app", imageTagMutability: "MUTABLE" }),
        violates: ["ecr-immutable-tags", "ecr-kms-encryption"],
    },
    {
        kind: "security group",
        hardened: base("aws:ec2/securityGroup:SecurityGroup"),
        insecure: hardened("aws:ec2/securityGroup:SecurityGroup", (p) => p.ingress.push(openToWorld)),
        violates: ["ec2-no-public-admin-ports"],
    },
    {
        kind: "security group rule",
        hardened: res("aws:ec2/securityGroupRule:SecurityGroupRule", { type: "ingress", securityGroupId: "sg-1", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }),
        insecure: res("aws:ec2/securityGroupRule:SecurityGroupRule", { type: "ingress", securityGroupId: "sg-1", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }),
        violates: ["ec2-no-public-admin-ports", "ec2-no-public-database-ports"],
    },
    {
        kind: "database security group rule",
        hardened: res("aws:ec2/securityGroupRule:SecurityGroupRule", { type: "ingress", securityGroupId: "sg-1", protocol: "tcp", fromPort: 5432, toPort: 5432, sourceSecurityGroupId: "sg-app" }),
        insecure: res("aws:ec2/securityGroupRule:SecurityGroupRule", { type: "ingress", securityGroupId: "sg-1", protocol: "tcp", fromPort: 5432, toPort: 5432, ipv6CidrBlocks: ["::/0"] }),
        violates: ["ec2-no-public-database-ports"],
    },
    {
        kind: "VPC ingress rule",
        hardened: res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 6443, toPort: 6443, cidrIpv4: "10.0.0.0/16" }),
        insecure: res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 6443, toPort: 6443, cidrIpv6: "::/0" }),
        violates: ["ec2-no-public-admin-ports"],
    },
];

/** A stack's worth of resources, wired as a preview sees them: ids unknown, edges as property dependencies. */
function stack(secure: boolean): ResourceFixture[] {
    const dep = (type: string, name: string) => [urnOf(type, name)];
    const vpc = res("aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/16" }, "main");
    const subnet = res("aws:ec2/subnet:Subnet", { vpcId: UNKNOWN, cidrBlock: "10.0.1.0/24", mapPublicIpOnLaunch: !secure }, "nodes-a");
    const role = secure ? hardened("aws:iam/role:Role", undefined, "admin") : hardened("aws:iam/role:Role", (p) => (p.assumeRolePolicy = doc({ Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "sts:AssumeRole" })), "admin");
    const bucket = res("aws:s3/bucket:Bucket", { bucket: "artifacts-1a2b" }, "artifacts");
    const repo = hardened("aws:ecr/repository:Repository", (p) => (p.imageScanningConfiguration.scanOnPush = secure), "app");
    const withDeps = (r: ResourceFixture, deps: Record<string, string[]>): ResourceFixture => ({ ...r, propertyDependencies: deps });
    const all: ResourceFixture[] = [
        vpc,
        withDeps(subnet, { vpcId: dep(vpc.type, "main") }),
        withDeps(hardened("aws:eks/nodeGroup:NodeGroup", (p) => (p.subnetIds = [UNKNOWN]), "nodes"), { subnetIds: dep(subnet.type, "nodes-a") }),
        role,
        withDeps(res("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", { clusterName: "prod", policyArn: CLUSTER_ADMIN, principalArn: UNKNOWN, accessScope: { type: "cluster" } }, "admin"), {
            principalArn: dep(role.type, "admin"),
        }),
        bucket,
        repo,
    ];
    if (secure) {
        all.push(
            withDeps(res("aws:ec2/flowLog:FlowLog", { vpcId: UNKNOWN, trafficType: "ALL", logDestination: "arn:aws:s3:::flows" }, "main-flows"), { vpcId: dep(vpc.type, "main") }),
            withDeps(hardened("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", (p) => (p.bucket = UNKNOWN), "artifacts-pab"), { bucket: dep(bucket.type, "artifacts") }),
            withDeps(
                res("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", { bucket: UNKNOWN, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] }, "artifacts-sse"),
                { bucket: dep(bucket.type, "artifacts") },
            ),
        );
    }
    return all.map(pinned);
}

describe("aws pack over the Analyzer protocol", function () {
    this.timeout(120_000);
    let pack: PolicyPackProcess;

    before(async () => {
        // The engine runs the compiled pack: compile it from the sources under test first.
        execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-b", PACK_DIR], { cwd: ROOT, stdio: "pipe" });
        pack = await startPolicyPack(PACK_DIR);
    });
    after(async () => pack?.close());
    beforeEach(async () => pack.configure(onCalendarDay()));

    it("serves exactly the policies pack.ts lists, with their levels, severities, control tags and config schemas", async () => {
        const info = await pack.info();
        assert.strictEqual(info.name, packName);
        assert.deepStrictEqual(info.policies.map((p) => p.name).sort(), policies.map((p) => p.name).sort());
        for (const p of policies) {
            const served = info.policies.find((i) => i.name === p.name)!;
            assert.strictEqual(served.enforcementLevel, p.metadata.enforcementLevel, p.name);
            assert.strictEqual(served.severity, p.metadata.severity, p.name);
            assert.strictEqual(served.policyType, p.kind, p.name);
            assert.ok(served.tags.length > 0 && served.tags.every((t) => /^(cis-eks-1\.8|nist-sp-800-190|nsa-cisa-k8s-hardening-1\.1):/.test(t)), p.name);
            for (const key of Object.keys(p.metadata.config ?? {})) assert.ok(served.configSchema?.properties?.[key], `${p.name}.${key}`);
        }
        assert.strictEqual(info.policies.find((p) => p.name === "eks-supported-version")!.configSchema?.properties?.minKubernetesVersion.default, "1.32");
        assert.strictEqual(info.policies.find((p) => p.name === "iam-role-mfa-required")!.configSchema?.properties?.maxMfaAgeSeconds.default, 3600);
    });

    describe("a hardened and an insecure resource of each kind", () => {
        for (const k of KINDS) {
            it(`${k.kind}: hardened passes every policy; insecure breaks ${k.violates.join(", ")} (mandatory)`, async () => {
                const good = await pack.analyze(pinned(k.hardened));
                assert.deepStrictEqual(good.diagnostics.map((d) => `${d.policyName}: ${d.message}`), []);
                const bad = await pack.analyze(pinned(k.insecure));
                assert.deepStrictEqual(violated(bad.diagnostics), k.violates);
                assert.ok(bad.diagnostics.every((d) => d.enforcementLevel === "mandatory"), "mandatory by default");
                assert.ok(bad.diagnostics.every((d) => d.urn === urnOf(k.insecure.type, k.insecure.name!)));
            });
        }
    });

    it("reads values unknown at preview as unknown: no diagnostic at all, not even a can't-run", async () => {
        const unknowns = [
            hardened("aws:eks/cluster:Cluster", (p) => Object.assign(p, { vpcConfig: UNKNOWN, encryptionConfig: UNKNOWN, accessConfig: UNKNOWN, enabledClusterLogTypes: UNKNOWN })),
            hardened("aws:iam/role:Role", (p) => (p.assumeRolePolicy = UNKNOWN)),
            res("aws:iam/rolePolicy:RolePolicy", { role: UNKNOWN, policy: UNKNOWN }),
            res("aws:ec2/securityGroupRule:SecurityGroupRule", { type: "ingress", securityGroupId: UNKNOWN, protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [UNKNOWN] }),
            res("aws:ec2/securityGroupRule:SecurityGroupRule", { type: "ingress", securityGroupId: UNKNOWN, protocol: "tcp", fromPort: 5432, toPort: 5432, ipv6CidrBlocks: UNKNOWN }),
            res("aws:sqs/queuePolicy:QueuePolicy", { queueUrl: UNKNOWN, policy: UNKNOWN }),
            res("aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy", { instanceArn: UNKNOWN, permissionSetArn: UNKNOWN, inlinePolicy: UNKNOWN }),
            res("aws:lambda/permission:Permission", { function: UNKNOWN, action: "lambda:InvokeFunction", principal: UNKNOWN }),
            hardened("aws:ec2/instance:Instance", (p) => Object.assign(p, { rootBlockDevice: UNKNOWN, ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: UNKNOWN }] })),
            hardened("aws:rds/instance:Instance", (p) => (p.publiclyAccessible = UNKNOWN)),
        ];
        for (const r of unknowns) assert.deepStrictEqual((await pack.analyze(r)).diagnostics, [], r.type);
    });

    describe("stack policies through AnalyzeStack", () => {
        it("a hardened stack passes every resource and stack policy", async () => {
            const result = await pack.analyzeGraph(stack(true));
            assert.deepStrictEqual(result.diagnostics.map((d) => `${d.policyName}: ${d.message}`), []);
        });

        it("an insecure stack breaks each stack policy, on the resource at fault", async () => {
            const resources = stack(false);
            const result = await pack.analyzeStack(resources);
            const at = Object.fromEntries(result.diagnostics.map((d) => [d.policyName, d.urn]));
            assert.deepStrictEqual(at, {
                "eks-admin-access-mfa": urnOf("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", "admin"),
                "eks-nodegroup-private-subnets": urnOf("aws:eks/nodeGroup:NodeGroup", "nodes"),
                "ecr-scan-on-push": urnOf("aws:ecr/repository:Repository", "app"),
                "s3-bucket-public-access-block": urnOf("aws:s3/bucket:Bucket", "artifacts"),
                "vpc-flow-logs": urnOf("aws:ec2/vpc:Vpc", "main"),
            });
            assert.ok(result.diagnostics.every((d) => d.enforcementLevel === "mandatory"));
        });

        it("an admin grant whose principal cannot be traced at preview is advisory, not mandatory", async () => {
            const grant = res("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", { clusterName: "prod", policyArn: CLUSTER_ADMIN, principalArn: UNKNOWN, accessScope: { type: "cluster" } }, "who");
            const result = await pack.analyzeStack([pinned(grant)]);
            assert.deepStrictEqual(result.diagnostics.map((d) => [d.policyName, d.enforcementLevel]), [["eks-admin-access-mfa", "advisory"]]);
            assert.match(result.diagnostics[0].message, /principalArn is unknown/);
        });
    });

    describe("every fixture, through the real pack", () => {
        for (const policy of policies) {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const { fixtures } = require(path.join(PACK_DIR, "policies", `${policy.name}.fixtures`)) as { fixtures: PolicyFixtures };
            it(`${policy.name}: pass cases raise nothing (not even the engine's can't-run), fail cases violate at ${policy.enforcementLevel}`, async () => {
                let configured = "{}";
                const run = async (c: PolicyFixtures["pass"][string]) => {
                    // Configure costs a round of schema validation: only when the case's config differs.
                    const config = c.config ? { [policy.name]: c.config } : {};
                    if (JSON.stringify(config) !== configured) await pack.configure(onCalendarDay(config));
                    configured = JSON.stringify(config);
                    const result = isStackCase(c) ? await pack.analyzeStack(c.resources.map(pinned)) : await pack.analyze(pinned(c.resource));
                    return result.diagnostics.filter((d) => d.policyName === policy.name);
                };
                for (const [name, c] of Object.entries(fixtures.pass)) {
                    const ds = await run(c);
                    // Only the policy's own advisory (a check it says it cannot run yet) may remain.
                    const blocking = ds.filter((d) => d.enforcementLevel !== "advisory" || /^can't run policy '/.test(d.message));
                    assert.deepStrictEqual(blocking.map((d) => d.message), [], `pass case "${name}"`);
                }
                for (const [name, c] of Object.entries(fixtures.fail)) {
                    const ds = await run(c);
                    assert.ok(ds.length > 0, `fail case "${name}" raised nothing`);
                    assert.ok(ds.every((d) => d.enforcementLevel === policy.enforcementLevel), `fail case "${name}" level`);
                    if (c.expect) assert.ok(ds.some((d) => d.message.includes(c.expect!)), `fail case "${name}": ${ds.map((d) => d.message).join("; ")}`);
                }
            });
        }
    });

    it("README documents every policy with its kind, level and severity, and every config key", () => {
        const readme = fs.readFileSync(path.join(PACK_DIR, "README.md"), "utf8");
        for (const p of policies) {
            const m = p.metadata;
            assert.ok(readme.includes(`| \`${m.name}\` | ${p.kind} | ${m.enforcementLevel} | ${m.severity} |`), `${m.name} row`);
            for (const key of Object.keys(m.config ?? {})) assert.ok(readme.includes(`| \`${m.name}\` | \`${key}\` |`), `${m.name}.${key}`);
        }
    });

    describe("config", () => {
        it("accepts the shipped example config, and applies it", async () => {
            const example = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "examples/policy-config.json"), "utf8"));
            await pack.configure(onCalendarDay(example));
            const cluster = hardened("aws:eks/cluster:Cluster", (p) => (p.version = "1.32"));
            assert.deepStrictEqual(violated((await pack.analyze(pinned(cluster))).diagnostics), ["eks-supported-version"], "1.32 is below the example's 1.33");
            const shortLogs = hardened("aws:cloudwatch/logGroup:LogGroup", (p) => (p.retentionInDays = 90));
            assert.deepStrictEqual((await pack.analyze(shortLogs)).diagnostics.map((d) => [d.policyName, d.enforcementLevel]), [["cloudwatch-log-group-retention", "advisory"]]);
        });

        it("takes pack-wide settings: one maxMfaAgeSeconds reaches both MFA policies", async () => {
            const keys = policies.map((p) => ({ name: p.name, keys: Object.keys(p.metadata.config ?? {}) }));
            const config = expandSettings({ maxMfaAgeSeconds: 900 }, keys);
            assert.deepStrictEqual(Object.keys(config).sort(), ["eks-admin-access-mfa", "iam-role-mfa-required"]);
            await pack.configure(onCalendarDay(config));
            const role = pinned(base("aws:iam/role:Role"));
            const ds = (await pack.analyze(role)).diagnostics;
            assert.deepStrictEqual(violated(ds), ["iam-role-mfa-required"], "the baseline's 3600 s MFA age is over 900");
            assert.match(ds[0].message, /"aws:MultiFactorAuthAge": "900"/);
        });

        it("applies a policy's setting and rejects one that breaks its schema, naming the property", async () => {
            await pack.configure(onCalendarDay({ "ec2-no-public-admin-ports": { adminPorts: [443] } }));
            assert.deepStrictEqual(violated((await pack.analyze(base("aws:ec2/securityGroup:SecurityGroup"))).diagnostics), ["ec2-no-public-admin-ports"]);
            await assert.rejects(pack.configure(onCalendarDay({ "iam-role-mfa-required": { maxMfaAgeSeconds: 10 } })), /iam-role-mfa-required\.maxMfaAgeSeconds must be >= 60/);
            await assert.rejects(pack.configure(onCalendarDay({ "eks-supported-version": { minKubernetesVersion: "latest" } })), /minKubernetesVersion must match pattern/);
            await assert.rejects(pack.configure(onCalendarDay({ "eks-endpoint-private": { minPublicCidrPrefixLength: 33 } })), /eks-endpoint-private\.minPublicCidrPrefixLength must be <= 32/);
            await pack.configure(onCalendarDay({ "eks-endpoint-private": { minPublicCidrPrefixLength: 1 } }));
            const halves = hardened("aws:eks/cluster:Cluster", (p) => Object.assign(p.vpcConfig, { endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/1", "128.0.0.0/1"] }));
            assert.deepStrictEqual((await pack.analyze(pinned(halves))).diagnostics, [], "a /1 is allowed once the minimum prefix is 1");
        });
    });

    describe("exemptions", () => {
        const attachment = res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "break-glass", policyArn: ADMIN }, "break-glass-admin");
        const exempt = (expires: string) => ({
            "iam-no-admin-managed-policies": {
                exemptions: [{ resources: ["break-glass-*"], justification: "Break-glass role, MFA-gated and alarmed.", expires }],
            },
        });

        it("a valid exemption turns the violation into an advisory note naming the justification", async () => {
            const until = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
            await pack.configure(onCalendarDay(exempt(until)));
            const [d] = (await pack.analyze(attachment)).diagnostics;
            assert.strictEqual(d.enforcementLevel, "advisory");
            assert.ok(d.message.startsWith(`[exempted until ${until}: Break-glass role, MFA-gated and alarmed.] policyArn attaches`), d.message);
            const other = { ...attachment, name: "app-admin" };
            assert.deepStrictEqual((await pack.analyze(other)).diagnostics.map((d) => d.enforcementLevel), ["mandatory"], "only the named resources");
        });

        it("an expired exemption leaves the violation mandatory and says why", async () => {
            await pack.configure(onCalendarDay(exempt("2020-01-31")));
            const [d] = (await pack.analyze(attachment)).diagnostics;
            assert.strictEqual(d.enforcementLevel, "mandatory");
            assert.match(d.message, /an exemption matched but does not apply: it expired on 2020-01-31/);
        });
    });
});
