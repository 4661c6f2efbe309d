import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { fail, pass } from "../lib/resources.fixtures";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const rule = (props: Record<string, unknown>): ResourceCase => ({
    resource: { type: "aws:ec2/securityGroupRule:SecurityGroupRule", name: "rule", props: { securityGroupId: "sg-1", type: "ingress", ...props } },
});
const vpcRule = (props: Record<string, unknown>): ResourceCase => ({
    resource: { type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: "rule", props: { securityGroupId: "sg-1", ...props } },
});

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "https-to-the-internet": pass(SG),
        "ssh-from-a-private-range": pass(SG, (p) => p.ingress.push({ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] })),
        "all-traffic-from-a-security-group": pass(SG, (p) => p.ingress.push({ protocol: "-1", fromPort: 0, toPort: 0, securityGroups: ["sg-lb"] })),
        "ssh-from-a-private-range-broader-than-the-minimum": {
            ...rule({ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["172.16.0.0/12"] }),
            config: { minSourceCidrPrefixLength: 16 },
        },
        "ssh-from-the-ipv6-unique-local-range": vpcRule({ ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv6: "fc00::/7" }),
        "https-from-two-halves-of-the-internet": pass(SG, (p) => (p.ingress[0].cidrBlocks = ["0.0.0.0/1", "128.0.0.0/1"])),
        "egress-rule-to-anywhere": rule({ type: "egress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }),
        "icmp-from-anywhere": vpcRule({ ipProtocol: "icmp", fromPort: -1, toPort: -1, cidrIpv4: "0.0.0.0/0" }),
        "ssh-cidr-unknown-at-preview": rule({ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: UNKNOWN }),
        "custom-admin-ports-exclude-ssh": { ...rule({ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }), config: { adminPorts: [3389] } },
    },
    fail: {
        "inline-ssh-from-anywhere": fail(SG, "ingress[1] opens 22 (SSH) to 0.0.0.0/0 (ingress[1].cidrBlocks)", (p) => {
            p.ingress.push({ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] });
        }),
        "inline-all-traffic-from-ipv6-anywhere": fail(SG, "::/0 (ingress[0].ipv6CidrBlocks)", (p) => {
            p.ingress = [{ protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] }];
        }),
        "rule-port-range-covers-etcd": { ...rule({ protocol: "tcp", fromPort: 2000, toPort: 3000, cidrBlocks: ["0.0.0.0/0"] }), expect: "2379 (etcd), 2380 (etcd peer)" },
        "rule-rdp": { ...rule({ protocol: "6", fromPort: 3389, toPort: 3389, cidrBlocks: ["0.0.0.0/0"] }), expect: "3389 (RDP)" },
        "vpc-rule-kubelet": { ...vpcRule({ ipProtocol: "tcp", fromPort: 10250, toPort: 10250, cidrIpv4: "0.0.0.0/0" }), expect: "10250 (kubelet)" },
        "vpc-rule-all-protocols-ipv6": { ...vpcRule({ ipProtocol: "-1", cidrIpv6: "::/0" }), expect: "6443 (Kubernetes API)" },
        "ssh-from-two-halves-of-the-internet": fail(
            SG,
            "ingress[1] opens 22 (SSH) to 0.0.0.0/1 (ingress[1].cidrBlocks: a /1 spanning 1/2 of the IPv4 address space, " +
                "broader than the /8 minSourceCidrPrefixLength allows), 128.0.0.0/1",
            (p) => p.ingress.push({ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] }),
        ),
        "vpc-rule-kubelet-from-a-broad-ipv6-range": {
            ...vpcRule({ ipProtocol: "tcp", fromPort: 10250, toPort: 10250, cidrIpv6: "2000::/3" }),
            expect: "broader than the /32 minSourceIpv6CidrPrefixLength allows",
        },
        "rdp-from-a-range-broader-than-configured-minimum": {
            ...rule({ protocol: "tcp", fromPort: 3389, toPort: 3389, cidrBlocks: ["198.50.0.0/15"] }),
            config: { minSourceCidrPrefixLength: 16 },
            expect: "198.50.0.0/15 (cidrBlocks: a /15",
        },
        "default-security-group-ssh": {
            resource: { type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", name: "default", props: { vpcId: "vpc-1", ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] } },
            expect: "ingress[0] opens 22 (SSH)",
        },
        "rule-protocol-all": { ...rule({ protocol: "all", fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] }), expect: "22 (SSH)" },
    },
};
