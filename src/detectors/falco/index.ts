import type { FileEvidence } from '../../core/types.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { YAML_FILE } from '../../facts/files/paths.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';
import { signalWithCode } from '../signal-with-code.js';

/** signal.yaml holds the footprint; code recognises Falco rules files and the chart's custom rules by their shape. */
export const detector = signalWithCode('falco', (repo) => rulesFiles(repo));

/** Test resources of a rules project (falcosecurity/rules has them) are inputs to a checker, not rules in use. */
const TEST_PATH = /(^|\/)(tests?|testdata|test-data|__tests__|fixtures)\//i;

/** A Falco rules file is a YAML list whose items are `rule`/`macro`/`list` mappings. */
function rulesFiles(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(YAML_FILE)) {
    if (TEST_PATH.test(file.path)) continue;
    const text = repo.text(file.path);
    if (text === undefined || !text.includes('condition:')) continue;
    for (const document of repo.yaml(file.path)) {
      const value = document.value;
      if (Array.isArray(value)) {
        const index = value.findIndex(isRuleOrMacro);
        if (index >= 0) evidence.push({ file: file.path, line: lineOf(value, index, document.line), detail: `Falco rules file (${ruleName(value[index])})` });
      } else {
        customRules(value, file.path, evidence, 0);
      }
    }
  }
  return evidence;
}

function isRuleOrMacro(item: unknown): boolean {
  if (!isRecord(item) || typeof item.condition !== 'string') return false;
  // A rule has an output and priority; a macro only a condition. Both are Falco's shape alone.
  if (typeof item.rule === 'string') return 'output' in item || 'priority' in item || 'desc' in item || item.enabled !== undefined;
  return typeof item.macro === 'string';
}

function ruleName(item: unknown): string {
  if (!isRecord(item)) return '';
  return typeof item.rule === 'string' ? `rule ${item.rule}` : `macro ${String(item.macro)}`;
}

/** The chart's `customRules: { "rules-app.yaml": "- rule: …" }`, in a values file or a HelmRelease's values. */
function customRules(node: unknown, file: string, evidence: FileEvidence[], depth: number): void {
  if (depth > 10 || !isRecord(node)) return;
  const rules = node.customRules;
  if (isRecord(rules)) {
    for (const [name, body] of Object.entries(rules)) {
      if (typeof body === 'string' && /^\s*-\s*(rule|macro)\s*:/m.test(body) && /^\s*condition\s*:/m.test(body)) {
        evidence.push({ file, line: lineOf(rules, name, lineOf(node, 'customRules')), detail: `Falco custom rules ${name}` });
      }
    }
  }
  for (const [key, value] of Object.entries(node)) if (key !== 'customRules') customRules(value, file, evidence, depth + 1);
}
