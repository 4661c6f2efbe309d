import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { NAMES } from "./values";
import { OPERATOR_SERVICE } from "./webhook-tls";

/** Both configurations' name, as the chart names them. */
export const OPERATOR_WEBHOOK_CONFIGURATION = `${NAMES.stack}-admission`;
/** The operator Service's TLS port (the chart's `https` port, which targets the operator's 10250). */
export const OPERATOR_SERVICE_PORT = 443;

type Webhook = k8s.types.input.admissionregistration.v1.ValidatingWebhook;

const LABELS = {
    app: "kube-prometheus-stack-admission",
    "app.kubernetes.io/name": "kube-prometheus-stack-prometheus-operator",
    "app.kubernetes.io/component": "prometheus-operator-webhook",
    "app.kubernetes.io/part-of": "kube-prometheus-stack",
    "app.kubernetes.io/instance": NAMES.stack,
    release: NAMES.stack,
};

/** One webhook as the chart's templates render it, with the CA the component made. */
function webhook(name: string, resource: string, apiVersions: string[], path: string, namespace: string, caBundle: pulumi.Input<string>): Webhook {
    return {
        name,
        // A rule the operator cannot check is refused rather than loaded: a broken PrometheusRule
        // would otherwise reach Prometheus and stop its rule reloads.
        failurePolicy: "Fail",
        rules: [{ apiGroups: ["monitoring.coreos.com"], apiVersions, resources: [resource], operations: ["CREATE", "UPDATE"] }],
        clientConfig: { service: { namespace, name: OPERATOR_SERVICE, path, port: OPERATOR_SERVICE_PORT }, caBundle },
        timeoutSeconds: 10,
        admissionReviewVersions: ["v1", "v1beta1"],
        sideEffects: "None",
    };
}

export interface OperatorWebhooks {
    readonly validating: k8s.admissionregistration.v1.ValidatingWebhookConfiguration;
    readonly mutating: k8s.admissionregistration.v1.MutatingWebhookConfiguration;
}

/**
 * The operator's admission webhooks (PrometheusRule and AlertmanagerConfig validation, PrometheusRule
 * mutation), made here rather than by the chart. The chart would template the CA into its values,
 * and a certificate made in the same deployment is unknown at preview: a real preview could not
 * render the chart, and the gate could judge none of its objects. `opts.dependsOn` must hold the
 * chart, so the operator's Service answers before a webhook that fails closed points at it.
 */
export function operatorWebhooks(name: string, namespace: string, caBundle: pulumi.Input<string>, opts: pulumi.CustomResourceOptions): OperatorWebhooks {
    const metadata = { name: OPERATOR_WEBHOOK_CONFIGURATION, labels: LABELS };
    const validating = new k8s.admissionregistration.v1.ValidatingWebhookConfiguration(
        `${name}-operator-validating-webhook`,
        {
            metadata,
            webhooks: [
                webhook("prometheusrulevalidate.monitoring.coreos.com", "prometheusrules", ["*"], "/admission-prometheusrules/validate", namespace, caBundle),
                webhook("alertmanagerconfigsvalidate.monitoring.coreos.com", "alertmanagerconfigs", ["v1alpha1"], "/admission-alertmanagerconfigs/validate", namespace, caBundle),
            ],
        },
        opts,
    );
    const mutating = new k8s.admissionregistration.v1.MutatingWebhookConfiguration(
        `${name}-operator-mutating-webhook`,
        { metadata, webhooks: [webhook("prometheusrulemutate.monitoring.coreos.com", "prometheusrules", ["*"], "/admission-prometheusrules/mutate", namespace, caBundle)] },
        opts,
    );
    return { validating, mutating };
}
