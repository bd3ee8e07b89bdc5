import type { FileEvidence } from '../../core/types.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { YAML_FILE } from '../../facts/files/paths.js';
import { terraformResources } from '../../facts/iac/terraform.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';
import { matchingLines, ownPlaces } from '../../facts/files/text-lines.js';
import { isProse } from '../../facts/files/paths.js';
import { signalWithCode } from '../signal-with-code.js';

const RKE_ROLES = new Set(['controlplane', 'etcd', 'worker']);
/** RKE2 configuration files: config.yaml (or a config.yaml.d drop-in) under a folder naming rke2. */
const RKE2_CONFIG = /(^|\/)[^/]*rke2[^/]*\/(.+\/)?(config\.ya?ml|config\.yaml\.d\/[^/]+\.ya?ml)(\.j2|\.tpl|\.tmpl|\.tftpl)?$/i;
const RKE2_KEYS = /^(token|token-file|server|tls-san|write-kubeconfig-mode|node-taint|node-label|cni|disable|profile|etcd-snapshot-schedule-cron|cluster-cidr|service-cidr|agent-token|selinux)\s*:/;
/** A file that writes RKE2's configuration (cloud-init, Ansible, Terraform user data). */
const WRITES_RKE2_CONFIG = /\/etc\/rancher\/rke2\/config\.yaml/;

export const detector = signalWithCode('rke', (repo) => {
  const evidence: FileEvidence[] = [...rkeClusterFiles(repo), ...rke2Configs(repo), ...rancherClusters(repo)];
  for (const hit of matchingLines(repo, /\.(ya?ml|tf|tofu|tpl|tftpl|j2|sh|cfg)$/i, WRITES_RKE2_CONFIG, '/etc/rancher/rke2/')) {
    evidence.push({ file: hit.file, line: hit.line, detail: 'writes /etc/rancher/rke2/config.yaml' });
  }
  return ownPlaces(evidence);
});

/**
 * RKE1 cluster.yml: top-level `nodes` whose entries have an `address` and RKE roles. kind's
 * Cluster also has `nodes` with roles (control-plane, worker) but never an address, and carries
 * apiVersion/kind, which RKE files do not.
 */
function rkeClusterFiles(repo: Repository): FileEvidence[] {
  const out: FileEvidence[] = [];
  for (const file of repo.filesMatching(YAML_FILE)) {
    if (isProse(file.path)) continue;
    const text = repo.text(file.path);
    if (text === undefined || !/^nodes\s*:/m.test(text) || !/\brole\s*:/.test(text)) continue;
    const doc = repo.yaml(file.path)[0]?.value;
    if (!isRecord(doc) || doc.apiVersion !== undefined || doc.kind !== undefined || !Array.isArray(doc.nodes)) continue;
    const rkeNodes = doc.nodes.filter((node) => isRecord(node) && typeof node.address === 'string' && rolesOf(node.role).some((r) => RKE_ROLES.has(r)));
    if (rkeNodes.length > 0) out.push({ file: file.path, line: lineOf(doc, 'nodes'), detail: `RKE cluster.yml (${rkeNodes.length} nodes)` });
  }
  return out;
}

function rolesOf(role: unknown): string[] {
  if (typeof role === 'string') return [role];
  return Array.isArray(role) ? role.filter((r): r is string => typeof r === 'string') : [];
}

/** RKE2 config.yaml: at least two of its well-known keys. The token's value is never shown. */
function rke2Configs(repo: Repository): FileEvidence[] {
  const out: FileEvidence[] = [];
  for (const file of repo.filesMatching(RKE2_CONFIG)) {
    if (isProse(file.path)) continue;
    const lines = repo.text(file.path)?.split('\n') ?? [];
    const hits = lines.map((line, index) => (RKE2_KEYS.test(line) ? index + 1 : 0)).filter((n) => n > 0);
    if (hits.length >= 2) out.push({ file: file.path, line: hits[0]!, detail: 'RKE2 configuration' });
  }
  return out;
}

/**
 * Rancher-provisioned clusters: rancher2_cluster with an rke_config block (RKE1), and
 * rancher2_cluster_v2 unless its Kubernetes version is a k3s one (v2 provisions RKE2 or k3s).
 * A rancher2_cluster that imports EKS/AKS/GKE is not RKE.
 */
function rancherClusters(repo: Repository): FileEvidence[] {
  const out: FileEvidence[] = [];
  for (const { file, block } of terraformResources(repo, /^rancher2_cluster(_v2)?$/)) {
    if (block.type !== 'resource') continue;
    const hasRkeConfig = block.blocks.some((b) => b.type === 'rke_config');
    const version = block.attributes.kubernetes_version?.value;
    const k3s = typeof version === 'string' && /k3s/i.test(version);
    const v2 = block.labels[0] === 'rancher2_cluster_v2';
    if ((v2 && !k3s) || (!v2 && hasRkeConfig)) out.push({ file, line: block.line, detail: `resource ${block.labels[0]}.${block.labels[1] ?? ''}` });
  }
  return out;
}
