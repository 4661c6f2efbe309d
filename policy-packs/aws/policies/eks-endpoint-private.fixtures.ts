import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { fail, pass } from "../lib/resources.fixtures";

const C = "aws:eks/cluster:Cluster";

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
