import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { DETECTORS } from '../../src/detectors/registry.js';
import { checkRunId, parseShard } from '../../src/shard/assign.js';
import { fixtureRepo } from '../helpers/fixtures.js';

/**
 * deploy/kubernetes as `kubectl kustomize` renders it, checked offline: every object against the
 * Kubernetes OpenAPI schemas (kubernetes-models), the scanner Job's contract with `--shard auto/N`,
 * and what every pod must hold to (non-root, read-only root filesystem, resources, no Secret
 * written in the manifests).
 */
const ROOT = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}
interface Container {
  name: string;
  image: string;
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: Record<string, Record<string, string>> }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean; capabilities?: { drop?: string[] } };
  readinessProbe?: unknown;
  livenessProbe?: unknown;
}
interface PodSpec {
  containers: Container[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  automountServiceAccountToken?: boolean;
}

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const hasKubectl = kubectl.status === 0;
if (!hasKubectl) process.stderr.write('test/deploy/kustomize.test.ts: kubectl is not on this machine: the rendering tests are skipped\n');

/** deploy/kubernetes (a one-off run), or one of its overlays (`nightly`). */
function render(overlay = ''): K8sObject[] {
  const out = spawnSync('kubectl', ['kustomize', join(ROOT, 'deploy', 'kubernetes', overlay)], { encoding: 'utf8' });
  expect(out.stderr).toBe('');
  expect(out.status).toBe(0);
  return parseAllDocuments(out.stdout).map((d) => d.toJS() as K8sObject);
}

/** The kubernetes-models class of an object: kubernetes-models/<group>/<version>/<Kind>. */
function validate(object: K8sObject): void {
  const Model = (require(`kubernetes-models/${object.apiVersion}/${object.kind}`) as Record<string, new (data: unknown) => { validate(): void }>)[object.kind]!;
  new Model(object).validate();
}

/** The Job's spec of a Job, or of the Jobs a CronJob creates. */
function jobSpecOf(object: K8sObject): Record<string, unknown> | undefined {
  if (object.kind === 'CronJob') return (object.spec as { jobTemplate: { spec: Record<string, unknown> } }).jobTemplate.spec;
  return object.kind === 'Job' ? object.spec : undefined;
}

function podSpecOf(object: K8sObject): PodSpec | undefined {
  const spec = (jobSpecOf(object) ?? object.spec) as { template?: { spec: PodSpec } } | undefined;
  return spec?.template?.spec;
}

/** `$(VAR)` in args as the kubelet expands it, from the container's env (values given, or a fake for each reference). */
function expand(args: string[], env: Record<string, string>): string[] {
  return args.map((arg) => arg.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string) => env[name] ?? whole));
}

describe.runIf(hasKubectl)('deploy/kubernetes', () => {
  it('renders objects that validate against the Kubernetes schemas, and the validator refuses a broken one', () => {
    const objects = render();
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'ConfigMap/k8s-maturity',
      'Deployment/k8s-maturity-dashboard',
      'Job/k8s-maturity-merge',
      'Job/k8s-maturity-scan',
      'NetworkPolicy/k8s-maturity',
      'NetworkPolicy/k8s-maturity-dashboard',
      'Service/k8s-maturity-dashboard',
      'ServiceAccount/k8s-maturity',
    ]);
    for (const object of objects) {
      expect(object.metadata.namespace).toBe('k8s-maturity');
      expect(() => validate(object), `${object.kind}/${object.metadata.name}`).not.toThrow();
    }
    const scan = objects.find((o) => o.metadata.name === 'k8s-maturity-scan')!;
    expect(() => validate({ ...scan, spec: { ...scan.spec, completions: 'eight' } })).toThrow(/completions must be integer/);
  });

  it('starts one scanner pod per shard whose --shard auto/N takes its index from JOB_COMPLETION_INDEX', () => {
    const scan = render().find((o) => o.metadata.name === 'k8s-maturity-scan')!;
    const spec = scan.spec as { completionMode: string; completions: number; parallelism: number; backoffLimitPerIndex: number };
    expect(spec.completionMode).toBe('Indexed');
    expect(spec.backoffLimitPerIndex).toBeGreaterThan(0);
    const container = podSpecOf(scan)!.containers[0]!;
    const index = container.env!.find((e) => e.name === 'JOB_COMPLETION_INDEX')!;
    expect(index.valueFrom?.fieldRef?.fieldPath).toBe("metadata.annotations['batch.kubernetes.io/job-completion-index']");
    // Every $(VAR) of the arguments is one of the container's variables.
    const env = Object.fromEntries(container.env!.map((e) => [e.name, `value-of-${e.name}`]));
    const args = expand(container.args!, env);
    expect(args.join(' ')).not.toContain('$(');
    expect(args.slice(0, 3)).toEqual(['scan', '--github-org', 'value-of-GITHUB_ORG']);
    const shardValue = args[args.indexOf('--shard') + 1]!;
    expect(args[args.indexOf('--run') + 1]).toBe('value-of-RUN_ID');
    // Each pod of the Job, as Kubernetes numbers them, scans its own shard of N = completions.
    for (let pod = 0; pod < spec.completions; pod++) {
      expect(parseShard(shardValue, { JOB_COMPLETION_INDEX: String(pod) })).toEqual({ index: pod, count: spec.completions });
    }
    expect(() => parseShard(shardValue, { JOB_COMPLETION_INDEX: String(spec.completions) })).toThrow(/must be below/);
    // The merge assembles the same run.
    const merge = render().find((o) => o.metadata.name === 'k8s-maturity-merge')!;
    const mergeContainer = podSpecOf(merge)!.containers[0]!;
    expect(mergeContainer.args!.slice(0, 3)).toEqual(['merge', '--run', '$(RUN_ID)']);
    expect(mergeContainer.env!.find((e) => e.name === 'RUN_ID')).toEqual(container.env!.find((e) => e.name === 'RUN_ID'));
  });

  it.each([
    ['deploy/kubernetes', ''],
    ['deploy/kubernetes/nightly', 'nightly'],
  ])('%s runs every pod as non-root on a read-only root filesystem with resources, and writes no Secret: the database URL and tokens are referenced', (_, overlay) => {
    const objects = render(overlay);
    expect(objects.some((o) => o.kind === 'Secret')).toBe(false);
    const pods = objects.flatMap((o) => (podSpecOf(o) ? [[o, podSpecOf(o)!] as const] : []));
    expect(pods).toHaveLength(overlay === '' ? 3 : 2);
    for (const [object, pod] of pods) {
      expect(pod.securityContext?.runAsNonRoot, object.metadata.name).toBe(true);
      expect(pod.securityContext?.runAsUser).toBeGreaterThan(0);
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const container of pod.containers) {
        expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
        expect(Object.keys(container.resources?.requests ?? {})).toEqual(expect.arrayContaining(['cpu', 'memory']));
        expect(Object.keys(container.resources?.limits ?? {})).toEqual(expect.arrayContaining(['cpu', 'memory']));
        expect(container.image).toMatch(/^[\w./-]+:\d+\.\d+\.\d+$/); // a release, never :latest
        const store = container.env?.find((e) => e.name === 'K8S_MATURITY_STORE');
        expect(store?.valueFrom?.secretKeyRef).toEqual({ name: 'k8s-maturity', key: 'database-url' });
        for (const variable of container.env ?? []) expect(variable.value, variable.name).toBeUndefined();
      }
    }
    const scanner = pods.find(([o]) => o.metadata.name === 'k8s-maturity-scan' || o.kind === 'CronJob')![1].containers[0]!;
    expect(scanner.env!.find((e) => e.name === 'GITHUB_TOKEN')?.valueFrom?.secretKeyRef).toEqual({ name: 'k8s-maturity', key: 'github-token' });
    const dashboard = pods.find(([o]) => o.kind === 'Deployment')![1].containers[0]!;
    expect(dashboard.readinessProbe).toBeDefined();
    expect(dashboard.livenessProbe).toBeDefined();
  });
});

describe.runIf(hasKubectl)('deploy/kubernetes/nightly', () => {
  /** The objects of the overlay, and the one-off run's scanner Job it stands in for. */
  const rendered = () => ({ nightly: render('nightly'), once: render().find((o) => o.metadata.name === 'k8s-maturity-scan')! });

  it('renders the shared objects and a CronJob in place of the one-off Jobs, all valid against the Kubernetes schemas', () => {
    const { nightly } = rendered();
    expect(nightly.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'ConfigMap/k8s-maturity',
      'CronJob/k8s-maturity-nightly',
      'Deployment/k8s-maturity-dashboard',
      'NetworkPolicy/k8s-maturity',
      'NetworkPolicy/k8s-maturity-dashboard',
      'Service/k8s-maturity-dashboard',
      'ServiceAccount/k8s-maturity',
    ]);
    for (const object of nightly) {
      expect(object.metadata.namespace).toBe('k8s-maturity');
      expect(() => validate(object), `${object.kind}/${object.metadata.name}`).not.toThrow();
    }
    // No fixed run id left to forget to change.
    expect(nightly.find((o) => o.kind === 'ConfigMap')!.data).not.toHaveProperty('run-id');
    const cron = nightly.find((o) => o.kind === 'CronJob')!;
    expect(() => validate({ ...cron, spec: { ...cron.spec, concurrencyPolicy: 'Sometimes' } })).toThrow(/concurrencyPolicy/);
    // The image is set once, in site/, for both.
    const dashboard = nightly.find((o) => o.kind === 'Deployment')!;
    expect(podSpecOf(cron)!.containers[0]!.image).toBe(podSpecOf(dashboard)!.containers[0]!.image);
    // The network policies select the scanner pods by the labels they carry.
    const template = (jobSpecOf(cron) as { template: { metadata: { labels: Record<string, string> } } }).template;
    expect(template.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'k8s-maturity', 'app.kubernetes.io/component': 'scanner' });
  });

  it('gives every pod of a night the same run id, the Job name, and its own shard of N; the last shard merges', () => {
    const { nightly } = rendered();
    const cron = nightly.find((o) => o.kind === 'CronJob')!;
    const job = jobSpecOf(cron) as { completionMode: string; completions: number; backoffLimitPerIndex: number };
    expect(job.completionMode).toBe('Indexed');
    expect(job.backoffLimitPerIndex).toBeGreaterThan(0);
    expect((cron.spec as { concurrencyPolicy: string }).concurrencyPolicy).toBe('Forbid');
    const container = podSpecOf(cron)!.containers[0]!;

    // What Kubernetes puts on the pods of the Job a CronJob creates: the Job's name (the CronJob's
    // and the scheduled time in minutes since 1970) as a label, each pod's index as an annotation.
    const night = (at: string) => `${cron.metadata.name}-${Date.parse(at) / 60_000}`;
    const podEnv = (jobName: string, index: number) =>
      Object.fromEntries(
        container.env!.map((e) => {
          const path = e.valueFrom?.fieldRef?.fieldPath;
          if (path === "metadata.labels['batch.kubernetes.io/job-name']") return [e.name, jobName];
          if (path === "metadata.annotations['batch.kubernetes.io/job-completion-index']") return [e.name, String(index)];
          expect(path, e.name).toBeUndefined(); // every other variable comes from the ConfigMap or the Secret
          return [e.name, `value-of-${e.name}`];
        }),
      );
    const runIds = new Set<string>();
    for (const at of ['2026-12-08T02:00:00Z', '2026-12-09T02:00:00Z']) {
      for (let pod = 0; pod < job.completions; pod++) {
        const env = podEnv(night(at), pod);
        const args = expand(container.args!, env);
        expect(args.join(' ')).not.toContain('$(');
        expect(args.slice(0, 3)).toEqual(['scan', '--github-org', 'value-of-GITHUB_ORG']);
        expect(parseShard(args[args.indexOf('--shard') + 1]!, env)).toEqual({ index: pod, count: job.completions });
        const run = checkRunId(args[args.indexOf('--run') + 1]!);
        expect(run.length).toBeLessThanOrEqual(63); // a label value: the CronJob's name leaves room for the time
        runIds.add(run);
        expect(args).toContain('--merge');
      }
    }
    expect([...runIds]).toEqual(['k8s-maturity-nightly-29944920', 'k8s-maturity-nightly-29946360']); // one per night
  });

  it("runs the one-off run's scanner pod, apart from the run id and --merge", () => {
    const { nightly, once } = rendered();
    const cron = nightly.find((o) => o.kind === 'CronJob')!;
    const { template: cronTemplate, activeDeadlineSeconds, ...cronJob } = jobSpecOf(cron) as Record<string, unknown>;
    const { template: onceTemplate, ttlSecondsAfterFinished, ...onceJob } = jobSpecOf(once) as Record<string, unknown>;
    expect(cronJob).toEqual(onceJob);
    expect(activeDeadlineSeconds).toBeLessThan(24 * 3600); // stopped before the next night
    expect(ttlSecondsAfterFinished).toBeDefined(); // the CronJob keeps its Jobs by its history limits instead
    const asOnce = structuredClone(cronTemplate) as { spec: PodSpec };
    const container = asOnce.spec.containers[0]!;
    container.args = container.args!.filter((a) => a !== '--merge');
    container.env = container.env!.map((e) => (e.name === 'RUN_ID' ? { name: 'RUN_ID', valueFrom: { configMapKeyRef: { name: 'k8s-maturity', key: 'run-id' } } } : e));
    expect(asOnce).toEqual(onceTemplate);
  });
});

describe('deploy/ scanned by our own scanner', () => {
  it('holds no anti-pattern the scanner reports: no :latest image, no literal Secret, probes on every long-running container', async () => {
    const repo = await fixtureRepo(join(ROOT, 'deploy'));
    const found = new Map(DETECTORS.map((d) => [d.id, d.detect(repo)]));
    expect(found.get('k8s-manifests')!.evidence.length).toBeGreaterThan(0);
    expect(found.get('latest-tag-images')!.evidence).toEqual([]);
    expect(found.get('static-secrets')!.evidence).toEqual([]);
    // Jobs run to completion and are not probed; the dashboard Deployment is.
    const probes = found.get('probes')!;
    expect(probes.coverage).toMatchObject({ total: 1, covered: 1 });
  });
});
