import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";

const entry = (props: Record<string, unknown>) => ({
    resource: { type: "aws:eks/accessEntry:AccessEntry", name: "ops", props: { clusterName: "prod", principalArn: "arn:aws:iam::123456789012:role/ops", ...props } },
});

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "no-groups": entry({}),
        "narrow-rbac-group": entry({ kubernetesGroups: ["platform-viewers"] }),
        "groups-unknown-at-preview": entry({ kubernetesGroups: UNKNOWN }),
    },
    fail: {
        "system-masters": { ...entry({ kubernetesGroups: ["system:masters"] }), expect: 'kubernetesGroups[0] is "system:masters"' },
        "system-masters-among-others": { ...entry({ kubernetesGroups: ["viewers", "system:masters"] }), expect: "kubernetesGroups[1]" },
    },
};
