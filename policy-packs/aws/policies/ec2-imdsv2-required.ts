import { resourcePolicy } from "../../common/policy";
import { isUnknown, plain } from "../lib/values";

interface Config {
    readonly maxMetadataHopLimit: number;
}

const TYPES = ["aws:ec2/launchTemplate:LaunchTemplate", "aws:ec2/instance:Instance"];

export default resourcePolicy<Config>({
    name: "ec2-imdsv2-required",
    types: ["aws:ec2/launchTemplate:LaunchTemplate", "aws:ec2/instance:Instance"],
    description: "Launch templates and instances must require IMDSv2 tokens, with a hop limit that keeps pods off the node's credentials.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.3.5", "4.5.1"], nsaCisa: ["2", "3"] },
    remediation:
        'Set `metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 }` (or `httpEndpoint: "disabled"`). ' +
        "Pods that need AWS credentials get them from EKS Pod Identity or IRSA, not from the node's role.",
    config: {
        maxMetadataHopLimit: {
            type: "integer",
            minimum: 1,
            maximum: 64,
            default: 1,
            description: "Highest httpPutResponseHopLimit allowed; 1 keeps containers from reaching the instance metadata.",
        },
    },
    validate: ({ type, props, config }, report) => {
        if (!TYPES.includes(type)) return;
        const p = plain(props);
        // An instance launched from a template takes its metadata options from it; the template is checked itself.
        if (type === "aws:ec2/instance:Instance" && p.metadataOptions === undefined && p.launchTemplate !== undefined) return;
        const md = p.metadataOptions ?? {};
        // A disabled endpoint has no IMDSv1 to allow; one unknown at preview may be disabled.
        if (isUnknown(md) || md.httpEndpoint === "disabled" || isUnknown(md.httpEndpoint)) return;
        if (!isUnknown(md.httpTokens) && md.httpTokens !== "required") {
            report(
                `metadataOptions.httpTokens is ${md.httpTokens === undefined ? "unset" : `"${String(md.httpTokens)}"`}: ` +
                    'set it to "required" (IMDSv1 lets any SSRF read the node\'s credentials)',
            );
        }
        const hops = md.httpPutResponseHopLimit;
        if (isUnknown(hops)) return;
        // EKS-optimized AMIs default to 2 hops, which lets every pod reach the node's role.
        if (hops === undefined || hops === null) {
            report(`metadataOptions.httpPutResponseHopLimit is unset (the AMI decides): set it to ${config.maxMetadataHopLimit} or less`);
        } else if (Number(hops) > config.maxMetadataHopLimit) {
            report(`metadataOptions.httpPutResponseHopLimit is ${String(hops)}: set it to ${config.maxMetadataHopLimit} or less`);
        }
    },
});
