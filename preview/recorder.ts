/**
 * The resource-graph recorder: runs a Pulumi program (or a component) under the runtime's mock
 * monitor, inside a root `pulumi:pulumi:Stack` as the engine does, and records every resource
 * registration with its type, name, URN, inputs (as the engine receives them), parent, provider,
 * dependencies and options. In preview mode the runtime marks every output that the mocks leave out
 * as unknown, exactly as `pulumi preview` does for values computed by the cloud.
 */
import * as pulumi from "@pulumi/pulumi";
import { pathToFileURL } from "url";
import { runInPulumiStack } from "@pulumi/pulumi/runtime/stack";
import { getMonitor, waitForRPCs } from "./internal";
import { defaultMocks } from "./mocks";
import { type RecordedOptions, type RecordedResource, UNKNOWN } from "./types";

export interface RecordOptions {
    /** Preview mode: outputs the mocks do not return are unknown. Default: false. */
    readonly preview?: boolean;
    /** Project name, used in URNs and config keys. Default: "bulwark". */
    readonly project?: string;
    /** Stack name. Default: "dev". */
    readonly stack?: string;
    /** Stack config, keyed `<namespace>:<key>` (a bare key gets the project's namespace). */
    readonly config?: Readonly<Record<string, string>>;
    /** Config keys whose values are secrets. */
    readonly secretKeys?: readonly string[];
    /** Mocks layered over the defaults: `newResource` and `call` fall back to the defaults when they return undefined. */
    readonly mocks?: Partial<PartialMocks>;
}

export interface PartialMocks {
    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, any> } | undefined;
    call(args: pulumi.runtime.MockCallArgs): Record<string, any> | undefined;
}

export interface RecordedGraph<T> {
    /** Every registered resource, in registration order; the root stack first. */
    readonly resources: readonly RecordedResource[];
    /** What the program returned, with outputs resolved (unknown ones as `UNKNOWN`). */
    readonly result: T;
    /** The root stack resource. */
    readonly stack: RecordedResource;
    byType(type: string): RecordedResource[];
    /** The one resource with this name (and type); throws with the known names when there is none. */
    named(name: string, type?: string): RecordedResource;
    childrenOf(urn: string): RecordedResource[];
}

let running: Promise<unknown> = Promise.resolve();

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The program's return value with every Output awaited; unknown outputs become `UNKNOWN`. */
async function resolveDeep(value: unknown, seen = new Set<unknown>()): Promise<unknown> {
    if (value === null || value === undefined || typeof value !== "object") return value;
    if (seen.has(value)) return value;
    if (pulumi.Output.isInstance(value)) {
        const o = value as any;
        const known: boolean = await o.isKnown;
        if (!known) return UNKNOWN;
        return resolveDeep(await o.promise(), seen);
    }
    if (value instanceof Promise) return resolveDeep(await value, seen);
    if (pulumi.Resource.isInstance(value)) return value;
    seen.add(value);
    if (Array.isArray(value)) return Promise.all(value.map((v) => resolveDeep(v, seen)));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await resolveDeep(v, seen);
    return out;
}

/**
 * Where the program registered a resource: the first frame of the registration's stack trace outside
 * node_modules (a component from a package, `yaml.ConfigGroup` say, is placed at the program's call),
 * else the SDK's own source position.
 */
/** The preview engine's own files: the root stack is registered from here, not from the program. */
const ENGINE_FILES = `${pathToFileURL(__dirname).href}/`;

export function programPosition(req: any): RecordedResource["sourcePosition"] {
    const frames: any[] = req.getStacktrace?.()?.getFramesList?.() ?? [];
    const positions = [...frames.map((f) => f.getPc?.()), req.getSourceposition?.()].filter((p) => p?.getUri?.());
    const pick = positions.find((p) => !/[\\/]node_modules[\\/]/.test(p.getUri()) && !p.getUri().startsWith(ENGINE_FILES)) ?? positions.at(-1);
    return pick ? { uri: pick.getUri(), line: pick.getLine(), column: pick.getColumn() } : undefined;
}

/** A resource as its RegisterResource request describes it, at `urn`, with its inputs already read out of the request. */
export function recordedFrom(req: any, urn: string, inputs: Record<string, unknown>): Mutable<RecordedResource> {
    const type: string = req.getType();
    const entry: Mutable<RecordedResource> = {
        urn,
        type,
        name: req.getName(),
        custom: req.getCustom(),
        remote: req.getRemote?.() ?? false,
        isProvider: type.startsWith("pulumi:providers:"),
        inputs,
        dependencies: req.getDependenciesList(),
        propertyDependencies: propertyDependenciesOf(req),
        options: optionsOf(req),
    };
    if (req.getParent()) entry.parent = req.getParent();
    if (req.getProvider()) entry.provider = req.getProvider();
    const position = programPosition(req);
    if (position) entry.sourcePosition = position;
    return entry;
}

/** Resource options as the engine hands them to analyzers, from a RegisterResource request. */
export function optionsOf(req: any): RecordedOptions {
    const timeouts = req.getCustomtimeouts?.();
    const seconds = (s: string | undefined) => (s ? parseFloat(s) || 0 : 0);
    const opts: Mutable<RecordedOptions> = {
        protect: req.getProtect?.() ?? false,
        ignoreChanges: req.getIgnorechangesList?.() ?? [],
        aliases: req.getAliasurnsList?.() ?? [],
        additionalSecretOutputs: req.getAdditionalsecretoutputsList?.() ?? [],
        customTimeouts: {
            createSeconds: seconds(timeouts?.getCreate()),
            updateSeconds: seconds(timeouts?.getUpdate()),
            deleteSeconds: seconds(timeouts?.getDelete()),
        },
    };
    if (req.getDeletebeforereplacedefined?.()) opts.deleteBeforeReplace = req.getDeletebeforereplace();
    if (req.getParent?.()) opts.parent = req.getParent();
    return opts;
}

export function propertyDependenciesOf(req: any): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    const map = req.getPropertydependenciesMap?.();
    map?.forEach((v: any, k: string) => {
        out[k] = v.getUrnsList();
    });
    return out;
}

function qualifyConfig(project: string, config: Readonly<Record<string, string>>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(config)) out[k.includes(":") ? k : `${project}:${k}`] = v;
    return out;
}

/**
 * Runs `fn`, and fails with the program's error rather than crashing the process: a program that
 * throws rejects more than one of the runtime's promises, and the engine, like this recorder, treats
 * any rejection nobody handled (in an `apply`, say) as the program failing.
 */
async function failingOnStrayRejections<T>(fn: () => Promise<T>): Promise<T> {
    const stray: unknown[] = [];
    const onRejection = (reason: unknown) => stray.push(reason);
    process.on("unhandledRejection", onRejection);
    try {
        const value = await fn();
        // Rejections are reported after the microtask queue drains: give them a turn to arrive.
        await new Promise((resolve) => setImmediate(resolve));
        if (stray.length > 0) throw stray[0];
        return value;
    } catch (e) {
        await new Promise((resolve) => setImmediate(resolve));
        throw e;
    } finally {
        process.off("unhandledRejection", onRejection);
    }
}

async function record<T>(program: () => T | Promise<T>, options: RecordOptions): Promise<RecordedGraph<Awaited<T>>> {
    const project = options.project ?? "bulwark";
    const stack = options.stack ?? "dev";
    const preview = options.preview ?? false;
    const base = defaultMocks(preview);
    const custom = options.mocks ?? {};
    const mocks: pulumi.runtime.Mocks = {
        newResource: (args) => custom.newResource?.(args) ?? base.newResource(args),
        call: (args) => custom.call?.(args) ?? base.call(args),
    };
    await pulumi.runtime.setMocks(mocks, project, stack, preview);
    pulumi.runtime.setAllConfig(qualifyConfig(project, options.config ?? {}), (options.secretKeys ?? []).map((k) => (k.includes(":") ? k : `${project}:${k}`)));

    const monitor = getMonitor() as any;
    const recorded: Mutable<RecordedResource>[] = [];
    const byUrn = new Map<string, Mutable<RecordedResource>>();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: (err: Error | null, resp?: any) => void) => {
        // The URN comes with the answer.
        const entry = recordedFrom(req, "", req.getObject()?.toJavaScript() ?? {});
        recorded.push(entry);
        return register(req, (err: Error | null, resp?: any) => {
            if (!err && resp) {
                entry.urn = resp.getUrn();
                const id = resp.getId();
                if (id) entry.id = id;
                if (entry.custom) entry.outputs = resp.getObject()?.toJavaScript() ?? {};
                byUrn.set(entry.urn, entry);
            }
            callback(err, resp);
        });
    };
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req: any, callback: (err: Error | null, resp?: any) => void) => {
        const entry = byUrn.get(req.getUrn());
        if (entry) entry.outputs = req.getOutputs()?.toJavaScript() ?? {};
        return registerOutputs(req, callback);
    };

    let result: unknown;
    const resolved = (await failingOnStrayRejections(async () => {
        await runInPulumiStack(async () => {
            result = await program();
            return undefined;
        });
        await waitForRPCs();
        const value = await resolveDeep(result);
        await waitForRPCs();
        return value;
    })) as Awaited<T>;

    const resources = recorded.filter((r) => r.urn !== "") as RecordedResource[];
    const stackResource = resources.find((r) => r.type === "pulumi:pulumi:Stack");
    if (!stackResource) throw new Error("the program registered no root stack");
    return {
        resources,
        result: resolved,
        stack: stackResource,
        byType: (t) => resources.filter((r) => r.type === t),
        named: (name, t) => {
            const found = resources.filter((r) => r.name === name && (t === undefined || r.type === t));
            if (found.length !== 1) {
                const names = resources.map((r) => `${r.type}::${r.name}`).join("\n  ");
                throw new Error(`expected one resource named "${name}"${t ? ` of type ${t}` : ""}, found ${found.length}; recorded:\n  ${names}`);
            }
            return found[0];
        },
        childrenOf: (urn) => resources.filter((r) => r.parent === urn),
    };
}

/**
 * Runs `program` under mocks and returns the whole resource graph once registration has settled.
 * Runs are serialized: the Pulumi runtime is process-global.
 */
export function recordGraph<T>(program: () => T | Promise<T>, options: RecordOptions = {}): Promise<RecordedGraph<Awaited<T>>> {
    const run = running.then(
        () => record(program, options),
        () => record(program, options),
    );
    running = run.catch(() => undefined);
    return run;
}
