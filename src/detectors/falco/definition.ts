import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'falco',
  name: 'Falco',
  kind: 'tool',
  category: 'runtime-security',
  description:
    'Falco runtime security: the falcosecurity falco / falcosidekick charts, a DaemonSet running falcosecurity images, Falco rules files (YAML lists of `- rule:` / `- macro:` with a `condition:`), custom rules passed to the chart, or a falco.yaml that loads rules files.',
  remediation:
    'Install the falcosecurity/falco chart as a DaemonSet (with falcosidekick to forward alerts), add custom rules for your workloads in git and route alerts to the on-call channel.',
  component: {
    charts: [/^(falco|falcosidekick|falco-exporter|falco-talon|event-generator)$/],
    images: [/^falcosecurity\/(falco|falco-no-driver|falco-distroless|falco-driver-loader|falcosidekick|falcoctl)$/],
    files: [{ path: /(^|\/)falco\.ya?ml$/, contains: /^rules_files?\s*:/m }],
    commands: [/(^|[\s;&|(/])falcoctl\s+(install|artifact|driver)\b/],
  },
  // What a live cluster shows beyond the component (src/cluster/inventory.ts).
  cluster: { daemonSetImages: /(^|\/)falco(-no-driver)?$/ },
} satisfies DetectorDefinition;
