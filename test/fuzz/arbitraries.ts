/**
 * Generators for the fuzzer: pod specs built from the fields the Pod Security Standards judge, the
 * seed corpus of every policy's fixtures (which covers every type both packs judge: RBAC, Services,
 * Ingresses, Namespaces, Helm charts, AWS resources), and mutations that put hostile values anywhere
 * in them: wrong types, nulls, empty and huge arrays, deep nesting, unicode and the unknown sentinel.
 */
import fc from "fast-check";
import * as path from "path";
import { type PolicyFixtures, type ResourceFixture, isStackCase } from "../../policy-packs/common/fixtures";
import { POD_BEARING_TYPES, POD_PATCH_TYPES, podSpecLocation } from "../../policy-packs/kubernetes/lib/workloads";
import { UNKNOWN } from "../../preview/types";
import { PACKS } from "../policy-packs/packs";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Path = readonly (string | number)[];

const unicode = fc.string({ unit: "grapheme", maxLength: 12 });
const numberish = fc.oneof(fc.integer({ min: -70000, max: 70000 }).map(String), fc.constantFrom("1e309", "-0", "0x10", "NaN", " 8080 "));

/** Values that do not belong where they land. */
const hostileAny: fc.Arbitrary<Json> = fc.oneof(
    fc.constant(null),
    fc.constant(UNKNOWN),
    fc.constant([] as Json[]),
    fc.constant({} as Json),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    numberish,
    unicode,
    fc.constantFrom("*", "", "ALL", "all", "privileged", "Unconfined", "0.0.0.0/0", "::/0", "latest", "arn:aws:iam::*:root"),
    fc.array(fc.oneof(unicode, fc.constant(UNKNOWN), fc.constant(null), fc.integer()), { maxLength: 5 }),
    fc.dictionary(unicode, fc.oneof(unicode, fc.constant(UNKNOWN), fc.constant(null)), { maxKeys: 3 }),
    // Huge arrays and deep nesting: what an adversarial or generated program can send. Rare, as
    // each costs a thousand times an ordinary value to serialize and walk.
    fc.constant(null).map(() => Array.from({ length: 1000 }, (_, i) => (i % 2 ? UNKNOWN : `x${i}`)) as Json),
    fc.integer({ min: 50, max: 200 }).map((depth) => {
        let v: Json = "deep";
        for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { nested: v };
        return v;
    }),
);

/** Values that do not belong where they land; the costly huge and deep ones one time in fifty. */
export const hostile: fc.Arbitrary<Json> = fc.oneof(
    { weight: 49, arbitrary: hostileAny.filter((v) => !(Array.isArray(v) && v.length >= 1000) && !isDeep(v)) },
    { weight: 1, arbitrary: hostileAny },
);

function isDeep(v: Json): boolean {
    return typeof v === "object" && v !== null && JSON.stringify(v).startsWith('{"nested"');
}

/** Every leaf and inner node of a value, as paths from its root. */
export function pathsOf(value: unknown, prefix: Path = [], out: Path[] = [], limit = 400): Path[] {
    if (out.length >= limit) return out;
    if (Array.isArray(value)) value.slice(0, 20).forEach((v, i) => (out.push([...prefix, i]), pathsOf(v, [...prefix, i], out, limit)));
    else if (value && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) {
            out.push([...prefix, k]);
            pathsOf(v, [...prefix, k], out, limit);
        }
    }
    return out;
}

export function getAt(root: unknown, p: Path): unknown {
    let v: any = root;
    for (const k of p) v = v?.[k];
    return v;
}

/** A copy of `root` with the value at `p` replaced (or removed, for `undefined`). */
export function setAt<T>(root: T, p: Path, value: unknown): T {
    if (p.length === 0) return value as T;
    const copy: any = Array.isArray(root) ? [...root] : { ...(root as object) };
    const [head, ...rest] = p;
    if (rest.length === 0) {
        if (value === undefined && !Array.isArray(copy)) delete copy[head];
        else copy[head] = value;
    } else copy[head] = setAt(copy[head], rest, value);
    return copy;
}

export type Edit =
    | { readonly kind: "replace"; readonly at: number; readonly value: Json }
    | { readonly kind: "delete"; readonly at: number }
    | { readonly kind: "wrap"; readonly at: number }
    | { readonly kind: "stringify"; readonly at: number };

export const edits: fc.Arbitrary<Edit[]> = fc.array(
    fc.oneof(
        { weight: 6, arbitrary: fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), value: hostile }) },
        { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }) },
        { weight: 1, arbitrary: fc.record({ kind: fc.constant("wrap" as const), at: fc.nat() }) },
        { weight: 1, arbitrary: fc.record({ kind: fc.constant("stringify" as const), at: fc.nat() }) },
    ),
    { minLength: 1, maxLength: 3 },
);

/** Applies edits to `props`, each at a path chosen among the props' current paths. */
export function mutate(props: Record<string, unknown>, list: readonly Edit[]): Record<string, unknown> {
    let out = props;
    for (const e of list) {
        const paths = pathsOf(out);
        if (paths.length === 0) {
            if (e.kind === "replace") out = { spec: e.value } as Record<string, unknown>;
            continue;
        }
        const p = paths[e.at % paths.length];
        const old = getAt(out, p);
        const value =
            e.kind === "replace" ? e.value
            : e.kind === "delete" ? undefined
            : e.kind === "wrap" ? (Array.isArray(old) ? { ...old } : [old])
            : old === undefined ? "undefined" : JSON.stringify(old);
        out = setAt(out, p, value);
    }
    return out;
}

/** One seed resource with the config its fixture was written for. */
export interface Seed {
    readonly pack: string;
    readonly policy: string;
    readonly resource: ResourceFixture;
    /** Every resource of a stack case (the seed resource among them). */
    readonly stack?: readonly ResourceFixture[];
    readonly config?: Record<string, unknown>;
}

/** Every resource of every fixture of both packs. */
export function seedCorpus(): Seed[] {
    const seeds: Seed[] = [];
    for (const [pack, p] of Object.entries(PACKS)) {
        for (const policy of p.policies) {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const { fixtures } = require(path.join(p.dir, "policies", `${policy.name}.fixtures`)) as { fixtures: PolicyFixtures };
            for (const c of [...Object.values(fixtures.pass), ...Object.values(fixtures.fail)]) {
                if (isStackCase(c)) for (const r of c.resources) seeds.push({ pack, policy: policy.name, resource: r, stack: c.resources, config: c.config });
                else seeds.push({ pack, policy: policy.name, resource: c.resource, config: c.config });
            }
        }
    }
    return seeds;
}

const image = fc.constantFrom(
    "123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:" + "a".repeat(64),
    "nginx:latest",
    "registry.example.com/app:1",
    UNKNOWN,
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });
const capability = fc.constantFrom("ALL", "all", "NET_ADMIN", "SYS_ADMIN", "NET_BIND_SERVICE", "CHOWN", "BPF", UNKNOWN);
const seccomp = fc.record({ type: fc.constantFrom("RuntimeDefault", "Localhost", "Unconfined", UNKNOWN), localhostProfile: maybe(fc.constant("p.json")) }, { requiredKeys: ["type"] });
const securityContext = fc.record(
    {
        privileged: maybe(fc.boolean()),
        allowPrivilegeEscalation: maybe(fc.boolean()),
        runAsNonRoot: maybe(fc.boolean()),
        runAsUser: maybe(fc.constantFrom(0, 1000, 65534)),
        readOnlyRootFilesystem: maybe(fc.boolean()),
        procMount: maybe(fc.constantFrom("Default", "Unmasked")),
        capabilities: maybe(fc.record({ add: maybe(fc.array(capability, { maxLength: 3 })), drop: maybe(fc.array(capability, { maxLength: 2 })) })),
        seccompProfile: maybe(seccomp),
        appArmorProfile: maybe(fc.record({ type: fc.constantFrom("RuntimeDefault", "Unconfined", "Localhost") })),
        seLinuxOptions: maybe(fc.record({ type: maybe(fc.constantFrom("container_t", "spc_t")), user: maybe(fc.constant("root")) })),
        windowsOptions: maybe(fc.record({ hostProcess: maybe(fc.boolean()) })),
    },
    { requiredKeys: [] },
);
const container = (name: string) =>
    fc.record(
        {
            name: fc.constant(name),
            image,
            securityContext: maybe(securityContext),
            ports: maybe(fc.array(fc.record({ containerPort: fc.constant(8080), hostPort: maybe(fc.constantFrom(0, 80, 8080)) }), { maxLength: 2 })),
            livenessProbe: maybe(fc.record({ httpGet: fc.record({ path: fc.constant("/"), port: fc.constant(8080), host: maybe(fc.constantFrom("10.0.0.1", "")) }) })),
            resources: maybe(fc.constant({ requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: "1", memory: "128Mi" } })),
            env: maybe(fc.constant([{ name: "TOKEN", valueFrom: { secretKeyRef: { name: "s", key: "k" } } }])),
        },
        { requiredKeys: ["name", "image"] },
    );

/** A pod spec over every field a Pod Security control reads. */
export const podSpec: fc.Arbitrary<Record<string, unknown>> = fc.record(
    {
        hostNetwork: maybe(fc.boolean()),
        hostPID: maybe(fc.boolean()),
        hostIPC: maybe(fc.boolean()),
        hostUsers: maybe(fc.boolean()),
        automountServiceAccountToken: maybe(fc.boolean()),
        os: maybe(fc.record({ name: fc.constantFrom("linux", "windows") })),
        securityContext: maybe(
            fc.record(
                {
                    runAsNonRoot: maybe(fc.boolean()),
                    runAsUser: maybe(fc.constantFrom(0, 1000)),
                    seccompProfile: maybe(seccomp),
                    sysctls: maybe(fc.array(fc.record({ name: fc.constantFrom("kernel.shm_rmid_forced", "net.core.somaxconn", "kernel.msgmax"), value: fc.constant("1") }), { maxLength: 2 })),
                    seLinuxOptions: maybe(fc.record({ type: fc.constantFrom("container_t", "spc_t") })),
                    windowsOptions: maybe(fc.record({ hostProcess: fc.boolean() })),
                },
                { requiredKeys: [] },
            ),
        ),
        volumes: maybe(
            fc.array(
                fc.oneof(
                    fc.constant({ name: "tmp", emptyDir: {} }),
                    fc.constant({ name: "host", hostPath: { path: "/var/run" } }),
                    fc.constant({ name: "cfg", configMap: { name: "c" } }),
                    fc.constant({ name: "nfs", nfs: { server: "n", path: "/" } }),
                ),
                { maxLength: 3 },
            ),
        ),
        initContainers: maybe(fc.array(container("init"), { maxLength: 1 })),
        containers: fc.array(container("app"), { minLength: 1, maxLength: 2 }),
    },
    { requiredKeys: ["containers"] },
);

function nest(keys: readonly string[], leaf: unknown): Record<string, unknown> {
    return keys.reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), leaf as Record<string, unknown>);
}

/** A resource of `type` carrying `spec` (and pod `annotations`) where that kind keeps its pod template. */
export function podBearing(type: string, spec: Record<string, unknown>, annotations?: Record<string, string>): ResourceFixture {
    const loc = podSpecLocation(type.replace(/Patch$/, ""))!;
    const props: Record<string, any> = nest(loc.spec, structuredClone(spec));
    const podMetadata = { ...(annotations ? { annotations } : {}) };
    const metaAt = loc.metadata;
    if (metaAt.length === 1) props.metadata = { name: "web", namespace: "apps", ...podMetadata };
    else {
        let cursor = props;
        for (const key of metaAt.slice(0, -1)) cursor = cursor[key] ??= {};
        cursor[metaAt[metaAt.length - 1]] = podMetadata;
        props.metadata = { name: "web", namespace: "apps" };
    }
    return { type, name: "web", props };
}

export const POD_TYPE = "kubernetes:core/v1:Pod";
export const POD_PATCH_TYPE = "kubernetes:core/v1:PodPatch";
export { POD_BEARING_TYPES, POD_PATCH_TYPES };

/** The hostile values a mutation uses, as replayable descriptions for a failure report. */
export function describeResource(r: ResourceFixture): string {
    const text = JSON.stringify(r);
    return text.length > 2000 ? `${text.slice(0, 2000)}... (${text.length} characters)` : text;
}
