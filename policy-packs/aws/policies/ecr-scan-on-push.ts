import { stackPolicy } from "../../common/policy";
import { type Node, nodes, ofType } from "../lib/graph";
import { wildcardMatch } from "../lib/iam";
import { hasUnknown, isUnknown, listOf } from "../lib/values";

/** Whether a registry scanning configuration scans the repository named `name` automatically. */
function registryScans(config: Node, name: unknown): boolean {
    const rules = listOf(config.props.rules);
    if (isUnknown(rules)) return false;
    return (rules as any[]).some((rule) => {
        if (!rule || isUnknown(rule) || !["SCAN_ON_PUSH", "CONTINUOUS_SCAN"].includes(rule.scanFrequency)) return false;
        const filters = listOf(rule.repositoryFilters);
        if (isUnknown(filters)) return false;
        return (filters as any[]).some((f) => {
            if (!f || typeof f.filter !== "string") return false;
            return f.filter === "*" || (typeof name === "string" && wildcardMatch(f.filter, name));
        });
    });
}

export default stackPolicy({
    name: "ecr-scan-on-push",
    description: "ECR repositories must scan images on push, per repository or through a registry scanning configuration.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["5.1.1"], nist800190: ["4.1.1", "4.2.2"], nsaCisa: ["1"] },
    remediation:
        "Set `imageScanningConfiguration: { scanOnPush: true }` on the repository, or add an " +
        '`aws.ecr.RegistryScanningConfiguration` (ideally `scanType: "ENHANCED"`) with a SCAN_ON_PUSH or CONTINUOUS_SCAN rule ' +
        "whose repository filter matches it.",
    // It reports only about these; without one there is nothing to judge.
    requires: "aws:ecr/repository:Repository",
    validate: ({ resources }, report) => {
        const all = nodes(resources);
        const registryConfigs = ofType(all, "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration");
        for (const repo of ofType(all, "aws:ecr/repository:Repository")) {
            const scanning = repo.props.imageScanningConfiguration;
            if (isUnknown(scanning) || isUnknown(scanning?.scanOnPush) || scanning?.scanOnPush === true) continue;
            if (registryConfigs.some((c) => registryScans(c, repo.props.name))) continue;
            // A registry rule, or the name its filter is matched against, unknown at preview: the update decides.
            if (registryConfigs.some((c) => hasUnknown(c.props.rules) || hasUnknown(repo.props.name))) {
                report(`whether a registry scanning rule covers repository "${repo.name}" is not known until the update`, {
                    urn: repo.urn,
                    name: repo.name,
                    advisory: true,
                });
                continue;
            }
            report(
                `imageScanningConfiguration.scanOnPush must be true on repository "${repo.name}" ` +
                    "(or a registry scanning configuration rule must cover it)",
                { urn: repo.urn, name: repo.name },
            );
        }
    },
});
