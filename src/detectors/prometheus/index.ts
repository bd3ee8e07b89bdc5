import { signalWithCode } from '../signal-with-code.js';
import { keepOwnUse } from '../../facts/files/own-use.js';
import { kubePrometheusJsonnet } from '../../facts/k8s/kube-prometheus.js';

/** signal.yaml holds the footprint and configurations; code adds what they cannot say. */
export const detector = signalWithCode('prometheus', (repo) => keepOwnUse(repo, kubePrometheusJsonnet(repo)));
