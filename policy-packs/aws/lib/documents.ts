/**
 * Where permissions documents live: every resource input that carries an identity-based policy
 * (what a principal may do), so that each IAM policy judges all of them, not only `aws.iam.Policy`.
 */
import { type ParsedDocument, parsePolicyDocument } from "./iam";
import { isUnknown, listOf, plain } from "./values";

/** Resources whose `policy` input is one identity-based document. */
const POLICY_INPUT = ["aws:iam/policy:Policy", "aws:iam/rolePolicy:RolePolicy", "aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy"];

/** Every type that carries a permissions document (see permissionDocuments). */
export const PERMISSION_DOCUMENT_TYPES: readonly [string, ...string[]] = [
    POLICY_INPUT[0],
    ...POLICY_INPUT.slice(1),
    "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy",
    "aws:iam/role:Role",
];

/** A permissions document found in a resource's inputs, with the input path for messages. */
export interface Carried {
    readonly path: string;
    readonly doc: ParsedDocument;
}

/** The identity-based permissions documents in a resource's inputs (parsed; unknown ones included as such). */
export function permissionDocuments(type: string, props: Record<string, any>): Carried[] {
    const p = plain(props) ?? {};
    const raw: { path: string; doc: unknown }[] = [];
    if (POLICY_INPUT.includes(type)) raw.push({ path: "policy", doc: p.policy });
    // IAM Identity Center: the inline policy becomes a role in every account the permission set is assigned to.
    if (type === "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy") raw.push({ path: "inlinePolicy", doc: p.inlinePolicy });
    if (type === "aws:iam/role:Role") {
        const inline = listOf(p.inlinePolicies);
        if (!isUnknown(inline)) {
            inline.forEach((ip: any, i) => {
                if (ip && !isUnknown(ip) && ip.policy !== undefined) raw.push({ path: `inlinePolicies[${i}].policy`, doc: ip.policy });
            });
        }
    }
    return raw.filter((r) => r.doc !== undefined && r.doc !== null).map((r) => ({ path: r.path, doc: parsePolicyDocument(r.doc) }));
}
