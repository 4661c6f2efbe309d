import { PolicyPack } from "@pulumi/policy";
import { packName, policies } from "./pack";

new PolicyPack(packName, {
    description: "Bulwark: Pod Security Standards v1.37, approved immutable images, least-privilege RBAC, namespace isolation and network exposure.",
    enforcementLevel: "mandatory",
    policies,
});
