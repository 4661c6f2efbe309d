/**
 * SARIF 2.1.0 for GitHub code scanning (`--sarif`): one rule per policy with its description,
 * remediation and security severity, one result per violation located at the resource's URN and at
 * the program file that declared it (else the project's `Pulumi.yaml`, so every alert has a file).
 * Resources the gate could not see are tool notifications, so an incomplete run never reads as clean;
 * so are the exemption requests, accepted or not, with how to accept one.
 */
import * as path from "path";
import { pathToFileURL } from "url";
import type * as sarif from "sarif";
import type { OfflinePreviewReport, PackResult } from "../offline-preview";
import type { PolicyInfo } from "../analyzer-client";
import type { Diagnostic, RecordedResource } from "../types";
import { controlsOf } from "./json";

export interface SarifOptions {
    /** The project folder (with `Pulumi.yaml`). */
    readonly projectDir: string;
    /** Paths in the log are relative to this folder (`%SRCROOT%`): the repository root in CI. */
    readonly sourceRoot: string;
    /** The gate's own name and version, as the run's tool. */
    readonly toolVersion: string;
}

/** GitHub reads `security-severity` as a CVSS-like score: over 9 critical, 7-8.9 high, 4-6.9 medium, else low. */
const SECURITY_SEVERITY: Record<string, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

function levelOf(enforcement: string): sarif.Result.level {
    return enforcement === "mandatory" ? "error" : enforcement === "advisory" ? "warning" : "note";
}

/** A location under the source root as a relative URI; anything else as an absolute file URI. */
function artifactLocation(file: string, sourceRoot: string): sarif.ArtifactLocation {
    const rel = path.relative(sourceRoot, file);
    if (rel && !rel.startsWith("..") && !path.isAbsolute(rel)) return { uri: rel.split(path.sep).join("/"), uriBaseId: "%SRCROOT%" };
    return { uri: pathToFileURL(file).href };
}

/** The program file and line that registered a resource, when the runtime reported it. */
function ownSource(resource: RecordedResource): { file: string; line: number } | undefined {
    const pos = resource.sourcePosition;
    if (!pos?.uri) return undefined;
    const file = pos.uri.startsWith("file://") ? decodeURIComponent(new URL(pos.uri).pathname) : pos.uri;
    if (!path.isAbsolute(file) || file.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
    return { file, line: Math.max(1, pos.line) };
}

/**
 * Where the program declared a resource: its own position, else its nearest ancestor's, so an object
 * a ConfigFile or a chart creates points at the line that declared the ConfigFile or the chart.
 */
function sourceFile(resource: RecordedResource | undefined, byUrn: ReadonlyMap<string, RecordedResource>): { file: string; line: number } | undefined {
    for (let r = resource, hops = 0; r && hops < 100; r = r.parent ? byUrn.get(r.parent) : undefined, hops++) {
        const found = ownSource(r);
        if (found) return found;
    }
    return undefined;
}

function ruleOf(id: string, pack: PackResult, policy: PolicyInfo | undefined, name: string): sarif.ReportingDescriptor {
    const description = policy?.description || name;
    const controls = controlsOf(pack, name);
    const remediation = policy?.remediationSteps ?? "";
    const fw = policy?.framework;
    const framework = fw?.name ? ` (${fw.name} ${fw.version}: ${fw.reference})` : "";
    const rule: sarif.ReportingDescriptor = {
        id,
        name,
        shortDescription: { text: description },
        fullDescription: { text: `${description}${framework} Enforced by the policy pack ${pack.name}@${pack.version}.` },
        help: {
            text: `${description}\n\nRemediation:\n${remediation || "See the policy pack's README."}\n\nControls: ${controls.join(", ") || "none declared"}`,
            markdown: `**${description}**\n\n### Remediation\n\n${remediation || "See the policy pack's README."}\n\n### Controls\n\n${
                controls.map((c) => `- \`${c}\``).join("\n") || "None declared."
            }`,
        },
        defaultConfiguration: { level: levelOf(policy?.enforcementLevel ?? "advisory") },
        properties: { tags: ["security", pack.name, ...controls], precision: "high", pack: pack.name },
    };
    const severity = policy?.severity && SECURITY_SEVERITY[policy.severity];
    if (severity) rule.properties!["security-severity"] = severity;
    return rule;
}

export function toSarif(report: OfflinePreviewReport, options: SarifOptions): sarif.Log {
    const pulumiYaml = path.join(options.projectDir, "Pulumi.yaml");
    const byUrn = new Map(report.resources.map((r) => [r.urn, r]));
    // Rule IDs are policy names; a name that two packs share is qualified by its pack.
    const owners = new Map<string, Set<string>>();
    for (const pack of report.packs) for (const p of pack.policies) owners.set(p.name, (owners.get(p.name) ?? new Set()).add(pack.name));
    const ruleId = (pack: PackResult, policy: string) => ((owners.get(policy)?.size ?? 0) > 1 ? `${pack.name}/${policy}` : policy);

    const rules: sarif.ReportingDescriptor[] = [];
    const index = new Map<string, number>();
    const ruleIndex = (pack: PackResult, name: string): number => {
        const id = ruleId(pack, name);
        if (!index.has(id)) {
            index.set(id, rules.length);
            rules.push(ruleOf(id, pack, pack.policies.find((p) => p.name === name), name));
        }
        return index.get(id)!;
    };
    for (const pack of report.packs) for (const p of pack.policies) ruleIndex(pack, p.name);

    const results: sarif.Result[] = report.packs.flatMap((pack) =>
        pack.diagnostics.map((d: Diagnostic): sarif.Result => {
            const resource = d.urn ? byUrn.get(d.urn) : undefined;
            const source = sourceFile(resource, byUrn);
            const region = { startLine: source?.line ?? 1 };
            const location: sarif.Location = {
                physicalLocation: { artifactLocation: artifactLocation(source?.file ?? pulumiYaml, options.sourceRoot), region },
                logicalLocations: [
                    d.urn
                        ? { name: resource?.name ?? d.urn.split("::").pop(), fullyQualifiedName: d.urn, kind: "resource" }
                        : { name: report.stack, fullyQualifiedName: `stack:${report.project}/${report.stack}`, kind: "module" },
                ],
            };
            const i = ruleIndex(pack, d.policyName);
            return {
                ruleId: rules[i].id,
                ruleIndex: i,
                level: levelOf(d.enforcementLevel),
                message: { text: d.message },
                locations: [location],
                // Stable across runs and line moves: the same policy on the same resource is the same alert.
                partialFingerprints: { "bulwarkPolicyUrn/v1": `${rules[i].id}:${d.urn ?? `stack:${report.stack}`}` },
                properties: { pack: pack.name, enforcementLevel: d.enforcementLevel, ...(d.severity ? { severity: d.severity } : {}) },
            };
        }),
    );

    return {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: "bulwark",
                        version: options.toolVersion,
                        rules,
                    },
                },
                automationDetails: { id: `bulwark/${report.project}/${report.stack}/` },
                originalUriBaseIds: { "%SRCROOT%": { uri: pathToFileURL(options.sourceRoot + path.sep).href } },
                invocations: [
                    {
                        executionSuccessful: report.incomplete.length === 0,
                        toolExecutionNotifications: [
                            ...report.incomplete.map((r) => ({
                                level: "error" as const,
                                message: { text: `not analyzed: ${r.reason}` },
                                locations: [{ logicalLocations: [{ name: r.urn.split("::").pop(), fullyQualifiedName: r.urn, kind: "resource" }] }],
                            })),
                            // Exemptions the program and its components asked for: a request not accepted lifts nothing.
                            ...(report.exemptionRequests ?? []).map((r) => ({
                                level: r.accepted ? ("note" as const) : ("warning" as const),
                                message: {
                                    text: r.accepted
                                        ? `exemption request ${r.id} from ${r.requestedBy} accepted by ${r.acceptedBy ?? "the stack's policy settings"}${r.expires ? ` until ${r.expires}` : ""}: lifts ${r.policies.join(", ")}`
                                        : `exemption request ${r.id} from ${r.requestedBy} not accepted: ${r.why ?? "the stack's policy settings do not accept it"}` +
                                          (r.howToAccept ? `; to accept it, add to the stack's policy settings:\n${r.howToAccept}` : ""),
                                },
                                locations: [{ logicalLocations: [{ name: r.id, fullyQualifiedName: r.requesterUrn, kind: "resource" }] }],
                                properties: { exemptionRequest: r },
                            })),
                        ],
                    },
                ],
                results,
            },
        ],
    };
}
