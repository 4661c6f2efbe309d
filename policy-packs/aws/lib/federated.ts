/**
 * Web-identity trust: a role that trusts an OIDC provider (or Cognito, Google, Facebook, Amazon)
 * trusts every token that provider signs. Multi-tenant providers sign tokens for anyone (every
 * GitHub repository, every EKS service account of the cluster, every Cognito identity pool), so the
 * trust is bounded only by a condition on the token's subject (or, where the audience is the
 * customer's own app or pool id, its audience).
 */
import { type Statement, grantsAction } from "./iam";
import { type Tri, and3, or3 } from "./mfa-deny";
import { Unknown, isUnknown } from "./values";

/** Providers whose `aud` is the customer's own app or identity pool id, so that it bounds the trust. */
const AUDIENCE_PROVIDERS = new Set(["cognito-identity.amazonaws.com", "accounts.google.com", "graph.facebook.com", "www.amazon.com"]);

/** Subject prefixes that every tenant of a provider shares: a wildcard right after one matches everyone. */
const SHARED_PREFIXES = ["repo:", "system:serviceaccount:", "project_path:", "organization:", "project:"];

/** The issuer host of a federated principal (`arn:...:oidc-provider/<host>` or the provider's name), or undefined for SAML. */
export function issuerOf(principal: string): string | undefined {
    if (/:saml-provider\//i.test(principal)) return undefined;
    const oidc = /:oidc-provider\/(.+)$/i.exec(principal);
    return oidc ? oidc[1] : principal;
}

/** The condition key that bounds a provider's tokens. */
export function boundingKey(issuer: string): string {
    return `${issuer}:${AUDIENCE_PROVIDERS.has(issuer.toLowerCase()) ? "aud" : "sub"}`;
}

/** Whether one subject or audience value names something definite, not every tenant of the provider. */
function bounded(value: string): boolean {
    const wildcard = value.search(/[*?]/);
    if (wildcard === -1) return value !== "";
    const prefix = value.slice(0, wildcard).toLowerCase();
    return prefix !== "" && !SHARED_PREFIXES.includes(prefix);
}

/** Whether the statement bounds `key` with a positive string test (no IfExists, which admits tokens without the claim). */
export function boundsClaim(s: Statement, key: string): Tri {
    if (isUnknown(s.condition)) return Unknown;
    const found: Tri[] = [];
    for (const [operator, block] of Object.entries(s.condition ?? {})) {
        let op = operator.toLowerCase();
        if (op.startsWith("foranyvalue:")) op = op.slice("foranyvalue:".length);
        if (!["stringequals", "stringlike", "stringequalsignorecase"].includes(op)) continue;
        if (isUnknown(block)) {
            found.push(Unknown);
            continue;
        }
        if (!block || typeof block !== "object") continue;
        for (const [k, values] of Object.entries(block)) {
            if (k.toLowerCase() !== key.toLowerCase()) continue;
            if (isUnknown(values)) {
                found.push(Unknown);
                continue;
            }
            const list = Array.isArray(values) ? values : [values];
            found.push(list.length === 0 ? false : and3(...list.map((v) => (isUnknown(v) ? Unknown : typeof v === "string" && bounded(v)))));
        }
    }
    return or3(...found);
}

/** The web-identity issuers an Allow trusts without bounding their tokens (known ones only). */
export function unboundedIssuers(s: Statement): string[] {
    if (s.effect !== "Allow" || grantsAction(s, "sts:AssumeRoleWithWebIdentity") !== true) return [];
    if (!s.principal || isUnknown(s.principal)) return [];
    const federated = s.principal.Federated ?? [];
    const issuers = federated.filter((p): p is string => typeof p === "string").map(issuerOf);
    return issuers.filter((i): i is string => i !== undefined && boundsClaim(s, boundingKey(i)) === false);
}
