import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'consul-connect',
  name: 'Consul Connect',
  kind: 'tool',
  category: 'service-mesh',
  description:
    'Consul service mesh (Connect): workloads annotated `consul.hashicorp.com/connect-inject: "true"`, consul.hashicorp.com custom resources (ServiceDefaults, ServiceIntentions, ProxyDefaults…), the consul chart released with `connectInject.enabled: true`, consul-dataplane images, or Terraform config entries and intentions.',
  remediation:
    'Deploy the consul chart with `connectInject.enabled: true`, annotate services with `consul.hashicorp.com/connect-inject: "true"` and declare ServiceIntentions for allowed traffic; Istio and Linkerd are the common alternatives.',
  component: {
    objects: [{ group: /^consul\.hashicorp\.com$/ }],
    images: [/^hashicorp\/(consul-dataplane|consul-k8s-control-plane)$/],
    terraformResources: /^consul_(config_entry(_[a-z_]+)?|intention)$/,
    commands: [/(^|[\s;&|(/])consul(-k8s)?\s+(connect\s+envoy|install)\b/],
  },
} satisfies DetectorDefinition;
