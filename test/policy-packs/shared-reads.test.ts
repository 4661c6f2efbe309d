/**
 * What policies keep beside the read-only view they share (the pod template, the container lists,
 * the AWS packs' plain copy) must give every policy what it would have read itself: the same values,
 * and the same first unknown, so the same "can't run during preview".
 */
import * as assert from "assert";
import type { Policies } from "@pulumi/policy";
import { unknownCheckingProxy } from "@pulumi/policy";
import { plain, Unknown } from "../../policy-packs/aws/lib/values";
import { cachedUnknownCheckingProxy } from "../../policy-packs/common/unknown-proxy";
import { workload } from "../../bench/resources";
import { analyzeResource, type PolicyInput } from "../../preview/policy-runner";
import { UNKNOWN } from "../../preview/types";
import { PACKS } from "./packs";

/** Every 3rd value of the workload unknown, at a different offset per variant: lists, names, fields. */
function withUnknowns(r: PolicyInput, offset: number): PolicyInput {
    let n = offset;
    const walk = (v: unknown): unknown => {
        if (Array.isArray(v)) return n++ % 5 === 0 ? UNKNOWN : v.map(walk);
        if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
        return n++ % 3 === 0 ? UNKNOWN : v;
    };
    return { ...r, props: { ...r.props, spec: walk((r.props as { spec: unknown }).spec) } };
}

/** One unknown only, where listing the containers meets it: a container's name, a list, an element. */
function unknownInListing(r: PolicyInput, i: number): PolicyInput {
    const props = JSON.parse(JSON.stringify(r.props));
    const loc = ["spec", "template", "spec"];
    let spec = props;
    for (const k of r.type.endsWith(":Pod") ? ["spec"] : r.type.endsWith(":CronJob") ? ["spec", "jobTemplate", "spec", "template", "spec"] : loc) spec = spec[k];
    if (i % 3 === 0) spec.containers[0].name = UNKNOWN;
    else if (i % 3 === 1) spec.initContainers = UNKNOWN;
    else spec.containers = [...spec.containers, UNKNOWN];
    return { ...r, props };
}

const verdicts = (r: Awaited<ReturnType<typeof analyzeResource>>) => [
    ...r.diagnostics.map((d) => `${d.policyName}|${d.enforcementLevel}|${d.message}`),
    ...r.notApplicable.map((n) => `${n.policyName}|not applicable|${n.reason}`),
];

describe("policy packs: reads kept beside the shared view", () => {
    it("give each Kubernetes policy run with the whole pack what it gives run alone, unknowns included", async function () {
        this.timeout(60_000);
        const policies = PACKS.kubernetes.policies as unknown as Policies;
        let cannotRun = 0;
        for (let i = 0; i < 24; i++) {
            for (const r of [workload(i), unknownInListing(workload(i), i), withUnknowns(workload(i), i), withUnknowns(workload(i), i + 1)]) {
                const together = verdicts(await analyzeResource(policies, r));
                const alone: string[] = [];
                for (const p of policies) alone.push(...verdicts(await analyzeResource([p], r)));
                assert.deepStrictEqual([...together].sort(), [...alone].sort(), `${r.type} ${i}`);
                cannotRun += together.filter((v) => v.includes("can't run")).length;
            }
        }
        assert.ok(cannotRun > 50, `the unknowns reach the policies (${cannotRun} can't-run advisories)`);
    });

    it("hand every policy that lists the containers the unknown the listing met, not only the first", async () => {
        const policies = PACKS.kubernetes.policies as unknown as Policies;
        // The 7th to 12th workloads break no rule: only the unknown decides what each policy says.
        for (let i = 6; i < 12; i++) {
            const r = unknownInListing(workload(i), 0);
            const cannotRun = (await analyzeResource(policies, r)).diagnostics.filter((d) => d.message.includes("can't run")).map((d) => d.policyName);
            for (const name of ["pss-baseline-privileged", "pss-restricted-capabilities", "containers-read-only-root-filesystem", "images-pinned-by-digest"]) {
                assert.ok(cannotRun.includes(name), `${r.type}: ${name} says it can't run (${cannotRun.join(", ")})`);
            }
        }
    });

    it("copy the AWS packs' plain values from under the view as reading through it does", () => {
        const props = {
            name: "x",
            list: [1, UNKNOWN, { a: UNKNOWN, b: [UNKNOWN, "y"] }],
            nested: { deep: { value: UNKNOWN, kept: null, n: 0 } },
            unknownList: UNKNOWN,
            empty: {},
        };
        const expected = JSON.parse(JSON.stringify(props), (_k, v) => (v === UNKNOWN ? "<unknown>" : v));
        const shown = (v: unknown) => JSON.parse(JSON.stringify(v, (_k, x) => (x === Unknown ? "<unknown>" : x)));
        const view = cachedUnknownCheckingProxy(JSON.parse(JSON.stringify(props)));
        // The engine's own proxy goes the field-by-field way, which this must equal.
        assert.deepStrictEqual(shown(plain(view)), shown(plain(unknownCheckingProxy(JSON.parse(JSON.stringify(props))))));
        assert.deepStrictEqual(shown(plain(view)), expected);
        assert.deepStrictEqual(shown(plain((view as any).list)), expected.list, "from a value read through the view");
        const copy = plain(view);
        copy.nested.deep.n = 1;
        assert.strictEqual((view as any).nested.deep.n, 0, "a copy, not the view's value");
    });
});
