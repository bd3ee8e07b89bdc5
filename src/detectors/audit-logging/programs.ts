/**
 * EKS control-plane audit logs switched on in an infrastructure program:
 * Pulumi `aws.eks.Cluster` / `eks.Cluster` `enabledClusterLogTypes` (Python
 * `enabled_cluster_log_types=[…]`, Go `EnabledClusterLogTypes: pulumi.ToStringArray([]string{…})`,
 * C# `EnabledClusterLogTypes = { … }`, Java `.enabledClusterLogTypes(…)`, YAML lists) and AWS CDK
 * `clusterLogging: [eks.ClusterLoggingTypes.AUDIT]` (`cluster_logging`, Go
 * `awseks.ClusterLoggingTypes_AUDIT`), or a CfnCluster's `logging.clusterLogging.enabledTypes`.
 * And AKS: a diagnostic setting's `category: "kube-audit"` / `"kube-audit-admin"` log (Pulumi
 * azure-native `insights.DiagnosticSetting`). Programs are read as text: the value written after
 * the key, to its closing bracket.
 */
import type { FileEvidence } from '../../core/types.js';
import { infraProgramFiles } from '../../facts/iac/infra-programs.js';
import { PROGRAM_SOURCE } from '../../facts/iac/program-constructs.js';
import { lineAtOffset, type Repository } from '../../workspace/repository.js';

const LOG_TYPES_KEY = /["']?\b(enabled_?cluster_?log_?types|cluster_?logging|enabled_?types)["']?\s*(?:[:=(]|,)/gi;
/** `"audit"`, `'audit'`, `eks.ClusterLoggingTypes.AUDIT`, `ClusterLoggingTypes_AUDIT`, a YAML item `- audit`. */
const AUDIT = /["'`]audit["'`]|ClusterLoggingTypes[._]AUDIT\b|^\s*-\s*["']?audit["']?\s*$/m;
const AKS_AUDIT = /\b[cC]ategory["']?\s*[:=]\s*["'](kube-audit(?:-admin)?)["']/g;
/** How much of the value is read when no bracket closes it. */
const MAX_VALUE = 600;

export function programAuditLogs(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(infraProgramFiles(repo, PROGRAM_SOURCE))) {
    const text = repo.text(file.path);
    if (text === undefined || !/audit/i.test(text)) continue;
    for (const match of text.matchAll(LOG_TYPES_KEY)) {
      const start = match.index + match[0].length;
      if (AUDIT.test(valueAfter(text, start))) {
        const detail = `EKS control-plane logs include audit (${match[1]} in infrastructure code)`;
        evidence.push({ file: file.path, line: lineAtOffset(text, match.index), detail });
      }
    }
    for (const match of text.matchAll(AKS_AUDIT)) {
      evidence.push({ file: file.path, line: lineAtOffset(text, match.index), detail: `AKS diagnostic setting logs ${match[1]} (infrastructure code)` });
    }
  }
  return evidence;
}

/** The value from `start`: to the bracket that closes its first one, or the YAML list items below the key. */
function valueAfter(text: string, start: number): string {
  const end = Math.min(text.length, start + MAX_VALUE);
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = text[i]!;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (--depth <= 0) return text.slice(start, i + 1);
    } else if (c === '\n' && depth === 0) {
      // A value on the key's line ends there; an empty one may be a YAML list on the lines below.
      if (text.slice(start, i).trim() !== '') return text.slice(start, i);
      const items = /^(?:\n[ \t]*-[^\n]*)+/.exec(text.slice(i, end));
      return items ? items[0] : '';
    }
  }
  return text.slice(start, end);
}
