import type { ComponentSpec } from '../facts/tools/component.js';

/** The parts of a ComponentSpec that a cluster can show: running images, chart labels, custom resources. */
export type ClusterComponent = Pick<ComponentSpec, 'images' | 'charts' | 'objects'>;

// Every tool's cluster footprint lives with its signal (src/detectors/<id>/: `component` and
// `cluster`); only what is about no one tool stays here.

/** Custom resources worth listing when their CRD exists: they show a tool in use, not only installed. */
export const SELECTED_CUSTOM_RESOURCES: readonly { group: string; resource: string; kind: string }[] = [
  { group: 'argoproj.io', resource: 'applications', kind: 'Application' },
  { group: 'kustomize.toolkit.fluxcd.io', resource: 'kustomizations', kind: 'Kustomization' },
  { group: 'helm.toolkit.fluxcd.io', resource: 'helmreleases', kind: 'HelmRelease' },
  { group: 'monitoring.coreos.com', resource: 'servicemonitors', kind: 'ServiceMonitor' },
  { group: 'external-secrets.io', resource: 'externalsecrets', kind: 'ExternalSecret' },
  { group: 'bitnami.com', resource: 'sealedsecrets', kind: 'SealedSecret' },
];
