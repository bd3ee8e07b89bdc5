import type { ObjectEvidence } from '../core/types.js';
import type { ClusterFlavour } from './types.js';

export type ManagedFlavour = 'eks' | 'aks' | 'gke';

const LABEL_PREFIXES: readonly { flavour: ManagedFlavour; prefix: RegExp }[] = [
  { flavour: 'eks', prefix: /^eks\.amazonaws\.com\// },
  { flavour: 'aks', prefix: /^kubernetes\.azure\.com\// },
  { flavour: 'gke', prefix: /^cloud\.google\.com\/gke-/ },
];

const PROVIDER_IDS: readonly { flavour: ManagedFlavour; prefix: string }[] = [
  { flavour: 'eks', prefix: 'aws://' },
  { flavour: 'aks', prefix: 'azure://' },
  { flavour: 'gke', prefix: 'gce://' },
];

const SERVER_VERSIONS: readonly { flavour: ManagedFlavour; pattern: RegExp }[] = [
  { flavour: 'eks', pattern: /-eks-/ },
  { flavour: 'gke', pattern: /-gke\./ },
];

/**
 * Reads the flavour node by node. Managed-service node labels and server versions are decisive;
 * a cloud providerID alone also fits kops or kubeadm on cloud VMs, so it counts only when no node
 * shows a self-managed control plane (managed services never list their control-plane nodes).
 */
export class FlavourReader {
  private nodes = 0;
  private selfManagedSign = false;
  private readonly strong = new Map<ManagedFlavour, ObjectEvidence>();
  private readonly weak = new Map<ManagedFlavour, ObjectEvidence>();

  constructor(private readonly cluster: string) {}

  addNode(name: string, labels: Record<string, string>, providerID: string | undefined): void {
    this.nodes++;
    const object = `v1 Node ${name}`;
    for (const [key, value] of Object.entries(labels)) {
      const hit = LABEL_PREFIXES.find((p) => p.prefix.test(key));
      if (hit && !this.strong.has(hit.flavour)) this.strong.set(hit.flavour, this.evidence(object, `label ${key}=${value}`));
      if (key === 'node-role.kubernetes.io/control-plane' || key === 'node-role.kubernetes.io/master' || key.startsWith('kops.k8s.io/')) this.selfManagedSign = true;
    }
    const provider = providerID ? PROVIDER_IDS.find((p) => providerID.startsWith(p.prefix)) : undefined;
    if (provider && !this.weak.has(provider.flavour)) this.weak.set(provider.flavour, this.evidence(object, `providerID ${providerID}`));
  }

  addServerVersion(gitVersion: string): void {
    const hit = SERVER_VERSIONS.find((v) => v.pattern.test(gitVersion));
    if (hit && !this.strong.has(hit.flavour)) this.strong.set(hit.flavour, this.evidence('/version', `server version ${gitVersion}`));
  }

  result(): { flavour: ClusterFlavour; evidence?: ObjectEvidence } {
    const [strong] = this.strong;
    if (strong) return { flavour: strong[0], evidence: strong[1] };
    const [weak] = this.weak;
    if (weak && !this.selfManagedSign) return { flavour: weak[0], evidence: weak[1] };
    return { flavour: this.nodes > 0 ? 'self-managed' : 'unknown' };
  }

  private evidence(object: string, detail: string): ObjectEvidence {
    return { object, detail, cluster: this.cluster, source: 'cluster' };
  }
}
