/**
 * The in-process runner deserializes each resource once and shares one read-only proxy among the
 * policies, where the policy server converts the request and builds a fresh proxy per policy. These
 * tests hold it to the server: same values and key order, same unknown errors, same verdicts.
 */
import * as assert from "assert";
import * as path from "path";
import { unknownCheckingProxy } from "@pulumi/policy";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { policies as awsPolicies } from "../../policy-packs/aws/pack";
import { policies as kubernetesPolicies } from "../../policy-packs/kubernetes/pack";
import { mixedResources } from "../../bench/resources";
import { startPolicyPack } from "../../preview/analyzer-client";
import { deserializeProperties } from "../../preview/internal";
import { analyzeResource, type PolicyInput } from "../../preview/policy-runner";
import { deserializeOnce, sharedUnknownCheckingProxy } from "../../preview/shared-props";
import { UNKNOWN } from "../../preview/types";

const ROOT = path.resolve(__dirname, "../..");

/** What the server hands a policy: the engine's Struct, deserialized. */
const throughServer = (props: Record<string, unknown>) => deserializeProperties(Struct.fromJavaScript(JSON.parse(JSON.stringify(props))), false);

/** Every key path in order, so that key order counts as well as values. */
function shape(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(shape);
    if (v !== null && typeof v === "object") return Object.entries(v).map(([k, x]) => [k, shape(x)]);
    return v;
}

function thrown(f: () => unknown): string {
    try {
        f();
    } catch (e) {
        return `${(e as Error).constructor.name}: ${(e as Error).message}`;
    }
    return "no error";
}

const SECRET_SIG = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "s3cret" };

describe("preview engine: the in-process runner's shared properties equal the server's", () => {
    it("deserializes to the same values in the same key order as the Struct round trip", () => {
        const cases: Record<string, unknown>[] = [
            { b: 1, a: { z: [{ y: 1, x: null, "10": 1, "2": 2, B: 3, a: 4, é: 5, Z: 6 }] }, "10": 3, "2": 4 },
            { dropped: undefined, list: [1, undefined, "x", { u: undefined }], nan: NaN, inf: Infinity, date: new Date(0), neg: -0 },
            JSON.parse('{"__proto__": {"polluted": true}, "kept": 1, "nested": {"__proto__": 2, "x": 1}}'),
            { secret: SECRET_SIG, unknown: UNKNOWN, deep: { list: [[[{ c: 1, b: 2, a: 3 }]]] } },
            { withToJson: { toJSON: () => ({ z: 1, a: [undefined, () => 1] }) }, fn: () => 1, sym: Symbol("s"), boxed: new String("s") },
            { instance: new (class Point { constructor(readonly y = 2, readonly x = 1) {} })(), nullProto: Object.assign(Object.create(null), { b: 1, a: 2 }) },
            { get computed() { return { b: 1, a: 2 }; }, list: [NaN, -Infinity, { toJSON: () => undefined }] },
            { sparse: [1, , 3], nested: { deep: Array.from({ length: 250 }).reduce<unknown>((inner) => ({ inner, z: 0 }), { leaf: true }) } },
            {},
        ];
        for (const c of cases) {
            const expected = throughServer(c);
            const actual = deserializeOnce(c);
            assert.deepStrictEqual(shape(actual), shape(expected), JSON.stringify(c));
            assert.strictEqual(Object.getPrototypeOf(actual), Object.getPrototypeOf(expected));
        }
    });

    it("throws the server's UnknownValueError with the same path, and answers the special proxy keys alike", () => {
        const props = { spec: { containers: [{ image: UNKNOWN, ports: [{ containerPort: 8080 }] }], hostNetwork: UNKNOWN }, name: "x" };
        const server = unknownCheckingProxy(throughServer(props));
        const shared = sharedUnknownCheckingProxy(deserializeOnce(props));
        const reads: ((p: any) => unknown)[] = [
            (p) => p.spec.containers[0].image,
            (p) => p.spec.hostNetwork,
            (p) => p.spec.containers.map((c: any) => c.image),
            (p) => p.spec.containers[0].ports[0].containerPort,
            (p) => JSON.stringify(p.spec.containers[0].ports),
            (p) => Object.keys(p.spec),
            (p) => p.__isSpecialProxy,
            (p) => JSON.stringify(p.__getSpecialProxyTarget),
        ];
        for (const read of reads) {
            // Twice on the shared proxy: what it keeps from the first read must not change the second.
            assert.strictEqual(thrown(() => read(shared)), thrown(() => read(server)), read.toString());
            assert.strictEqual(thrown(() => read(shared)), thrown(() => read(server)), read.toString());
            if (thrown(() => read(server)) === "no error") assert.deepStrictEqual(read(shared), read(server), read.toString());
        }
    });

    it("refuses a policy that modifies the resource, naming the property, so that no policy sees another's change", () => {
        const shared = sharedUnknownCheckingProxy(deserializeOnce({ spec: { replicas: 1, list: [1] } }));
        assert.throws(() => ((shared as any).spec.replicas = 2), /set props\.spec\.replicas: policies must not modify the resource/);
        assert.throws(() => delete (shared as any).spec.replicas, /delete props\.spec\.replicas/);
        assert.throws(() => (shared as any).spec.list.push(2), /props\.spec\.list\.1/);
        assert.strictEqual((shared as any).spec.replicas, 1);
    });

    it("gives every verdict, message, level and not-applicable entry of the real packs over the Analyzer protocol", async function () {
        this.timeout(120_000);
        const { kubernetes, aws } = mixedResources();
        // Every 10th resource with its values unknown at preview, as cloud-computed inputs are.
        const withUnknowns = (r: PolicyInput, i: number): PolicyInput =>
            i % 10 === 0 ? { ...r, props: JSON.parse(JSON.stringify(r.props).replace(/"(team-\d|apps|10001|true)"/g, `"${UNKNOWN}"`)) } : r;
        const resources = [...kubernetes.filter((_, i) => i % 3 === 0), ...aws.filter((_, i) => i % 2 === 0)].map(withUnknowns);
        for (const [dir, policies] of [
            ["policy-packs/kubernetes", kubernetesPolicies],
            ["policy-packs/aws", awsPolicies],
        ] as const) {
            const pack = await startPolicyPack(path.join(ROOT, dir));
            try {
                const info = await pack.info();
                await pack.configure({});
                let judged = 0;
                for (const r of resources) {
                    const remote = await pack.analyze(r);
                    const local = await analyzeResource(policies, r, { packName: info.name, packVersion: info.version, packEnforcementLevel: "mandatory" });
                    const verdicts = (x: typeof local) => x.diagnostics.map((d) => `${d.policyName}|${d.enforcementLevel}|${d.severity}|${d.message}`);
                    assert.deepStrictEqual(verdicts(local), verdicts(remote), `${dir}: ${r.type} ${r.name}`);
                    assert.deepStrictEqual(local.notApplicable, remote.notApplicable, `${dir}: ${r.type} ${r.name}`);
                    judged += local.diagnostics.length;
                }
                assert.ok(judged > 20, `${dir} flags some of the mixed resources (${judged})`);
            } finally {
                await pack.close();
            }
        }
    });
});
