/**
 * Control mappings: which published controls a policy implements. IDs come from the catalogs in
 * `shared/controls/` (CIS Amazon EKS Benchmark 1.8.0, NIST SP 800-190 section 4, the NSA/CISA
 * Kubernetes Hardening Guidance main mitigations, and the Pod Security Standards controls).
 */
export interface ControlMap {
    /** CIS Amazon EKS Benchmark v1.8.0 recommendation IDs, e.g. "4.1.1". */
    readonly cisEks?: readonly string[];
    /** NIST SP 800-190 section 4 countermeasure IDs, e.g. "4.4.3". */
    readonly nist800190?: readonly string[];
    /** NSA/CISA Kubernetes Hardening Guidance main mitigations (1-7), e.g. "2". */
    readonly nsaCisa?: readonly string[];
    /** Pod Security Standards controls as "<level>/<control>", e.g. "baseline/privileged". */
    readonly pss?: readonly string[];
}

/** At least one framework must be named: a policy that maps to nothing has no reason to exist. */
export type Controls = ControlMap &
    ({ cisEks: readonly string[] } | { nist800190: readonly string[] } | { nsaCisa: readonly string[] } | { pss: readonly string[] });

const CIS_ID = /^\d+(\.\d+){1,3}$/;
const NIST_ID = /^4\.[1-5](\.[1-5])?$/;
const NSA_ID = /^[1-7]$/;
const PSS_ID = /^(baseline|restricted)\/[a-z0-9-]+$/;

/** Returns the problems with a control map; empty when it is well formed. */
export function checkControls(controls: ControlMap): string[] {
    const problems: string[] = [];
    const check = (key: keyof ControlMap, re: RegExp) => {
        for (const id of controls[key] ?? []) {
            if (!re.test(id)) problems.push(`controls.${key} has a malformed ID "${id}"`);
        }
    };
    check("cisEks", CIS_ID);
    check("nist800190", NIST_ID);
    check("nsaCisa", NSA_ID);
    check("pss", PSS_ID);
    const total = (["cisEks", "nist800190", "nsaCisa", "pss"] as const).reduce((n, k) => n + (controls[k]?.length ?? 0), 0);
    if (total === 0) problems.push("controls names no control");
    return problems;
}

/** Tags carried by a policy over the Analyzer protocol, one per control: "cis-eks-1.8:4.1.1". */
export function controlTags(controls: ControlMap): string[] {
    return [
        ...(controls.cisEks ?? []).map((id) => `cis-eks-1.8:${id}`),
        ...(controls.nist800190 ?? []).map((id) => `nist-sp-800-190:${id}`),
        ...(controls.nsaCisa ?? []).map((id) => `nsa-cisa-k8s-hardening-1.1:${id}`),
        ...(controls.pss ?? []).map((id) => `pss-v1.37:${id}`),
    ];
}
