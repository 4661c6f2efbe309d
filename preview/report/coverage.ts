/**
 * The coverage matrix: every control of every catalog against what implements it (policies, by
 * their declared controls; component defaults, by their declarations), or why nothing can, or a
 * gap. Mappings that name a control the catalogs do not have are problems, never silently dropped.
 */
import { type ControlMap, controlTags } from "../../policy-packs/common/controls";
import type { BulwarkPolicy } from "../../policy-packs/common/policy";
import type { ComponentDefault } from "../../components/controls";
import type { AnalyzerInfo } from "../analyzer-client";
import type { Catalog, CatalogControl, FrameworkCatalog, FrameworkKey } from "./catalog";

const FRAMEWORK_KEYS: readonly FrameworkKey[] = ["cisEks", "pss", "nist800190", "nsaCisa"];

/** One policy and the controls it declares. */
export interface PolicyMapping {
    readonly pack: string;
    readonly policy: string;
    readonly severity?: string;
    readonly enforcementLevel?: string;
    readonly controls: ControlMap;
}

export type CoverageStatus = "policy" | "component" | "not-automatable" | "gap";

export interface CoverageRow {
    readonly framework: FrameworkKey;
    readonly control: CatalogControl;
    readonly status: CoverageStatus;
    readonly policies: readonly PolicyMapping[];
    readonly components: readonly ComponentDefault[];
    /** Why no policy or component can implement it (status "not-automatable"). */
    readonly reason?: string;
}

export interface Coverage {
    readonly frameworks: readonly { readonly catalog: FrameworkCatalog; readonly rows: readonly CoverageRow[] }[];
    /** Mappings that name unknown controls, and reasons given for implemented controls. */
    readonly problems: readonly string[];
}

export function policyMappingsFromMetadata(packs: readonly { packName: string; policies: readonly BulwarkPolicy[] }[]): PolicyMapping[] {
    return packs.flatMap((pack) =>
        pack.policies.map((p) => ({
            pack: pack.packName,
            policy: p.name,
            severity: p.metadata.severity,
            enforcementLevel: p.metadata.enforcementLevel,
            controls: p.metadata.controls,
        })),
    );
}

/** The tag prefix of each framework, taken from the tags the policies carry to the engine. */
const TAG_PREFIX: ReadonlyMap<string, FrameworkKey> = new Map(
    FRAMEWORK_KEYS.map((key) => {
        const tag = controlTags({ [key]: ["x"] } as ControlMap)[0];
        return [tag.slice(0, tag.lastIndexOf(":x") + 1), key] as const;
    }),
);

/** The controls a policy declares, read back from its tags (`cis-eks-1.8:4.1.1`); other tags are ignored. */
export function controlsFromTags(tags: readonly string[]): ControlMap {
    const map: Partial<Record<FrameworkKey, string[]>> = {};
    for (const tag of tags) {
        for (const [prefix, key] of TAG_PREFIX) {
            if (tag.startsWith(prefix)) (map[key] ??= []).push(tag.slice(prefix.length));
        }
    }
    return map;
}

/** Policy mappings as a running pack reports them over GetAnalyzerInfo: works for any pack that tags its policies. */
export function policyMappingsFromInfo(infos: readonly AnalyzerInfo[]): PolicyMapping[] {
    return infos.flatMap((info) =>
        info.policies.map((p) => ({
            pack: info.name,
            policy: p.name,
            severity: p.severity,
            enforcementLevel: p.enforcementLevel,
            controls: controlsFromTags(p.tags),
        })),
    );
}

function unknownControls(catalog: Catalog, what: string, controls: ControlMap): string[] {
    const problems: string[] = [];
    for (const fw of catalog.frameworks) {
        const ids = new Set(fw.controls.map((c) => c.id));
        for (const id of controls[fw.key] ?? []) {
            if (!ids.has(id)) problems.push(`${what} names ${fw.short} control "${id}", which ${fw.title} does not have (see ${catalog.dir})`);
        }
    }
    return problems;
}

export function buildCoverage(
    catalog: Catalog,
    policies: readonly PolicyMapping[],
    components: readonly ComponentDefault[],
    notAutomatable: Readonly<Partial<Record<FrameworkKey, Readonly<Record<string, string>>>>>,
): Coverage {
    const problems: string[] = [
        ...policies.flatMap((p) => unknownControls(catalog, `policy ${p.pack}/${p.policy}`, p.controls)),
        ...components.flatMap((c) => unknownControls(catalog, `component default ${c.component} ${c.arg}`, c.controls)),
    ];
    const frameworks = catalog.frameworks.map((fw) => {
        const reasons = notAutomatable[fw.key] ?? {};
        const ids = new Set(fw.controls.map((c) => c.id));
        for (const id of Object.keys(reasons)) {
            if (!ids.has(id)) problems.push(`preview/report/not-automatable.ts gives a reason for ${fw.short} control "${id}", which ${fw.title} does not have`);
        }
        const rows = fw.controls.map((control): CoverageRow => {
            const byPolicy = policies.filter((p) => p.controls[fw.key]?.includes(control.id));
            const byComponent = components.filter((c) => c.controls[fw.key]?.includes(control.id));
            const reason = reasons[control.id];
            if (reason && (byPolicy.length || byComponent.length)) {
                const by = [...byPolicy.map((p) => p.policy), ...byComponent.map((c) => `${c.component} ${c.arg}`)].join(", ");
                problems.push(`${fw.short} ${control.id} is listed as not automatable but ${by} implements it: remove it from preview/report/not-automatable.ts`);
            }
            const status: CoverageStatus = byPolicy.length ? "policy" : byComponent.length ? "component" : reason ? "not-automatable" : "gap";
            return { framework: fw.key, control, status, policies: byPolicy, components: byComponent, reason: status === "not-automatable" ? reason : undefined };
        });
        return { catalog: fw, rows };
    });
    return { frameworks, problems };
}

/** Counts per status, per framework. */
export function coverageCounts(coverage: Coverage): { framework: FrameworkCatalog; counts: Record<CoverageStatus, number>; total: number }[] {
    return coverage.frameworks.map(({ catalog, rows }) => {
        const counts: Record<CoverageStatus, number> = { policy: 0, component: 0, "not-automatable": 0, gap: 0 };
        for (const r of rows) counts[r.status]++;
        return { framework: catalog, counts, total: rows.length };
    });
}
