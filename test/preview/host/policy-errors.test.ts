import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startPolicyPack } from "../../../preview/analyzer-client";
import { analyzeResource } from "../../../preview/policy-runner";
import { ROOT } from "../projects";

// Two policies that see the same resource: one throws on it, the other is innocent.
const POLICIES = `[
    {
        name: "innocent",
        description: "Looks at every resource and finds nothing.",
        enforcementLevel: "mandatory",
        validateResource: () => undefined,
    },
    {
        name: "throws-on-buckets",
        description: "Reads a property that is not there.",
        enforcementLevel: "mandatory",
        validateResource: (args) => {
            if (args.type === "aws:s3/bucket:Bucket") return args.props.versioning.enabled.toString();
        },
    },
    {
        name: "innocent-too",
        description: "Looks at every resource after it and finds nothing.",
        enforcementLevel: "mandatory",
        validateResource: () => undefined,
    },
]`;

function throwingPack(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-throwing-pack-"));
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "throwing", version: "0.0.1", main: "index.js" }));
    fs.writeFileSync(path.join(dir, "policies.js"), `module.exports = ${POLICIES};\n`);
    fs.writeFileSync(path.join(dir, "index.js"), `const { PolicyPack } = require("@pulumi/policy");\nnew PolicyPack("throwing", { policies: require("./policies") });\n`);
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    return dir;
}

const BUCKET = { type: "aws:s3/bucket:Bucket", name: "site", props: { bucket: "site", tags: {} } };

describe("a policy that throws is blamed for it, and no other", () => {
    const dir = throwingPack();

    it("over the Analyzer protocol", async function () {
        this.timeout(120_000);
        const pack = await startPolicyPack(dir);
        try {
            await pack.configure({});
            await assert.rejects(pack.analyze(BUCKET), (e: Error) => {
                assert.match(e.message, /Error validating resource with policy 'throws-on-buckets'/);
                assert.doesNotMatch(e.message, /policy 'innocent/);
                return true;
            });
            const other = await pack.analyze({ type: "aws:s3/bucketObject:BucketObject", props: { bucket: "site" } });
            assert.deepStrictEqual(other.diagnostics, []);
        } finally {
            await pack.close();
        }
    });

    it("in-process", async () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const policies = require(path.join(dir, "policies.js"));
        await assert.rejects(analyzeResource(policies, BUCKET), (e: Error) => {
            assert.match(e.message, /Error validating resource with policy 'throws-on-buckets'/);
            assert.doesNotMatch(e.message, /policy 'innocent/);
            return true;
        });
    });
});
