import type { FileEvidence } from '../../core/types.js';
import { COMPOSE_FILE, yamlFilesMatching } from '../../facts/files/paths.js';
import { isRecord, workloads } from '../../facts/k8s/k8s-objects.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';
import { isOwnUse } from '../../facts/files/paths.js';
import { signalWithCode } from '../signal-with-code.js';

/** Environment variables that only an OpenTelemetry SDK or agent reads. */
const OTEL_ENV = /^OTEL_(EXPORTER_OTLP_[A-Z_]*ENDPOINT|SERVICE_NAME|TRACES_EXPORTER|RESOURCE_ATTRIBUTES)$/;
const INJECT_ANNOTATION = /^instrumentation\.opentelemetry\.io\/inject-[\w-]+$/;

/** Workloads that configure an OpenTelemetry SDK or ask the Operator to inject one. */
function instrumentedWorkloads(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const workload of workloads(repo)) {
    const object = workload.object;
    if (!isOwnUse(object.file)) continue;
    const template = isRecord(object.doc.spec) && isRecord(object.doc.spec.template) ? object.doc.spec.template : undefined;
    const annotations = isRecord(template?.metadata) && isRecord(template.metadata.annotations) ? template.metadata.annotations : undefined;
    const inject = annotations && Object.keys(annotations).find((key) => INJECT_ANNOTATION.test(key) && String(annotations[key]) !== 'false');
    if (annotations && inject) evidence.push({ file: object.file, line: lineOf(annotations, inject, object.line), detail: `${object.kind} ${object.name} annotated ${inject}` });
    for (const container of workload.containers) {
      const env = container.raw.env;
      if (!Array.isArray(env)) continue;
      env.forEach((item, index) => {
        if (isRecord(item) && typeof item.name === 'string' && OTEL_ENV.test(item.name)) {
          evidence.push({ file: object.file, line: lineOf(env, index, container.line), detail: `container ${container.name} sets ${item.name}` });
        }
      });
    }
  }
  for (const file of yamlFilesMatching(repo, COMPOSE_FILE)) {
    if (!isOwnUse(file.path)) continue;
    for (const document of repo.yaml(file.path)) {
      const services = isRecord(document.value) ? document.value.services : undefined;
      if (!isRecord(services)) continue;
      for (const [name, service] of Object.entries(services)) {
        const env = isRecord(service) ? service.environment : undefined;
        const found = composeEnv(env).find((key) => OTEL_ENV.test(key));
        if (found) evidence.push({ file: file.path, line: composeEnvLine(env, found), detail: `compose service ${name} sets ${found}` });
      }
    }
  }
  return evidence;
}

/** Compose `environment:` is either a map or a list of `KEY=value` strings. */
function composeEnv(env: unknown): string[] {
  if (isRecord(env)) return Object.keys(env);
  if (Array.isArray(env)) return env.filter((item): item is string => typeof item === 'string').map((item) => item.split('=')[0]!.trim());
  return [];
}

function composeEnvLine(env: unknown, key: string): number {
  if (Array.isArray(env)) return lineOf(env, env.findIndex((item) => typeof item === 'string' && item.split('=')[0]!.trim() === key));
  return lineOf(env, key);
}

/** signal.yaml holds the footprint; code reads workloads' environment and injection annotations, values no footprint key states. */
export const detector = signalWithCode('opentelemetry', (repo) => instrumentedWorkloads(repo));
