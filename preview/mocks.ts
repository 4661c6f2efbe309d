/**
 * Default mocks: a provider that accepts every resource and answers the read-only AWS data sources
 * Bulwark's components use, with fixed, clearly fake values (account 123456789012, us-east-1).
 */
import type * as pulumi from "@pulumi/pulumi";

export const MOCK_ACCOUNT = "123456789012";
export const MOCK_REGION = "us-east-1";

const CALLS: Record<string, (inputs: Record<string, any>) => Record<string, any>> = {
    "aws:index/getCallerIdentity:getCallerIdentity": () => ({
        accountId: MOCK_ACCOUNT,
        arn: `arn:aws:iam::${MOCK_ACCOUNT}:role/deployer`,
        userId: "AROAEXAMPLE:deployer",
        id: MOCK_ACCOUNT,
    }),
    "aws:index/getRegion:getRegion": () => ({ name: MOCK_REGION, region: MOCK_REGION, id: MOCK_REGION, endpoint: `ec2.${MOCK_REGION}.amazonaws.com` }),
    "aws:index/getPartition:getPartition": () => ({ partition: "aws", dnsSuffix: "amazonaws.com", id: "aws", reverseDnsPrefix: "com.amazonaws" }),
    "aws:index/getAvailabilityZones:getAvailabilityZones": () => ({
        names: [`${MOCK_REGION}a`, `${MOCK_REGION}b`, `${MOCK_REGION}c`],
        zoneIds: ["use1-az1", "use1-az2", "use1-az4"],
        id: MOCK_REGION,
    }),
};

/** A stable fake ARN for AWS resources, so that outputs reading `.arn` resolve outside preview. */
function fakeArn(type: string, name: string): string | undefined {
    const m = /^aws:([a-z0-9]+)\//.exec(type);
    return m ? `arn:aws:${m[1]}:${MOCK_REGION}:${MOCK_ACCOUNT}:${name}` : undefined;
}

export function defaultMocks(preview: boolean): pulumi.runtime.Mocks {
    return {
        newResource: (args) => {
            // In preview the provider knows only what it was given; computed outputs stay unknown.
            if (preview) return { id: undefined, state: args.inputs };
            const arn = fakeArn(args.type, args.name);
            return { id: `${args.name}-id`, state: { ...(arn ? { arn } : {}), ...args.inputs } };
        },
        call: (args) => {
            const answer = CALLS[args.token];
            return answer ? answer(args.inputs) : {};
        },
    };
}
