/**
 * A signal file (built in or the user's) read into a definition and a compiled footprint. Light on
 * purpose: reports and the model read definitions without loading any detector code.
 */
import type { CommandMatcher, ComponentSpec } from '../facts/tools/component.js';
import { runsMatching } from '../facts/ci/tool-runs.js';
import type { ConfigFileSpec } from '../facts/tools/config-files.js';
import type { SignalDefinition, SignalFile } from '../signals/schema.js';
import { commandPattern, globSource, isRegexForm, namePattern } from '../signals/patterns.js';
import type { DetectorDefinition } from './detector.js';
import { compileConstructs, type ConstructMatcher } from '../facts/iac/program-constructs.js';

/** What a compiled footprint adds to the component spec: charts by repository, CloudFormation types, CRDs, configurations. */
export interface Extras {
  chartsByReference: RegExp[];
  cloudformation: RegExp[];
  azure: RegExp[];
  files: { path: RegExp; contains?: string }[];
  /** API groups of committed CustomResourceDefinitions, as one pattern. */
  crds?: RegExp;
  /** Classes or functions an infrastructure program (CDK app, Pulumi project) instantiates, as one pattern. */
  constructs?: ConstructMatcher;
  configs: ConfigFileSpec[];
}

/** The definition of a signal file, without its detection (reports and the model read this). */
export function definitionOf(file: SignalFile): DetectorDefinition {
  // Built-in files are validated by the registry test and users' by src/signals/user-signals.ts.
  const signal = file.definition as SignalDefinition;
  return {
    id: signal.id,
    name: signal.name,
    kind: signal.kind ?? 'tool',
    description: signal.description,
    remediation: signal.remediation ?? `Adopt ${signal.name} where it fits, or one of the alternatives of the capability it serves.`,
    ...(signal.category ? { category: signal.category } : {}),
    ...(signal.service ? { service: true as const } : {}),
    component: compileFootprint(signal.footprint).component,
    ...clusterOf(signal.footprint),
    definedIn: file.definedIn,
  };
}

export function compileFootprint(footprint: SignalDefinition['footprint']): { component: ComponentSpec; extras: Extras } {
  const component: ComponentSpec = {};
  const names = (list: string[] | undefined, options: { tail?: boolean; ignoreCase?: boolean } = {}) => (list?.length ? list.map((p) => namePattern(p, options)) : undefined);
  const images = names(footprint.images, { tail: true });
  if (images) component.images = images;
  const charts = footprint.charts?.filter((c) => !isChartReference(c));
  if (charts?.length) component.charts = charts.map((c) => namePattern(isRegexForm(c) ? c : c.toLowerCase()));
  if (footprint.objects?.length) component.objects = footprint.objects.map((o) => ({ group: namePattern(o.group), ...(o.kind ? { kind: namePattern(o.kind) } : {}) }));
  const uses = names(footprint.ciUses, { ignoreCase: true });
  if (uses) component.ciUses = uses;
  if (footprint.commands?.length) component.commands = footprint.commands.map((c) => commandMatcher(c, footprint.notCommands));
  if (footprint.dependencies?.length) component.dependencies = footprint.dependencies.map((d) => ({ name: namePattern(d.name), ...(d.ecosystems ? { ecosystems: d.ecosystems } : {}) }));
  const tf = footprint.terraform;
  const resources = anyOf(tf?.resources);
  if (resources) component.terraformResources = resources;
  const modules = anyOf(tf?.modules);
  if (modules) component.terraformModules = modules;
  const providers = anyOf(tf?.providers);
  if (providers) component.terraformProviders = providers;
  const flags = anyOf(tf?.moduleFlags);
  if (flags) component.terraformModuleFlags = flags;
  const extras: Extras = {
    chartsByReference: (footprint.charts ?? []).filter(isChartReference).map((c) => namePattern(c, { ignoreCase: true })),
    cloudformation: (footprint.cloudformation ?? []).map((p) => namePattern(p)),
    azure: (footprint.azure ?? []).map((p) => namePattern(p, { ignoreCase: true })),
    files: (footprint.files ?? []).map((f) => ({ path: pathPattern(f.glob), ...(f.contains ? { contains: f.contains } : {}) })),
    configs: (footprint.configs ?? []).map((c) => ({
      name: namePattern(c.name),
      ...(c.path ? { path: isRegexForm(c.path) ? namePattern(c.path) : pathPattern(c.path) } : {}),
      content: c.matches.map(contentPattern),
      ...(c.contains ? { contains: c.contains } : {}),
      ...(c.absent?.length ? { absent: c.absent.map(contentPattern) } : {}),
      detail: c.detail,
    })),
  };
  const crds = anyOf(footprint.crds);
  if (crds) extras.crds = crds;
  const constructs = compileConstructs(footprint.constructs, isRegexForm);
  if (constructs) extras.constructs = constructs;
  return { component, extras };
}

/** What only a live cluster shows: admission webhooks, delivery labels, agent DaemonSets. */
function clusterOf(footprint: SignalDefinition['footprint']): Pick<DetectorDefinition, 'cluster'> {
  const cluster: NonNullable<DetectorDefinition['cluster']> = {};
  const webhooks = anyOf(footprint.webhooks);
  if (webhooks) cluster.webhooks = webhooks;
  if (footprint.labels?.length) cluster.labels = footprint.labels.map(({ key, what }) => ({ key, what }));
  // Matched on the image path after any registry, as the footprint's images are.
  if (footprint.daemonSets?.length) cluster.daemonSetImages = new RegExp(footprint.daemonSets.map((p) => namePattern(p, { tail: true }).source).join('|'));
  return Object.keys(cluster).length > 0 ? { cluster } : {};
}

/**
 * Command words match only where a program is run, not in a line that installs or prints it; a
 * regular expression is taken as written.
 */
function commandMatcher(pattern: string, notCommands: string[] | undefined): CommandMatcher {
  const re = commandPattern(pattern);
  const matcher: CommandMatcher = isRegexForm(pattern) ? re : { test: (text) => runsMatching(text, re) };
  if (!notCommands?.length) return matcher;
  // `notCommands` say where the words are something else (a namespace, a remote target): a line matching one never counts.
  const not = notCommands.map(commandPattern);
  return { test: (text) => matcher.test(text) && !not.some((n) => n.test(text)) };
}

/** One pattern for a list: a name glob matched whole, or a regular expression as written. */
function anyOf(list: string[] | undefined): RegExp | undefined {
  // A single regular expression keeps its flags ("/…/i").
  if (list?.length === 1 && isRegexForm(list[0]!)) return namePattern(list[0]!);
  return list?.length ? new RegExp(list.map((p) => (isRegexForm(p) ? `(?:${p.slice(1, p.lastIndexOf('/'))})` : `^${globSource(p)}$`)).join('|')) : undefined;
}

/** A path glob from the repository root; a leading `**\/` also matches at the root. */
function pathPattern(glob: string): RegExp {
  return new RegExp(`^${globSource(glob.replace(/^\*\*\//, '\u0000'))}$`.replace('\u0000', '(?:.*/)?'));
}

/** A content pattern: a regular expression whose ^ and $ are a line's ends, or plain text to find. */
function contentPattern(pattern: string): RegExp {
  if (isRegexForm(pattern)) return new RegExp(pattern.slice(1, pattern.lastIndexOf('/')), pattern.endsWith('/i') ? 'im' : 'm');
  return new RegExp(pattern.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'm');
}

/** "oci://charts.acme.internal/platform/*" names a chart by repository; "sealed-secrets" or "/^sealed-secrets(-controller)?$/" by name. */
function isChartReference(pattern: string): boolean {
  return (isRegexForm(pattern) ? pattern.slice(1, pattern.lastIndexOf('/')) : pattern).includes('/');
}
