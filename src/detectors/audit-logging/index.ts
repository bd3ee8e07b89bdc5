import { bicepResources } from '../../facts/iac/bicep.js';
import type { FileEvidence } from '../../core/types.js';
import { isRecord, objectsOfKind, objectsWhere } from '../../facts/k8s/k8s-objects.js';
import { isDocumentation, SHELL_SCRIPT, YAML_FILE } from '../../facts/files/paths.js';
import { resolveTerraformValue, terraformBlocks, terraformResources } from '../../facts/iac/terraform.js';
import type { HclBlock, HclValue } from '../../parse/hcl.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';
import { defineDetector } from '../detector.js';
import { uniqueEvidence } from '../../facts/files/evidence.js';
import { definition } from './definition.js';
import { programAuditLogs } from './programs.js';

/** kube-apiserver audit settings as flags, config keys (kubeadm extraArgs, k3s, kops) or kubeadm v1beta4 `name:` entries. */
const AUDIT_FLAG = /(^|[\s"'=,[-])--audit-(policy-file|log-path|webhook-config-file)\b/;
const AUDIT_KEY = /^\s*(-\s*)?["']?(audit-policy-file|audit-log-path|audit-webhook-config-file|auditLogPath|auditPolicyFile|auditWebhookConfigFile)["']?\s*:\s*\S/;
const AUDIT_NAME = /^\s*-?\s*name\s*:\s*["']?(audit-policy-file|audit-log-path|audit-webhook-config-file)["']?\s*$/;

export const detector = defineDetector(definition, (repo) => {
  const evidence: FileEvidence[] = [];
  for (const object of objectsOfKind(repo, 'audit.k8s.io', 'Policy')) evidence.push({ file: object.file, line: object.line, detail: `audit policy (${object.apiVersion})` });
  evidence.push(...apiServerFlags(repo), ...embeddedPolicies(repo), ...eksctlAndCloudFormation(repo), ...terraformAudit(repo), ...programAuditLogs(repo));
  return uniqueEvidence(evidence);
});

function apiServerFlags(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  const candidates = repo.files.filter((f) => (YAML_FILE.test(f.path) || SHELL_SCRIPT.test(f.path) || /\.(service|conf|env)$|(^|\/)(kube-apiserver|config)$/.test(f.path)) && !isDocumentation(f.path));
  for (const file of candidates) {
    const text = repo.text(file.path);
    if (text === undefined || !/audit/i.test(text)) continue;
    const flags: FileEvidence[] = [];
    text.split('\n').forEach((raw, index) => {
      const line = raw.replace(/\s+#.*$/, '');
      if (/^\s*#/.test(raw)) return;
      if (AUDIT_FLAG.test(line) || AUDIT_KEY.test(line) || AUDIT_NAME.test(line)) {
        flags.push({ file: file.path, line: index + 1, detail: `kube-apiserver ${/(audit-[a-z-]+|audit[A-Z]\w+)/.exec(line)?.[1] ?? 'audit setting'}` });
      }
    });
    // Without a policy file the API server records no audit events at all, so a log path or a
    // webhook alone (a hand-written kube-apiserver unit with --audit-log-path) is not audit logging.
    if (flags.some((f) => /audit-policy-file|auditPolicyFile/.test(f.detail ?? ''))) evidence.push(...flags);
    // RKE cluster.yml: services.kube-api.audit_log.enabled: true
    if (/audit_log\s*:/.test(text) && YAML_FILE.test(file.path)) {
      for (const document of repo.yaml(file.path)) {
        const services = isRecord(document.value) ? document.value.services : undefined;
        const api = isRecord(services) ? services['kube-api'] : undefined;
        const audit = isRecord(api) ? api.audit_log : undefined;
        if (isRecord(audit) && audit.enabled === true) evidence.push({ file: file.path, line: lineOf(audit, 'enabled'), detail: 'RKE kube-api audit_log enabled' });
      }
    }
  }
  return evidence;
}

/**
 * An audit.k8s.io Policy the YAML facts do not see: nested in another document (Talos
 * KubeAuditPolicyConfig `configuration:`, machine config `apiServer.auditPolicy`) or in a YAML
 * template (`controlplane.yaml.j2`, `*.yaml.tmpl`, `*.yaml.gotmpl`).
 */
const YAML_OR_TEMPLATE = /\.ya?ml(\.(j2|jinja2?|tmpl|tpl|gotmpl))?$/i;
function embeddedPolicies(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  // Files whose policy is a document of its own are already counted above.
  const counted = new Set(objectsWhere(repo, (group) => group === 'audit.k8s.io').map((o) => o.file));
  for (const file of repo.filesMatching(YAML_OR_TEMPLATE)) {
    if (isDocumentation(file.path) || counted.has(file.path)) continue;
    const text = repo.text(file.path);
    if (text === undefined || !text.includes('audit.k8s.io/')) continue;
    const lines = text.split('\n');
    lines.forEach((raw, index) => {
      const version = /^(\s*)(-\s+)?apiVersion:\s*["']?(audit\.k8s\.io\/v\w+)["']?\s*$/.exec(raw);
      if (!version) return;
      // `kind: Policy` at the same indentation, just before or after (documents list keys in any order).
      const indent = (version[1] ?? '').length + (version[2] ?? '').length;
      const near = lines.slice(Math.max(0, index - 3), index + 4);
      const kindPolicy = new RegExp(`^\\s{${indent}}kind:\\s*["']?Policy["']?\\s*$`);
      if (near.some((l) => kindPolicy.test(l.replace(/^(\s*)-\s+/, '$1  ')))) {
        evidence.push({ file: file.path, line: index + 1, detail: `audit policy (${version[3]}, embedded)` });
      }
    });
  }
  return evidence;
}

/** eksctl `cloudWatch.clusterLogging.enableTypes` and CloudFormation `Logging.ClusterLogging.EnabledTypes`. */
function eksctlAndCloudFormation(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(YAML_FILE)) {
    const text = repo.text(file.path);
    if (text === undefined || !/enableTypes|EnabledTypes/.test(text)) continue;
    for (const document of repo.yaml(file.path)) walkLogging(document.value, file.path, evidence, 0);
  }
  return evidence;
}

function walkLogging(node: unknown, file: string, evidence: FileEvidence[], depth: number): void {
  if (depth > 15 || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) walkLogging(item, file, evidence, depth + 1);
    return;
  }
  const record = node as Record<string, unknown>;
  for (const key of ['enableTypes', 'EnabledTypes']) {
    const types = record[key];
    if (!Array.isArray(types)) continue;
    const names = types.map((t) => (isRecord(t) ? t.Type : t)).filter((t): t is string => typeof t === 'string');
    if (names.some((n) => /^(audit|all|\*)$/i.test(n))) evidence.push({ file, line: lineOf(record, key), detail: 'EKS control-plane logs include audit' });
  }
  for (const value of Object.values(record)) walkLogging(value, file, evidence, depth + 1);
}

function terraformAudit(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const { file, block } of terraformBlocks(repo)) {
    // aws_eks_cluster.enabled_cluster_log_types, terraform-aws-modules/eks cluster_enabled_log_types
    for (const name of ['enabled_cluster_log_types', 'cluster_enabled_log_types']) {
      const attribute = block.attributes[name];
      if (!attribute) continue;
      // `= var.enabled_log_types`: the variable's default in the same module says what is logged.
      const resolved = resolveTerraformValue(repo, file, attribute.value);
      if (mentionsAudit(resolved.value)) evidence.push({ file, line: attribute.line, detail: `${name} includes audit${resolved.via ? ` (default of ${resolved.via})` : ''}` });
    }
  }
  for (const { file, block } of terraformResources(repo, /^azurerm_monitor_diagnostic_setting$/)) {
    for (const nested of nestedBlocks(block)) {
      const category = nested.attributes.category?.value;
      if ((nested.type === 'enabled_log' || nested.type === 'log') && typeof category === 'string' && /^kube-audit(-admin)?$/.test(category)) {
        evidence.push({ file, line: nested.attributes.category!.line, detail: `AKS diagnostic setting ${block.labels[1] ?? ''}: ${category}`.trim() });
      }
    }
  }
  // The same diagnostic setting in Bicep: a `category: 'kube-audit-admin'` log of Microsoft.Insights/diagnosticSettings.
  for (const resource of bicepResources(repo)) {
    if (resource.existing || !/^Microsoft\.Insights\/diagnosticSettings$/i.test(resource.type)) continue;
    const category = resource.keys.find((k) => k.key === 'category' && /^'kube-audit(-admin)?'$/.test(k.value));
    if (category) evidence.push({ file: resource.file, line: category.line, detail: `AKS diagnostic setting ${resource.name}: ${category.value.slice(1, -1)}` });
  }
  for (const { file, block } of terraformResources(repo, /^google_(project|organization|folder)_iam_audit_config$/)) {
    const service = block.attributes.service;
    if (service && typeof service.value === 'string' && /^(container\.googleapis\.com|allServices)$/.test(service.value) && block.type === 'resource') {
      evidence.push({ file, line: service.line, detail: `GKE audit logs: ${block.labels[0]} for ${service.value}` });
    }
  }
  return evidence;
}

function mentionsAudit(value: HclValue): boolean {
  if (Array.isArray(value)) return value.some((v) => v === 'audit');
  // An expression (concat, var with default) is kept as source text.
  return typeof value === 'string' && /["']audit["']/.test(value);
}

function nestedBlocks(block: HclBlock): HclBlock[] {
  const out: HclBlock[] = [];
  for (const child of block.blocks) out.push(child, ...nestedBlocks(child));
  return out;
}
