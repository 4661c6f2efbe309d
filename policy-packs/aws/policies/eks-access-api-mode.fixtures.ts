import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { fail, pass } from "../lib/resources.fixtures";

const C = "aws:eks/cluster:Cluster";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "api-mode-no-creator-admin": pass(C),
        "access-config-unknown-at-preview": pass(C, (p) => {
            p.accessConfig = UNKNOWN;
        }),
    },
    fail: {
        "access-config-unset": fail(C, "accessConfig.authenticationMode is unset", (p) => {
            delete p.accessConfig;
        }),
        "config-map-mode": fail(C, 'accessConfig.authenticationMode is "API_AND_CONFIG_MAP"', (p) => {
            p.accessConfig.authenticationMode = "API_AND_CONFIG_MAP";
        }),
        "creator-keeps-admin": fail(C, "accessConfig.bootstrapClusterCreatorAdminPermissions must be false", (p) => {
            p.accessConfig.bootstrapClusterCreatorAdminPermissions = true;
        }),
        "creator-admin-unset-defaults-to-true": fail(C, "bootstrapClusterCreatorAdminPermissions must be false", (p) => {
            delete p.accessConfig.bootstrapClusterCreatorAdminPermissions;
        }),
    },
};
