import { PolicyPack } from "@pulumi/policy";
import { packName, policies } from "./pack";

new PolicyPack(packName, {
    description: "Bulwark: hardened EKS control plane and nodes, MFA-backed admin access, least-privilege IAM, encryption at rest, registry and network hardening.",
    enforcementLevel: "mandatory",
    policies,
});
