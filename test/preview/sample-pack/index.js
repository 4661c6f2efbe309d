// Plain JavaScript so that it boots without a build step.
const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("sample", {
    enforcementLevel: "advisory",
    policies: [
        {
            name: "log-retention",
            description: "Log groups keep logs for at least the configured number of days.",
            enforcementLevel: "mandatory",
            severity: "medium",
            configSchema: { properties: { minDays: { type: "integer", minimum: 1, default: 90 } } },
            validateResource: (args, reportViolation) => {
                if (args.type !== "aws:cloudwatch/logGroup:LogGroup") return;
                const { minDays } = args.getConfig();
                if (!(args.props.retentionInDays >= minDays)) {
                    reportViolation(`retentionInDays must be at least ${minDays}`);
                }
            },
        },
        {
            name: "keys-used",
            description: "Every KMS key in the stack is used by some other resource.",
            validateStack: (args, reportViolation) => {
                for (const key of args.resources.filter((r) => r.type === "aws:kms/key:Key")) {
                    const used = args.resources.some((r) => r.dependencies.some((d) => d.urn === key.urn));
                    if (!used) reportViolation(`key ${key.name} is used by nothing`, key.urn);
                }
            },
        },
    ],
});
