import { resourcePolicy } from "../../common/policy";
import { isUnknown, listOf, plain } from "../lib/values";

interface Config {
    readonly requiredLogTypes: readonly string[];
}

export default resourcePolicy<Config>({
    name: "eks-control-plane-logging",
    types: ["aws:eks/cluster:Cluster"],
    description: "EKS clusters must send the api, audit and authenticator control-plane logs to CloudWatch.",
    severity: "medium",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["2.1.1", "2.1.2"], nsaCisa: ["6"] },
    remediation: 'Set `enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"]` on the cluster.',
    config: {
        requiredLogTypes: {
            type: "array",
            items: { type: "string", enum: ["api", "audit", "authenticator", "controllerManager", "scheduler"] },
            default: ["api", "audit", "authenticator"],
            description: "Control-plane log types every cluster must enable.",
        },
    },
    validate: ({ type, props, config }, report) => {
        if (type !== "aws:eks/cluster:Cluster") return;
        const enabled = listOf(plain(props).enabledClusterLogTypes);
        if (isUnknown(enabled) || enabled.some(isUnknown)) return;
        const missing = config.requiredLogTypes.filter((t) => !enabled.includes(t));
        if (missing.length > 0) {
            report(`enabledClusterLogTypes must include ${missing.map((t) => `"${t}"`).join(", ")}`);
        }
    },
});
