import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { fail, pass } from "../lib/resources.fixtures";

const RDS = "aws:rds/instance:Instance";
const DMS = "aws:dms/replicationInstance:ReplicationInstance";
const dms = (props: Record<string, unknown>): ResourceCase => ({
    resource: { type: DMS, name: "migrate", props: { replicationInstanceClass: "dms.t3.micro", replicationInstanceId: "migrate", ...props } },
});
const of = (type: string, props: Record<string, unknown>): ResourceCase => ({ resource: { type, name: "subject", props } });

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "rds-private-by-default": pass(RDS),
        "rds-explicitly-private": pass(RDS, (p) => (p.publiclyAccessible = false)),
        "aurora-instance-private": of("aws:rds/clusterInstance:ClusterInstance", { clusterIdentifier: "c", instanceClass: "db.r6g.large", engine: "aurora-postgresql" }),
        "dms-explicitly-private": dms({ publiclyAccessible: false }),
        "rds-unknown-at-preview": pass(RDS, (p) => (p.publiclyAccessible = UNKNOWN)),
    },
    fail: {
        "rds-public": fail(RDS, "publiclyAccessible is true, which gives the data store an internet-resolvable endpoint", (p) => (p.publiclyAccessible = true)),
        "aurora-instance-public": { ...of("aws:rds/clusterInstance:ClusterInstance", { clusterIdentifier: "c", instanceClass: "db.r6g.large", publiclyAccessible: true }), expect: "publiclyAccessible is true" },
        "redshift-public": { ...of("aws:redshift/cluster:Cluster", { clusterIdentifier: "dw", nodeType: "ra3.xlplus", publiclyAccessible: true }), expect: "publiclyAccessible is true" },
        "redshift-serverless-public": { ...of("aws:redshiftserverless/workgroup:Workgroup", { namespaceName: "n", workgroupName: "w", publiclyAccessible: true }), expect: "publiclyAccessible is true" },
        "neptune-instance-public": { ...of("aws:neptune/clusterInstance:ClusterInstance", { clusterIdentifier: "g", instanceClass: "db.r6g.large", publiclyAccessible: true }), expect: "publiclyAccessible is true" },
        "dms-public-when-unset": { ...dms({}), expect: "publiclyAccessible is unset, which makes a DMS replication instance public" },
    },
};
