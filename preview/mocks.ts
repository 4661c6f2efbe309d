/**
 * Default mocks: a provider that accepts every resource and answers the read-only AWS data sources
 * Bulwark's components use, with fixed, clearly fake values (account 123456789012, us-east-1), and
 * the Kubernetes provider's YAML and Helm invokes as the provider answers them (preview/expand).
 */
import type * as pulumi from "@pulumi/pulumi";
import { type ExpandContext, handleInvoke } from "./expand";

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

/**
 * Where in-process programs' charts and manifests come from when the caller names nothing: the current
 * folder, and `BULWARK_CHART_CACHE` / `BULWARK_HELM` from the environment.
 */
export function defaultExpandContext(): ExpandContext {
    return {
        projectDir: process.cwd(),
        chartCache: process.env.BULWARK_CHART_CACHE || undefined,
        helm: process.env.BULWARK_HELM || undefined,
        project: "bulwark",
        stack: "dev",
    };
}

export function defaultMocks(preview: boolean, expand: ExpandContext = defaultExpandContext()): pulumi.runtime.Mocks {
    return {
        newResource: (args) => {
            // In preview the provider knows only what it was given; computed outputs stay unknown.
            if (preview) return { id: undefined, state: args.inputs };
            const arn = fakeArn(args.type, args.name);
            return { id: `${args.name}-id`, state: { ...(arn ? { arn } : {}), ...args.inputs } };
        },
        call: async (args) => {
            const answer = CALLS[args.token];
            if (answer) return answer(args.inputs);
            // yaml.ConfigFile/ConfigGroup and helm.v3.Chart build their children from these invokes'
            // answers; an empty answer would leave them silently empty.
            const invoked = await handleInvoke(args.token, args.inputs, expand);
            return invoked.handled ? invoked.result : {};
        },
    };
}
