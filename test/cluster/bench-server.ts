/**
 * The loopback API server with a large generated cluster, for bench/cluster.mjs:
 *   npx vite-node test/cluster/bench-server.ts -- PODS DEPLOYMENTS
 * Objects are generated per page, so the server itself stays small. Prints one JSON line
 * ({ "kubeconfig": … }) when ready; stops when its stdin closes.
 */
import { startApiServer, type ItemSource } from './api-server.js';

const [pods = 20_000, deployments = 5_000] = process.argv.slice(2).filter((a) => /^\d+$/.test(a)).map(Number);
const NAMESPACES = 40;
const IMAGES = ['ghcr.io/acme/api:1.4.2', 'ghcr.io/acme/web:2.0.1', 'quay.io/prometheus/node-exporter:v1.7.0', 'docker.io/istio/proxyv2:1.20.2', 'ghcr.io/acme/worker:latest'];

function container(name: string, image: string, probes: boolean): Record<string, unknown> {
  const probe = { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 };
  return {
    name,
    image,
    imagePullPolicy: 'IfNotPresent',
    ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
    env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    ...(probes ? { livenessProbe: probe, readinessProbe: probe } : {}),
    volumeMounts: [{ name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
  };
}

function labels(d: number): Record<string, string> {
  return { app: `svc-${d}`, 'app.kubernetes.io/name': `svc-${d}`, 'app.kubernetes.io/managed-by': 'Helm', 'helm.sh/chart': `svc-${d}-1.0.${d % 10}`, team: `team-${d % 12}` };
}

const deploymentSource: ItemSource = {
  total: deployments,
  item: (d) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `svc-${d}`, namespace: `ns-${d % NAMESPACES}`, uid: `uid-d-${d}`, labels: labels(d), annotations: { 'deployment.kubernetes.io/revision': '7' }, creationTimestamp: '2024-02-12T09:14:03Z' },
    spec: { replicas: 4, selector: { matchLabels: { app: `svc-${d}` } }, template: { metadata: { labels: labels(d) }, spec: { containers: [container('app', IMAGES[d % IMAGES.length]!, d % 3 !== 0), container('istio-proxy', IMAGES[3]!, false)] } } },
    status: { replicas: 4, readyReplicas: 4, availableReplicas: 4 },
  }),
};

const podSource: ItemSource = {
  total: pods,
  item: (p) => {
    const d = p % deployments;
    const hash = `${(d * 7919).toString(16).padStart(8, '0').slice(0, 8)}`;
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `svc-${d}-${hash}-${p.toString(36)}`,
        namespace: `ns-${d % NAMESPACES}`,
        uid: `uid-p-${p}`,
        labels: { ...labels(d), 'pod-template-hash': hash },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `svc-${d}-${hash}`, uid: `uid-rs-${d}`, controller: true, blockOwnerDeletion: true }],
        creationTimestamp: '2024-02-12T09:14:03Z',
      },
      spec: {
        nodeName: `node-${p % 200}`,
        serviceAccountName: 'default',
        containers: [container('app', IMAGES[d % IMAGES.length]!, d % 3 !== 0), container('istio-proxy', IMAGES[3]!, false)],
        volumes: [{ name: 'kube-api-access', projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }] } }],
      },
      status: {
        phase: 'Running',
        podIP: `10.${(p >> 16) & 255}.${(p >> 8) & 255}.${p & 255}`,
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: IMAGES[d % IMAGES.length] }],
      },
    };
  },
};

const namespaces = Array.from({ length: NAMESPACES }, (_, n) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `ns-${n}`, labels: { team: `team-${n % 12}` } } }));
const nodes = Array.from({ length: 200 }, (_, n) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${n}`, labels: { 'eks.amazonaws.com/nodegroup': 'general' } }, spec: { providerID: `aws:///eu-west-1a/i-${n}` } }));

const server = await startApiServer({
  token: 'bench-token',
  resources: {
    '/api/v1/nodes': nodes,
    '/api/v1/namespaces': namespaces,
    '/apis/apps/v1/deployments': deploymentSource,
    '/api/v1/pods': podSource,
    '/apis/apps/v1/statefulsets': [],
    '/apis/apps/v1/daemonsets': [],
    '/apis/batch/v1/cronjobs': [],
    '/api/v1/services': [],
    '/apis/networking.k8s.io/v1/ingresses': [],
    '/apis/apiextensions.k8s.io/v1/customresourcedefinitions': [],
    '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations': [],
    '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations': [],
    '/api/v1/secrets': [],
  },
});
process.stdout.write(`${JSON.stringify({ kubeconfig: server.kubeconfig({ context: `bench-${pods}` }) })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void server.close().then(() => process.exit(0));
});
