/** A small component used to show the preview engine at work: a key, a log group on it, and a namespace. */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

export interface SampleArgs {
    readonly provider: k8s.Provider;
    /** Retention of the log group in days. Default: 30. */
    readonly retentionInDays?: number;
}

export class Sample extends pulumi.ComponentResource {
    readonly keyArn: pulumi.Output<string>;
    readonly namespace: pulumi.Output<string>;

    constructor(name: string, args: SampleArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bulwark:test:Sample", name, {}, opts);
        const key = new aws.kms.Key(`${name}-key`, { enableKeyRotation: true, description: "sample" }, { parent: this });
        new aws.cloudwatch.LogGroup(`${name}-logs`, { kmsKeyId: key.arn, retentionInDays: args.retentionInDays ?? 30 }, { parent: this });
        const ns = new k8s.core.v1.Namespace(`${name}-ns`, { metadata: { name } }, { parent: this, provider: args.provider });
        new k8s.core.v1.Pod(
            `${name}-pod`,
            {
                metadata: { namespace: ns.metadata.name },
                spec: { containers: [{ name: "app", image: "registry.example.com/app:1", securityContext: { privileged: true } }] },
            },
            { parent: this, provider: args.provider },
        );
        this.keyArn = key.arn;
        this.namespace = ns.metadata.name;
        this.registerOutputs({ keyArn: this.keyArn, namespace: this.namespace });
    }
}

/** The sample as a program: a provider and the component. */
export function sampleProgram() {
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
    const sample = new Sample("sample", { provider });
    return { keyArn: sample.keyArn, namespace: sample.namespace };
}
