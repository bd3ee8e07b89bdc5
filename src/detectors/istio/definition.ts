import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'istio',
  name: 'Istio',
  kind: 'tool',
  category: 'service-mesh',
  description:
    'Istio service mesh: namespaces labelled `istio-injection: enabled` or `istio.io/rev`, workloads with `sidecar.istio.io/inject: "true"`, Istio objects (VirtualService, DestinationRule, Gateway, PeerAuthentication, AuthorizationPolicy, IstioOperator…), the base/istiod/gateway charts from the Istio repository, Istio images, or `istioctl install` in a pipeline.',
  remediation:
    'Install Istio (the base and istiod charts, or `istioctl install`), label application namespaces `istio-injection=enabled` and enforce mutual TLS with a PeerAuthentication; Linkerd and Consul Connect are lighter alternatives.',
  component: {
    objects: [{ group: /^(networking|security|install|telemetry|extensions)\.istio\.io$/ }],
    // Istio's own chart names; base/gateway/cni are too generic and are checked with their repository in index.ts.
    charts: [/^(istiod|istio-base|istio-ingress|istio-ingressgateway|istio-egressgateway|istio-cni|istio-operator|istiod-remote)$/],
    images: [/^istio(-release)?\/(pilot|proxyv2|ztunnel|install-cni|operator)$/],
    // aws-ia/eks-blueprints-addons (and the older eks-blueprints kubernetes-addons module) flags
    terraformModuleFlags: /^enable_tetrate_istio$/,
    commands: [/(^|[\s;&|(/])istioctl\s+(install|upgrade|manifest\s+(apply|generate)|operator\s+init|kube-inject|x\s+precheck)\b/],
  },
  // What a live cluster shows beyond the component (src/cluster/inventory.ts).
  cluster: { webhooks: /istio-sidecar-injector|sidecar-injector\.istio\.io|(^|[.-])istiod([.-]|$)|validation\.istio\.io/ },
} satisfies DetectorDefinition;
