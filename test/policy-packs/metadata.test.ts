/** Fails any policy that lacks metadata, a fixture of either kind, or a place in its pack's list. */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { checkControls } from "../../policy-packs/common/controls";
import type { PolicyFixtures } from "../../policy-packs/common/fixtures";
import { PACKS, policyFiles } from "./packs";

for (const [packDir, pack] of Object.entries(PACKS)) {
    describe(`policy pack ${packDir}: metadata`, () => {
        it("lists exactly the policies in its policies/ folder, each named for its file", () => {
            assert.deepStrictEqual(pack.policies.map((p) => p.name).sort(), policyFiles(pack));
        });

        it("has no two policies with the same name", () => {
            const names = pack.policies.map((p) => p.name);
            assert.deepStrictEqual(names.filter((n, i) => names.indexOf(n) !== i), []);
        });

        for (const policy of pack.policies) {
            describe(policy.name, () => {
                it("declares description, severity, level, remediation and well-formed controls", () => {
                    const m = policy.metadata;
                    assert.match(m.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
                    assert.ok(m.description.length >= 20, "description is a sentence");
                    assert.ok(["low", "medium", "high", "critical"].includes(m.severity));
                    assert.ok(["mandatory", "advisory"].includes(m.enforcementLevel));
                    assert.ok(m.remediation.length >= 20, "remediation says what to do");
                    assert.deepStrictEqual(checkControls(m.controls), []);
                    assert.ok((policy.tags ?? []).length > 0, "control tags reach the engine");
                });

                it("has passing and failing fixtures beside it", () => {
                    const file = path.join(pack.dir, "policies", `${policy.name}.fixtures.ts`);
                    assert.ok(fs.existsSync(file), `${file} is missing`);
                    // eslint-disable-next-line @typescript-eslint/no-require-imports
                    const { fixtures } = require(file) as { fixtures: PolicyFixtures };
                    assert.ok(Object.keys(fixtures.pass).length > 0, "no passing fixture");
                    assert.ok(Object.keys(fixtures.fail).length > 0, "no failing fixture");
                });
            });
        }
    });
}
