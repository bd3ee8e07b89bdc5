import { kubePrometheusJsonnet } from '../../facts/k8s/kube-prometheus.js';
import { signalWithCode } from '../signal-with-code.js';
import { keepOwnUse } from '../../facts/files/own-use.js';

/** signal.yaml holds the footprint and configurations; code adds what they cannot say. */
export const detector = signalWithCode('alertmanager', (repo) => keepOwnUse(repo, kubePrometheusJsonnet(repo)));
