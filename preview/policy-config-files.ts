/**
 * `policy-config`: each pack's `--policy-pack-config` file for a stack, for the Pulumi CLI. Only the
 * exemptions the stack's settings accept are written; every file is written whole or not at all.
 */
import * as fs from "fs";
import * as path from "path";
import { type OfflinePreviewOptions, policyPackConfigsWithRequests } from "./offline-preview";
import type { ExemptionRequestStatus } from "./exemption-requests";

/**
 * Writes `data` to `file` through a temporary file in the same folder and a rename, so a reader
 * (or a crash) never sees half a file, and an existing file stays as it was when writing fails.
 */
export function writeFileAtomic(file: string, data: string): void {
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
    try {
        fs.writeFileSync(tmp, data, { flag: "wx" });
        fs.renameSync(tmp, file);
    } catch (e) {
        fs.rmSync(tmp, { force: true });
        throw e;
    }
}

export interface WrittenConfigs {
    readonly files: string[];
    readonly exemptionRequests: ExemptionRequestStatus[];
}

/** Computes every pack's config first (any error leaves the folder untouched), then writes each file atomically. */
export async function writePolicyConfigs(options: OfflinePreviewOptions, outDir: string): Promise<WrittenConfigs> {
    const { packs, exemptionRequests } = await policyPackConfigsWithRequests(options);
    fs.mkdirSync(outDir, { recursive: true });
    const files: string[] = [];
    for (const pack of packs) {
        const file = path.join(outDir, `${path.basename(pack.dir)}.${options.stack}.json`);
        writeFileAtomic(file, `${JSON.stringify(pack.config, null, 2)}\n`);
        files.push(file);
    }
    return { files, exemptionRequests };
}
