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
const DAY = 24 * 60 * 60 * 1000;
/** The report's date in these tests: today at noon UTC, so days left before expiry are fixed. */
export const NOW = new Date(`${new Date().toISOString().slice(0, 10)}T12:00:00Z`);
/** The expiry of the insecure program's exemption: 61 days on, inside the longest span the packs allow. */
export const EXEMPTION_EXPIRES = new Date(NOW.getTime() + 61 * DAY).toISOString().slice(0, 10);

/**
 * The small insecure program beside these tests (stack "test"), with an exemption of its own, copied
 * to a temporary folder with the exemption's expiry set from today: the packs judge expiry by the
 * real date, so a fixed one would lapse.
 */
export const OWN_PROGRAM = (() => {
    const source = path.join(__dirname, "insecure-program");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-report-program-"));
    fs.cpSync(source, dir, { recursive: true });
    const settings = path.join(dir, "policy.test.yaml");
    fs.writeFileSync(settings, fs.readFileSync(settings, "utf8").replace(/expires: "\d{4}-\d{2}-\d{2}"/, `expires: "${EXEMPTION_EXPIRES}"`));
    // The program needs the repo's packages, as it had beside the tests.
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    return dir;
})();

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
