import type { FileEvidence } from '../../core/types.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';
import { ansiblePlays } from '../../facts/iac/ansible-plays.js';
import { matchingLines, ownPlaces } from '../../facts/files/text-lines.js';
import { isProse } from '../../facts/files/paths.js';
import { signalWithCode } from '../signal-with-code.js';
import { yamlFilesMatching } from '../../facts/files/paths.js';

/** Variables only Kubespray defines; two of them in one group_vars file make it a Kubespray inventory. */
const KUBESPRAY_VARIABLE = /^(kube_network_plugin|kube_service_addresses|kube_pods_subnet|kube_proxy_mode|etcd_deployment_type|kubeconfig_localhost|kube_network_plugin_multus|kube_version|container_manager|kube_apiserver_port|kubectl_localhost|kube_network_node_prefix)\s*:/;
const GROUP_VARS = /(^|\/)group_vars\/.+\.ya?ml$/;
/** Inventory groups Kubespray requires (current and pre-2.16 names). */
const CONTROL_PLANE_GROUPS = ['kube_control_plane', 'kube-master'];
const NODE_GROUPS = ['kube_node', 'kube-node'];
const KUBESPRAY_SOURCE = /kubernetes-(sigs|incubator)\/kubespray\b|kubernetes_sigs\.kubespray\b/;

export const detector = signalWithCode('kubespray', (repo) => {
  const evidence: FileEvidence[] = [...groupVars(repo), ...inventories(repo), ...playbooks(repo)];
  for (const hit of matchingLines(repo, /(^|\/)(\.gitmodules|requirements\.ya?ml)$/, KUBESPRAY_SOURCE, 'kubespray')) {
    evidence.push({ file: hit.file, line: hit.line, detail: hit.file.endsWith('.gitmodules') ? 'Kubespray git submodule' : 'Kubespray requirement' });
  }
  return ownPlaces(evidence);
});

function groupVars(repo: Repository): FileEvidence[] {
  const out: FileEvidence[] = [];
  for (const file of yamlFilesMatching(repo, GROUP_VARS)) {
    if (isProse(file.path)) continue;
    const lines = repo.text(file.path)?.split('\n') ?? [];
    const hits = lines.map((line, index) => (KUBESPRAY_VARIABLE.test(line) ? index + 1 : 0)).filter((n) => n > 0);
    if (hits.length >= 2) out.push({ file: file.path, line: hits[0]!, detail: 'Kubespray group_vars' });
  }
  return out;
}

/** hosts.yaml (YAML inventory) or inventory.ini with both a control-plane and a node group. */
function inventories(repo: Repository): FileEvidence[] {
  const out: FileEvidence[] = [];
  for (const file of repo.filesMatching(/(^|\/)inventor(y|ies)\/.+|(^|\/)(hosts|inventory)(\.ya?ml|\.ini)?$/i)) {
    if (isProse(file.path)) continue;
    const text = repo.text(file.path);
    if (text === undefined || !/kube[-_](control_plane|master|node)/.test(text)) continue;
    if (/\.ya?ml$/i.test(file.path)) {
      const root = repo.yaml(file.path)[0]?.value;
      const all = isRecord(root) && isRecord(root.all) ? root.all : undefined;
      const children = all && isRecord(all.children) ? all.children : undefined;
      if (!children) continue;
      const control = CONTROL_PLANE_GROUPS.find((g) => g in children);
      if (control && NODE_GROUPS.some((g) => g in children)) out.push({ file: file.path, line: lineOf(children, control), detail: `Kubespray inventory (${control})` });
      continue;
    }
    const lines = text.split('\n');
    const header = (groups: string[]): number => lines.findIndex((l) => groups.some((g) => l.trim() === `[${g}]`));
    const control = header(CONTROL_PLANE_GROUPS);
    if (control >= 0 && header(NODE_GROUPS) >= 0) out.push({ file: file.path, line: control + 1, detail: 'Kubespray inventory' });
  }
  return out;
}

const KUBESPRAY_ROLE = /^(kubespray[-_]defaults|kubernetes\/(preinstall|control-plane|kubeadm)|kubespray\/)/;

function roleName(role: unknown): string {
  const name = typeof role === 'string' ? role : isRecord(role) ? (role.role ?? role.name) : undefined;
  return typeof name === 'string' ? name : '';
}

/** Playbooks that run Kubespray's roles or import its playbooks. */
function playbooks(repo: Repository): FileEvidence[] {
  const out: FileEvidence[] = [];
  // One evidence per playbook: Kubespray's own cluster.yml runs dozens of its roles.
  const files = new Set<string>();
  for (const play of ansiblePlays(repo)) {
    if (files.has(play.file)) continue;
    if (play.imports !== undefined && /(^|\/)kubespray\//.test(play.imports)) {
      out.push({ file: play.file, line: play.line, detail: `imports ${play.imports}` });
      files.add(play.file);
      continue;
    }
    const roles = play.play.roles;
    if (!Array.isArray(roles)) continue;
    const index = roles.findIndex((role) => KUBESPRAY_ROLE.test(roleName(role)));
    if (index < 0) continue;
    files.add(play.file);
    out.push({ file: play.file, line: lineOf(roles, index, play.line), detail: `runs Kubespray role ${roleName(roles[index])}` });
  }
  return out;
}
