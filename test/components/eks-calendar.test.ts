/**
 * The EKS release calendar as the AWS pack applies it: mandatory past the end of standard support,
 * advisory within 60 days of it, judged on an injected day (`asOf`) or today.
 */
import * as assert from "node:assert/strict";
import { EKS_CALENDAR, supportStatus } from "../../components/aws";
import { policies } from "../../policy-packs/aws/pack";
import { analyzeResource } from "../../preview/policy-runner";

const policy = policies.filter((p) => p.name === "eks-supported-version");

async function judge(version: string, asOf?: string) {
    const config = { "eks-supported-version": { enforcementLevel: "mandatory" as const, ...(asOf ? { asOf } : {}) } };
    const { diagnostics } = await analyzeResource(policy, { type: "aws:eks/cluster:Cluster", props: { version } }, { config });
    return diagnostics.map((d) => ({ level: d.enforcementLevel, message: d.message }));
}

describe("EKS release calendar", () => {
    it("lists each version once, oldest first, with standard support of 14 months and extended of 12 after it", () => {
        const versions = EKS_CALENDAR.map((e) => Number(e.version.split(".")[1]));
        assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
        assert.equal(new Set(versions).size, versions.length);
        for (const e of EKS_CALENDAR) {
            const months = (a: string, b: string) => (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
            assert.equal(months(e.release, e.endOfStandardSupport), 14, e.version);
            assert.equal(months(e.endOfStandardSupport, e.endOfExtendedSupport), 12, e.version);
        }
    });

    it("passes a version in standard support, and warns (advisory) within 60 days of its end", async () => {
        assert.deepEqual(await judge("1.34", "2026-06-01"), []);
        const warned = await judge("1.34", "2026-11-01");
        assert.equal(warned.length, 1);
        assert.equal(warned[0].level, "advisory");
        assert.match(warned[0].message, /leaves EKS standard support on 2026-12-02 \(in 31 days\): plan the upgrade to 1\.35/);
    });

    it("stops a version past the end of standard support (mandatory), naming the end of extended support", async () => {
        const stopped = await judge("1.34", "2026-12-03");
        assert.deepEqual(stopped.map((d) => d.level), ["mandatory"]);
        assert.match(stopped[0].message, /left EKS standard support on 2026-12-02 \(extended support, billed per cluster hour, ends 2027-12-02\): upgrade to 1\.35/);
    });

    it("judges on today's date when no day is injected", async () => {
        const today = new Date();
        for (const e of EKS_CALENDAR) {
            const status = supportStatus(e.version, today).kind;
            const levels = (await judge(e.version)).map((d) => d.level);
            const expected = status === "standard" ? [] : status === "ending" || status === "not-released" ? ["advisory"] : ["mandatory"];
            assert.deepEqual(levels, expected, `${e.version} is ${status} today`);
        }
    });

    it("asks for a calendar refresh (advisory) for a version newer than it lists", async () => {
        const unlisted = await judge("1.99", "2026-06-01");
        assert.deepEqual(unlisted.map((d) => d.level), ["advisory"]);
        assert.match(unlisted[0].message, /not on Bulwark's EKS release calendar/);
    });
});
