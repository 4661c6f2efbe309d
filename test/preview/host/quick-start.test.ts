import * as assert from "assert";
import { runOfflinePreview } from "../../../preview/offline-preview";
import { toPolicyInputs } from "../../../preview/policy-runner";
import { UNKNOWN } from "../../../preview/types";
import { PACKS, outputSink, programProject } from "./programs";

// Pulumi's quick-start, as teams grow it: resources passed as inputs, files read relative to the
// program, a component of their own with a child, and a component passed to another.
const QUICK_START = {
    "default.conf": "server { listen 80; }\n",
    "www/index.html": "<h1>hello</h1>\n",
    "www/about.html": "<h1>about</h1>\n",
    "index.ts": `import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as path from "path";

const conf = fs.readFileSync("default.conf", "utf8");

const siteBucket = new aws.s3.Bucket("site", { tags: { server: conf.includes("listen 80") ? "http" : "other" } });
for (const file of fs.readdirSync("www")) {
    new aws.s3.BucketObject(file, { bucket: siteBucket, source: new pulumi.asset.FileAsset(path.join("www", file)), contentType: "text/html" });
}

const role = new aws.iam.Role("app", {
    assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ec2.amazonaws.com" } }] }),
});
new aws.iam.RolePolicyAttachment("app-read", { role: role, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });

class Site extends pulumi.ComponentResource {
    readonly assets: aws.s3.Bucket;
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("acme:web:Site", name, {}, opts);
        this.assets = new aws.s3.Bucket(\`\${name}-assets\`, {}, { parent: this });
        this.registerOutputs({ assets: this.assets.bucket });
    }
}
class Portal extends pulumi.ComponentResource {
    constructor(name: string, args: { site: Site }, opts?: pulumi.ComponentResourceOptions) {
        super("acme:web:Portal", name, args, opts);
        this.registerOutputs({});
    }
}
const docs = new Site("docs");
new Portal("portal", { site: docs });

export const bucketName = siteBucket.bucket;
`,
};

describe("program host: the quick-start pattern", function () {
    // The program is type-checked by Pulumi's own TypeScript support, as `pulumi preview` does.
    this.timeout(300_000);

    it("previews resource references, relative file reads and components, with both packs and no protocol error", async () => {
        const dir = programProject("quick-start", QUICK_START);
        const out = outputSink();
        const report = await runOfflinePreview({ projectDir: dir, stack: "dev", packs: PACKS, onProgramOutput: out.onProgramOutput });
        assert.strictEqual(report.project, "quick-start");
        assert.deepStrictEqual(report.packs.map((p) => p.name), ["bulwark-kubernetes", "bulwark-aws"]);

        const byName = (name: string) => {
            const found = report.resources.find((r) => r.name === name);
            assert.ok(found, `${name} was not registered; got ${report.resources.map((r) => r.name).join(", ")}`);
            return found;
        };
        // The www/ folder and default.conf were read from the project folder.
        assert.ok(byName("index.html") && byName("about.html"));
        assert.deepStrictEqual(byName("site").inputs.tags, { server: "http" });

        // URNs as the engine builds them: top-level resources without the stack's type, children
        // qualified with their parent's.
        assert.strictEqual(byName("site").urn, "urn:pulumi:dev::quick-start::aws:s3/bucket:Bucket::site");
        assert.strictEqual(byName("docs-assets").urn, "urn:pulumi:dev::quick-start::acme:web:Site$aws:s3/bucket:Bucket::docs-assets");
        assert.strictEqual(byName("docs-assets").parent, byName("docs").urn);

        // The references are recorded as the SDK sent them; the conversion happens on the way to the packs.
        assert.strictEqual((byName("index.html").inputs.bucket as Record<string, unknown>).urn, byName("site").urn);
        // What the analyzers get: a custom resource's ID (unknown until it exists), a component's URN.
        const inputs = toPolicyInputs(report.resources);
        const propsOf = (name: string) => inputs.find((r) => r.name === name)!.props;
        assert.strictEqual(propsOf("index.html").bucket, UNKNOWN);
        assert.strictEqual(propsOf("app-read").role, UNKNOWN);
        assert.strictEqual(propsOf("portal").site, byName("docs").urn);
        assert.strictEqual(report.outputs.bucketName, UNKNOWN, "a bucket's name is computed by the provider");
    });
});
