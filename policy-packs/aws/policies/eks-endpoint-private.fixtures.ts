import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { fail, pass } from "../lib/resources.fixtures";

const C = "aws:eks/cluster:Cluster";
const publicTo = (...cidrs: string[]) => (p: Record<string, any>) => {
    p.vpcConfig.endpointPublicAccess = true;
    p.vpcConfig.publicAccessCidrs = cidrs;
};

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "private-only": pass(C),
        "public-with-allow-list": pass(C, (p) => {
            p.vpcConfig.endpointPublicAccess = true;
            p.vpcConfig.publicAccessCidrs = ["203.0.113.0/24"];
        }),
        "allow-list-within-config": pass(
            C,
            (p) => {
                p.vpcConfig.endpointPublicAccess = true;
                p.vpcConfig.publicAccessCidrs = ["203.0.113.0/24"];
            },
            { allowedPublicCidrs: ["203.0.113.0/24", "198.51.100.0/24"] },
        ),
        "public-cidr-of-the-minimum-prefix": pass(C, publicTo("44.0.0.0/8", "2001:db8::/32")),
        "broader-cidr-under-a-lower-configured-minimum": pass(C, publicTo("64.0.0.0/4"), { minPublicCidrPrefixLength: 4 }),
        "public-cidrs-unknown-at-preview": pass(C, (p) => {
            p.vpcConfig.endpointPublicAccess = true;
            p.vpcConfig.publicAccessCidrs = UNKNOWN;
        }),
        "private-access-unknown-at-preview": pass(C, (p) => {
            p.vpcConfig.endpointPrivateAccess = UNKNOWN;
        }),
    },
    fail: {
        "private-access-unset": fail(C, "vpcConfig.endpointPrivateAccess must be true", (p) => {
            delete p.vpcConfig.endpointPrivateAccess;
        }),
        "public-access-unset-defaults-to-internet": fail(C, "vpcConfig.publicAccessCidrs is unset", (p) => {
            delete p.vpcConfig.endpointPublicAccess;
        }),
        "public-to-ipv4-internet": fail(C, "vpcConfig.publicAccessCidrs[1]", (p) => {
            p.vpcConfig.endpointPublicAccess = true;
            p.vpcConfig.publicAccessCidrs = ["203.0.113.0/24", "0.0.0.0/0"];
        }),
        "public-to-ipv6-internet": fail(C, '"::/0", the whole internet', (p) => {
            p.vpcConfig.endpointPublicAccess = true;
            p.vpcConfig.publicAccessCidrs = ["::/0"];
        }),
        "public-to-two-halves-of-the-ipv4-internet": fail(
            C,
            'vpcConfig.publicAccessCidrs[1] is "128.0.0.0/1", a /1 spanning 1/2 of the IPv4 address space, broader than the /8 minPublicCidrPrefixLength allows',
            publicTo("0.0.0.0/1", "128.0.0.0/1"),
        ),
        "public-to-a-slash-4-written-from-a-private-address": fail(C, '"10.0.0.0/4", a /4 spanning 1/16', publicTo("10.0.0.0/4")),
        "public-to-a-broad-ipv6-range": fail(C, "broader than the /32 minPublicIpv6CidrPrefixLength allows", publicTo("2000::/3")),
        "public-cidr-broader-than-configured-minimum": fail(C, "broader than the /20 minPublicCidrPrefixLength", publicTo("203.0.0.0/16"), {
            minPublicCidrPrefixLength: 20,
        }),
        "cidr-outside-config-allow-list": fail(
            C,
            "not in the allowedPublicCidrs config",
            (p) => {
                p.vpcConfig.endpointPublicAccess = true;
                p.vpcConfig.publicAccessCidrs = ["192.0.2.0/24"];
            },
            { allowedPublicCidrs: ["203.0.113.0/24"] },
        ),
    },
};
