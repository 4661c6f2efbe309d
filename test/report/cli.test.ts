import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { OWN_PROGRAM, ROOT, tempDir } from "./helpers";

const TSX = path.join(ROOT, "node_modules/.bin/tsx");

function cli(args: string[]) {
    const r = spawnSync(TSX, [path.join(ROOT, "preview/cli.ts"), ...args], { cwd: ROOT, encoding: "utf8", timeout: 150_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("bulwark report and --report", function () {
    this.timeout(300_000);
    const project = { dir: OWN_PROGRAM, stack: "test" };

    it("`report` writes both files, prints where, and exits 0 although the stack fails", () => {
        const out = path.join(tempDir("bulwark-cli-report-"), "review", "insecure");
        const r = cli(["report", "--project", project.dir, "--stack", project.stack, "--out", out]);
        assert.strictEqual(r.code, 0, r.stderr);
        assert.match(r.stdout, /compliance report \(FAIL: \d+ mandatory, \d+ advisory, \d+ exempted, \d+ deferred, \d+ incomplete\): wrote .*insecure\.html and .*insecure\.md/);
        assert.match(fs.readFileSync(`${out}.html`, "utf8"), /data-verdict="fail"/);
        assert.match(fs.readFileSync(`${out}.md`, "utf8"), /^\*\*FAIL\*\*/m);
    });

    it("`preview --report` keeps the preview's exit code and output, and writes the report beside it", () => {
        const out = path.join(tempDir("bulwark-cli-report-"), "preview.html");
        const r = cli(["preview", "--project", project.dir, "--stack", project.stack, "--report", out]);
        assert.strictEqual(r.code, 1, r.stderr);
        assert.match(r.stdout, /error: preview failed: mandatory policy violations/);
        assert.match(r.stderr, /compliance report \(FAIL: /);
        assert.ok(fs.existsSync(out) && fs.existsSync(out.replace(/\.html$/, ".md")));
    });

    it("`report --catalog` names the missing catalog file and the fix", () => {
        const r = cli(["report", "--project", project.dir, "--stack", project.stack, "--out", path.join(tempDir("bulwark-cli-report-"), "x"), "--catalog", "/nonexistent"]);
        assert.strictEqual(r.code, 2);
        assert.match(r.stderr, /error: \/nonexistent\/README\.md: is missing: the control catalogs are expected in \.\.\/shared\/controls beside the checkout \(or pass --catalog <dir>\)/);
    });
});
