import { resourcePolicy } from "../../common/policy";
import { isUnknown, plain } from "../lib/values";

interface Config {
    readonly allowTagExclusions: boolean;
}

export default resourcePolicy<Config>({
    name: "ecr-immutable-tags",
    types: ["aws:ecr/repository:Repository"],
    description: "ECR repositories must make image tags immutable, so that a tag always names the image that was scanned and approved.",
    severity: "medium",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.1.5", "4.2.2"], nsaCisa: ["1"] },
    remediation:
        'Set `imageTagMutability: "IMMUTABLE"` and deploy by digest or by unique tags (the commit SHA). ' +
        '"IMMUTABLE_WITH_EXCLUSION" is accepted only when the `allowTagExclusions` config is true.',
    config: {
        allowTagExclusions: {
            type: "boolean",
            default: false,
            // Exclusions (typically "latest" or "dev-*") bring back the mutable tags this control removes.
            description: 'Accept "IMMUTABLE_WITH_EXCLUSION" (tags matching the exclusion filters stay mutable).',
        },
    },
    validate: ({ type, props, config }, report) => {
        if (type !== "aws:ecr/repository:Repository") return;
        const mode = plain(props).imageTagMutability;
        if (isUnknown(mode) || mode === "IMMUTABLE") return;
        if (mode === "IMMUTABLE_WITH_EXCLUSION") {
            if (!config.allowTagExclusions) {
                report('imageTagMutability is "IMMUTABLE_WITH_EXCLUSION": set it to "IMMUTABLE" (or allow exclusions with the allowTagExclusions config)');
            }
            return;
        }
        report(`imageTagMutability is ${mode === undefined ? "unset (MUTABLE)" : `"${String(mode)}"`}: set it to "IMMUTABLE"`);
    },
});
