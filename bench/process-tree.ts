/**
 * Memory of a process and all its descendants, sampled from /proc (Linux): each process's peak
 * resident set (VmHWM, which the kernel keeps, so a short-lived peak between samples still counts)
 * and the largest resident total of all of them at one moment.
 */
import * as fs from "fs";

export interface ProcessPeak {
    readonly pid: number;
    readonly command: string;
    /** Peak resident set, MiB (the kernel's VmHWM, last read while the process lived). */
    readonly peakMiB: number;
    /** CPU time (user and system), seconds, as last read while the process lived. */
    readonly cpuSeconds: number;
}

export interface TreeMemory {
    readonly processes: ProcessPeak[];
    /** The sum of every process's peak: an upper bound of what they held together. */
    readonly sumOfPeaksMiB: number;
    /** The largest resident total sampled at one moment. */
    readonly concurrentPeakMiB: number;
}

/** Every process's children, by parent pid. */
export function children(): Map<number, number[]> {
    const byParent = new Map<number, number[]>();
    for (const entry of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        try {
            const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
            const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
            byParent.set(ppid, [...(byParent.get(ppid) ?? []), Number(entry)]);
        } catch {
            // The process ended while we looked.
        }
    }
    return byParent;
}

/** CPU time (user and system) of a live process so far, in seconds. */
export function cpuSeconds(pid: number): number {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime: fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
}

function status(pid: number): { hwm: number; rss: number; command: string; cpu: number } | undefined {
    try {
        const text = fs.readFileSync(`/proc/${pid}/status`, "utf8");
        const cpu = cpuSeconds(pid);
        const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0);
        const command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).slice(0, 3).join(" ");
        return { hwm: kb("VmHWM") / 1024, rss: kb("VmRSS") / 1024, command, cpu };
    } catch {
        return undefined;
    }
}

/** Samples `root` and its descendants every `intervalMs` until `stop()`. */
export function watchTree(root: number, intervalMs = 50): { stop: () => TreeMemory } {
    const peaks = new Map<number, ProcessPeak>();
    let concurrent = 0;
    const sample = () => {
        const tree = children();
        const pids = [root];
        for (let i = 0; i < pids.length; i++) pids.push(...(tree.get(pids[i]) ?? []));
        let total = 0;
        for (const pid of pids) {
            const s = status(pid);
            if (!s) continue;
            total += s.rss;
            const seen = peaks.get(pid);
            peaks.set(pid, { pid, command: seen?.command || s.command, peakMiB: Math.max(s.hwm, seen?.peakMiB ?? 0), cpuSeconds: Math.max(s.cpu, seen?.cpuSeconds ?? 0) });
        }
        concurrent = Math.max(concurrent, total);
    };
    sample();
    const timer = setInterval(sample, intervalMs);
    return {
        stop: () => {
            clearInterval(timer);
            const processes = [...peaks.values()];
            return { processes, sumOfPeaksMiB: processes.reduce((a, p) => a + p.peakMiB, 0), concurrentPeakMiB: concurrent };
        },
    };
}
