import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ConfigError } from "../../../preview/host/errors";
import { readProgramProject, splitShellWords } from "../../../preview/host/project";
import { runOfflinePreview } from "../../../preview/offline-preview";
import { PACKS, programProject } from "./programs";

const PROGRAM = { "index.ts": 'import * as random from "@pulumi/random";\nnew random.RandomPet("pet");\n' };

function rejectsWith(dir: string, pattern: RegExp) {
    return assert.rejects(runOfflinePreview({ projectDir: dir, stack: "dev", packs: PACKS, onProgramOutput: () => undefined }), (e: Error) => {
        assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${e.name}: ${e.message}`);
        assert.match(e.message, pattern);
        return true;
    });
}

describe("program host: projects it cannot run say why", () => {
    it("asks for the dependencies to be installed, with the project's own package manager", async () => {
        const npm = programProject("uninstalled", PROGRAM, false);
        await rejectsWith(npm, new RegExp(`run \`npm install\` in ${npm.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
        const yarn = programProject("uninstalled-yarn", { ...PROGRAM, "yarn.lock": "" }, false);
        await rejectsWith(yarn, /run `yarn install` in /);
        const pnpm = programProject("uninstalled-pnpm", { ...PROGRAM, "Pulumi.yaml": "name: p\nruntime:\n  name: nodejs\n  options:\n    packagemanager: pnpm\n" }, false);
        await rejectsWith(pnpm, /run `pnpm install` in /);
    });

    it("says that only Node.js programs run, for a YAML (or any other) runtime", async () => {
        const dir = programProject("yaml-program", { "Pulumi.yaml": "name: site\nruntime: yaml\nresources:\n  bucket:\n    type: aws:s3:Bucket\n" });
        await rejectsWith(dir, /Pulumi\.yaml: runtime is yaml; the offline preview runs only Node\.js programs/);
        const py = programProject("python-program", { "Pulumi.yaml": "name: site\nruntime:\n  name: python\n" });
        await rejectsWith(py, /runtime is python; the offline preview runs only Node\.js programs/);
    });

    it("names the file and the key when Pulumi.yaml has no name", async () => {
        const dir = programProject("nameless", { ...PROGRAM, "Pulumi.yaml": "runtime: nodejs\n" });
        await rejectsWith(dir, new RegExp(`${path.join(dir, "Pulumi.yaml").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: name is missing`));
    });

    it("names bad runtime options", () => {
        const dir = programProject("options", { ...PROGRAM, "Pulumi.yaml": "name: o\nruntime:\n  name: nodejs\n  options:\n    packagemanager: maven\n" });
        assert.throws(() => readProgramProject(dir), /runtime\.options\.packagemanager must be one of npm, yarn, pnpm, bun, not "maven"/);
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: o\nruntime: nodejs\nmain: src/\n");
        assert.throws(() => readProgramProject(dir), /main is src\/, but .*src does not exist/);
    });

    it("runs `main` where the engine runs it: a folder from inside it, a file from its folder", () => {
        const dir = programProject("mains", { ...PROGRAM, "infra/index.ts": "", "app/main.ts": "" });
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: m\nruntime: nodejs\nmain: infra/\n");
        assert.deepStrictEqual([readProgramProject(dir).programDir, readProgramProject(dir).entryPoint], [path.join(dir, "infra"), "."]);
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: m\nruntime: nodejs\nmain: app/main.ts\n");
        assert.deepStrictEqual([readProgramProject(dir).programDir, readProgramProject(dir).entryPoint], [path.join(dir, "app"), path.join(dir, "app/main.ts")]);
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: m\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n    nodeargs: --max-old-space-size=4096 --require './my setup.js'\n");
        const project = readProgramProject(dir);
        assert.deepStrictEqual([project.programDir, project.entryPoint, project.options.typescript], [dir, ".", false]);
        assert.deepStrictEqual(project.options.nodeargs, ["--max-old-space-size=4096", "--require", "./my setup.js"]);
    });

    it("splits nodeargs as a shell does", () => {
        assert.deepStrictEqual(splitShellWords(` -r "a b" 'c d' e\\ f ""`), ["-r", "a b", "c d", "e f", ""]);
        assert.throws(() => splitShellWords('--x "open'), /unterminated " quote/);
    });
});
