/**
 * Which apiVersion/kind pairs are objects a cluster stores. Many tools borrow the Kubernetes
 * envelope for their own configuration files (kubeconfig, kind, eksctl, kubeadm, Backstage,
 * skaffold, kustomize itself); those files are never applied to a cluster. Not applied inside
 * k8sObjects on purpose: the kubeadm and audit-logging detectors find kubeadm configurations and
 * audit policies through k8sObjects.
 */

/** Built-in API groups without a dot; every other group (custom resources too) must contain one. */
const DOTLESS_GROUPS = new Set(['apps', 'batch', 'policy', 'autoscaling', 'extensions']);

const VERSION = /^v\d+((alpha|beta)\d+)?$/;

/** Groups of configuration files that look like objects but are read by a CLI or a component. */
const CONFIG_GROUPS = [
  /^kustomize\.config\.k8s\.io$/,
  /\.config\.k8s\.io$/, // kubelet, kube-proxy, apiserver, scheduler component config
  /^kubeadm\.k8s\.io$/,
  /^audit\.k8s\.io$/,
  /^client\.authentication\.k8s\.io$/,
  /^kind\.x-k8s\.io$/,
  /^eksctl\.io$/,
  /(^|\.)backstage\.io$/,
  /^k3d\.io$/,
  /^ctlptl\.dev$/,
  /^kpt\.dev$/,
  /^config\.kubernetes\.io$/,
  /^fn\.kpt\.dev$/,
  /^tanka\.dev$/,
  /^garden\.io$/,
  /^deploy\.cloud\.google\.com$/,
  /^blueprints\.cloud\.google\.com$/, // Cloud Foundation Toolkit module metadata (metadata.yaml), read by its CLI
  /^cli\.kyverno\.io$/,
  /^skaffold\./,
];

export function isClusterObject(apiVersion: string, kind: string): boolean {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  if (!VERSION.test(version) || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) return false;
  if (group !== '' && !DOTLESS_GROUPS.has(group) && !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(group)) return false;
  if (CONFIG_GROUPS.some((re) => re.test(group))) return false;
  // A kubeconfig is `apiVersion: v1, kind: Config`; the core group has no such object.
  if (group === '' && (kind === 'Config' || kind === 'Preferences')) return false;
  return true;
}
