import { resourcePolicy } from "../../common/policy";
import { prefixLimitSchemas } from "../lib/cidr";
import { reportPublicPorts } from "../lib/security-groups";
import { plain } from "../lib/values";

interface Config {
    readonly adminPorts: readonly number[];
    readonly minSourceCidrPrefixLength: number;
    readonly minSourceIpv6CidrPrefixLength: number;
}

const limits = prefixLimitSchemas("an admin port's source CIDR");

const PORT_NAMES: Record<number, string> = {
    22: "SSH",
    23: "Telnet",
    3389: "RDP",
    5985: "WinRM",
    5986: "WinRM over TLS",
    2379: "etcd",
    2380: "etcd peer",
    6443: "Kubernetes API",
    10250: "kubelet",
    10255: "kubelet read-only",
    10257: "kube-controller-manager",
    10259: "kube-scheduler",
};

export default resourcePolicy<Config>({
    name: "ec2-no-public-admin-ports",
    types: ["aws:*"],
    description: "Security groups must not open SSH, RDP, kubelet, etcd, the Kubernetes API or other admin ports to the internet.",
    severity: "critical",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["5.4.1"], nist800190: ["4.3.2", "4.5.1"], nsaCisa: ["3", "4"] },
    remediation:
        "Restrict the rule's source to known CIDRs (no broader than /8 for IPv4 or /32 for IPv6 outside private ranges) " +
        "or a source security group. Reach nodes with SSM Session Manager and the " +
        "Kubernetes API through the cluster's private endpoint (or an allow-listed public one).",
    config: {
        adminPorts: {
            type: "array",
            items: { type: "integer", minimum: 0, maximum: 65535 },
            default: [22, 23, 3389, 5985, 5986, 2379, 2380, 6443, 10250, 10255, 10257, 10259],
            description: "Ports that may never be open to the internet: 0.0.0.0/0, ::/0 or a range broader than the minimum prefix (protocol -1 opens them all).",
        },
        minSourceCidrPrefixLength: limits.ipv4,
        minSourceIpv6CidrPrefixLength: limits.ipv6,
    },
    validate: ({ type, props, config }, report) => {
        reportPublicPorts(
            type,
            plain(props) ?? {},
            config.adminPorts,
            PORT_NAMES,
            { ipv4: config.minSourceCidrPrefixLength, ipv6: config.minSourceIpv6CidrPrefixLength },
            { ipv4: "minSourceCidrPrefixLength", ipv6: "minSourceIpv6CidrPrefixLength" },
            "restrict the source to known CIDRs or a security group",
            report,
        );
    },
});
