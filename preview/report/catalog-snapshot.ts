/**
 * The control catalogs as Bulwark ships them (`catalog.json`, written by `npm run coverage` from
 * `../shared/controls`), so `bulwark report` works where the shared catalog folder is not beside
 * the checkout. A test fails when the snapshot differs from the shared catalogs.
 */
import * as fs from "fs";
import * as path from "path";
import type { Catalog, FrameworkCatalog } from "./catalog";

export const SNAPSHOT_FILE = path.join(__dirname, "catalog.json");

/** The snapshot's content for a catalog: its frameworks, without where they were read from. */
export function snapshotOf(catalog: Catalog): string {
    return `${JSON.stringify({ frameworks: catalog.frameworks }, null, 1)}\n`;
}

export function bundledCatalog(): Catalog {
    if (!fs.existsSync(SNAPSHOT_FILE)) throw new Error(`${SNAPSHOT_FILE} is missing: run npm run coverage, or pass --catalog <dir>`);
    const doc = JSON.parse(fs.readFileSync(SNAPSHOT_FILE, "utf8")) as { frameworks: FrameworkCatalog[] };
    return { dir: "the catalog bundled with Bulwark (preview/report/catalog.json)", frameworks: doc.frameworks };
}
