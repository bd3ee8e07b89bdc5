import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'linkerd',
  name: 'Linkerd',
  kind: 'tool',
  category: 'service-mesh',
  description:
    'Linkerd service mesh: workloads or namespaces annotated `linkerd.io/inject: enabled`, Linkerd custom resources (ServiceProfile, Server, policy.linkerd.io routes and authorizations), the linkerd2 / linkerd-control-plane / linkerd-crds charts, Linkerd images, or a pipeline step that runs `linkerd install`/`linkerd inject`.',
  remediation:
    'Install Linkerd (linkerd-crds and linkerd-control-plane charts, or `linkerd install | kubectl apply -f -`) and annotate namespaces with `linkerd.io/inject: enabled` to get mutual TLS, retries and golden metrics between services; Istio and Consul Connect are the common alternatives.',
  component: {
    objects: [{ group: /(^|\.)linkerd\.io$/ }],
    charts: [/^linkerd(2|2-cni|-control-plane|-crds|-viz|-multicluster|-jaeger)$/],
    images: [/^linkerd\/(proxy|controller|policy-controller|proxy-init|cni-plugin|web|metrics-api|tap)$/],
    commands: [/(^|[\s;&|(/])linkerd\s+(install|upgrade|inject|check|(viz|multicluster|jaeger)\s+install)\b/],
    ciUses: [/^linkerd\/linkerd2-action@/],
  },
  // What a live cluster shows beyond the component (src/cluster/inventory.ts).
  cluster: { webhooks: /linkerd-proxy-injector|linkerd\.io/ },
} satisfies DetectorDefinition;
