/**
 * Walks every policy's fixtures through the in-process runner, which builds the engine's own
 * validation arguments (wire serialization, unknown-checking proxy, enforcement levels, config).
 */
import * as assert from "assert";
import * as path from "path";
import { type PolicyCase, type PolicyFixtures, isStackCase } from "../../policy-packs/common/fixtures";
import { analyzeResource, analyzeStack } from "../../preview/policy-runner";
import { PACKS } from "./packs";

async function run(pack: (typeof PACKS)[string], policyName: string, c: PolicyCase) {
    const policy = pack.policies.find((p) => p.name === policyName)!;
    const options = { packName: pack.packName, config: c.config ? { [policyName]: c.config } : {} };
    const result = isStackCase(c)
        ? await analyzeStack([policy], c.resources, options)
        : await analyzeResource([policy], c.resource, options);
    return result.diagnostics.filter((d) => d.policyName === policyName);
}

for (const [packDir, pack] of Object.entries(PACKS)) {
    describe(`policy pack ${packDir}: fixtures`, () => {
        for (const policy of pack.policies) {
            const file = path.join(pack.dir, "policies", `${policy.name}.fixtures`);
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const { fixtures } = require(file) as { fixtures: PolicyFixtures };
            describe(policy.name, () => {
                for (const [name, c] of Object.entries(fixtures.pass)) {
                    it(`passes: ${name}`, async () => {
                        const ds = await run(pack, policy.name, c);
                        const blocking = ds.filter((d) => d.enforcementLevel !== "advisory" || !/exempted|can't run/.test(d.message));
                        assert.deepStrictEqual(blocking.map((d) => d.message), [], `expected no violation for "${name}"`);
                    });
                }
                for (const [name, c] of Object.entries(fixtures.fail)) {
                    it(`fails: ${name}`, async () => {
                        const ds = await run(pack, policy.name, c);
                        const real = ds.filter((d) => !/^can't run/.test(d.message) && !/^\[exempted/.test(d.message));
                        assert.ok(real.length > 0, `expected a violation for "${name}"`);
                        assert.ok(
                            real.every((d) => d.enforcementLevel === policy.enforcementLevel),
                            `violations must carry the policy's level (${policy.enforcementLevel})`,
                        );
                        if (c.expect) {
                            assert.ok(
                                real.some((d) => d.message.includes(c.expect!)),
                                `expected a message containing "${c.expect}", got:\n${real.map((d) => d.message).join("\n")}`,
                            );
                        }
                    });
                }
            });
        }
    });
}
