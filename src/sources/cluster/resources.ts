import { SELECTED_CUSTOM_RESOURCES } from '../../cluster/footprints.js';

/** One list the scan reads. The RBAC in deploy/rbac.yaml grants get/list on exactly these. */
export interface ClusterResource {
  /** API group, "" for the core group. */
  group: string;
  version: string;
  /** Plural resource name as in URLs and RBAC rules. */
  resource: string;
  kind: string;
  /** Listed as PartialObjectMetadataList: names, labels and owners only, never values. */
  metadataOnly?: boolean;
  fieldSelector?: string;
}

export const METADATA_ONLY_ACCEPT = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';
export const JSON_ACCEPT = 'application/json';

/** In reading order: CRDs first (they decide which custom resources exist), Secrets last. */
export const CLUSTER_RESOURCES: readonly ClusterResource[] = [
  { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions', kind: 'CustomResourceDefinition' },
  { group: '', version: 'v1', resource: 'nodes', kind: 'Node' },
  { group: '', version: 'v1', resource: 'namespaces', kind: 'Namespace' },
  { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment' },
  { group: 'apps', version: 'v1', resource: 'statefulsets', kind: 'StatefulSet' },
  { group: 'apps', version: 'v1', resource: 'daemonsets', kind: 'DaemonSet' },
  { group: 'batch', version: 'v1', resource: 'cronjobs', kind: 'CronJob' },
  { group: '', version: 'v1', resource: 'pods', kind: 'Pod' },
  { group: '', version: 'v1', resource: 'services', kind: 'Service' },
  { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses', kind: 'Ingress' },
  { group: 'admissionregistration.k8s.io', version: 'v1', resource: 'mutatingwebhookconfigurations', kind: 'MutatingWebhookConfiguration' },
  { group: 'admissionregistration.k8s.io', version: 'v1', resource: 'validatingwebhookconfigurations', kind: 'ValidatingWebhookConfiguration' },
  // Only Opaque Secrets can hold hand-written values; service-account tokens, TLS and Helm releases are other types.
  { group: '', version: 'v1', resource: 'secrets', kind: 'Secret', metadataOnly: true, fieldSelector: 'type=Opaque' },
];

export function resourcePath(resource: Pick<ClusterResource, 'group' | 'version' | 'resource'>): string {
  return resource.group === '' ? `/api/${resource.version}/${resource.resource}` : `/apis/${resource.group}/${resource.version}/${resource.resource}`;
}

export function groupVersion(resource: Pick<ClusterResource, 'group' | 'version'>): string {
  return resource.group === '' ? resource.version : `${resource.group}/${resource.version}`;
}

/** "pods", "deployments.apps": how kubectl and RBAC name a resource. */
export function qualifiedName(resource: Pick<ClusterResource, 'group' | 'resource'>): string {
  return resource.group === '' ? resource.resource : `${resource.resource}.${resource.group}`;
}

const KNOWN_NAMES = new Map<string, string>([
  ...CLUSTER_RESOURCES.map((r) => [`${r.group}|${r.kind}`, qualifiedName(r)] as const),
  ...SELECTED_CUSTOM_RESOURCES.map((r) => [`${r.group}|${r.kind}`, qualifiedName(r)] as const),
]);

/** "pods", "deployments.apps", "applications.argoproj.io" for an object's apiVersion and kind. */
export function resourceNameOf(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  return KNOWN_NAMES.get(`${group}|${kind}`) ?? qualifiedName({ group, resource: `${kind.toLowerCase()}s` });
}
