import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'jsonnet',
  name: 'Jsonnet',
  kind: 'tool',
  category: 'manifest-format',
  description:
    'Jsonnet sources with real content (*.jsonnet, *.libsonnet), a jsonnet-bundler jsonnetfile.json, a Tanka environment (spec.json with apiVersion tanka.dev), or a pipeline or script step that runs jsonnet, jb, tk (Tanka), kubecfg or qbec. Empty or comment-only files and files under docs, examples or tests do not count.',
  remediation:
    'When YAML templating reaches its limits, generate manifests from Jsonnet libraries (Tanka, kube-libsonnet, k8s-libsonnet) kept in git, pin them with jsonnet-bundler, and render them in CI so the generated objects are reviewed.',
  component: {
    commands: [
      /(^|[\s;&|(/])jsonnet\s+(-\S+\s+(\S+\s+)?)*[^\s|;&]+\.(jsonnet|libsonnet)\b/,
      /(^|[\s;&|(/])jsonnet\s+-J\b/,
      /(^|[\s;&|(/])jb\s+(install|update)\b/,
      /(^|[\s;&|(/])tk\s+(apply|show|export|diff|eval|prune|env|tool)\b/,
      /(^|[\s;&|(/])(kubecfg|qbec)\s+(update|apply|show|diff|validate)\b/,
    ],
    ciUses: [/^zendesk\/setup-jsonnet@|^kobtea\/setup-jsonnet-action@|^grafana\/tanka-action@/i],
  },
} satisfies DetectorDefinition;
