/**
 * Whether an EBS volume's `encrypted` input leaves it encrypted. Unset means "as the account and
 * region default, or as the snapshot it is made from": encrypted only where EBS encryption by default
 * is on, which the stack's settings state (`ebsEncryptionByDefault`), since a preview cannot see it.
 */
import { isTrue, isUnknown } from "./values";

export const ebsEncryptionByDefaultSchema = {
    type: "boolean" as const,
    default: false,
    description:
        "The account encrypts new EBS volumes by default in every region the stack uses (aws.ebs.EncryptionByDefault), so a volume that leaves `encrypted` unset is encrypted.",
};

/** Why a volume's encryption input leaves it unencrypted, or undefined when it is encrypted (or unknown at preview). */
export function unencrypted(encrypted: unknown, byDefault: boolean): "false" | "unset" | undefined {
    if (isUnknown(encrypted) || isTrue(encrypted)) return undefined;
    if (encrypted === undefined || encrypted === null) return byDefault ? undefined : "unset";
    return "false";
}

/** The fix, worded for the value found. */
export function unencryptedHint(why: "false" | "unset"): string {
    return why === "unset"
        ? "unset, so the volume is encrypted only if EBS encryption by default is on (set ebsEncryptionByDefault once it is)"
        : "false";
}
