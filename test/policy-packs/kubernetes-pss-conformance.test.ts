/**
 * The built Kubernetes pack, booted as the engine boots it and driven over the Analyzer protocol,
 * against every upstream Pod Security Standards v1.37 fixture: each fail file must be flagged by the
 * policy of its check, and no pass file by a policy of its level. Needs `npm run build` first.
 */
import * as assert from "assert";
import * as path from "path";
import { type PolicyPackProcess, startPolicyPack } from "../../preview/analyzer-client";
import { disagreements, loadCases, podResource } from "./kubernetes-pss-cases";
import { ROOT } from "./packs";

const EXPECTED_FIXTURES = 148;

describe("policy pack kubernetes: Pod Security Standards v1.37 conformance over the Analyzer protocol", () => {
    const cases = loadCases();
    const agreed = new Set<string>();
    let pack: PolicyPackProcess;

    before(async () => {
        pack = await startPolicyPack(path.join(ROOT, "policy-packs/kubernetes"));
        await pack.configure({});
    });
    after(async () => pack?.close());

    it(`reads all ${EXPECTED_FIXTURES} upstream fixtures`, () => {
        assert.strictEqual(cases.length, EXPECTED_FIXTURES);
    });

    for (const c of cases) {
        it(c.id, async () => {
            const { diagnostics } = await pack.analyze(podResource(c));
            assert.deepStrictEqual(disagreements(c, diagnostics), []);
            agreed.add(c.id);
        });
    }

    it(`agrees with pod-security-admission on ${EXPECTED_FIXTURES} of ${EXPECTED_FIXTURES} fixtures`, () => {
        console.log(`      Pod Security Standards v1.37: ${agreed.size} of ${cases.length} upstream fixtures agree`);
        assert.strictEqual(agreed.size, EXPECTED_FIXTURES);
    });
});
