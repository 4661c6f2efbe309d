/**
 * The engine's side of a preview, in Bulwark's process: the ResourceMonitor and Engine gRPC
 * services a program's SDK talks to. Registrations are answered as `pulumi preview` answers them
 * (a new resource's ID and every output its provider computes are unknown; what it was given comes
 * back), and recorded as the graph the policy packs analyze, with URNs built as the engine builds
 * them. Invokes and components built by a provider go to the offline expansion first.
 */
import * as grpc from "@grpc/grpc-js";
import * as engrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import type * as cbproto from "@pulumi/pulumi/proto/callback_pb";
import * as engproto from "@pulumi/pulumi/proto/engine_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as resrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { type ExpandContext, NotExpandableError, expandComponent, handleInvoke } from "../expand";
import { defaultMocks } from "../mocks";
import { type Mutable, optionsOf, recordedFrom } from "../recorder";
import { type RecordedResource, UNKNOWN } from "../types";
import { withoutResourceReferences } from "./references";
import { TransformRunner } from "./transforms";
import { toStruct } from "../struct";

type Unary<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, cb: grpc.sendUnaryData<Res>) => void;

export interface LoggedMessage {
    readonly severity: "debug" | "info" | "warning" | "error";
    readonly message: string;
    readonly urn?: string;
}

export interface IncompleteEntry {
    readonly urn: string;
    readonly type: string;
    readonly reason: string;
}

/** What the engine knows once the program is done. */
export interface EngineRecord {
    readonly resources: RecordedResource[];
    /** The root stack's outputs (what `RegisterResourceOutputs` gave for it), undefined until it did. */
    readonly stackOutputs: Record<string, unknown> | undefined;
    readonly incomplete: IncompleteEntry[];
    readonly logs: LoggedMessage[];
    /** Every invoke the program made, with its arguments as the engine answered them (after invoke transforms). */
    readonly invokes: { readonly token: string; readonly args: Record<string, unknown> }[];
}

export interface MockEngine {
    readonly monitorAddress: string;
    readonly engineAddress: string;
    readonly record: EngineRecord;
    /** Called on every request and log: the program is making progress. */
    onActivity?: () => void;
    /** Called with each message the program logs through the Engine service. */
    onLog?: (m: LoggedMessage) => void;
    /**
     * Called with each resource as it enters the graph (registered, or expanded under its component);
     * with the inputs as the program sent them (a Struct), when registered.
     */
    onResource?: (r: RecordedResource, inputs?: Struct) => void;
    /** Waits for every expansion still running, so that their children are in the graph. */
    settled(): Promise<void>;
    close(): void;
}

export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** Features the SDK asks about; it refuses, with its own message, what this engine does not support. */
const FEATURES: Record<string, boolean> = {
    secrets: true,
    resourceReferences: true,
    // Inputs reach the recorder as plain values, as they did under the SDK's mocks.
    outputValues: false,
    deletedWith: true,
    replaceWith: true,
    aliasSpecs: true,
    transforms: true,
    invokeTransforms: true,
    parameterization: true,
    resourceHooks: false,
    errorHooks: false,
};

const SEVERITIES = ["debug", "info", "warning", "error"] as const;


/** The type part of a URN, with its parents' types: what a child's type is qualified with. */
function qualifiedTypeOf(urn: string): string {
    return urn.split("::")[2] ?? "";
}

/** Starts the mock engine; `expand` says where expansion finds the project, charts and Helm. */
export async function startMockEngine(project: string, stack: string, expand: ExpandContext): Promise<MockEngine> {
    const record: Mutable<EngineRecord> = { resources: [], stackOutputs: undefined, incomplete: [], logs: [], invokes: [] };
    const byUrn = new Map<string, Mutable<RecordedResource>>();
    const pending = new Set<Promise<void>>();
    const mocks = defaultMocks(true);
    const transforms = new TransformRunner();
    let rootUrn = "";

    // The engine qualifies a child's type with its parent's (minus the root stack's), so two
    // components may each have a child of the same name.
    const urnOf = (parent: string, type: string, name: string): string => {
        const parentType = parent ? qualifiedTypeOf(parent) : "";
        const qualified = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
        return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
    };

    const add = (entry: Mutable<RecordedResource>, inputs?: Struct) => {
        record.resources.push(entry);
        byUrn.set(entry.urn, entry);
        engine.onResource?.(entry, inputs);
    };

    const engine: MockEngine = {
        monitorAddress: "",
        engineAddress: "",
        record,
        settled: async () => {
            while (pending.size > 0) await Promise.all([...pending]);
        },
        close: () => undefined,
    };
    const touch = () => engine.onActivity?.();

    const track = (work: Promise<void>) => {
        pending.add(work);
        void work.finally(() => pending.delete(work));
    };

    /** Children a provider would register under a component it builds, or why they are not known offline. */
    const expandUnder = (entry: RecordedResource) => {
        track(
            expandComponent(entry.type, entry.name, entry.inputs, expand)
                .then((outcome) => {
                    if (!outcome.expanded) {
                        record.incomplete.push({ urn: entry.urn, type: entry.type, reason: outcome.reason });
                        return;
                    }
                    for (const child of outcome.children) {
                        const inputs = child.inputs as unknown as Record<string, unknown>;
                        add({
                            urn: urnOf(entry.urn, child.type, child.name),
                            type: child.type,
                            name: child.name,
                            custom: true,
                            remote: false,
                            isProvider: false,
                            inputs,
                            outputs: inputs,
                            parent: entry.urn,
                            // The component's place in the program is where its objects come from.
                            ...(entry.sourcePosition ? { sourcePosition: entry.sourcePosition } : {}),
                            dependencies: [],
                            propertyDependencies: {},
                            options: { ...optionsOf(new resproto.RegisterResourceRequest()), parent: entry.urn },
                        });
                    }
                })
                .catch((e: Error) => {
                    record.incomplete.push({ urn: entry.urn, type: entry.type, reason: `expansion failed: ${e.message}` });
                }),
        );
    };

    const registerResource: Unary<resproto.RegisterResourceRequest, resproto.RegisterResourceResponse> = (call, cb) => {
        touch();
        const chain = transforms.chainFor(call.request, (urn) => byUrn.get(urn)?.parent);
        // Without transforms, answer at once, so that the graph keeps the program's registration order.
        if (chain.length === 0) return register(call.request, cb);
        transforms.apply(call.request, chain).then(
            () => register(call.request, cb),
            (e: Error) => cb({ code: grpc.status.UNKNOWN, details: e.message }),
        );
    };

    const register = (req: resproto.RegisterResourceRequest, cb: grpc.sendUnaryData<resproto.RegisterResourceResponse>) => {
        const type = req.getType();
        const name = req.getName();
        const parent = req.getParent() || (type === ROOT_STACK_TYPE ? "" : rootUrn);
        const urn = urnOf(parent, type, name);
        const object = req.getObject();
        const inputs = (object?.toJavaScript() ?? {}) as Record<string, unknown>;
        const custom = req.getCustom();
        const entry = recordedFrom(req, urn, inputs);
        const resp = new resproto.RegisterResourceResponse();
        resp.setUrn(urn);
        if (custom) {
            // A preview knows a resource's ID only when it is imported; everything the provider would
            // compute stays unknown, which the SDK infers from the outputs it is not sent.
            const importId = req.getImportid();
            if (importId) entry.id = importId;
            resp.setId(importId || "");
            const given = mocks.newResource({ type, name, inputs, provider: req.getProvider(), custom, id: importId || undefined });
            const outputs = withoutResourceReferences((given as { state?: Record<string, unknown> } | undefined)?.state ?? inputs);
            entry.outputs = outputs;
            // What it was given comes back as it came, when nothing in it changed.
            resp.setObject(outputs === inputs && object ? object : toStruct(outputs));
        } else {
            resp.setObject(new Struct());
        }
        if (type === ROOT_STACK_TYPE && !rootUrn) rootUrn = urn;
        add(entry, object);
        transforms.remember(urn, req.getTransformsList());
        if (entry.remote || type === "kubernetes:helm.sh/v3:Release") expandUnder(entry);
        cb(null, resp);
    };

    const registerResourceOutputs: Unary<resproto.RegisterResourceOutputsRequest, Empty> = (call, cb) => {
        touch();
        const urn = call.request.getUrn();
        const outputs = (call.request.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>;
        const entry = byUrn.get(urn);
        if (entry) entry.outputs = outputs;
        if (urn === rootUrn) {
            record.stackOutputs = outputs;
            touch();
        }
        cb(null, new Empty());
    };

    const invoke: Unary<resproto.ResourceInvokeRequest, provproto.InvokeResponse> = (call, cb) => {
        touch();
        const token = call.request.getTok();
        const answer = async (): Promise<Record<string, unknown>> => {
            if (transforms.hasInvokeTransforms) await transforms.applyToInvoke(call.request);
            const args = (call.request.getArgs()?.toJavaScript() ?? {}) as Record<string, unknown>;
            record.invokes.push({ token, args });
            if (token === "pulumi:pulumi:getResource") {
                const found = byUrn.get(String(args.urn));
                if (!found) throw new Error(`unknown resource ${String(args.urn)}`);
                return { urn: found.urn, id: found.id ?? "", state: found.outputs ?? found.inputs };
            }
            let outcome;
            try {
                outcome = await handleInvoke(token, args, expand);
            } catch (e) {
                if (!(e instanceof NotExpandableError)) throw e;
                // As for a remote component: the chart is listed as not analyzed, and the program goes on.
                const chart = chartOfTemplateInvoke(args, record.resources);
                record.incomplete.push({ urn: chart?.urn ?? `invoke:${token}`, type: chart?.type ?? "kubernetes:helm.sh/v3:Chart", reason: e.message });
                return { result: [] };
            }
            if (outcome.handled) return outcome.result;
            return (mocks.call({ token, inputs: args, provider: call.request.getProvider() }) as Record<string, unknown>) ?? {};
        };
        answer().then(
            (result) => {
                const resp = new provproto.InvokeResponse();
                resp.setReturn(toStruct(result));
                cb(null, resp);
            },
            (e: Error) => cb({ code: grpc.status.UNKNOWN, details: `invoke ${token}: ${e.message}` }),
        );
    };

    const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
    server.addService(resrpc.ResourceMonitorService, {
        supportsFeature: ((call, cb) => {
            const resp = new resproto.SupportsFeatureResponse();
            resp.setHassupport(FEATURES[call.request.getId()] ?? false);
            cb(null, resp);
        }) as Unary<resproto.SupportsFeatureRequest, resproto.SupportsFeatureResponse>,
        registerResource,
        registerResourceOutputs,
        invoke,
        // A method of a component its provider builds: a preview gets its result from the provider,
        // so offline it is unknown. Any unknown in a result makes the SDK treat the whole result as
        // unknown, whatever its shape; `result` is the name a single lifted return value has.
        call: ((_call, cb) => {
            touch();
            const resp = new provproto.CallResponse();
            resp.setReturn(Struct.fromJavaScript({ result: UNKNOWN }));
            cb(null, resp);
        }) as Unary<resproto.ResourceCallRequest, provproto.CallResponse>,
        // `Resource.get`: an existing resource is read, not created, and not analyzed; its state is
        // what the program said it is.
        readResource: ((call, cb) => {
            touch();
            const req = call.request;
            const resp = new resproto.ReadResourceResponse();
            resp.setUrn(urnOf(req.getParent() || rootUrn, req.getType(), req.getName()));
            resp.setProperties(toStruct(withoutResourceReferences((req.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>)));
            cb(null, resp);
        }) as Unary<resproto.ReadResourceRequest, resproto.ReadResourceResponse>,
        registerPackage: ((call, cb) => {
            const resp = new resproto.RegisterPackageResponse();
            resp.setRef(`${call.request.getName()}@${call.request.getVersion()}`);
            cb(null, resp);
        }) as Unary<resproto.RegisterPackageRequest, resproto.RegisterPackageResponse>,
        signalAndWaitForShutdown: ((_call, cb) => cb(null, new Empty())) as Unary<Empty, Empty>,
        registerStackTransform: ((call, cb) => {
            transforms.addStackTransform(call.request);
            cb(null, new Empty());
        }) as Unary<cbproto.Callback, Empty>,
        registerStackInvokeTransform: ((call, cb) => {
            transforms.addStackInvokeTransform(call.request);
            cb(null, new Empty());
        }) as Unary<cbproto.Callback, Empty>,
    });
    server.addService(engrpc.EngineService, {
        log: ((call, cb) => {
            touch();
            const m: LoggedMessage = {
                severity: SEVERITIES[call.request.getSeverity()] ?? "info",
                message: call.request.getMessage(),
                ...(call.request.getUrn() ? { urn: call.request.getUrn() } : {}),
            };
            record.logs.push(m);
            engine.onLog?.(m);
            cb(null, new Empty());
        }) as Unary<engproto.LogRequest, Empty>,
        getRootResource: ((_call, cb) => {
            const resp = new engproto.GetRootResourceResponse();
            resp.setUrn(rootUrn);
            cb(null, resp);
        }) as Unary<engproto.GetRootResourceRequest, engproto.GetRootResourceResponse>,
        setRootResource: ((call, cb) => {
            rootUrn = call.request.getUrn();
            cb(null, new engproto.SetRootResourceResponse());
        }) as Unary<engproto.SetRootResourceRequest, engproto.SetRootResourceResponse>,
        startDebugging: ((_call, cb) => cb(null, new Empty())) as Unary<unknown, Empty>,
        requirePulumiVersion: ((_call, cb) => cb(null, new engproto.RequirePulumiVersionResponse())) as Unary<unknown, engproto.RequirePulumiVersionResponse>,
    });
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    const address = `127.0.0.1:${port}`;
    const close = () => {
        transforms.close();
        server.forceShutdown();
    };
    return Object.assign(engine, { monitorAddress: address, engineAddress: address, close });
}

/** The `helm.v3.Chart` a template invoke renders for: the one registered under its release name, else the latest. */
function chartOfTemplateInvoke(args: Record<string, unknown>, resources: readonly RecordedResource[]): RecordedResource | undefined {
    let release: unknown;
    try {
        release = (JSON.parse(String(args.jsonOpts)) as { release_name?: unknown }).release_name;
    } catch {
        release = undefined;
    }
    const charts = resources.filter((r) => /^kubernetes:helm\.sh\/v[23]:Chart$/.test(r.type));
    return [...charts].reverse().find((r) => r.name === release) ?? charts.at(-1);
}
