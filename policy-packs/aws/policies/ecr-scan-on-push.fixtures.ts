import type { PolicyFixtures, ResourceFixture, StackCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { hardened } from "../lib/resources.fixtures";

const repo = (edit?: (p: Record<string, any>) => void): ResourceFixture => hardened("aws:ecr/repository:Repository", edit, "app");
const noScan = repo((p) => delete p.imageScanningConfiguration);
const registry = (scanFrequency: string, filter: string): ResourceFixture => ({
    type: "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration",
    name: "registry-scanning",
    props: { scanType: "ENHANCED", rules: [{ scanFrequency, repositoryFilters: [{ filter, filterType: "WILDCARD" }] }] },
});

export const fixtures: PolicyFixtures<StackCase> = {
    pass: {
        "scan-on-push": { resources: [repo()] },
        "registry-continuous-scan-all": { resources: [noScan, registry("CONTINUOUS_SCAN", "*")] },
        "registry-scan-on-push-matching-prefix": { resources: [noScan, registry("SCAN_ON_PUSH", "ap*")] },
        "scan-flag-unknown-at-preview": { resources: [repo((p) => (p.imageScanningConfiguration = { scanOnPush: UNKNOWN }))] },
    },
    fail: {
        "no-scanning": { resources: [noScan], expect: 'imageScanningConfiguration.scanOnPush must be true on repository "app"' },
        "scan-on-push-false": { resources: [repo((p) => (p.imageScanningConfiguration.scanOnPush = false))], expect: "scanOnPush must be true" },
        "registry-rule-for-other-repositories": { resources: [noScan, registry("SCAN_ON_PUSH", "team-b-*")], expect: "scanOnPush must be true" },
        "registry-rule-manual-only": { resources: [noScan, registry("MANUAL", "*")], expect: "scanOnPush must be true" },
    },
};
