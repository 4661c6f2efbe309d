/**
 * Fixtures sit beside each policy (`<policy>.fixtures.ts`) and show, by name, what passes and what
 * fails. One table-driven test walks them all through the engine's own argument builder.
 */

/** One resource as a policy sees it: its type token, inputs, and optionally its Pulumi name. */
export interface ResourceFixture {
    readonly type: string;
    readonly props: Record<string, unknown>;
    readonly name?: string;
    /** URN; default `urn:pulumi:test::bulwark::<type>::<name>`, which property dependencies name. */
    readonly urn?: string;
    /** For stack cases: input property → URNs of the resources its value came from. */
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

/** A case for a resource policy: one resource, with optional policy config. */
export interface ResourceCase {
    readonly resource: ResourceFixture;
    readonly config?: Record<string, unknown>;
    /** For failing cases: a fragment every violation message must contain (the field path, say). */
    readonly expect?: string;
}

/** A case for a stack policy: the stack's resources, with optional policy config. */
export interface StackCase {
    readonly resources: readonly ResourceFixture[];
    readonly config?: Record<string, unknown>;
    readonly expect?: string;
}

export type PolicyCase = ResourceCase | StackCase;

/** Passing and failing cases, each named for what it shows (`container-privileged`, not `bad1`). */
export interface PolicyFixtures<T extends PolicyCase = PolicyCase> {
    readonly pass: Readonly<Record<string, T>>;
    readonly fail: Readonly<Record<string, T>>;
}

export function isStackCase(c: PolicyCase): c is StackCase {
    return Array.isArray((c as StackCase).resources);
}
