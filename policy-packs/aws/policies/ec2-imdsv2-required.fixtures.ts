import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { fail, pass } from "../lib/resources.fixtures";

const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const I = "aws:ec2/instance:Instance";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "launch-template-imdsv2-one-hop": pass(LT),
        "instance-imdsv2-one-hop": pass(I),
        "metadata-endpoint-disabled": pass(LT, (p) => {
            p.metadataOptions = { httpEndpoint: "disabled" };
        }),
        "two-hops-allowed-by-config": pass(LT, (p) => (p.metadataOptions.httpPutResponseHopLimit = 2), { maxMetadataHopLimit: 2 }),
        "instance-from-a-launch-template": pass(I, (p) => {
            delete p.metadataOptions;
            p.launchTemplate = { id: "lt-0abc", version: "$Latest" };
        }),
        "tokens-unknown-at-preview": pass(LT, (p) => {
            p.metadataOptions.httpTokens = UNKNOWN;
        }),
    },
    fail: {
        "launch-template-without-metadata-options": fail(LT, "metadataOptions.httpTokens is unset", (p) => {
            delete p.metadataOptions;
        }),
        "launch-template-imdsv1-allowed": fail(LT, 'metadataOptions.httpTokens is "optional"', (p) => {
            p.metadataOptions.httpTokens = "optional";
        }),
        "launch-template-two-hops": fail(LT, "metadataOptions.httpPutResponseHopLimit is 2", (p) => {
            p.metadataOptions.httpPutResponseHopLimit = 2;
        }),
        "launch-template-hops-unset": fail(LT, "httpPutResponseHopLimit is unset", (p) => {
            delete p.metadataOptions.httpPutResponseHopLimit;
        }),
        "instance-without-metadata-options": fail(I, "metadataOptions.httpTokens is unset", (p) => {
            delete p.metadataOptions;
        }),
        "instance-imdsv1-allowed": fail(I, 'metadataOptions.httpTokens is "optional"', (p) => {
            p.metadataOptions.httpTokens = "optional";
        }),
    },
};
