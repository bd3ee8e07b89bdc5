import type { FileEvidence } from '../../core/types.js';
import { chartRefs } from '../../facts/k8s/charts.js';
import type { Repository } from '../../workspace/repository.js';
import { isTemplated } from '../../parse/helm-template.js';
import { signalWithCode } from '../signal-with-code.js';
import { isEnabling, metadataWithKey, type MetadataEntry } from '../../facts/k8s/k8s-metadata.js';

/** Chart names Istio publishes that other projects use too: they need the Istio repository nearby. */
const GENERIC_CHARTS = new Set(['base', 'gateway', 'cni', 'ztunnel']);

export const detector = signalWithCode('istio', (repo) => {
  const evidence: FileEvidence[] = [];
  for (const { object, entry } of metadataWithKey(repo, (key) => ISTIO_KEYS.has(key))) {
    if (injectsIstio(entry)) evidence.push({ file: object.file, line: entry.line, detail: `${object.kind} ${object.name}: ${entry.key}: ${entry.value}` });
  }
  evidence.push(...genericIstioCharts(repo));
  return evidence;
});

const ISTIO_KEYS = new Set(['istio-injection', 'istio.io/rev', 'istio.io/dataplane-mode', 'sidecar.istio.io/inject']);

/** A namespace or workload switched into the mesh: injection, a revision, ambient mode. */
function injectsIstio(entry: MetadataEntry): boolean {
  if (entry.kind === 'label' && entry.key === 'istio-injection') return isEnabling(entry.value, ['enabled']);
  if (entry.kind === 'label' && entry.key === 'istio.io/rev') return entry.value.trim() !== '' && !isTemplated(entry.value);
  if (entry.kind === 'label' && entry.key === 'istio.io/dataplane-mode') return isEnabling(entry.value, ['ambient']);
  return entry.key === 'sidecar.istio.io/inject' && isEnabling(entry.value, ['true']);
}

/**
 * `base`, `gateway`… count only when the reference names Istio's chart repository: its URL
 * (istio-release.storage.googleapis.com, the gcr.io/istio-release OCI registry) or a repository
 * alias `istio` (helmfile `istio/base`, a Flux HelmRepository named istio without a url we can read).
 */
const ISTIO_REPOSITORY = /istio-release|^istio(-release)?$/i;
function genericIstioCharts(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const ref of chartRefs(repo)) {
    if (!GENERIC_CHARTS.has(ref.chart) || !ISTIO_REPOSITORY.test(ref.repository ?? '')) continue;
    evidence.push({ file: ref.file, line: ref.line, detail: `chart ${ref.chart} from the Istio repository (${ref.via})` });
  }
  return evidence;
}
