import { resourcePolicy } from "../../common/policy";
import { prefixLimitSchemas } from "../lib/cidr";
import { reportPublicPorts } from "../lib/security-groups";
import { plain } from "../lib/values";

interface Config {
    readonly databasePorts: readonly number[];
    readonly minSourceCidrPrefixLength: number;
    readonly minSourceIpv6CidrPrefixLength: number;
}

const limits = prefixLimitSchemas("a database port's source CIDR");

/** Data stores scanned for and ransomed within hours of reaching the internet; names for messages. */
const PORT_NAMES: Record<number, string> = {
    1433: "SQL Server",
    1521: "Oracle",
    2181: "ZooKeeper",
    3306: "MySQL/MariaDB/Aurora",
    5432: "PostgreSQL",
    5439: "Redshift",
    5601: "Kibana/OpenSearch Dashboards",
    5672: "RabbitMQ",
    5984: "CouchDB",
    6379: "Redis/Valkey",
    7474: "Neo4j",
    8086: "InfluxDB",
    8123: "ClickHouse HTTP",
    9042: "Cassandra",
    9092: "Kafka",
    9200: "Elasticsearch/OpenSearch",
    9300: "Elasticsearch transport",
    11211: "Memcached",
    15672: "RabbitMQ management",
    26257: "CockroachDB",
    27017: "MongoDB",
    27018: "MongoDB shard",
    50000: "Db2",
};

export default resourcePolicy<Config>({
    name: "ec2-no-public-database-ports",
    types: ["aws:*"],
    description: "Security groups must not open database, cache, search or queue ports (MySQL, PostgreSQL, Redis, MongoDB, Elasticsearch, ...) to the internet.",
    severity: "critical",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.3.2", "4.4.2"], nsaCisa: ["3", "4"] },
    remediation:
        "Allow the data store's port only from the application's security group (`sourceSecurityGroupId` / " +
        "`referencedSecurityGroupId`) or private CIDRs; reach it from outside through a VPN, SSM port forwarding or an " +
        "application API, never directly. The same applies to IPv6 (`::/0`).",
    config: {
        databasePorts: {
            type: "array",
            items: { type: "integer", minimum: 0, maximum: 65535 },
            default: Object.keys(PORT_NAMES).map(Number),
            description: "Ports of data stores that may never be open to the internet: 0.0.0.0/0, ::/0 or a range broader than the minimum prefix (protocol -1 opens them all).",
        },
        minSourceCidrPrefixLength: limits.ipv4,
        minSourceIpv6CidrPrefixLength: limits.ipv6,
    },
    validate: ({ type, props, config }, report) => {
        reportPublicPorts(
            type,
            plain(props) ?? {},
            config.databasePorts,
            PORT_NAMES,
            { ipv4: config.minSourceCidrPrefixLength, ipv6: config.minSourceIpv6CidrPrefixLength },
            { ipv4: "minSourceCidrPrefixLength", ipv6: "minSourceIpv6CidrPrefixLength" },
            "allow it only from the application's security group or private CIDRs",
            report,
        );
    },
});
