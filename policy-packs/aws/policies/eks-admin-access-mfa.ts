import { stackPolicy } from "../../common/policy";
import { type Node, identitiesOf, nodes, ofType, resolve } from "../lib/graph";
import { parsePolicyDocument } from "../lib/iam";
import { maxMfaAgeSchema, requiresMfa } from "../lib/trust";
import { hasUnknown, isUnknown } from "../lib/values";

interface Config {
    readonly maxMfaAgeSeconds: number;
    readonly adminAccessPolicies: readonly string[];
}

/** The role name an IAM role ARN ends with (after any path). */
function roleNameOf(arn: string): string | undefined {
    return /^arn:[^:]+:iam::[^:]*:role\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
}

export default stackPolicy<Config>({
    name: "eks-admin-access-mfa",
    description: "EKS admin access policies may only be associated with roles of this stack whose trust policy requires MFA.",
    severity: "critical",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["4.1.1", "4.1.7"], nist800190: ["4.3.1"], nsaCisa: ["5"] },
    remediation:
        "Associate AmazonEKSClusterAdminPolicy / AmazonEKSAdminPolicy only with an `aws.iam.Role` defined in the same stack " +
        "whose trust policy requires `aws:MultiFactorAuthPresent` and bounds `aws:MultiFactorAuthAge` in every statement " +
        "(or denies `sts:AssumeRole` without them, as iam-role-mfa-required reads it); " +
        "pass `principalArn: role.arn` so the dependency is visible at preview.",
    config: {
        maxMfaAgeSeconds: maxMfaAgeSchema,
        adminAccessPolicies: {
            type: "array",
            items: { type: "string", minLength: 1 },
            default: ["AmazonEKSClusterAdminPolicy", "AmazonEKSAdminPolicy"],
            description: "EKS access policy names (the part after cluster-access-policy/) that count as admin.",
        },
    },
    validate: ({ resources, config }, report) => {
        const all = nodes(resources);
        const roles = ofType(all, "aws:iam/role:Role");
        const users = ofType(all, "aws:iam/user:User");
        for (const assoc of ofType(all, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation")) {
            const policyArn = assoc.props.policyArn;
            if (typeof policyArn !== "string") continue;
            const policy = /cluster-access-policy\/(.+)$/.exec(policyArn)?.[1];
            if (!policy || !config.adminAccessPolicies.includes(policy)) continue;
            const at = { urn: assoc.urn, name: assoc.name };
            const grant = `grants ${policy}`;

            if (resolve(assoc, "principalArn", users, identitiesOf("name")).targets.length > 0) {
                report(`principalArn is an IAM user and ${grant}: associate admin access with an MFA-gated role instead`, at);
                continue;
            }
            const found = resolve(assoc, "principalArn", roles, identitiesOf());
            const targets: Node[] = [...found.targets];
            for (const arn of found.external) {
                const name = roleNameOf(arn);
                targets.push(...roles.filter((r) => name !== undefined && r.props.name === name));
            }
            if (targets.length === 0) {
                // A known ARN may name a role of this stack whose name is unknown at preview.
                if (found.unresolved || (found.external.length > 0 && roles.some((r) => hasUnknown(r.props.name)))) {
                    report(
                        `can't run the MFA check during preview: principalArn is unknown and depends on no role of this stack, ` +
                            `and it ${grant} (pass principalArn: role.arn of an MFA-gated role)`,
                        { ...at, advisory: true },
                    );
                } else {
                    const arn = found.external[0] ?? "(unset)";
                    report(
                        `principalArn "${arn}" ${grant} but is not a role of this stack, so its MFA requirement cannot be checked: ` +
                            "associate admin access with an MFA-gated aws.iam.Role defined here",
                        at,
                    );
                }
                continue;
            }
            for (const role of targets) {
                const verdict = requiresMfa(parsePolicyDocument(role.props.assumeRolePolicy), config.maxMfaAgeSeconds);
                if (isUnknown(verdict)) {
                    report(
                        `can't run the MFA check during preview: the trust policy of role "${role.name}" is not known yet, and principalArn ${grant}`,
                        { ...at, advisory: true },
                    );
                } else if (!verdict) {
                    report(
                        `principalArn is role "${role.name}", whose assumeRolePolicy does not require MFA in every statement, and it ${grant}: ` +
                            `add Bool aws:MultiFactorAuthPresent "true" and NumericLessThan aws:MultiFactorAuthAge ` +
                            `"${config.maxMfaAgeSeconds}" to the role's trust policy (or deny sts:AssumeRole without them, using BoolIfExists)`,
                        at,
                    );
                }
            }
        }
    },
});
