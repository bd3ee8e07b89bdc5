/**
 * Add-ons an operator installs when its custom resource switches them on: the Istio operator's
 * `IstioOperator` (`spec.addonComponents.<addon>.enabled`, or `spec.values.<addon>.enabled` in the
 * 1.4–1.6 releases that shipped Prometheus, Grafana, Jaeger and Kiali) and OpenShift Service
 * Mesh's `ServiceMeshControlPlane` (`spec.addons.<addon>.enabled`, `spec.tracing.type: Jaeger`).
 * The repository never names those charts or images; the operator deploys them.
 */
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';
import { isRecord, objectsWhere, type K8sObject } from './k8s-objects.js';

export interface OperatorAddon {
  /** Named like the chart that would deploy it: "prometheus", "grafana", "jaeger", "zipkin", "kiali". */
  addon: string;
  file: string;
  line: number;
  /** "IstioOperator control-plane". */
  operator: string;
}

const ADDON_NAMES: Record<string, string> = { prometheus: 'prometheus', grafana: 'grafana', kiali: 'kiali', jaeger: 'jaeger', zipkin: 'zipkin' };

export function operatorAddons(repo: Repository): OperatorAddon[] {
  return repo.memo('operatorAddons', () => {
    const out: OperatorAddon[] = [];
    const operators = objectsWhere(repo, (group, kind) => (group === 'install.istio.io' && kind === 'IstioOperator') || (group === 'maistra.io' && kind === 'ServiceMeshControlPlane'));
    for (const object of operators) {
      const spec = isRecord(object.doc.spec) ? object.doc.spec : undefined;
      if (!spec) continue;
      const label = `${object.kind} ${object.name || '(unnamed)'}`;
      if (object.kind === 'IstioOperator') {
        readSwitches(spec.addonComponents, object, label, tracingBackend(spec), out);
        readSwitches(spec.values, object, label, tracingBackend(spec), out);
      } else {
        readSwitches(spec.addons, object, label, 'jaeger', out);
        const tracing = isRecord(spec.tracing) ? spec.tracing : undefined;
        if (tracing && typeof tracing.type === 'string' && /^jaeger$/i.test(tracing.type)) out.push({ addon: 'jaeger', file: object.file, line: lineOf(tracing, 'type', object.line), operator: label });
      }
    }
    return out;
  });
}

/** `values.tracing.provider: zipkin` makes the tracing add-on Zipkin; Jaeger otherwise. */
function tracingBackend(spec: Record<string, unknown>): string {
  const values = isRecord(spec.values) ? spec.values : undefined;
  const tracing = values && isRecord(values.tracing) ? values.tracing : undefined;
  return tracing && tracing.provider === 'zipkin' ? 'zipkin' : 'jaeger';
}

/** `{ prometheus: { enabled: true }, tracing: { enabled: true } }` → the add-ons switched on. */
function readSwitches(switches: unknown, object: K8sObject, label: string, tracing: string, out: OperatorAddon[]): void {
  if (!isRecord(switches)) return;
  for (const [key, value] of Object.entries(switches)) {
    if (!isRecord(value) || value.enabled !== true) continue;
    const addon = key === 'tracing' ? tracing : ADDON_NAMES[key];
    if (addon) out.push({ addon, file: object.file, line: lineOf(value, 'enabled', object.line), operator: label });
  }
}
