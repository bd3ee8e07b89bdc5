import { createHash } from 'node:crypto';
import type { Evidence, FileEvidence } from '../core/types.js';
import type { Assessment } from '../model/types.js';
import { DEFINITIONS } from '../detectors/definitions.js';
import type { SarifRuleText } from '../detectors/detector.js';

/**
 * SARIF 2.1.0 for GitHub code scanning: one result per anti-pattern or missing practice that has a
 * file and a line. Cluster-only evidence (a Secret in a live cluster) has no file to annotate, so it
 * stays in the other reports and is left out here: code scanning shows only results with a physical
 * location.
 */

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
  properties: { tags: string[]; precision: 'high' | 'medium'; 'problem.severity': 'error' | 'warning' | 'recommendation' };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning' | 'note';
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number } } }[];
  partialFingerprints: Record<string, string>;
  properties: { repository: string; capability?: string; signal: string };
}

export const INFORMATION_URI = 'https://github.com/k8s-maturity/k8s-maturity';

/** The rules, from the signals that carry SARIF text (src/detectors/<id>/definition.ts), by rule id. */
const RULE_LIST: readonly SarifRuleText[] = DEFINITIONS.flatMap((d) => d.sarif ?? []).sort((a, b) => a.id.localeCompare(b.id));
const RULES = new Map(RULE_LIST.map((rule) => [rule.key, rule]));
type RuleKey = string;

/** Anti-pattern signals reported wherever a repository detected them. */
const ANTI_PATTERNS = new Set(RULE_LIST.filter((rule) => rule.capability === undefined).map((rule) => rule.key));

/** Coverage gaps of these capabilities are reported per missing item that has a file. */
const COVERAGE_RULES = new Map(RULE_LIST.flatMap((rule) => (rule.capability === undefined ? [] : [[rule.capability, rule.key] as const])));

export function renderSarif(assessment: Assessment): string {
  const several = assessment.repositories.length > 1;
  // The first finding of a rule at a place stands for all (the same secret seen by repository and team).
  const byPlace = new Map<string, SarifResult>();
  for (const finding of findings(assessment)) {
    const uri = artifactUri(finding.repository, finding.evidence.file, several);
    const id = `${finding.key}\u0000${uri}\u0000${finding.evidence.line}`;
    if (!byPlace.has(id)) byPlace.set(id, sarifResult(finding, uri));
  }
  const results = [...byPlace.values()].sort((x, y) => {
    const a = x.locations[0]!.physicalLocation;
    const b = y.locations[0]!.physicalLocation;
    return x.ruleId.localeCompare(y.ruleId) || a.artifactLocation.uri.localeCompare(b.artifactLocation.uri) || a.region.startLine - b.region.startLine;
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'k8s-maturity',
            informationUri: INFORMATION_URI,
            version: assessment.tool.version,
            semanticVersion: assessment.tool.version,
            rules: RULE_LIST.map(sarifRule),
          },
        },
        automationDetails: { id: `k8s-maturity/${assessment.organization}/` },
        columnKind: 'utf16CodeUnits',
        results,
        properties: { organization: assessment.organization, stage: assessment.stage, stageProvisional: assessment.stageProvisional },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** One place a rule applies to, before it becomes a SARIF result. */
interface Finding {
  key: RuleKey;
  repository: string;
  evidence: FileEvidence;
  capability?: string;
}

/**
 * Anti-patterns each repository detected, then those blocking a capability and the coverage gaps,
 * of the organization, each repository and each team, in that order.
 */
function* findings(assessment: Assessment): Generator<Finding> {
  for (const repo of assessment.repositories) {
    for (const d of repo.detections) {
      if (!ANTI_PATTERNS.has(d.id)) continue;
      for (const e of d.evidence) if (isFile(e)) yield { key: d.id, repository: e.repository ?? repo.path, evidence: e };
    }
  }
  const capabilitySets = [
    { context: undefined as string | undefined, capabilities: assessment.capabilities },
    ...assessment.repositories.map((r) => ({ context: r.path as string | undefined, capabilities: r.capabilities })),
    ...assessment.teams.map((t) => ({ context: t.repositories.length === 1 ? t.repositories[0] : undefined, capabilities: t.capabilities })),
  ];
  for (const { context, capabilities } of capabilitySets) {
    for (const c of capabilities) {
      for (const b of c.blockedBy ?? []) {
        if (!ANTI_PATTERNS.has(b.id)) continue;
        for (const e of b.evidence) {
          const repository = isFile(e) ? (e.repository ?? context) : undefined;
          if (isFile(e) && repository !== undefined) yield { key: b.id, repository, evidence: e, capability: c.id };
        }
      }
      const key = COVERAGE_RULES.get(c.id);
      if (key === undefined) continue;
      for (const e of (c.coverage?.missing ?? []) as Evidence[]) {
        const repository = isFile(e) ? (e.repository ?? context) : undefined;
        if (isFile(e) && repository !== undefined) yield { key, repository, evidence: e, capability: c.id };
      }
    }
  }
}

function sarifResult({ key, repository, evidence: e, capability }: Finding, uri: string): SarifResult {
  const rule = RULES.get(key)!;
  const artifactLocation = uri.startsWith('file:') ? { uri } : { uri, uriBaseId: '%SRCROOT%' };
  return {
    ruleId: rule.id,
    ruleIndex: RULE_LIST.indexOf(rule),
    level: rule.level,
    message: { text: rule.message.replace('{seen}', e.detail !== undefined ? `: ${e.detail}` : '') },
    locations: [{ physicalLocation: { artifactLocation, region: { startLine: Math.max(1, Math.trunc(e.line)) } } }],
    // Without the line, so that a finding keeps its identity when lines above it move.
    partialFingerprints: { 'k8sMaturityFinding/v1': fingerprint(rule.id, uri, e.detail ?? '') },
    properties: { repository, signal: key, ...(capability !== undefined ? { capability } : {}) },
  };
}

function isFile(e: Evidence): e is FileEvidence {
  return 'file' in e && typeof e.file === 'string' && typeof e.line === 'number';
}

/**
 * Repository-relative and forward-slashed; prefixed with the repository path when several are
 * scanned so code scanning can tell them apart. An absolute repository path cannot sit under
 * %SRCROOT%, so it becomes a file: URI.
 */
export function artifactUri(repository: string, file: string, several: boolean): string {
  const clean = (p: string): string => p.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  const f = clean(file).replace(/^\/+/, '');
  if (!several) return encodeUri(f);
  const repo = clean(repository);
  if (repo === '' || repo === '.') return encodeUri(f);
  if (/^([a-zA-Z]:)?\//.test(repo)) return `file://${repo.startsWith('/') ? '' : '/'}${encodeUri(`${repo}/${f}`)}`;
  return encodeUri(`${repo}/${f}`);
}

function encodeUri(path: string): string {
  return path.split('/').map((part) => encodeURIComponent(part).replace(/%3A/gi, ':')).join('/');
}

function sarifRule(rule: SarifRuleText): SarifRule {
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.short },
    fullDescription: { text: rule.full },
    defaultConfiguration: { level: rule.level },
    properties: { tags: rule.tags, precision: rule.precision, 'problem.severity': rule.severity },
    help: { text: `${rule.full}\n\nFix: ${rule.fix}`, markdown: `${rule.full}\n\n${rule.fixMarkdown}` },
    helpUri: `${INFORMATION_URI}/blob/main/docs/reports.md#${rule.id.toLowerCase()}`,
  };
}

function fingerprint(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}
