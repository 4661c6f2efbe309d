/**
 * Resource transforms, run where the engine runs them: before a registration takes effect, the
 * engine calls back into the program for the resource's own transforms, then each ancestor's, then
 * the stack's, and registers what they return. The program serves the callbacks; the engine only
 * asks, so a transform that hardens (or weakens) every resource is what the packs see.
 */
import * as grpc from "@grpc/grpc-js";
import * as cbrpc from "@pulumi/pulumi/proto/callback_grpc_pb";
import * as cbproto from "@pulumi/pulumi/proto/callback_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";

export class TransformRunner {
    private readonly clients = new Map<string, cbrpc.CallbacksClient>();
    private readonly stack: cbproto.Callback[] = [];
    private readonly invokes: cbproto.Callback[] = [];
    private readonly own = new Map<string, cbproto.Callback[]>();

    addStackTransform(cb: cbproto.Callback): void {
        this.stack.push(cb);
    }

    addStackInvokeTransform(cb: cbproto.Callback): void {
        this.invokes.push(cb);
    }

    get hasInvokeTransforms(): boolean {
        return this.invokes.length > 0;
    }

    /** Runs the stack's invoke transforms over an invoke, in order, rewriting `req`'s arguments and provider. */
    async applyToInvoke(req: resproto.ResourceInvokeRequest): Promise<void> {
        for (const cb of this.invokes) {
            const treq = new resproto.TransformInvokeRequest();
            treq.setToken(req.getTok());
            treq.setArgs(req.getArgs());
            const options = new resproto.TransformInvokeOptions();
            options.setProvider(req.getProvider());
            options.setVersion(req.getVersion());
            options.setPluginDownloadUrl(req.getPlugindownloadurl());
            treq.setOptions(options);
            const bytes = await this.invoke(cb, treq.serializeBinary(), `an invoke transform of ${req.getTok()}`);
            const tresp = resproto.TransformInvokeResponse.deserializeBinary(bytes);
            if (tresp.hasArgs()) req.setArgs(tresp.getArgs());
            const o = tresp.getOptions();
            if (o) {
                req.setProvider(o.getProvider());
                req.setVersion(o.getVersion());
            }
        }
    }

    /** Remembers a resource's own transforms: they apply to its children too. */
    remember(urn: string, transforms: cbproto.Callback[]): void {
        if (transforms.length > 0) this.own.set(urn, transforms);
    }

    /** The transforms that apply to a registration, in the engine's order: its own, its ancestors', the stack's. */
    chainFor(req: resproto.RegisterResourceRequest, parentOf: (urn: string) => string | undefined): cbproto.Callback[] {
        const chain = [...req.getTransformsList()];
        for (let p: string | undefined = req.getParent(); p; p = parentOf(p)) chain.push(...(this.own.get(p) ?? []));
        chain.push(...this.stack);
        return chain;
    }

    /** Runs `chain` over the registration, each transform seeing the last one's result, rewriting `req`. */
    async apply(req: resproto.RegisterResourceRequest, chain: readonly cbproto.Callback[]): Promise<void> {
        for (const cb of chain) await this.run(cb, req);
    }

    close(): void {
        for (const c of this.clients.values()) c.close();
    }

    private client(target: string): cbrpc.CallbacksClient {
        let c = this.clients.get(target);
        if (!c) this.clients.set(target, (c = new cbrpc.CallbacksClient(target, grpc.credentials.createInsecure())));
        return c;
    }

    private async invoke(cb: cbproto.Callback, request: Uint8Array, what: string): Promise<Uint8Array> {
        const invoke = new cbproto.CallbackInvokeRequest();
        invoke.setToken(cb.getToken());
        invoke.setRequest(request);
        const client = this.client(cb.getTarget());
        const resp = await new Promise<cbproto.CallbackInvokeResponse>((resolve, reject) =>
            client.invoke(invoke, (err, r) => (err ? reject(new Error(`${what} failed: ${err.details || err.message}`)) : resolve(r))),
        );
        return resp.getResponse_asU8();
    }

    private async run(cb: cbproto.Callback, req: resproto.RegisterResourceRequest): Promise<void> {
        const treq = new resproto.TransformRequest();
        treq.setType(req.getType());
        treq.setName(req.getName());
        treq.setCustom(req.getCustom());
        treq.setParent(req.getParent());
        treq.setProperties(req.getObject());
        treq.setOptions(optionsOf(req));
        const bytes = await this.invoke(cb, treq.serializeBinary(), `a transform of ${req.getType()} ${req.getName()}`);
        const tresp = resproto.TransformResponse.deserializeBinary(bytes);
        if (tresp.hasProperties()) req.setObject(tresp.getProperties());
        const o = tresp.getOptions();
        if (o) applyOptions(o, req);
    }
}

function optionsOf(req: resproto.RegisterResourceRequest): resproto.TransformResourceOptions {
    const o = new resproto.TransformResourceOptions();
    o.setDependsOnList(req.getDependenciesList());
    const protect = req.getProtect();
    if (protect !== undefined) o.setProtect(protect);
    o.setIgnoreChangesList(req.getIgnorechangesList());
    o.setReplaceOnChangesList(req.getReplaceonchangesList());
    o.setVersion(req.getVersion());
    o.setProvider(req.getProvider());
    const timeouts = req.getCustomtimeouts();
    if (timeouts) o.setCustomTimeouts(timeouts);
    const retain = req.getRetainondelete();
    if (retain !== undefined) o.setRetainOnDelete(retain);
    o.setDeletedWith(req.getDeletedwith());
    if (req.getDeletebeforereplacedefined()) o.setDeleteBeforeReplace(req.getDeletebeforereplace() ?? false);
    o.setAdditionalSecretOutputsList(req.getAdditionalsecretoutputsList());
    req.getProvidersMap().forEach((v, k) => o.getProvidersMap().set(k, v));
    return o;
}

function applyOptions(o: resproto.TransformResourceOptions, req: resproto.RegisterResourceRequest): void {
    req.setDependenciesList(o.getDependsOnList());
    const protect = o.getProtect();
    if (protect !== undefined) req.setProtect(protect);
    req.setIgnorechangesList(o.getIgnoreChangesList());
    req.setReplaceonchangesList(o.getReplaceOnChangesList());
    req.setVersion(o.getVersion());
    req.setProvider(o.getProvider());
    const timeouts = o.getCustomTimeouts();
    if (timeouts) req.setCustomtimeouts(timeouts);
    const retain = o.getRetainOnDelete();
    if (retain !== undefined) req.setRetainondelete(retain);
    req.setDeletedwith(o.getDeletedWith());
    if (o.hasDeleteBeforeReplace()) {
        req.setDeletebeforereplacedefined(true);
        req.setDeletebeforereplace(o.getDeleteBeforeReplace() ?? false);
    }
    req.setAdditionalsecretoutputsList(o.getAdditionalSecretOutputsList());
}
