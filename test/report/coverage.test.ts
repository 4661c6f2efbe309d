import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { COMPONENT_DEFAULTS } from "../../components/controls";
import * as aws from "../../policy-packs/aws/pack";
import * as kubernetes from "../../policy-packs/kubernetes/pack";
import { CatalogError, loadCatalog } from "../../preview/report/catalog";
import { bundledCatalog } from "../../preview/report/catalog-snapshot";
import { type PolicyMapping, buildCoverage, controlsFromTags, policyMappingsFromInfo, policyMappingsFromMetadata } from "../../preview/report/coverage";
import { BEGIN, END, generate, readmeWithMatrix, shippedCoverage, staleFiles } from "../../preview/report/coverage-doc";
import { NOT_AUTOMATABLE } from "../../preview/report/not-automatable";
import { CATALOG_DIR, PACKS, ROOT, tempDir } from "./helpers";
import { readPackInfos } from "../../preview/report";

const catalog = loadCatalog(CATALOG_DIR);
const ids = (key: string) => catalog.frameworks.find((f) => f.key === key)!.controls.map((c) => c.id);

describe("control catalogs", () => {
    it("reads every control of the four catalogs in ../shared/controls", () => {
        assert.strictEqual(ids("cisEks").length, 50);
        assert.ok(ids("cisEks").includes("4.1.10") && ids("cisEks").includes("5.4.2") && ids("cisEks").includes("3.2.9"));
        assert.deepStrictEqual(ids("nsaCisa"), ["1", "2", "3", "4", "5", "6", "7"]);
        assert.strictEqual(ids("nist800190").length, 23);
        assert.ok(ids("nist800190").includes("4.3.1") && ids("nist800190").includes("4.5.5"));
        assert.strictEqual(ids("pss").length, 19);
        assert.ok(ids("pss").includes("baseline/host-process") && ids("pss").includes("restricted/proc-mount"));
        const manual = catalog.frameworks[0].controls.find((c) => c.id === "5.4.1")!;
        assert.strictEqual(manual.manual, true);
        assert.strictEqual(manual.title, "Restrict Access to the Control Plane Endpoint");
    });

    it("names the missing file and the fix when the catalog folder is absent", () => {
        const dir = tempDir("bulwark-catalog-");
        assert.throws(() => loadCatalog(dir), (e: CatalogError) => e.message.startsWith(path.join(dir, "README.md")) && /--catalog <dir>/.test(e.message));
    });

    it("fails when the catalog adds a Pod Security control the report does not know", () => {
        const dir = tempDir("bulwark-catalog-");
        fs.cpSync(CATALOG_DIR, dir, { recursive: true });
        const readme = path.join(dir, "README.md");
        fs.chmodSync(readme, 0o644);
        fs.writeFileSync(readme, fs.readFileSync(readme, "utf8").replace("Restricted, in addition: volume types", "Restricted, in addition: new thing · volume types"));
        assert.throws(() => loadCatalog(dir), /lists 8 Restricted controls, the report knows 7: update PSS_CONTROLS/);
    });
});

describe("coverage matrix", () => {
    it("maps every policy and component default to controls the catalogs have", () => {
        assert.deepStrictEqual(shippedCoverage(catalog).problems, []);
    });

    it("reports a mapping that names a control the catalogs do not have", () => {
        const bogus = [{ pack: "p", policy: "made-up", controls: { cisEks: ["9.9.9"], pss: ["baseline/flying"] } }];
        const badComponent = [{ ...COMPONENT_DEFAULTS[0], controls: { nist800190: ["4.9.1"] } }];
        const { problems } = buildCoverage(catalog, bogus, badComponent, {});
        assert.ok(problems.some((p) => p.includes("policy p/made-up") && p.includes(`"9.9.9"`)), problems.join("\n"));
        assert.ok(problems.some((p) => p.includes(`"baseline/flying"`)));
        assert.ok(problems.some((p) => p.includes(`component default ${COMPONENT_DEFAULTS[0].component}`) && p.includes(`"4.9.1"`)));
    });

    it("reports a not-automatable reason for a control something implements, and one for a control that does not exist", () => {
        const policies = [{ pack: "p", policy: "logs", controls: { cisEks: ["2.1.1"] } }];
        const { problems } = buildCoverage(catalog, policies, [], { cisEks: { "2.1.1": "cannot", "0.0.1": "nothing" } });
        assert.ok(problems.some((p) => /CIS EKS 1\.8 2\.1\.1 is listed as not automatable but logs implements it/.test(p)));
        assert.ok(problems.some((p) => /control "0\.0\.1"/.test(p)));
    });

    it("gives each control one status: policy first, then component default, then a reason, else a gap", () => {
        const coverage = buildCoverage(
            catalog,
            [{ pack: "p", policy: "a", controls: { cisEks: ["4.1.1"] } }],
            [{ component: "bulwark:x:Y", arg: "z", default: "d", effect: "e", controls: { cisEks: ["4.1.1", "4.1.2"] } }],
            { cisEks: { "3.1.1": "on the node" } },
        );
        const row = (id: string) => coverage.frameworks[0].rows.find((r) => r.control.id === id)!;
        assert.strictEqual(row("4.1.1").status, "policy");
        assert.strictEqual(row("4.1.1").components.length, 1, "the component is credited too");
        assert.strictEqual(row("4.1.2").status, "component");
        assert.strictEqual(row("3.1.1").status, "not-automatable");
        assert.strictEqual(row("3.1.1").reason, "on the node");
        assert.strictEqual(row("4.1.3").status, "gap");
    });

    it("is committed up to date in the README and the bundled catalog (npm run coverage regenerates both)", () => {
        const stale = staleFiles(generate(ROOT, CATALOG_DIR)).map((f) => path.relative(ROOT, f));
        assert.deepStrictEqual(stale, [], `stale: ${stale.join(", ")}; run npm run coverage`);
        assert.deepStrictEqual(bundledCatalog().frameworks, catalog.frameworks);
    });

    it("notices a README matrix edited by hand", () => {
        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        const edited = readme.replace("| 4.1.9 |", "| 4.1.9 (edited) |");
        assert.notStrictEqual(edited, readme, "the README matrix lists CIS 4.1.9");
        assert.notStrictEqual(readmeWithMatrix(edited, shippedCoverage(catalog)), edited);
        assert.strictEqual(readmeWithMatrix(readme, shippedCoverage(catalog)), readme);
        assert.throws(() => readmeWithMatrix("# no markers\n", shippedCoverage(catalog), "X.md"), (e: Error) => e.message.includes("X.md") && e.message.includes(BEGIN) && e.message.includes(END));
    });

    it("lists every kubelet check as not automatable, with its reason", () => {
        const rows = shippedCoverage(catalog).frameworks[0].rows.filter((r) => r.control.id.startsWith("3."));
        assert.strictEqual(rows.length, 13);
        for (const r of rows) assert.strictEqual(r.status, "not-automatable", r.control.id);
        assert.ok(Object.keys(NOT_AUTOMATABLE.cisEks ?? {}).includes("3.2.1"));
    });
});

describe("controls as the engine sees them", () => {
    it("reads back from each policy's tags exactly the controls its metadata declares", async () => {
        const fromInfo = policyMappingsFromInfo(await readPackInfos(PACKS));
        const fromMetadata = policyMappingsFromMetadata([kubernetes, aws]);
        const norm = (m: PolicyMapping) => {
            const entries = Object.entries(m.controls as Record<string, readonly string[] | undefined>).filter(([, v]) => v?.length);
            return `${m.pack}/${m.policy} ${JSON.stringify(entries.map(([k, v]) => [k, [...v!].sort()]).sort())}`;
        };
        assert.deepStrictEqual(fromInfo.map(norm).sort(), fromMetadata.map(norm).sort());
    });

    it("ignores tags that are not control tags", () => {
        assert.deepStrictEqual(controlsFromTags(["team:platform", "cis-eks-1.8:4.1.1", "pss-v1.37:baseline/privileged"]), {
            cisEks: ["4.1.1"],
            pss: ["baseline/privileged"],
        });
    });
});
