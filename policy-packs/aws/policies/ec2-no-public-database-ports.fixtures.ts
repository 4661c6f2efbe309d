import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { fail, pass } from "../lib/resources.fixtures";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const tcp = (port: number, cidrBlocks: string[] = ["0.0.0.0/0"], extra: Record<string, unknown> = {}) => ({ protocol: "tcp", fromPort: port, toPort: port, cidrBlocks, ...extra });
const rule = (props: Record<string, unknown>): ResourceCase => ({
    resource: { type: "aws:ec2/securityGroupRule:SecurityGroupRule", name: "rule", props: { securityGroupId: "sg-1", type: "ingress", ...props } },
});
const vpcRule = (props: Record<string, unknown>): ResourceCase => ({
    resource: { type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: "rule", props: { securityGroupId: "sg-1", ...props } },
});

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "https-to-the-internet": pass(SG),
        "postgres-from-the-app-security-group": pass(SG, (p) => p.ingress.push({ protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: ["sg-app"] })),
        "mysql-from-the-vpc": pass(SG, (p) => p.ingress.push(tcp(3306, ["10.0.0.0/16"]))),
        "redis-from-a-referenced-security-group": vpcRule({ ipProtocol: "tcp", fromPort: 6379, toPort: 6379, referencedSecurityGroupId: "sg-app" }),
        "mongodb-egress-to-anywhere": rule({ type: "egress", protocol: "tcp", fromPort: 27017, toPort: 27017, cidrBlocks: ["0.0.0.0/0"] }),
        "memcached-over-udp-from-ula": vpcRule({ ipProtocol: "udp", fromPort: 11211, toPort: 11211, cidrIpv6: "fd00::/8" }),
        "source-unknown-at-preview": rule({ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: UNKNOWN }),
        "port-unknown-at-preview": rule({ protocol: "tcp", fromPort: UNKNOWN, toPort: UNKNOWN, cidrBlocks: ["0.0.0.0/0"] }),
        "postgres-allowed-by-config": { ...rule({ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/0"] }), config: { databasePorts: [3306] } },
    },
    fail: {
        "inline-postgres-from-anywhere": fail(SG, "ingress[1] opens 5432 (PostgreSQL) to 0.0.0.0/0 (ingress[1].cidrBlocks)", (p) => p.ingress.push(tcp(5432))),
        "inline-redis-from-ipv6-anywhere": fail(SG, "6379 (Redis/Valkey) to ::/0 (ingress[1].ipv6CidrBlocks)", (p) => {
            p.ingress.push({ protocol: "tcp", fromPort: 6379, toPort: 6379, ipv6CidrBlocks: ["::/0"] });
        }),
        "default-security-group-mysql": {
            resource: { type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", name: "default", props: { vpcId: "vpc-1", ingress: [tcp(3306)] } },
            expect: "ingress[0] opens 3306 (MySQL/MariaDB/Aurora)",
        },
        "rule-mongodb": { ...rule({ protocol: "tcp", fromPort: 27017, toPort: 27017, cidrBlocks: ["0.0.0.0/0"] }), expect: "this ingress rule opens 27017 (MongoDB)" },
        "vpc-rule-elasticsearch-and-kibana-range": {
            ...vpcRule({ ipProtocol: "tcp", fromPort: 5601, toPort: 9300, cidrIpv4: "0.0.0.0/0" }),
            expect: "5601 (Kibana/OpenSearch Dashboards)",
        },
        "vpc-rule-all-protocols-ipv6": { ...vpcRule({ ipProtocol: "-1", cidrIpv6: "::/0" }), expect: "1433 (SQL Server)" },
        "memcached-udp-from-anywhere": { ...rule({ protocol: "udp", fromPort: 11211, toPort: 11211, cidrBlocks: ["0.0.0.0/0"] }), expect: "11211 (Memcached)" },
        "cassandra-from-two-halves-of-the-internet": {
            ...rule({ protocol: "tcp", fromPort: 9042, toPort: 9042, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] }),
            expect: "broader than the /8 minSourceCidrPrefixLength allows",
        },
        "oracle-from-a-broad-ipv6-range": { ...vpcRule({ ipProtocol: "tcp", fromPort: 1521, toPort: 1521, cidrIpv6: "2000::/3" }), expect: "1521 (Oracle)" },
    },
};
