import * as assert from "assert";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { OUTPUT_SIG, RESOURCE_SIG, SECRET_SIG, SIG_KEY, withoutResourceReferences } from "../../../preview/host/references";
import { analyzeResource } from "../../../preview/policy-runner";
import { UNKNOWN } from "../../../preview/types";

const BUCKET_URN = "urn:pulumi:dev::site::aws:s3/bucket:Bucket::site";
const SITE_URN = "urn:pulumi:dev::site::acme:web:Site::docs";
const ref = (urn: string, id?: string) => ({ [SIG_KEY]: RESOURCE_SIG, urn, ...(id !== undefined ? { id } : {}) });

describe("resource references, as the engine hands them on", () => {
    it("become the resource's ID, unknown until it exists, or a component's URN, at any depth", () => {
        const props = {
            bucket: ref(BUCKET_URN, UNKNOWN),
            imported: ref(BUCKET_URN, "site-bucket-1234"),
            pending: ref(BUCKET_URN, ""),
            site: ref(SITE_URN),
            nested: { list: [ref(SITE_URN), "plain"] },
            secret: { [SIG_KEY]: SECRET_SIG, value: ref(BUCKET_URN, "b-1") },
        };
        assert.deepStrictEqual(withoutResourceReferences(props), {
            bucket: UNKNOWN,
            imported: "site-bucket-1234",
            pending: UNKNOWN,
            site: SITE_URN,
            nested: { list: [SITE_URN, "plain"] },
            secret: { [SIG_KEY]: SECRET_SIG, value: "b-1" },
        });
    });

    it("turns output values into their values, keeping secrets secret and unknowns unknown", () => {
        const props = {
            known: { [SIG_KEY]: OUTPUT_SIG, value: "v", dependencies: [BUCKET_URN] },
            hidden: { [SIG_KEY]: OUTPUT_SIG, value: "s", secret: true },
            unknown: { [SIG_KEY]: OUTPUT_SIG, dependencies: [] },
        };
        assert.deepStrictEqual(withoutResourceReferences(props), { known: "v", hidden: { [SIG_KEY]: SECRET_SIG, value: "s" }, unknown: UNKNOWN });
    });

    it("leaves properties without references untouched (the same object)", () => {
        const props = { a: [1, { b: "c" }], d: null };
        assert.strictEqual(withoutResourceReferences(props), props);
    });

    it("reach an in-process policy as the ID the engine sends, so an unknown ID is undecided, not a crash", async () => {
        const seen: unknown[] = [];
        const policy: ResourceValidationPolicy = {
            name: "reads-bucket",
            description: "Reads the bucket a policy is attached to.",
            enforcementLevel: "mandatory",
            validateResource: (args) => void seen.push(args.props.bucket),
        };
        const known = await analyzeResource([policy], { type: "aws:s3/bucketPolicy:BucketPolicy", props: { bucket: ref(BUCKET_URN, "b-1") } });
        assert.deepStrictEqual([seen, known.diagnostics], [["b-1"], []]);
        const unknown = await analyzeResource([policy], { type: "aws:s3/bucketPolicy:BucketPolicy", props: { bucket: ref(BUCKET_URN, UNKNOWN) } });
        assert.match(unknown.diagnostics[0]?.message ?? "", /can't run policy 'reads-bucket' .* during preview/);
    });
});
