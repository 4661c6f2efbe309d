/** Where a report goes: a file written whole or not at all, or stdout (`-`). */
import * as fs from "fs";
import * as path from "path";

/**
 * Writes `content` to `file` through a temporary file beside it and a rename, so a reader (a CI step
 * uploading SARIF, say) never sees a half-written report and a failed write leaves no file behind.
 */
export function writeAtomic(file: string, content: string): void {
    const dir = path.dirname(file);
    if (!fs.existsSync(dir)) throw new Error(`cannot write ${file}: the folder ${dir} does not exist`);
    const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
    try {
        fs.writeFileSync(temp, content);
        fs.renameSync(temp, file);
    } catch (e) {
        fs.rmSync(temp, { force: true });
        throw new Error(`cannot write ${file}: ${(e as Error).message}`);
    }
}
