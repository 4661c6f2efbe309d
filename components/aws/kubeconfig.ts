import type * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterContext } from "./context";

export interface KubeconfigInputs {
    readonly clusterName: string;
    readonly endpoint: string;
    readonly certificateAuthorityData: string;
    readonly region: string;
    /** The role whose tokens the kubeconfig fetches. */
    readonly roleArn: string;
}

/**
 * A kubeconfig whose exec credential assumes the MFA-protected role for every token. It carries no
 * secret itself, but it maps the cluster's private endpoint, so it is handed out as a secret.
 * The caller's AWS credentials must come from an MFA session (`aws sts get-session-token
 * --serial-number ... --token-code ...`), or the role's trust policy refuses them.
 */
export function kubeconfig(inputs: KubeconfigInputs): object {
    const context = inputs.clusterName;
    return {
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: context, cluster: { server: inputs.endpoint, "certificate-authority-data": inputs.certificateAuthorityData } }],
        contexts: [{ name: context, context: { cluster: context, user: context } }],
        "current-context": context,
        users: [
            {
                name: context,
                user: {
                    exec: {
                        apiVersion: "client.authentication.k8s.io/v1beta1",
                        command: "aws",
                        args: [
                            ...["eks", "get-token", "--cluster-name", inputs.clusterName, "--region", inputs.region],
                            ...["--role-arn", inputs.roleArn, "--output", "json"],
                        ],
                        interactiveMode: "Never",
                    },
                },
            },
        ],
    };
}

/**
 * The kubeconfig as a Pulumi secret, and a provider that reaches the cluster through it. The
 * provider waits for `access` (the role's access entry and policy): before that, every call is
 * refused, since the cluster grants its creator nothing.
 */
export function clusterProvider(
    ctx: ClusterContext,
    cluster: aws.eks.Cluster,
    roleArn: pulumi.Input<string>,
    access: pulumi.Resource[],
): { kubeconfig: pulumi.Output<string>; provider: k8s.Provider } {
    const config = pulumi.secret(
        pulumi
            .all([cluster.endpoint, cluster.certificateAuthority.data, ctx.region, roleArn])
            .apply(([endpoint, ca, region, role]) =>
                JSON.stringify(kubeconfig({ clusterName: ctx.clusterName, endpoint, certificateAuthorityData: ca, region, roleArn: role })),
            ),
    );
    const provider = new k8s.Provider(`${ctx.name}-k8s`, { kubeconfig: config, enableServerSideApply: true }, { parent: ctx.parent, dependsOn: access });
    return { kubeconfig: config, provider };
}
