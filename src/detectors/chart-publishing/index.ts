import type { FileEvidence } from '../../core/types.js';
import { ciFacts, type Command } from '../../facts/ci/ci.js';
import { ciReachableCommands } from '../../facts/ci/ci-reach.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { configEvidence, useEvidence } from '../../facts/ci/ci-evidence.js';
import { uniquePlaces } from '../../facts/files/evidence.js';
import { runsTool, toolArgs } from '../../facts/ci/tool-runs.js';
import { shorten } from '../../facts/tools/component.js';
import type { Repository } from '../../workspace/repository.js';
import { defineDetector } from '../detector.js';
import { definition } from './definition.js';

/** A chart pushed by helm itself or by chart-releaser: publishing on its own. */
export function pushesChart(text: string): boolean {
  return (
    runsTool(text, 'helm', /^(push|cm-push|push-artifactory|s3\s+push|gcs\s+push)\b/) ||
    runsTool(text, 'cr|\\$[({]CR(?:_[A-Z]+)?[)}]', /^upload\b/) ||
    toolArgs(text, 'oras').some((args) => /^push\b.*\.tgz\b/.test(args))
  );
}

/** Copies and uploads that publish only when they carry a packaged chart (`*.tgz`) or an index.yaml. */
function uploadsPackagedChart(text: string): boolean {
  if (/\bcurl\b.*(--data-binary|-F|--form|-T|--upload-file)\s*["']?(\w+=)?@?[^\s"']*\.tgz/.test(text)) return true;
  if (/\b(aws\s+s3\s+(cp|sync)|gsutil\s+(-m\s+)?(cp|rsync)|gcloud\s+storage\s+(cp|rsync)|az\s+storage\s+blob\s+upload(-batch)?|jf(rog)?\s+(rt\s+)?(u|upload))\b/.test(text)) {
    return /\.tgz\b|index\.yaml|\bcharts?\b/.test(text);
  }
  return false;
}

export const detector = defineDetector(definition, (repo) => {
  const evidence: FileEvidence[] = [];
  const commands = ciReachableCommands(repo);
  // A file+job that packages a chart: its uploads of .tgz files publish that chart.
  const packaging = new Set(commands.filter((c) => runsTool(c.text, 'helm', /^package\b/)).map(jobKey));
  const packages = packageVariables(commands);
  for (const command of commands) {
    const packaged = packaging.has(jobKey(command)) && uploadsPackagedChart(withPackagesNamed(command, packages));
    if (pushesChart(command.text) || packaged || /--data-binary\s+["']?@[^\s"']*\.tgz/.test(command.text)) {
      evidence.push({ file: command.file, line: command.line, detail: `publishes a chart: \`${shorten(command.text)}\`` });
    }
  }
  evidence.push(
    ...useEvidence(repo, /^(helm\/chart-releaser-action|stefanprodan\/helm-gh-pages|appany\/helm-oci-chart-releaser|bitdeps\/helm-oci-charts-releaser|J12934\/helm-gh-pages-action|goodsmileduck\/helm-push-action|bsord\/helm-push|shellbear\/helm-release-action)@/i),
    ...chartActionsWithRepoCredentials(repo),
    ...configEvidence(repo, {
      path: /(^|\/)\.?cr\.ya?ml$/i,
      key: 'owner',
      value: /\S/,
      also: (doc) => ['git-repo', 'charts-repo', 'index-path', 'pages-branch', 'release-name-template', 'package-path', 'skip-existing'].some((k) => k in doc) && isRecord(doc),
      detail: 'chart-releaser configuration',
    }),
  );
  return uniquePlaces(evidence);
});

/** A `with:` value naming a chart: its Chart.yaml or a charts/ folder. */
const CHART_INPUT = /(^|\/)Chart\.ya?ml$|(^|\/)charts?(\/|$)/;
/** Credentials of a Helm chart repository (HELM_REPO_PASSWORD, CHARTMUSEUM_PASS, CHART_REPO_TOKEN…). */
const CHART_REPO_CREDENTIAL = /^(HELM[_-]?(REPO|REPOSITORY|REGISTRY)[_-]?\w*|CHART[_-]?(REPO|REPOSITORY|MUSEUM)[_-]?\w*|CHARTMUSEUM[_-]?\w*)$/i;

/**
 * An action handed a chart and the credentials of a chart repository publishes that chart, whatever
 * it is called: mittwald/bump-app-version-action with `mode: publish`, `chartYaml:` and
 * HELM_REPO_PASSWORD bumps the chart's appVersion and pushes it to the team's Helm repository. A bump
 * action without repository credentials only edits Chart.yaml.
 */
function chartActionsWithRepoCredentials(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const use of ciFacts(repo).uses) {
    const inputs = Object.values(use.with ?? {}).filter((v): v is string => typeof v === 'string');
    if (!inputs.some((v) => CHART_INPUT.test(v.trim()))) continue;
    const credential = [...Object.keys(use.env ?? {}), ...Object.keys(use.with ?? {})].find((key) => CHART_REPO_CREDENTIAL.test(key));
    if (credential === undefined) continue;
    evidence.push({ file: use.file, line: use.line, detail: `uses ${use.ref} with a chart and chart repository credentials (${credential})` });
  }
  return evidence;
}

/** `chart_name=$(ls -1 build/helm/*.tgz)`, `local PKG="web-${VERSION}.tgz"`: a variable holding a packaged chart's path. */
const TGZ_ASSIGNMENT = /(?:^|[\s;])(?:(?:local|export|readonly|declare(?:\s+-\w+)*)\s+)?([A-Za-z_]\w*)=(?:"?\$\([^)]*|[^\s;]*)\.tgz\b/;

/** Per file, the variables assigned a `.tgz` path: a script that packages a chart uploads it by name (`curl -T ${chart_name}`). */
function packageVariables(commands: readonly Command[]): Map<string, Set<string>> {
  const byFile = new Map<string, Set<string>>();
  for (const command of commands) {
    const name = TGZ_ASSIGNMENT.exec(command.text)?.[1];
    if (name === undefined) continue;
    const names = byFile.get(command.file) ?? new Set<string>();
    byFile.set(command.file, names.add(name));
  }
  return byFile;
}

/** The command with its file's package variables shown as the `.tgz` they hold, so the upload test sees the chart. */
function withPackagesNamed(command: Command, packages: Map<string, Set<string>>): string {
  const names = packages.get(command.file);
  if (names === undefined) return command.text;
  return command.text.replace(/\$\{?([A-Za-z_]\w*)\}?/g, (whole, name: string) => (names.has(name) ? `${name}.tgz` : whole));
}

function jobKey(command: Command): string {
  return `${command.file}#${command.job ?? ''}`;
}
