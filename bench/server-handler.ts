/**
 * The policy server's own Analyze handler, in this process and without gRPC, so that a CPU profile
 * shows where a pack's time goes inside the server: `node --cpu-prof --import tsx
 * bench/server-handler.ts <pack folder> <kubernetes|aws>` boots the built pack as run-policy-pack
 * does (its index.js calls the server's serve()), keeps the handlers serve() registers instead of
 * listening, configures the pack as the engine does, and prints the CPU per resource of the
 * handler, response serialization included.
 */
import * as fs from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { reconcileConfig } from "../preview/policy-config";
import { KUBERNETES_CONFIG, mixedResources } from "./resources";

type Handler = (call: { request: unknown }, callback: (err: unknown, res?: { serializeBinary(): Uint8Array }) => void) => void;

const LEVELS = ["advisory", "mandatory", "disabled", "remediate"];

async function main() {
    const [dir, set] = [path.resolve(process.argv[2] ?? ""), process.argv[3]];
    if (set !== "kubernetes" && set !== "aws") throw new Error("usage: bench/server-handler.ts <pack folder> <kubernetes|aws>");
    let handlers: Record<string, Handler> | undefined;
    grpc.Server.prototype.addService = function (_service, impl) {
        handlers = impl as unknown as Record<string, Handler>;
    };
    grpc.Server.prototype.bindAsync = () => {};
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const main = require(path.join(dir, "package.json")).main as string;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(dir, main));
    if (!handlers) throw new Error(`${dir} registered no policy server`);
    const h = handlers;
    const invoke = (name: string, request: unknown) =>
        new Promise<{ serializeBinary(): Uint8Array } | undefined>((resolve, reject) => h[name]({ request }, (err, res) => (err ? reject(err) : resolve(res))));

    // Configure as the engine does: every policy's defaults, validated.
    const packModule = path.join(dir, path.dirname(main), "pack.js");
    // Our packs list their policies in pack.js; a floor pack has no config.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { policies } = (fs.existsSync(packModule) ? require(packModule) : { policies: [] }) as { policies: { name: string; configSchema?: any }[] };
    const reconciled = reconcileConfig(
        policies.map((p) => ({ name: p.name, configSchema: p.configSchema })),
        dir.endsWith("kubernetes") ? KUBERNETES_CONFIG : {},
    );
    const configure = new analyzerproto.ConfigureAnalyzerRequest();
    for (const [name, { enforcementLevel, ...props }] of Object.entries(reconciled)) {
        const pc = new analyzerproto.PolicyConfig();
        pc.setEnforcementlevel(LEVELS.indexOf(String(enforcementLevel ?? "advisory")) as analyzerproto.EnforcementLevel);
        pc.setProperties(Struct.fromJavaScript(props as any));
        configure.getPolicyconfigMap().set(name, pc);
    }
    await invoke("configure", configure);

    const requests = mixedResources()[set].map((r) => {
        const m = new analyzerproto.AnalyzeRequest();
        m.setType(r.type);
        m.setName(r.name ?? "resource");
        m.setUrn(`urn:pulumi:bench::bulwark::${r.type}::${r.name}`);
        m.setProperties(Struct.fromJavaScript(JSON.parse(JSON.stringify(r.props))));
        m.setOptions(new analyzerproto.AnalyzerResourceOptions());
        return m;
    });
    const analyzeAll = async () => {
        for (const req of requests) (await invoke("analyze", req))?.serializeBinary();
    };
    await analyzeAll(); // warm-up
    const cpu = process.cpuUsage();
    const rounds = 5;
    for (let i = 0; i < rounds; i++) await analyzeAll();
    const used = process.cpuUsage(cpu);
    console.log(`${path.basename(dir)} on the ${set} resources: ${((used.user + used.system) / (rounds * requests.length)).toFixed(0)} µs CPU per resource in the server's handler`);
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
