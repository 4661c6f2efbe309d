/**
 * The upstream Pod Security Standards fixtures (kubernetes/pod-security-admission, v1.37), read in
 * place from the shared conformance folder, and the verdict each one expects from the pss-* policies.
 */
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import type { Diagnostic } from "../../preview/types";
import { ROOT } from "./packs";

export const CONFORMANCE_DIR = path.resolve(ROOT, "../shared/conformance/pod-security-admission-v1.37");

/** Upstream check ID (as fail files are named, lower-cased) → the policy that implements it. */
export const CHECK_POLICIES: Readonly<Record<string, string>> = {
    windowshostprocess: "pss-baseline-host-process",
    hostnamespaces: "pss-baseline-host-namespaces",
    privileged: "pss-baseline-privileged",
    capabilities_baseline: "pss-baseline-capabilities",
    hostpathvolumes: "pss-baseline-host-path-volumes",
    hostports: "pss-baseline-host-ports",
    hostprobesandhostlifecycle: "pss-baseline-host-probes",
    apparmorprofile: "pss-baseline-apparmor",
    selinuxoptions: "pss-baseline-selinux",
    procmount: "pss-baseline-proc-mount",
    seccompprofile_baseline: "pss-baseline-seccomp",
    sysctls: "pss-baseline-sysctls",
    restrictedvolumes: "pss-restricted-volume-types",
    allowprivilegeescalation: "pss-restricted-privilege-escalation",
    runasnonroot: "pss-restricted-run-as-non-root",
    runasuser: "pss-restricted-run-as-user",
    seccompprofile_restricted: "pss-restricted-seccomp",
    capabilities_restricted: "pss-restricted-capabilities",
    procmount_restricted: "pss-restricted-proc-mount",
};

export type Level = "baseline" | "restricted";

export interface ConformanceCase {
    readonly level: Level;
    readonly verdict: "pass" | "fail";
    /** "restricted/fail/runasuser1.yaml" */
    readonly id: string;
    /** The check a fail file violates, from its name: "runasuser". */
    readonly checkId: string;
    readonly pod: { metadata: Record<string, unknown>; spec: Record<string, unknown> };
}

export function loadCases(): ConformanceCase[] {
    const cases: ConformanceCase[] = [];
    for (const level of ["baseline", "restricted"] as const) {
        for (const verdict of ["pass", "fail"] as const) {
            const dir = path.join(CONFORMANCE_DIR, level, verdict);
            for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort()) {
                const doc = yaml.load(fs.readFileSync(path.join(dir, file), "utf8")) as ConformanceCase["pod"] & { kind: string };
                if (doc.kind !== "Pod") throw new Error(`${level}/${verdict}/${file} is a ${doc.kind}, not a Pod`);
                cases.push({ level, verdict, id: `${level}/${verdict}/${file}`, checkId: file.replace(/\d*\.yaml$/, ""), pod: doc });
            }
        }
    }
    return cases;
}

/** The fixture as the Pod resource a program would declare. */
export function podResource(c: ConformanceCase) {
    return { type: "kubernetes:core/v1:Pod", name: String(c.pod.metadata.name), props: { apiVersion: "v1", kind: "Pod", ...c.pod } };
}

/** The pss-* policies a level enforces: baseline ones for baseline, all of them for restricted. */
export function enforcedAt(level: Level, policyName: string): boolean {
    return policyName.startsWith("pss-baseline-") || (level === "restricted" && policyName.startsWith("pss-restricted-"));
}

/** What is wrong with the diagnostics a fixture got, against the verdict it expects; empty when they agree. */
export function disagreements(c: ConformanceCase, diagnostics: readonly Diagnostic[]): string[] {
    const relevant = diagnostics.filter((d) => enforcedAt(c.level, d.policyName));
    if (c.verdict === "pass") return relevant.map((d) => `unexpected ${d.policyName}: ${d.message}`);
    const policy = CHECK_POLICIES[c.checkId];
    if (!policy) return [`no policy is mapped to check "${c.checkId}"`];
    if (relevant.some((d) => d.policyName === policy && d.enforcementLevel === "mandatory")) return [];
    const got = relevant.map((d) => `${d.policyName} (${d.enforcementLevel})`).join(", ") || "nothing";
    return [`expected a mandatory ${policy} violation, got ${got}`];
}
