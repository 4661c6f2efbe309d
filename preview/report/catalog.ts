/**
 * The control catalogs the coverage matrix is checked against, read from the shared catalog folder
 * (`../shared/controls` beside the checkout): the CIS Amazon EKS Benchmark 1.8.0 from its
 * machine-readable YAML, and NIST SP 800-190 section 4, the NSA/CISA main mitigations and the Pod
 * Security Standards controls from the catalog's README, where they are written down.
 */
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import type { ControlMap } from "../../policy-packs/common/controls";

export type FrameworkKey = keyof ControlMap;

export interface CatalogControl {
    readonly id: string;
    readonly title: string;
    /** The catalog marks it as a manual check (CIS: `type: manual`). */
    readonly manual: boolean;
}

export interface FrameworkCatalog {
    readonly key: FrameworkKey;
    /** Short name shown in tables: "CIS EKS 1.8". */
    readonly short: string;
    readonly title: string;
    readonly controls: readonly CatalogControl[];
}

export interface Catalog {
    readonly dir: string;
    readonly frameworks: readonly FrameworkCatalog[];
}

/** Where the catalogs live for a checkout at `root`. */
export function defaultCatalogDir(root: string): string {
    return path.resolve(root, "../shared/controls");
}

export class CatalogError extends Error {
    constructor(file: string, problem: string) {
        super(`${file}: ${problem}`);
        this.name = "CatalogError";
    }
}

interface CisCheck {
    id?: unknown;
    text?: unknown;
    type?: unknown;
}

function cisControls(dir: string): CatalogControl[] {
    const cisDir = path.join(dir, "cis-eks-1.8.0");
    if (!fs.existsSync(cisDir)) throw new CatalogError(cisDir, "is missing (the CIS Amazon EKS 1.8.0 catalog, kube-bench's cfg/eks-1.8.0)");
    const controls: CatalogControl[] = [];
    for (const file of fs.readdirSync(cisDir).filter((f) => f.endsWith(".yaml")).sort()) {
        const doc = yaml.load(fs.readFileSync(path.join(cisDir, file), "utf8")) as { groups?: { checks?: CisCheck[] }[] } | null;
        for (const group of doc?.groups ?? []) {
            for (const check of group.checks ?? []) {
                if (check.id === undefined || typeof check.text !== "string") {
                    throw new CatalogError(path.join(cisDir, file), `a check has no id or text (${JSON.stringify(check.id)})`);
                }
                const title = check.text.replace(/\s*\((Manual|Automated)\)\s*$/, "");
                controls.push({ id: String(check.id), title, manual: check.type === "manual" });
            }
        }
    }
    return controls.sort((a, b) => compareIds(a.id, b.id));
}

/** Orders dotted IDs numerically: 4.1.2 before 4.1.10. */
export function compareIds(a: string, b: string): number {
    const pa = a.split(/[./]/);
    const pb = b.split(/[./]/);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const x = pa[i] ?? "";
        const y = pb[i] ?? "";
        const nx = Number(x);
        const ny = Number(y);
        const c = !Number.isNaN(nx) && !Number.isNaN(ny) && x !== "" && y !== "" ? nx - ny : x.localeCompare(y);
        if (c !== 0) return c;
    }
    return 0;
}

/** The lines of one `## <heading>` section of the catalog README. */
function section(readme: string, file: string, heading: string): string[] {
    const lines = readme.split("\n");
    const start = lines.findIndex((l) => l.startsWith("## ") && l.includes(heading));
    if (start < 0) throw new CatalogError(file, `has no section "## ${heading}"`);
    const end = lines.findIndex((l, i) => i > start && l.startsWith("## "));
    return lines.slice(start + 1, end < 0 ? undefined : end);
}

function nistControls(readme: string, file: string): CatalogControl[] {
    const controls: CatalogControl[] = [];
    for (const line of section(readme, file, "NIST SP 800-190")) {
        for (const m of line.matchAll(/(4\.[1-5]\.\d+) ([^·]+)/g)) controls.push({ id: m[1], title: m[2].trim(), manual: false });
    }
    if (controls.length === 0) throw new CatalogError(file, "lists no NIST SP 800-190 countermeasure (4.x.y)");
    return controls;
}

function nsaControls(readme: string, file: string): CatalogControl[] {
    const controls: CatalogControl[] = [];
    for (const line of section(readme, file, "NSA/CISA")) {
        const m = /^(\d+)\. (.+?)\.?$/.exec(line.trim());
        if (m) controls.push({ id: m[1], title: m[2], manual: false });
    }
    if (controls.length === 0) throw new CatalogError(file, "lists no NSA/CISA mitigation (numbered lines)");
    return controls;
}

/**
 * The Pod Security Standards controls by the IDs policies cite ("baseline/privileged"), each with the
 * phrase the catalog uses for it. The catalog writes them as prose, so each phrase is looked up in
 * its level's line and the number of controls per line is compared: a control the catalog adds or
 * renames fails here instead of going missing from the matrix.
 */
const PSS_CONTROLS: Record<"Baseline" | "Restricted", readonly (readonly [string, string])[]> = {
    Baseline: [
        ["host-process", "HostProcess"],
        ["host-namespaces", "host namespaces"],
        ["privileged", "privileged"],
        ["capabilities", "capabilities"],
        ["host-path-volumes", "hostPath volumes"],
        ["host-ports", "host ports"],
        ["host-probes", "host probes and lifecycle hooks"],
        ["apparmor", "AppArmor"],
        ["selinux", "SELinux"],
        ["proc-mount", "/proc mount"],
        ["seccomp", "seccomp"],
        ["sysctls", "sysctls"],
    ],
    Restricted: [
        ["volume-types", "volume types"],
        ["privilege-escalation", "privilege escalation"],
        ["run-as-non-root", "running as non-root"],
        ["run-as-user", "runAsUser not 0"],
        ["seccomp", "seccomp RuntimeDefault or Localhost required"],
        ["capabilities", "capabilities drop ALL"],
        ["proc-mount", "/proc mount even with `hostUsers: false`"],
    ],
};

function pssControls(readme: string, file: string): CatalogControl[] {
    const lines = section(readme, file, "Pod Security Standards");
    const controls: CatalogControl[] = [];
    for (const level of ["Baseline", "Restricted"] as const) {
        const line = lines.find((l) => l.startsWith(`${level}`) && l.includes(":"));
        if (!line) throw new CatalogError(file, `has no "${level}:" line under Pod Security Standards`);
        const items = line.slice(line.indexOf(":") + 1).split("·").map((s) => s.trim()).filter(Boolean);
        const known = PSS_CONTROLS[level];
        if (items.length !== known.length) {
            throw new CatalogError(file, `lists ${items.length} ${level} controls, the report knows ${known.length}: update PSS_CONTROLS in preview/report/catalog.ts`);
        }
        for (const [id, phrase] of known) {
            const item = items.find((i) => i.startsWith(phrase));
            if (!item) throw new CatalogError(file, `has no ${level} control "${phrase}" (update PSS_CONTROLS in preview/report/catalog.ts)`);
            controls.push({ id: `${level.toLowerCase()}/${id}`, title: item, manual: false });
        }
    }
    return controls;
}

/** Reads every catalog; each problem names the file and what is missing. */
export function loadCatalog(dir: string): Catalog {
    const readmeFile = path.join(dir, "README.md");
    if (!fs.existsSync(readmeFile)) {
        throw new CatalogError(readmeFile, "is missing: the control catalogs are expected in ../shared/controls beside the checkout (or pass --catalog <dir>)");
    }
    const readme = fs.readFileSync(readmeFile, "utf8");
    return {
        dir,
        frameworks: [
            { key: "cisEks", short: "CIS EKS 1.8", title: "CIS Amazon EKS Benchmark v1.8.0", controls: cisControls(dir) },
            { key: "pss", short: "PSS v1.37", title: "Pod Security Standards (Kubernetes v1.37)", controls: pssControls(readme, readmeFile) },
            { key: "nist800190", short: "NIST 800-190", title: "NIST SP 800-190, section 4 (countermeasures)", controls: nistControls(readme, readmeFile) },
            { key: "nsaCisa", short: "NSA/CISA", title: "NSA/CISA Kubernetes Hardening Guidance v1.1 (main mitigations)", controls: nsaControls(readme, readmeFile) },
        ],
    };
}
