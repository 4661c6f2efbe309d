/**
 * Throw-away policy packs that set the floor a real pack is measured against: what the policy
 * server itself costs with policies that do nothing. Each is written as TypeScript and compiled to
 * CommonJS like our packs, into bench/.floors/<name> (inside the checkout, so that @pulumi/policy and
 * @pulumi/pulumi resolve from the project's node_modules, as our packs' do).
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "..");
const FLOORS = path.join(ROOT, "bench", ".floors");

/** A type token no resource has: a policy declared for it never applies. */
export const UNMATCHED_TYPE = "bench:floor:Unmatched";

export interface FloorSpec {
    readonly name: string;
    /** How many no-op resource policies. */
    readonly policies: number;
    /** Each declared for UNMATCHED_TYPE, as validateResourceOfType declares a type. */
    readonly typed: boolean;
}

function source(spec: FloorSpec): string {
    return `import { PolicyPack, type ResourceValidation } from "@pulumi/policy";

function noop(): ResourceValidation {
    const validate: ResourceValidation = () => {};
    ${spec.typed ? `(validate as { __pulumiType?: string }).__pulumiType = ${JSON.stringify(UNMATCHED_TYPE)};` : ""}
    return validate;
}

new PolicyPack(${JSON.stringify(`floor-${spec.name}`)}, {
    enforcementLevel: "mandatory",
    policies: Array.from({ length: ${spec.policies} }, (_, i) => ({
        name: \`noop-\${i}\`,
        description: "Does nothing: the cost of the policy server alone.",
        validateResource: noop(),
    })),
});
`;
}

/** Writes and compiles the floor pack; returns its folder. */
export function buildFloor(spec: FloorSpec): string {
    const dir = path.join(FLOORS, spec.name);
    fs.mkdirSync(path.join(dir, "bin"), { recursive: true });
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "description: Benchmark floor.\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n");
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: `floor-${spec.name}`, version: "0.0.0", private: true, main: "bin/index.js" }, null, 2));
    const ts_ = source(spec);
    fs.writeFileSync(path.join(dir, "index.ts"), ts_);
    // The same target and module system as tsconfig.base.json gives our packs.
    const out = ts.transpileModule(ts_, {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true, esModuleInterop: true },
        fileName: "index.ts",
    });
    fs.writeFileSync(path.join(dir, "bin", "index.js"), out.outputText);
    return dir;
}
