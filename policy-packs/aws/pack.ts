/** The AWS pack's policies, listed explicitly. Tests import this module; only index.ts serves it. */
import type { BulwarkPolicy } from "../common/policy";
import cloudwatchLogGroupEncrypted from "./policies/cloudwatch-log-group-encrypted";
import cloudwatchLogGroupRetention from "./policies/cloudwatch-log-group-retention";
import databaseNotPubliclyAccessible from "./policies/database-not-publicly-accessible";
import ebsVolumeEncrypted from "./policies/ebs-volume-encrypted";
import ec2Imdsv2Required from "./policies/ec2-imdsv2-required";
import ec2InstanceEbsEncrypted from "./policies/ec2-instance-ebs-encrypted";
import ec2LaunchTemplateEbsEncrypted from "./policies/ec2-launch-template-ebs-encrypted";
import ec2NoPublicAdminPorts from "./policies/ec2-no-public-admin-ports";
import ec2NoPublicDatabasePorts from "./policies/ec2-no-public-database-ports";
import ec2NoSshKeyPair from "./policies/ec2-no-ssh-key-pair";
import ecrImmutableTags from "./policies/ecr-immutable-tags";
import ecrKmsEncryption from "./policies/ecr-kms-encryption";
import ecrScanOnPush from "./policies/ecr-scan-on-push";
import efsEncrypted from "./policies/efs-encrypted";
import eksAccessApiMode from "./policies/eks-access-api-mode";
import eksAdminAccessMfa from "./policies/eks-admin-access-mfa";
import eksControlPlaneLogging from "./policies/eks-control-plane-logging";
import eksEndpointPrivate from "./policies/eks-endpoint-private";
import eksNoSystemMasters from "./policies/eks-no-system-masters";
import eksNodegroupNoSsh from "./policies/eks-nodegroup-no-ssh";
import eksNodegroupPrivateSubnets from "./policies/eks-nodegroup-private-subnets";
import eksSecretsEncryption from "./policies/eks-secrets-encryption";
import eksSupportedVersion from "./policies/eks-supported-version";
import iamLeastPrivilege from "./policies/iam-least-privilege";
import iamNoAdminManagedPolicies from "./policies/iam-no-admin-managed-policies";
import iamNoPrivilegeEscalation from "./policies/iam-no-privilege-escalation";
import iamRoleMfaRequired from "./policies/iam-role-mfa-required";
import iamRoleTrustNotPublic from "./policies/iam-role-trust-not-public";
import kmsKeyRotation from "./policies/kms-key-rotation";
import resourcePolicyNotPublic from "./policies/resource-policy-not-public";
import rdsStorageEncrypted from "./policies/rds-storage-encrypted";
import s3BucketEncryption from "./policies/s3-bucket-encryption";
import s3BucketPublicAccessBlock from "./policies/s3-bucket-public-access-block";
import s3PublicAccessBlockComplete from "./policies/s3-public-access-block-complete";
import vpcFlowLogs from "./policies/vpc-flow-logs";

export const packName = "bulwark-aws";

export const policies: BulwarkPolicy[] = [
    // EKS control plane
    eksEndpointPrivate,
    eksSecretsEncryption,
    eksControlPlaneLogging,
    eksSupportedVersion,
    eksAccessApiMode,

    // Nodes
    ec2Imdsv2Required,
    ec2LaunchTemplateEbsEncrypted,
    ec2InstanceEbsEncrypted,
    ec2NoSshKeyPair,
    eksNodegroupNoSsh,
    eksNodegroupPrivateSubnets,

    // Admin access with MFA
    iamRoleMfaRequired,
    iamRoleTrustNotPublic,
    eksAdminAccessMfa,
    eksNoSystemMasters,

    // Least-privilege IAM
    iamLeastPrivilege,
    iamNoAdminManagedPolicies,
    iamNoPrivilegeEscalation,
    resourcePolicyNotPublic,

    // Encryption at rest
    kmsKeyRotation,
    ebsVolumeEncrypted,
    efsEncrypted,
    rdsStorageEncrypted,
    s3PublicAccessBlockComplete,
    s3BucketPublicAccessBlock,
    s3BucketEncryption,
    cloudwatchLogGroupEncrypted,
    cloudwatchLogGroupRetention,

    // Registry
    ecrImmutableTags,
    ecrScanOnPush,
    ecrKmsEncryption,

    // Network
    ec2NoPublicAdminPorts,
    ec2NoPublicDatabasePorts,
    databaseNotPubliclyAccessible,
    vpcFlowLogs,
];
