/**
 * The EKS `aws-auth` ConfigMap (`kube-system/aws-auth`), which in the CONFIG_MAP authentication modes
 * maps IAM roles and users to Kubernetes users and groups. Its `mapRoles`/`mapUsers` values are YAML
 * lists kept as strings; a mapping into `system:masters` makes the IAM identity a cluster admin that no
 * RBAC object names and no RBAC change can revoke.
 */
import { type Preview, isUnknown } from "./preview";

export const CONFIG_MAP_TYPES: readonly string[] = ["kubernetes:core/v1:ConfigMap", "kubernetes:core/v1:ConfigMapPatch"];
const FIELDS = ["mapRoles", "mapUsers"] as const;
const MASTERS = /(^|[\s"'[,-])system:masters($|[\s"',\]])/m;

export interface MastersMapping {
    /** "data.mapRoles", for messages. */
    readonly field: string;
    /** The IAM ARN of the entry when it can be read ("arn:aws:iam::...:role/x"), else undefined. */
    readonly arn?: string;
}

/** The entries of an aws-auth ConfigMap (or patch) that map an IAM identity into system:masters. */
export function mastersMappings(type: string, props: Record<string, any>, preview: Preview): MastersMapping[] {
    if (!CONFIG_MAP_TYPES.includes(type)) return [];
    const name = preview.read(() => props.metadata?.name);
    const namespace = preview.read(() => props.metadata?.namespace);
    if (name !== "aws-auth" || namespace !== "kube-system") return [];
    const out: MastersMapping[] = [];
    for (const key of FIELDS) {
        const value = preview.read(() => props.data?.[key]);
        if (isUnknown(value) || typeof value !== "string" || !MASTERS.test(value)) continue;
        // Top-level list items start at column 0 with "- "; an entry is everything up to the next one.
        const entries = value.split(/\n(?=- )/).filter((e) => MASTERS.test(e));
        for (const entry of entries) {
            const arn = /(?:rolearn|userarn)\s*:\s*["']?([^\s"']+)/.exec(entry)?.[1];
            out.push({ field: `data.${key}`, arn });
        }
    }
    return out;
}
