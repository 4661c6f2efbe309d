/**
 * The Pod Security Admission labels of a Namespace or a NamespacePatch. A Namespace without a label
 * gets the admission plugin's default for it; a patch that leaves a label out leaves the live value
 * alone, so only the labels a patch sets can be judged.
 */
import { type Known, type Preview, isUnknown } from "./preview";

export const NAMESPACE = "kubernetes:core/v1:Namespace";
export const NAMESPACE_PATCH = "kubernetes:core/v1:NamespacePatch";
export const PSA_PREFIX = "pod-security.kubernetes.io";

export interface NamespaceLabels {
    /** The resource is a NamespacePatch: an unset label is not judged. */
    readonly partial: boolean;
    /** A label's value (undefined when unset); unknown at preview when the value or the whole map is. */
    readonly label: (key: string) => Known<unknown>;
    /** Exemptions of a Namespace are scoped by its own name. */
    readonly options: { readonly namespace?: string };
}

/** The labels of a Namespace or NamespacePatch; undefined for other types or when the label map is unknown. */
export function namespaceLabelsOf(type: string, props: Record<string, any>, preview: Preview): NamespaceLabels | undefined {
    if (type !== NAMESPACE && type !== NAMESPACE_PATCH) return undefined;
    const name = preview.read(() => props.metadata?.name);
    const labels = preview.read(() => props.metadata?.labels);
    if (isUnknown(labels)) return undefined;
    return {
        partial: type === NAMESPACE_PATCH,
        label: (key) => preview.read(() => (labels ?? {})[key]),
        options: typeof name === "string" ? { namespace: name } : {},
    };
}

/** `(unset)` or `(found "x")`, for messages. */
export function found(value: unknown, unset = "unset"): string {
    return value === undefined || value === null ? `(${unset})` : `(found "${String(value)}")`;
}
