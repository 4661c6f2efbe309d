/**
 * Hardened baselines for the AWS pack's fixtures and pack tests: each fixture starts from one of
 * these and changes one thing, so that a reader sees exactly what makes it pass or fail.
 */
import type { ResourceCase, ResourceFixture } from "../../common/fixtures";
import { EKS_CALENDAR_READ_ON, newestInStandardSupport } from "./eks-calendar";

/**
 * The newest version in EKS standard support on the day the calendar was read: tests judge EKS
 * versions as on that day (the policy's `asOf`), so a hardened cluster stays hardened as time passes.
 */
const CURRENT_VERSION = newestInStandardSupport(new Date(`${EKS_CALENDAR_READ_ON}T12:00:00Z`)).version;

export const ACCOUNT = "123456789012";
export const CLUSTER_ADMIN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

/** The URN the runners give a fixture resource (so property dependencies can name it). */
export const urnOf = (type: string, name: string) => `urn:pulumi:test::bulwark::${type}::${name}`;

type Props = Record<string, any>;

function edited(base: Props, edit?: (p: Props) => void): Props {
    const copy = structuredClone(base);
    edit?.(copy);
    return copy;
}

const baselines = {
    "aws:eks/cluster:Cluster": {
        roleArn: `arn:aws:iam::${ACCOUNT}:role/cluster`,
        version: CURRENT_VERSION,
        vpcConfig: { subnetIds: ["subnet-a", "subnet-b"], endpointPrivateAccess: true, endpointPublicAccess: false },
        encryptionConfig: { resources: ["secrets"], provider: { keyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1` } },
        enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
        accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
    },
    "aws:ec2/launchTemplate:LaunchTemplate": {
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeSize: 50, volumeType: "gp3" } }],
    },
    "aws:ec2/instance:Instance": {
        ami: "ami-0123456789abcdef0",
        instanceType: "t3.micro",
        metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
        rootBlockDevice: { encrypted: true, volumeSize: 20, volumeType: "gp3" },
    },
    "aws:eks/nodeGroup:NodeGroup": {
        clusterName: "prod",
        nodeRoleArn: `arn:aws:iam::${ACCOUNT}:role/nodes`,
        subnetIds: ["subnet-a"],
        scalingConfig: { desiredSize: 2, minSize: 1, maxSize: 3 },
        version: CURRENT_VERSION,
    },
    "aws:iam/role:Role": {
        name: "platform-admin",
        assumeRolePolicy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
                    Action: "sts:AssumeRole",
                    Condition: {
                        Bool: { "aws:MultiFactorAuthPresent": "true" },
                        NumericLessThan: { "aws:MultiFactorAuthAge": "3600" },
                    },
                },
            ],
        }),
    },
    "aws:iam/policy:Policy": {
        policy: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::artifacts/*" }],
        },
    },
    "aws:ebs/volume:Volume": { availabilityZone: "us-east-1a", size: 20, encrypted: true },
    "aws:efs/fileSystem:FileSystem": { encrypted: true },
    "aws:rds/instance:Instance": { engine: "postgres", instanceClass: "db.t4g.micro", allocatedStorage: 20, storageEncrypted: true },
    "aws:rds/cluster:Cluster": { engine: "aurora-postgresql", storageEncrypted: true },
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": {
        bucket: "artifacts",
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
    },
    "aws:cloudwatch/logGroup:LogGroup": { kmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1`, retentionInDays: 365 },
    "aws:ecr/repository:Repository": {
        name: "app",
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1` }],
    },
    "aws:ec2/securityGroup:SecurityGroup": {
        vpcId: "vpc-1",
        ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
    },
    "aws:kms/key:Key": { enableKeyRotation: true },
} satisfies Record<string, Props>;

export type BaselineType = keyof typeof baselines;

/** A hardened resource of `type`, optionally edited. */
export function hardened(type: BaselineType, edit?: (p: Props) => void, name = "subject"): ResourceFixture {
    return { type, name, props: edited(baselines[type], edit) };
}

/** A passing resource case: the hardened baseline with one edit. */
export function pass(type: BaselineType, edit?: (p: Props) => void, config?: Record<string, unknown>): ResourceCase {
    return { resource: hardened(type, edit), ...(config ? { config } : {}) };
}

/** A failing resource case: the hardened baseline with one edit, and the fragment the message must name. */
export function fail(type: BaselineType, expect: string, edit: (p: Props) => void, config?: Record<string, unknown>): ResourceCase {
    return { resource: hardened(type, edit), expect, ...(config ? { config } : {}) };
}

/** A trust or permissions document with the given statements. */
export function doc(...statements: Props[]): Props {
    return { Version: "2012-10-17", Statement: statements };
}
