import type { Evidence, FileEvidence } from '../core/types.js';
import type { Assessment, CapabilityResult, RoadmapStep } from '../model/types.js';
import { safeDocument } from './sanitise.js';

/**
 * Markdown for pull-request comments and wikis (GitHub-flavoured). Everything that comes from a
 * scanned repository (file names, details, team names) is escaped: a hostile file name must not
 * turn into a link, an image or HTML in somebody's PR comment.
 */

export interface ReportLinkOptions {
  /**
   * Repository path (as in `assessment.repositories[].path`) → the web URL its files live under,
   * e.g. "https://github.com/acme/payments-api/blob/HEAD". Evidence becomes a link to the line.
   */
  webUrls?: Record<string, string>;
}

/** Evidence lists longer than this go into a `<details>` block. */
const INLINE_EVIDENCE = 3;
/** Evidence shown in a capability table cell before "+N more". */
const CELL_EVIDENCE = 2;

export function renderMarkdown(assessment: Assessment, options: ReportLinkOptions = {}): string {
  const out: string[] = [];
  out.push(...headline(assessment), '');
  out.push(...ladder(assessment), '');
  out.push(...repositoriesTable(assessment), '');
  out.push(...roadmap(assessment, options), '');
  if (assessment.toVerify.length > 0) out.push(...toVerify(assessment), '');
  out.push(...capabilityTable(assessment, options), '');
  if (assessment.teams.length > 0) out.push(...teamsTable(assessment), '');
  out.push(...evidenceSection(assessment, options), '');
  if (assessment.warnings.length > 0) out.push(...warnings(assessment), '');
  out.push(...footer(assessment));
  // Last, so no control character from a file name or a message reaches a terminal that shows the file.
  return safeDocument(`${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`);
}

/* ---------------------------------------------------------------- shared with the HTML report */

export type StatusKey = 'met' | 'attested' | 'partial' | 'missing' | 'unknown' | 'exempt';

/** The status as shown: attestation and exemption are told apart from detected evidence. */
export function statusKey(c: Pick<CapabilityResult, 'status' | 'byAttestation' | 'exemption'>): StatusKey {
  if (c.exemption !== undefined) return 'exempt';
  if (c.status === 'met' && c.byAttestation === true) return 'attested';
  return c.status;
}

export const STATUS_ICON: Record<StatusKey, string> = { met: '✅', attested: '📝', partial: '🟡', missing: '❌', unknown: '❔', exempt: '➖' };
export const STATUS_WORD: Record<StatusKey, string> = { met: 'met', attested: 'met by attestation', partial: 'partial', missing: 'missing', unknown: 'unknown', exempt: 'exempt' };

/** "partial · 7 of 9 containers". */
export function statusText(c: CapabilityResult): string {
  const key = statusKey(c);
  const cover = c.coverage && c.coverage.total > 0 ? ` · ${c.coverage.covered} of ${c.coverage.total} ${c.coverage.unit}` : '';
  return `${STATUS_WORD[key]}${key === 'met' || key === 'partial' ? cover : ''}`;
}

/** A capability counts toward a stage when met, attested or exempted. */
export function counts(c: CapabilityResult): boolean {
  return c.status === 'met' || c.exemption !== undefined;
}

/** The link to a file line, when a web URL is known for its repository. */
export function fileWebUrl(webUrls: Record<string, string> | undefined, repository: string | undefined, file: string, line: number): string | undefined {
  if (!webUrls || repository === undefined) return undefined;
  const base = webUrls[repository];
  if (base === undefined || !/^https?:\/\//i.test(base)) return undefined;
  const path = file.split('/').map((part) => encodeURIComponent(part).replace(/[()']/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)).join('/');
  return `${base.replace(/\/+$/, '')}/${path}#L${line}`;
}

/** The repository a file evidence belongs to: its own, or the one being shown. */
export function repositoryOf(e: FileEvidence, context?: string): string | undefined {
  return e.repository ?? context;
}

export interface StageTally {
  required: number;
  met: number;
  unknown: number;
}

export function stageTally(capabilities: CapabilityResult[], stage: number): StageTally {
  const tally: StageTally = { required: 0, met: 0, unknown: 0 };
  for (const c of capabilities) {
    if (c.stage !== stage || !c.required) continue;
    tally.required += 1;
    if (counts(c)) tally.met += 1;
    else if (c.status === 'unknown') tally.unknown += 1;
  }
  return tally;
}

export function stageName(assessment: Assessment, n: number): string {
  return assessment.model.stages.find((s) => s.number === n)?.name ?? `Stage ${n}`;
}

/** Roadmap steps of the next stage (required first, then optional), then the later ones. */
export function splitRoadmap(assessment: Assessment): { next: number; required: RoadmapStep[]; optional: RoadmapStep[]; later: RoadmapStep[] } {
  const next = assessment.stage + 1;
  const required: RoadmapStep[] = [];
  const optional: RoadmapStep[] = [];
  const later: RoadmapStep[] = [];
  for (const step of assessment.roadmap) {
    if (step.stage <= next && step.required) required.push(step);
    else if (step.stage <= next) optional.push(step);
    else later.push(step);
  }
  return { next, required, optional, later };
}

/* ---------------------------------------------------------------- sections */

function headline(a: Assessment): string[] {
  const max = a.model.stages.length;
  const name = a.stage > 0 ? stageName(a, a.stage) : 'not started';
  const lines = [`# Kubernetes maturity of ${text(a.organization)}: stage ${a.stage} of ${max}, ${text(name)}`, ''];
  const unknown = a.toVerify.length;
  if (a.stageProvisional) {
    lines.push(`> [!NOTE]\n> Provisional: ${unknown === 1 ? '1 required capability' : `${unknown} required capabilities`} could not be checked with the sources given (see *To verify*); the stage may change once they are.`, '');
  }
  if (a.stage < max) {
    const { required } = splitRoadmap(a);
    const left = required.length === 1 ? '1 required step left' : `${required.length} required steps left`;
    lines.push(`**Next: stage ${a.stage + 1}, ${text(stageName(a, a.stage + 1))}**: ${left}.`);
  } else {
    lines.push('**Every stage is reached.** Keep the evidence current.');
  }
  const parts = [
    plural(a.repositories.length, 'repository', 'repositories'),
    plural(a.clusters.length, 'cluster', 'clusters'),
    plural(a.teams.length, 'team', 'teams'),
    `${text(a.tool.name)} ${text(a.tool.version)}`,
    text(a.generatedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC')),
  ];
  lines.push('', `<sub>${parts.join(' · ')}</sub>`);
  return lines;
}

function ladder(a: Assessment): string[] {
  const lines = ['## Stage ladder', '', '| Stage | Reached | Required capabilities met | Here now |', '|---|:---:|---|---|'];
  const stages = [...a.model.stages].sort((x, y) => y.number - x.number);
  for (const s of stages) {
    const tally = stageTally(a.capabilities, s.number);
    const toCheck = tally.unknown > 0 ? ` (+${tally.unknown} to verify)` : '';
    const here: string[] = [];
    if (a.stage === s.number) here.push(`**${text(a.organization)}** (organization)`);
    for (const t of a.teams) if (t.stage === s.number) here.push(`team ${text(t.name)}`);
    for (const r of a.repositories) if (r.stage === s.number) here.push(code(r.path));
    const marker = a.stage === s.number ? ' ◀ here' : a.stage + 1 === s.number ? ' ◀ next' : '';
    const label = `${s.number} · ${text(s.name)}${marker}`;
    lines.push(`| ${a.stage === s.number ? `**${label}**` : label} | ${s.number <= a.stage ? '✅' : '⬜'} | ${tally.met} of ${tally.required}${toCheck} | ${here.join(', ')} |`);
  }
  const below = [...a.teams.filter((t) => t.stage === 0).map((t) => `team ${text(t.name)}`), ...a.repositories.filter((r) => r.stage === 0).map((r) => code(r.path))];
  if (a.stage === 0) below.unshift(`**${text(a.organization)}** (organization)`);
  if (below.length > 0) lines.push(`| 0 · not started | | | ${below.join(', ')} |`);
  return lines;
}

/** What each repository was taken for decides what it is asked for: its kind, with the reason. */
function repositoriesTable(a: Assessment): string[] {
  const lines = ['## Repositories', '', '| Repository | Kind | Why | Stage |', '|---|---|---|:---:|'];
  for (const r of a.repositories) lines.push(`| ${code(r.path)} | ${r.kind} | ${text(r.kindReason)} | ${r.stage}${r.stageProvisional ? ' (provisional)' : ''} |`);
  return lines;
}

function roadmap(a: Assessment, options: ReportLinkOptions): string[] {
  const { next, required, optional, later } = splitRoadmap(a);
  const lines: string[] = [];
  if (next > a.model.stages.length) {
    lines.push('## Roadmap', '', 'Every stage is reached.');
    if (later.length + optional.length === 0) return lines;
  } else {
    lines.push(`## Roadmap to stage ${next}: ${text(stageName(a, next))}`, '');
    if (required.length === 0) lines.push(a.toVerify.length > 0 ? 'No required step left that the scan could see; settle the capabilities under *To verify*.' : 'No required step left.', '');
    let i = 1;
    for (const step of required) lines.push(...roadmapStep(step, i++, a, options), '');
    if (optional.length > 0) {
      lines.push(`### Optional for stage ${next}`, '');
      for (const step of optional) lines.push(...roadmapStep(step, i++, a, options), '');
    }
  }
  if (later.length > 0) {
    lines.push('### Later stages', '', '| Stage | Step | Capability | Status | Where |', '|---|---|---|---|---|');
    for (const step of later) {
      const first = step.places[0];
      const firstText = first === undefined ? '' : first.file !== undefined ? evidenceShort({ file: first.file, line: first.line ?? 1, repository: first.repository }, options) : first.repository !== undefined ? code(first.repository) : text(first.note);
      const where = step.places.length > 1 ? `${firstText} +${step.places.length - 1}` : firstText;
      lines.push(`| ${step.stage} | ${text(step.title)}${step.required ? '' : ' *(optional)*'} | ${text(step.name)} | ${STATUS_ICON[step.status]} ${step.status} | ${where} |`);
    }
  }
  return lines;
}

function roadmapStep(step: RoadmapStep, index: number, a: Assessment, options: ReportLinkOptions): string[] {
  const capability = a.capabilities.find((c) => c.id === step.capability);
  const status = capability ? `${STATUS_ICON[statusKey(capability)]} ${statusText(capability)}` : `${STATUS_ICON[step.status]} ${step.status}`;
  const lines = [`#### ${index}. ${text(step.title)}`, '', `${text(step.name)} ${code(step.capability)} · ${status}${step.required ? '' : ' · optional'}`, ''];
  for (const s of step.steps) lines.push(`- ${text(s)}`);
  if (step.places.length > 0) {
    lines.push('', '**Where:**', '');
    const items = step.places.map((p) => `- ${placeText(p, options)}`);
    lines.push(...collapse(items, `${step.places.length} places`));
  }
  lines.push('');
  const alternatives = step.alternatives.length > 0 ? ` · **Alternatives:** ${step.alternatives.map(text).join(', ')}` : '';
  lines.push(`**Article's choice:** ${text(step.articleChoice)}${alternatives}  `, `**Done when:** ${text(step.doneWhen)}`);
  return lines;
}

function placeText(p: RoadmapStep['places'][number], options: ReportLinkOptions): string {
  const note = text(p.note);
  if (p.file !== undefined) {
    const where = fileLink(options, p.repository, p.file, p.line ?? 1, p.line !== undefined);
    return `${p.repository !== undefined ? `${code(p.repository)} · ` : ''}${where} — ${note}`;
  }
  if (p.repository !== undefined) return `${code(p.repository)} — ${note}`;
  return note;
}

function toVerify(a: Assessment): string[] {
  const lines = ['## To verify', ''];
  for (const v of a.toVerify) {
    const c = a.capabilities.find((x) => x.id === v.capability);
    lines.push(`- ❔ **${text(c?.name ?? v.capability)}** ${code(v.capability)}: ${text(v.reason)}`);
  }
  return lines;
}

function capabilityTable(a: Assessment, options: ReportLinkOptions): string[] {
  const lines = ['## Capabilities', '', '| Stage | | Capability | Required | Status | Evidence |', '|:---:|---|---|---|---|---|'];
  const sorted = [...a.capabilities].sort((x, y) => x.stage - y.stage);
  for (const c of sorted) {
    const key = statusKey(c);
    const status = `${statusText(c)}${c.exemption !== undefined ? `: ${text(c.exemption)}` : ''}`;
    lines.push(`| ${c.stage} | ${STATUS_ICON[key]} | ${text(c.name)} ${code(c.id)} | ${c.required ? 'required' : 'optional'} | ${status} | ${evidenceCell(c, options)} |`);
  }
  return lines;
}

function evidenceCell(c: CapabilityResult, options: ReportLinkOptions): string {
  const parts: string[] = [];
  for (const b of c.blockedBy ?? []) {
    const first = b.evidence[0];
    if (first) parts.push(`⛔ ${code(b.id)} ${evidenceShort(first, options)}${b.evidence.length > 1 ? ` +${b.evidence.length - 1}` : ''}`);
  }
  const shown = c.evidence.slice(0, CELL_EVIDENCE).map((e) => evidenceShort(e, options));
  parts.push(...shown);
  const rest = c.evidence.length - shown.length;
  if (rest > 0) parts.push(`+${rest} more`);
  if (parts.length === 0 && c.reason !== undefined) parts.push(`*${text(c.reason)}*`);
  return parts.join(', ');
}

function teamsTable(a: Assessment): string[] {
  const numbers = [...a.model.stages].map((s) => s.number).sort((x, y) => x - y);
  const lines = [
    '## Teams',
    '',
    `| Team | Stage | Repositories | ${numbers.map((n) => `${n}`).join(' | ')} |`,
    `|---|:---:|---|${numbers.map(() => ':---:').join('|')}|`,
  ];
  for (const t of a.teams) {
    const cells = numbers.map((n) => {
      if (n <= t.stage) return '✅';
      const tally = stageTally(t.capabilities, n);
      return `${tally.met}/${tally.required}${tally.unknown > 0 ? ' ❔' : ''}`;
    });
    lines.push(`| ${text(t.name)} | **${t.stage}** | ${t.repositories.map(code).join(', ')} | ${cells.join(' | ')} |`);
  }
  lines.push('', '<sub>✅ stage reached · *n/m* required capabilities met · ❔ some could not be checked</sub>');
  return lines;
}

function evidenceSection(a: Assessment, options: ReportLinkOptions): string[] {
  const lines = ['## Evidence', ''];
  const sorted = [...a.capabilities].sort((x, y) => x.stage - y.stage);
  for (const c of sorted) {
    const items: string[] = [];
    for (const e of c.evidence) items.push(`- ${evidenceLine(e, options)}`);
    const missing = c.coverage?.missing ?? [];
    if (missing.length > 0) {
      items.push(`- **Not covered: ${missing.length} of ${c.coverage!.total} ${text(c.coverage!.unit)}**`);
      for (const e of missing) items.push(`  - ${evidenceLine(e, options)}`);
    }
    for (const b of c.blockedBy ?? []) {
      items.push(`- **⛔ Blocked by ${code(b.id)}:**`);
      for (const e of b.evidence) items.push(`  - ${evidenceLine(e, options)}`);
    }
    if (c.instrumentation && c.instrumentation.length > 0) {
      items.push('- **Instrumentation only (client libraries, not a deployed backend):**');
      for (const e of c.instrumentation) items.push(`  - ${evidenceLine(e, options)}`);
    }
    if (items.length === 0) continue;
    const title = `${STATUS_ICON[statusKey(c)]} ${text(c.name)} ${code(c.id)}`;
    const places = items.filter((i) => !i.startsWith('- **')).length;
    if (places <= INLINE_EVIDENCE) {
      lines.push(`**${title}**`, '', ...items, '');
    } else {
      // HTML summary: markdown is not rendered inside <summary>, so escape for HTML there.
      const summary = `${STATUS_ICON[statusKey(c)]} <b>${html(c.name)}</b> <code>${html(c.id)}</code> · ${places} places`;
      lines.push(`<details><summary>${summary}</summary>`, '', ...items, '', '</details>', '');
    }
  }
  return lines;
}

function warnings(a: Assessment): string[] {
  const lines = [`<details><summary>⚠️ ${plural(a.warnings.length, 'warning', 'warnings')}</summary>`, ''];
  for (const w of a.warnings) lines.push(`- ${w.repository !== undefined ? `${code(w.repository)} · ` : ''}${code(w.file)}: ${text(w.message)}`);
  lines.push('', '</details>');
  return lines;
}

function footer(a: Assessment): string[] {
  const src = a.model.source;
  return ['---', '', `<sub>Generated by ${text(a.tool.name)} ${text(a.tool.version)}. The stages follow “${text(src.title)}” by ${text(src.author)}.</sub>`];
}

/* ---------------------------------------------------------------- evidence */

function evidenceShort(e: Evidence, options: ReportLinkOptions): string {
  if ('file' in e) {
    // In a table cell the repository is told by its last segment: "payments-api/Dockerfile:1".
    const short = e.repository !== undefined ? `${e.repository.split('/').filter(Boolean).pop() ?? e.repository}/` : '';
    const url = fileWebUrl(options.webUrls, e.repository, e.file, e.line);
    const label = text(`${short}${e.file}:${e.line}`);
    return url === undefined ? label : `[${label}](${url})`;
  }
  if ('object' in e) return code(e.object);
  if ('history' in e) return `history: ${text(e.history)}`;
  return `📝 attested by ${text(e.by)}`;
}

function evidenceLine(e: Evidence, options: ReportLinkOptions): string {
  if ('file' in e) {
    const repo = e.repository !== undefined ? `${code(e.repository)} · ` : '';
    return `${repo}${fileLink(options, e.repository, e.file, e.line, true)}${e.detail !== undefined ? ` — ${text(e.detail)}` : ''}`;
  }
  if ('object' in e) return `${e.cluster !== undefined ? `cluster ${code(e.cluster)} · ` : ''}${code(e.object)}${e.detail !== undefined ? ` — ${text(e.detail)}` : ''}`;
  if ('history' in e) return `${e.repository !== undefined ? `${code(e.repository)} · ` : ''}git history — ${text(e.history)}`;
  const link = e.link !== undefined && /^https?:\/\//i.test(e.link) ? ` ([link](${e.link.replace(/[()\s<>]/g, encodeURIComponent)}))` : '';
  const expires = e.expires !== undefined ? `, expires ${text(e.expires)}` : '';
  return `📝 attested by ${text(e.by)} on ${text(e.date)}${expires}: ${text(e.attestation)}${link}`;
}

function fileLink(options: ReportLinkOptions, repository: string | undefined, file: string, line: number, withLine: boolean): string {
  const label = text(withLine ? `${file}:${line}` : file);
  const url = fileWebUrl(options.webUrls, repository, file, line);
  return url === undefined ? label : `[${label}](${url})`;
}

function collapse(items: string[], summary: string): string[] {
  if (items.length <= INLINE_EVIDENCE) return items;
  return [`<details><summary>${html(summary)}</summary>`, '', ...items, '', '</details>'];
}

/* ---------------------------------------------------------------- escaping */

/** Markdown text that stays text: no emphasis, links, HTML or table breaks from untrusted input. */
export function text(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1');
}

/** An inline code span; backticks and pipes cannot close it or break a table. */
function code(s: string): string {
  return `\`${s.replace(/[\r\n]+/g, ' ').replace(/`/g, "'").replace(/\|/g, '¦')}\``;
}

function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
