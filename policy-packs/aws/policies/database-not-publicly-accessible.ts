import { resourcePolicy } from "../../common/policy";
import { isTrue, isUnknown, plain } from "../lib/values";

/** Data stores with a public endpoint switch, and what AWS does when it is unset. */
const PUBLIC_WHEN_UNSET: Readonly<Record<string, boolean>> = {
    "aws:rds/instance:Instance": false,
    "aws:rds/clusterInstance:ClusterInstance": false,
    "aws:neptune/clusterInstance:ClusterInstance": false,
    "aws:redshift/cluster:Cluster": false,
    "aws:redshiftserverless/workgroup:Workgroup": false,
    // The DMS API makes a replication instance public unless told otherwise.
    "aws:dms/replicationInstance:ReplicationInstance": true,
};

export default resourcePolicy({
    name: "database-not-publicly-accessible",
    types: ["aws:*"],
    description: "Databases, warehouses and replication instances must not have a public endpoint (publiclyAccessible).",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.3.2", "4.4.2"], nsaCisa: ["3"] },
    remediation:
        "Set `publiclyAccessible: false` (a DMS replication instance is public when it is unset) and place the data store in " +
        "private subnets; reach it from outside through a VPN, SSM port forwarding or a bastion in the VPC.",
    validate: ({ type, props }, report) => {
        if (!(type in PUBLIC_WHEN_UNSET)) return;
        const value = plain(props).publiclyAccessible;
        if (isUnknown(value)) return;
        if (value === undefined || value === null) {
            if (PUBLIC_WHEN_UNSET[type]) report("publiclyAccessible is unset, which makes a DMS replication instance public: set it to false");
            return;
        }
        if (isTrue(value)) report("publiclyAccessible is true, which gives the data store an internet-resolvable endpoint and public IP: set it to false");
    },
});
