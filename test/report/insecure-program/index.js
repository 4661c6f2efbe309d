// A deliberately insecure program: each resource breaks policies of both packs, so the compliance
// report has violations under many controls, an exempted finding and an advisory one.
/* eslint-disable @typescript-eslint/no-require-imports */
const aws = require("@pulumi/aws");
const k8s = require("@pulumi/kubernetes");

new k8s.core.v1.Pod("debug-shell", {
    metadata: { name: "debug-shell", namespace: "default" },
    spec: {
        hostPID: true,
        hostNetwork: true,
        containers: [{ name: "shell", image: "nginx:latest", securityContext: { privileged: true } }],
    },
});

new k8s.core.v1.Service("web-public", {
    metadata: { name: "web-public", namespace: "web" },
    spec: { type: "LoadBalancer", selector: { app: "web" }, ports: [{ port: 80 }] },
});

new k8s.rbac.v1.ClusterRole("everything", {
    metadata: { name: "everything" },
    rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }],
});

new aws.ec2.SecurityGroup("ssh-from-anywhere", {
    ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }],
});

new aws.kms.Key("no-rotation", { enableKeyRotation: false });
