/** Previews and reports shared by the report tests: each stack is previewed once per test run. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { AnalyzerInfo } from "../../preview/analyzer-client";
import { type OfflinePreviewReport, runOfflinePreview } from "../../preview/offline-preview";
import { readPackInfos } from "../../preview/report";

export const ROOT = path.resolve(__dirname, "../..");
export const PACKS = ["policy-packs/kubernetes", "policy-packs/aws"].map((p) => path.join(ROOT, p));
export const CATALOG_DIR = path.resolve(ROOT, "../shared/controls");
/** The small insecure program beside these tests (stack "test"), with an exemption of its own. */
export const OWN_PROGRAM = path.join(__dirname, "insecure-program");
/** The report's date in these tests, so days left before expiry are fixed. */
export const NOW = new Date("2026-12-01T12:00:00Z");

/**
 * The insecure program: the shared negative-control project when it exists, else the small one
 * beside these tests. Either way its stack is the one its `Pulumi.<stack>.yaml` names.
 */
export function insecureProject(): { dir: string; stack: string } {
    const shared = path.join(ROOT, "test/fixtures/insecure-app");
    const dir = fs.existsSync(path.join(shared, "Pulumi.yaml")) ? shared : OWN_PROGRAM;
    const stackFile = fs.readdirSync(dir).find((f) => /^Pulumi\..+\.yaml$/.test(f));
    if (!stackFile) throw new Error(`${dir} has no Pulumi.<stack>.yaml`);
    return { dir, stack: stackFile.slice("Pulumi.".length, -".yaml".length) };
}

const previews = new Map<string, Promise<{ preview: OfflinePreviewReport; infos: AnalyzerInfo[] }>>();

export function previewOf(projectDir: string, stack: string): Promise<{ preview: OfflinePreviewReport; infos: AnalyzerInfo[] }> {
    const key = `${projectDir}#${stack}`;
    if (!previews.has(key)) {
        previews.set(
            key,
            (async () => {
                const preview = await runOfflinePreview({ projectDir, stack, packs: PACKS, onProgramOutput: () => undefined });
                return { preview, infos: await readPackInfos(PACKS) };
            })(),
        );
    }
    return previews.get(key)!;
}

export function tempDir(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
