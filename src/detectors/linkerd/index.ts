import { isEnabling, metadataWithKey } from '../../facts/k8s/k8s-metadata.js';
import { signalWithCode } from '../signal-with-code.js';

/** signal.yaml holds the footprint; code reads the inject annotation's value, which a footprint cannot. */
export const detector = signalWithCode('linkerd', (repo) => {
  const evidence = [];
  for (const { object, entry } of metadataWithKey(repo, (key) => key === 'linkerd.io/inject')) {
    // `disabled` opts a workload out of a meshed namespace: it shows intent, not use, so only enabling values count.
    if (entry.kind === 'annotation' && isEnabling(entry.value, ['enabled', 'ingress'])) {
      evidence.push({ file: object.file, line: entry.line, detail: `${object.kind} ${object.name}: linkerd.io/inject: ${entry.value}` });
    }
  }
  return evidence;
});
