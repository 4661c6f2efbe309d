/**
 * Every resource policy declares the types it judges, so that the policy server skips it elsewhere
 * (before deserializing, for a policy of one type). A declaration that left out a type the policy
 * judges would silently drop verdicts: this holds each declaration to what the policy does when it
 * is run, without its scope, on every other type.
 */
import * as assert from "assert";
import * as path from "path";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { type PolicyFixtures, type ResourceCase, type ResourceFixture, isStackCase } from "../../policy-packs/common/fixtures";
import { type BulwarkResourcePolicy, type BulwarkStackPolicy, judgesType } from "../../policy-packs/common/policy";
import { mixedResources } from "../../bench/resources";
import { analyzeResource, analyzeStack } from "../../preview/policy-runner";
import { PACKS } from "./packs";

interface Sample {
    readonly resource: ResourceFixture;
    readonly config?: Record<string, unknown>;
}

const samples: Sample[] = [];
const fixturesOf = new Map<string, ResourceCase[]>();
for (const pack of Object.values(PACKS)) {
    for (const policy of pack.policies) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { fixtures } = require(path.join(pack.dir, "policies", `${policy.name}.fixtures`)) as { fixtures: PolicyFixtures };
        const cases = [...Object.values(fixtures.pass), ...Object.values(fixtures.fail)];
        for (const c of cases) {
            if (isStackCase(c)) samples.push(...c.resources.map((resource) => ({ resource })));
            else samples.push({ resource: c.resource });
        }
        fixturesOf.set(policy.name, cases.filter((c): c is ResourceCase => !isStackCase(c)));
    }
}
const { kubernetes, aws } = mixedResources();
samples.push(...[...kubernetes, ...aws].map((resource) => ({ resource })));

const resourcePolicies = Object.values(PACKS).flatMap((p) => p.policies.filter((x): x is BulwarkResourcePolicy => x.kind === "resource"));
const candidateTypes = [...new Set([...samples.map((s) => s.resource.type), ...resourcePolicies.flatMap((p) => p.types.filter((t) => !t.endsWith(":*")))])];

/** What the policy reports, and whether it says it does not apply, when run on any type. */
async function unscoped(policy: ResourceValidationPolicy, sample: Sample): Promise<string[]> {
    const r = await analyzeResource([policy], sample.resource, { config: sample.config ? { [policy.name]: sample.config } : {} });
    return [...r.diagnostics.map((d) => `diagnostic: ${d.message}`), ...r.notApplicable.map((n) => `not applicable: ${n.reason}`)];
}

describe("policy packs: each resource policy's declared types", () => {
    it("name types in both provider packages only, and a provider-wide scope only as '<package>:*'", () => {
        for (const p of resourcePolicies) {
            assert.ok(p.types.length > 0, p.name);
            for (const t of p.types) assert.match(t, /^(kubernetes|aws):([^:]+:[A-Za-z0-9]+|\*)$/, `${p.name}: "${t}"`);
        }
    });

    for (const policy of resourcePolicies) {
        it(`${policy.name}: judges nothing outside ${policy.types.length === 1 ? policy.types[0] : `its ${policy.types.length} types`}`, async function () {
            this.timeout(60_000);
            const anyType: ResourceValidationPolicy = {
                name: policy.name,
                description: policy.description,
                enforcementLevel: policy.enforcementLevel,
                configSchema: policy.configSchema,
                validateResource: policy.validateAnyType,
            };
            // Every other resource of the corpus, as it is.
            for (const sample of samples) {
                if (judgesType(policy.types, sample.resource.type)) continue;
                assert.deepStrictEqual(await unscoped(anyType, sample), [], `${policy.name} on ${sample.resource.type} ${sample.resource.name ?? ""}`);
            }
            // The policy's own fixtures under every other type the packs know.
            for (const c of fixturesOf.get(policy.name) ?? []) {
                for (const type of candidateTypes) {
                    if (judgesType(policy.types, type)) continue;
                    const sample = { resource: { ...c.resource, type }, config: c.config };
                    assert.deepStrictEqual(await unscoped(anyType, sample), [], `${policy.name} on its fixture relabelled ${type}`);
                }
            }
        });
    }
});

describe("policy packs: each stack policy's required type", () => {
    const required = Object.values(PACKS).flatMap((p) => p.policies.filter((x): x is BulwarkStackPolicy & { requires: string } => x.kind === "stack" && x.requires !== undefined));

    it("is declared where a stack policy judges one type only, and skips the policy on a stack without it", async () => {
        assert.ok(required.length >= 3, "the AWS stack policies about VPCs, repositories and node groups declare theirs");
        for (const policy of required) {
            const r = await analyzeStack([policy], [...kubernetes], {});
            assert.deepStrictEqual(r.diagnostics, [], policy.name);
            assert.deepStrictEqual(r.notApplicable, [{ policyName: policy.name, reason: `Policy only applies to resources of type '${policy.requires}'` }], policy.name);
        }
    });

    for (const policy of required) {
        it(`${policy.name}: reports nothing on a stack without ${policy.requires}`, async function () {
            this.timeout(60_000);
            // The policy run on every stack fixture and the corpus with that type taken out, and its attached type taken off.
            const unscoped = { ...policy, validateStack: ((args, report) => policy.validateStack(args, report)) as typeof policy.validateStack };
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const { fixtures } = require(path.join(Object.values(PACKS).find((p) => p.policies.includes(policy))!.dir, "policies", `${policy.name}.fixtures`)) as { fixtures: PolicyFixtures };
            const failing = Object.values(fixtures.fail).filter(isStackCase);
            assert.ok(failing.some((c) => c.resources.some((r) => r.type === policy.requires)), "its failing fixtures hold the type");
            const stacks = [...[...Object.values(fixtures.pass), ...failing].filter(isStackCase), { resources: [...kubernetes, ...aws] }];
            for (const c of stacks) {
                const without = c.resources.filter((r) => r.type !== policy.requires);
                const r = await analyzeStack([unscoped], without, { config: c.config ? { [policy.name]: c.config } : {} });
                assert.deepStrictEqual(r.diagnostics.map((d) => d.message), [], `${policy.name} without ${policy.requires}`);
            }
        });
    }
});
