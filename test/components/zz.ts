import * as path from "path";
import { startPolicyPack } from "../../preview/analyzer-client";
import { recordCluster } from "./aws-helpers";
(async () => {
  const p = await startPolicyPack(path.resolve("policy-packs/aws"));
  const k = await startPolicyPack(path.resolve("policy-packs/kubernetes"));
  await p.configure({}); await k.configure({});
  for (const preview of [false, true]) {
    const g = await recordCluster({ access: { teams: [{ name: "p", role: "deployer" }] }, registry: { repositories: ["a/b"], pullThroughCache: [{ prefix: "k8s", upstreamRegistryUrl: "registry.k8s.io" }] }, weakenings: { sshAccess: { keyName: "debug", sourceCidrs: ["10.20.0.0/16"] } } }, { preview });
    for (const pk of [p, k]) { const r = await pk.analyzeGraph(g.resources); console.log("preview", preview, r.diagnostics.length); for (const d of r.diagnostics) console.log(" ", d.enforcementLevel, d.policyName, d.urn?.split("::").pop(), d.message.slice(0, 200)); }
  }
  await p.close(); await k.close();
})();
