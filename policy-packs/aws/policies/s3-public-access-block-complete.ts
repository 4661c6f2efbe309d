import { resourcePolicy } from "../../common/policy";
import { isUnknown, plain } from "../lib/values";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;
const TYPES = ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"];

export default resourcePolicy({
    name: "s3-public-access-block-complete",
    types: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"],
    description: "S3 public access blocks must set all four protections.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { nsaCisa: ["4"] },
    remediation:
        "Set `blockPublicAcls`, `blockPublicPolicy`, `ignorePublicAcls` and `restrictPublicBuckets` to true. Serve public " +
        "content through CloudFront with origin access control instead of a public bucket.",
    validate: ({ type, props }, report) => {
        if (!TYPES.includes(type)) return;
        const p = plain(props);
        const off = FLAGS.filter((f) => !isUnknown(p[f]) && p[f] !== true);
        if (off.length > 0) report(`${off.join(", ")} must be true`);
    },
});
