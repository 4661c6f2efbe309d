import { resourcePolicy } from "../../common/policy";
import { isUnknown, plain } from "../lib/values";

interface Config {
    readonly minRetentionDays: number;
}

export default resourcePolicy<Config>({
    name: "cloudwatch-log-group-retention",
    types: ["aws:cloudwatch/logGroup:LogGroup"],
    description: "CloudWatch log groups must keep logs at least the configured minimum (never expiring counts).",
    severity: "low",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["2.1.2"], nsaCisa: ["6"] },
    remediation:
        "Set `retentionInDays` to one of CloudWatch's values at or above `minRetentionDays` (e.g. 90, 365), or leave it " +
        "unset (0), which keeps logs forever.",
    config: {
        minRetentionDays: {
            type: "integer",
            minimum: 1,
            default: 90,
            description: "Shortest retention (days) allowed, so that an incident can still be investigated.",
        },
    },
    validate: ({ type, props, config }, report) => {
        if (type !== "aws:cloudwatch/logGroup:LogGroup") return;
        const days = plain(props).retentionInDays;
        if (isUnknown(days)) return;
        // Unset and 0 both mean "never expire", which keeps logs longer than any minimum.
        if (days === undefined || days === null || Number(days) === 0) return;
        if (Number(days) < config.minRetentionDays) {
            report(`retentionInDays is ${String(days)}: set it to at least ${config.minRetentionDays}`);
        }
    },
});
