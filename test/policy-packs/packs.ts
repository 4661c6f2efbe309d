import * as fs from "fs";
import * as path from "path";
import type { BulwarkPolicy } from "../../policy-packs/common/policy";
import * as aws from "../../policy-packs/aws/pack";
import * as kubernetes from "../../policy-packs/kubernetes/pack";

export const ROOT = path.resolve(__dirname, "../..");

export interface PackUnderTest {
    readonly dir: string;
    readonly packName: string;
    readonly policies: readonly BulwarkPolicy[];
}

/** Every pack the project ships, by folder name. */
export const PACKS: Record<string, PackUnderTest> = {
    kubernetes: { dir: path.join(ROOT, "policy-packs/kubernetes"), ...kubernetes },
    aws: { dir: path.join(ROOT, "policy-packs/aws"), ...aws },
};

/** Policy files on disk (everything in policies/ that is not a fixture or a test). */
export function policyFiles(pack: PackUnderTest): string[] {
    return fs
        .readdirSync(path.join(pack.dir, "policies"))
        .filter((f) => f.endsWith(".ts") && !f.endsWith(".fixtures.ts") && !f.endsWith(".test.ts"))
        .map((f) => f.replace(/\.ts$/, ""))
        .sort();
}
