import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'probes',
  name: 'Liveness and readiness probes',
  kind: 'practice',
  description:
    'Long-running workload containers (Deployments, StatefulSets, DaemonSets, ReplicaSets, Pods; not Jobs, CronJobs or init containers) declare livenessProbe or readinessProbe, in manifests, Jinja templates (*.yaml.j2), OpenShift Templates or chart templates (probes left to values are read from the chart\'s values.yaml), or in the values given to a chart installed from elsewhere (HelmRelease spec.values, Argo CD valuesObject, kustomize helmCharts; livenessProbe/readinessProbe or app-template probes.liveness/readiness). Coverage counts containers with both probes.',
  remediation:
    'Give every long-running container a readinessProbe (so traffic waits until it is ready) and a livenessProbe (so a stuck process is restarted), usually HTTP GETs on /healthz and /readyz; add a startupProbe for slow starters.',
} satisfies DetectorDefinition;
