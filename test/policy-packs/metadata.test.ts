/** Fails any policy that lacks metadata, a fixture of either kind, or a place in its pack's list. */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { checkControls } from "../../policy-packs/common/controls";
import type { PolicyFixtures } from "../../policy-packs/common/fixtures";
import * as yaml from "js-yaml";
import { PACKS, ROOT, policyFiles } from "./packs";

/** Every check ID of the CIS Amazon EKS Benchmark 1.8.0, from the catalog in shared/controls. */
function cisEksIds(): Set<string> {
    const dir = path.resolve(ROOT, "../shared/controls/cis-eks-1.8.0");
    const ids = new Set<string>();
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
        const doc = yaml.load(fs.readFileSync(path.join(dir, file), "utf8")) as { groups?: { checks?: { id: string | number }[] }[] };
        for (const group of doc?.groups ?? []) for (const check of group.checks ?? []) ids.add(String(check.id));
    }
    return ids;
}

/** The Pod Security Standards controls, as the shared catalog names them (README section). */
const PSS_CONTROLS = {
    baseline: ["host-process", "host-namespaces", "privileged", "capabilities", "host-path-volumes", "host-ports", "host-probes", "apparmor", "selinux", "proc-mount", "seccomp", "sysctls"],
    restricted: ["volume-types", "privilege-escalation", "run-as-non-root", "run-as-user", "seccomp", "capabilities", "proc-mount"],
};
const CIS = cisEksIds();

for (const [packDir, pack] of Object.entries(PACKS)) {
    describe(`policy pack ${packDir}: metadata`, () => {
        it("lists exactly the policies in its policies/ folder, each named for its file", () => {
            assert.deepStrictEqual(pack.policies.map((p) => p.name).sort(), policyFiles(pack));
        });

        it("has no two policies with the same name", () => {
            const names = pack.policies.map((p) => p.name);
            assert.deepStrictEqual(names.filter((n, i) => names.indexOf(n) !== i), []);
        });

        for (const policy of pack.policies) {
            describe(policy.name, () => {
                it("declares description, severity, level, remediation and well-formed controls", () => {
                    const m = policy.metadata;
                    assert.match(m.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
                    assert.ok(m.description.length >= 20, "description is a sentence");
                    assert.ok(["low", "medium", "high", "critical"].includes(m.severity));
                    assert.ok(["mandatory", "advisory"].includes(m.enforcementLevel));
                    assert.ok(m.remediation.length >= 20, "remediation says what to do");
                    assert.deepStrictEqual(checkControls(m.controls), []);
                    for (const id of m.controls.cisEks ?? []) assert.ok(CIS.has(id), `CIS EKS 1.8.0 has no recommendation ${id}`);
                    for (const id of m.controls.pss ?? []) {
                        const [level, control] = id.split("/") as ["baseline" | "restricted", string];
                        assert.ok(PSS_CONTROLS[level]?.includes(control), `Pod Security Standards have no control ${id}`);
                    }
                    assert.ok((policy.tags ?? []).length > 0, "control tags reach the engine");
                });

                it("has passing and failing fixtures beside it", () => {
                    const file = path.join(pack.dir, "policies", `${policy.name}.fixtures.ts`);
                    assert.ok(fs.existsSync(file), `${file} is missing`);
                    // eslint-disable-next-line @typescript-eslint/no-require-imports
                    const { fixtures } = require(file) as { fixtures: PolicyFixtures };
                    assert.ok(Object.keys(fixtures.pass).length > 0, "no passing fixture");
                    assert.ok(Object.keys(fixtures.fail).length > 0, "no failing fixture");
                });
            });
        }
    });
}
