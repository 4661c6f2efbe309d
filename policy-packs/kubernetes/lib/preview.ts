/**
 * Reading inputs that may be unknown at preview. The engine's proxy throws on the first unknown it
 * meets, which would skip every later check of the resource; reading field by field lets a policy
 * check everything it can, report what is wrong, and only then hand the engine the first unknown so
 * that it says "can't run during preview" for the rest. A value unknown at preview is therefore
 * never a violation by itself, and never hides one either. A resource policy that reports a violation
 * does not also hand over the unknown: the resource is already decided, and is checked whole again
 * during the update.
 */
import type { Report, ResourceCheck, StackCheck } from "../../common/policy";

/** Stands for a value the engine will only know during the update. */
export const UNKNOWN_AT_PREVIEW: unique symbol = Symbol("unknown at preview");
export type Known<T> = T | typeof UNKNOWN_AT_PREVIEW;

// Duck-typed rather than imported, so the check holds whichever copy of @pulumi/policy threw it.
function isUnknownValueError(e: unknown): e is Error {
    return e instanceof Error && "unknownTypeSentinel" in e;
}

export class Preview {
    private deferred: Error | undefined;
    private reported = false;

    /**
     * @param decidedByReport a resource policy passes true: once it has reported the resource, the
     * resource has been judged, so an unknown elsewhere in it is not also "can't run during preview"
     * (one resource never gets both a violation and that advisory from one policy).
     */
    constructor(private readonly decidedByReport = false) {}

    /** Wraps a report so that the Preview knows the resource has been judged. */
    reporting(report: Report): Report {
        return (message, options) => {
            this.reported = true;
            report(message, options);
        };
    }

    /** Runs a read; an unknown value comes back as UNKNOWN_AT_PREVIEW and is remembered. */
    read<T>(get: () => T): Known<T> {
        try {
            return get();
        } catch (e) {
            if (!isUnknownValueError(e)) throw e;
            this.deferred ??= e;
            return UNKNOWN_AT_PREVIEW;
        }
    }

    /** Reads a list of strings; unknown elements are left out (and remembered), so a check sees only what is known. */
    strings(get: () => unknown): Known<string[]> | undefined {
        const list = this.read(get);
        if (list === UNKNOWN_AT_PREVIEW) return UNKNOWN_AT_PREVIEW;
        if (!Array.isArray(list)) return undefined;
        const out: string[] = [];
        const n = list.length;
        for (let i = 0; i < n; i++) {
            const v = this.read(() => list[i]);
            if (typeof v === "string") out.push(v);
        }
        return out;
    }

    /** Reads each element of a list; unknown elements are skipped (and remembered). */
    items(get: () => unknown): { readonly index: number; readonly value: any }[] {
        const list = this.read(get);
        if (list === UNKNOWN_AT_PREVIEW || !Array.isArray(list)) return [];
        const out: { index: number; value: any }[] = [];
        const n = list.length;
        for (let i = 0; i < n; i++) {
            const v = this.read(() => list[i]);
            if (v !== UNKNOWN_AT_PREVIEW) out.push({ index: i, value: v });
        }
        return out;
    }

    /** The first unknown value a read met, if any. */
    get firstUnknown(): Error | undefined {
        return this.deferred;
    }

    /** Remembers an unknown value met by a read made elsewhere on this Preview's behalf (a shared listing). */
    remember(e: Error): void {
        this.deferred ??= e;
    }

    /** Whether any read met an unknown value. */
    get incomplete(): boolean {
        return this.deferred !== undefined;
    }

    /**
     * Hands the first unknown to the engine, which turns it into an advisory "can't run during preview";
     * for a resource policy, only when nothing was reported: a violation already decides the resource,
     * and the whole check runs again during the update.
     */
    finish(): void {
        if (this.deferred && !(this.decidedByReport && this.reported)) throw this.deferred;
    }
}

export function isUnknown(v: unknown): v is typeof UNKNOWN_AT_PREVIEW {
    return v === UNKNOWN_AT_PREVIEW;
}

/**
 * Runs a check with a fresh Preview, then surfaces the first unknown it met (after all reports are in).
 * `perResource`: the check judges one resource (see the Preview constructor).
 */
export function withPreview<T>(
    check: (preview: Preview, args: T, report: Report) => void,
    perResource = false,
): (args: T, report: Report) => void {
    return (args, report) => {
        const preview = new Preview(perResource);
        check(preview, args, preview.reporting(report));
        preview.finish();
    };
}

/** withPreview for a resource policy (C: the policy's config). */
export function previewResource<C extends object = object>(
    check: (preview: Preview, args: ResourceCheck<C>, report: Report) => void,
): (args: ResourceCheck<C>, report: Report) => void {
    return withPreview(check, true);
}

/** withPreview for a stack policy (C: the policy's config). */
export function previewStack<C extends object = object>(
    check: (preview: Preview, args: StackCheck<C>, report: Report) => void,
): (args: StackCheck<C>, report: Report) => void {
    return withPreview(check);
}
