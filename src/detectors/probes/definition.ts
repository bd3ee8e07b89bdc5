import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'probes',
  name: 'Liveness and readiness probes',
  kind: 'practice',
  description:
    'Long-running workload containers (Deployments, StatefulSets, DaemonSets, ReplicaSets, Pods; not Jobs, CronJobs or init containers) declare livenessProbe or readinessProbe, in manifests, Jinja templates (*.yaml.j2), OpenShift Templates or chart templates (probes left to values are read from the chart\'s values.yaml), or in the values given to a chart installed from elsewhere (HelmRelease spec.values, Argo CD valuesObject, kustomize helmCharts; livenessProbe/readinessProbe or app-template probes.liveness/readiness). A probe block a chart template guards with a switch its values leave off (`{{- if .Values.probes.enabled }}`, `enabled: false`) is not set. Coverage counts containers with both probes.',
  remediation:
    'Give every long-running container a readinessProbe (so traffic waits until it is ready) and a livenessProbe (so a stuck process is restarted), usually HTTP GETs on /healthz and /readyz; add a startupProbe for slow starters.',
  // SARIF rules for code scanning (src/report/sarif.ts): written here, once.
  sarif: [
    {
      key: "missing-probes",
      id: "K8SM004",
      name: "ContainerWithoutProbes",
      short: "A long-running container declares no liveness or readiness probe",
      full: "Without a readiness probe Kubernetes routes traffic to the container before it is ready; without a liveness probe a hung container is never restarted. The health-checks capability of stage 3 needs both on every long-running container.",
      fix: "Add a readinessProbe and a livenessProbe to the container, pointing at a cheap health endpoint (httpGet /healthz, tcpSocket or grpc). Add a startupProbe when it starts slowly.",
      fixMarkdown: "**Fix:** add a `readinessProbe` and a `livenessProbe` to the container, pointing at a cheap health endpoint:\n\n```yaml\nreadinessProbe:\n  httpGet: { path: /healthz, port: http }\nlivenessProbe:\n  httpGet: { path: /healthz, port: http }\n  failureThreshold: 6\n```\n\nAdd a `startupProbe` when the container starts slowly.",
      level: "warning",
      tags: [
        "reliability",
        "kubernetes",
        "maturity-stage-3"
      ],
      precision: "medium",
      severity: "warning",
      message: "Container without liveness or readiness probe{seen}. Add both probes.",
      capability: "health-checks"
    }
  ],
} satisfies DetectorDefinition;
