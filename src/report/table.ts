import type { CapabilityStatus } from '../core/types.js';
import type { Assessment, CapabilityResult } from '../model/types.js';
import { palette, type Palette } from './colors.js';
import { evidenceText } from './evidence-text.js';
import { safeField } from './sanitise.js';
import { fitLine, wrap, type Piece } from './wrap.js';

export interface TableOptions {
  color: boolean;
  /** Evidence lines shown per capability. */
  evidencePerCapability?: number;
  /** Columns to fit in (the terminal's width); unset: lines as long as they come. */
  width?: number;
}

const ICON: Record<CapabilityStatus, string> = { met: '✔', partial: '◐', missing: '✘', unknown: '?' };

/** The terminal view: the stage ladder, capabilities with status and evidence, and the next steps. */
export function renderTable(assessment: Assessment, options: TableOptions): string {
  const c = palette(options.color);
  const width = options.width !== undefined && options.width > 0 ? Math.max(40, Math.floor(options.width)) : Infinity;
  const sheet: Sheet = {
    out: [],
    c,
    // Prose wraps (continuation lines indented); evidence and places are cut at a word to one line.
    wrapped: (pieces, indent) => wrap(pieces, width, indent),
    cut: (text, paint) => (width === Infinity ? (paint ?? ((x: string) => x))(text) : fitLine(text, width, paint)),
    stageName: (n) => assessment.model.stages.find((s) => s.number === n)?.name ?? `Stage ${n}`,
  };
  header(sheet, assessment);
  repositories(sheet, assessment);
  capabilities(sheet, assessment, options.evidencePerCapability ?? 2);
  nextSteps(sheet, assessment);
  toVerifyAndWarnings(sheet, assessment);
  return `${sheet.out.join('\n')}\n`;
}

/** What every section writes with: the lines so far, the colours, and how a line fits the width. */
interface Sheet {
  out: string[];
  c: Palette;
  wrapped(pieces: Piece[], indent: number): string[];
  cut(text: string, paint?: (s: string) => string): string;
  stageName(n: number): string;
}

function header({ out, c, wrapped, stageName }: Sheet, assessment: Assessment): void {
  const sources = [`${assessment.repositories.length} repositor${assessment.repositories.length === 1 ? 'y' : 'ies'}`];
  if (assessment.clusters.length > 0) sources.push(`${assessment.clusters.length} cluster${assessment.clusters.length === 1 ? '' : 's'}`);
  out.push(c.bold(`k8s-maturity · ${safeField(assessment.organization)}`) + c.grey(` · ${sources.join(', ')}`));
  out.push('');
  const headline = assessment.stage === 0 ? 'Stage 0 of 5 — not yet at stage 1' : `Stage ${assessment.stage} of 5 — ${stageName(assessment.stage)}`;
  const toVerify = assessment.toVerify.length;
  const provisional = assessment.stageProvisional ? `  (provisional: ${toVerify} required capabilit${toVerify === 1 ? 'y' : 'ies'} to verify)` : '';
  out.push(...wrapped([{ text: `  ${headline}`, paint: c.bold }, { text: provisional, paint: c.yellow }], 4));
  out.push(...wrapped(ladder(assessment, c), 2));
  out.push('');
}

function repositories({ out, c, wrapped }: Sheet, assessment: Assessment): void {
  if (assessment.repositories.length === 1 && assessment.teams.length <= 1) {
    // One repository: what it was taken for decides what it is asked for, so say it and why.
    const repo = assessment.repositories[0]!;
    const label = { text: 'Repository:', paint: c.grey };
    const kindReason = { text: `— ${safeField(repo.kindReason)}`, paint: c.grey };
    out.push(...wrapped([{ text: '  ' }, label, { text: ` ${safeField(repo.path)}  ${repo.kind}  ` }, kindReason], 4));
    out.push('');
  }
  if (assessment.repositories.length <= 1 && assessment.teams.length <= 1) return;
  out.push(c.bold('Repositories'));
  const width = Math.max(...assessment.repositories.map((r) => safeField(r.path).length));
  for (const repo of assessment.repositories) {
    const reason = { text: `${repo.stageProvisional ? ' (provisional)' : ''}  ${safeField(repo.kindReason)}`, paint: c.grey };
    const kind = { text: repo.kind.padEnd(8), paint: c.grey };
    out.push(...wrapped([{ text: `  ${safeField(repo.path).padEnd(width)}  ` }, kind, { text: `  stage ${repo.stage}` }, reason], 4));
  }
  if (assessment.teams.length > 1) {
    out.push('');
    // Teams × stages: one mark per stage, so who is ahead and who is behind shows at a glance.
    const width = Math.max(4, ...assessment.teams.map((t) => safeField(t.name).length));
    out.push(c.bold(`${'Teams'.padEnd(width + 2)}  1 2 3 4 5`));
    for (const team of assessment.teams) {
      const marks = [1, 2, 3, 4, 5].map((n) => (n <= team.stage ? c.green('■') : c.grey('□'))).join(' ');
      const count = c.grey(`${team.repositories.length} repositor${team.repositories.length === 1 ? 'y' : 'ies'}`);
      out.push(`  ${safeField(team.name).padEnd(width)}  ${marks}  stage ${team.stage}  ${count}`);
    }
  }
  out.push('');
}

function capabilities({ out, c, wrapped, cut }: Sheet, assessment: Assessment, perCapability: number): void {
  out.push(c.bold('Capabilities'));
  for (const stage of assessment.model.stages) {
    out.push(`  ${c.cyan(`Stage ${stage.number} · ${stage.name}`)}`);
    for (const capability of assessment.capabilities.filter((x) => x.stage === stage.number)) {
      const optional = { text: capability.required ? '' : ' (optional)', paint: c.grey };
      const summary = { text: capabilitySummary(capability), paint: c.grey };
      out.push(...wrapped([{ text: '    ' }, statusCell(capability, c), { text: `  ${capability.name}` }, optional, summary], 17));
      for (const e of capability.evidence.slice(0, perCapability)) out.push(cut(`        ${safeField(evidenceText(e))}`, c.grey));
      for (const blocker of capability.blockedBy ?? []) {
        for (const e of blocker.evidence.slice(0, perCapability)) out.push(cut(`        ${blocker.id}: ${safeField(evidenceText(e))}`, c.red));
      }
      const more = capability.evidence.length - perCapability;
      if (more > 0) out.push(c.grey(`        … ${more} more (--format json or html for all)`));
      const libraries = capability.instrumentation ?? [];
      const others = libraries.length > 1 ? ` and ${libraries.length - 1} more` : '';
      if (libraries.length > 0) out.push(cut(`        instrumentation only: ${safeField(evidenceText(libraries[0]!))}${others}`, c.grey));
    }
  }
  out.push('');
}

function nextSteps({ out, c, wrapped, cut, stageName }: Sheet, assessment: Assessment): void {
  if (assessment.roadmap.length === 0) return;
  const next = assessment.stage + 1;
  out.push(c.bold(`Next steps${next <= 5 ? ` toward stage ${next} · ${stageName(next)}` : ''}`));
  let i = 1;
  for (const step of assessment.roadmap.filter((s) => s.stage === next)) {
    out.push(...wrapped([{ text: `  ${i++}. ${step.title}` }, { text: step.required ? '' : ' (optional)', paint: c.grey }], 5));
    out.push(...wrapped([{ text: `     ${step.steps[0]}`, paint: c.grey }], 5));
    const alternatives = step.alternatives.length > 0 ? `; or ${step.alternatives.join(', ')}` : '';
    out.push(...wrapped([{ text: `     tools: ${step.articleChoice}${alternatives}`, paint: c.grey }], 7));
    for (const place of step.places.slice(0, 4)) {
      const where = [place.repository, place.file ? `${place.file}${place.line ? `:${place.line}` : ''}` : undefined].filter(Boolean).join('/');
      out.push(cut(`     → ${safeField(`${where ? `${where}: ` : ''}${place.note}`)}`));
    }
    if (step.places.length > 4) out.push(c.grey(`     … ${step.places.length - 4} more places`));
    out.push(...wrapped([{ text: `     done when: ${step.doneWhen}`, paint: c.grey }], 7));
  }
  const later = assessment.roadmap.filter((s) => s.stage > next);
  if (later.length > 0) out.push(...wrapped([{ text: `  Later: ${later.map((s) => `${s.name} (stage ${s.stage})`).join(', ')}`, paint: c.grey }], 4));
  out.push('');
}

function toVerifyAndWarnings({ out, c, wrapped }: Sheet, assessment: Assessment): void {
  if (assessment.toVerify.length > 0) {
    out.push(c.bold('To verify'));
    for (const item of assessment.toVerify) out.push(...wrapped([{ text: `  ? ${safeField(`${item.capability}: ${item.reason}`)}` }], 4));
    out.push('');
  }
  const warnings = assessment.warnings;
  if (warnings.length === 0) return;
  out.push(c.yellow(`${warnings.length} warning${warnings.length === 1 ? '' : 's'}`) + c.grey(' (files skipped or read in part)'));
  for (const w of warnings.slice(0, 5)) {
    out.push(...wrapped([{ text: `  ${safeField(`${w.repository ? `${w.repository}/` : ''}${w.file}: ${w.message}`)}`, paint: c.grey }], 4));
  }
  if (warnings.length > 5) out.push(c.grey(`  … ${warnings.length - 5} more in --format json`));
}

/** The stages as unbreakable pieces: a narrow terminal breaks the ladder between stages, never inside one. */
function ladder(assessment: Assessment, c: Palette): Piece[] {
  const pieces: Piece[] = [{ text: '  ' }];
  for (const [index, s] of assessment.model.stages.entries()) {
    if (index > 0) pieces.push({ text: '  ›', paint: c.grey, whole: true, glue: true }, { text: '  ' });
    const label = `${s.number} ${s.name}`;
    if (s.number <= assessment.stage) pieces.push({ text: `■ ${label}`, paint: c.green, whole: true });
    else pieces.push({ text: `□ ${label}`, paint: s.number === assessment.stage + 1 ? c.yellow : c.grey, whole: true });
  }
  return pieces;
}

function statusCell(capability: CapabilityResult, c: Palette): Piece {
  const text = `${ICON[capability.status]} ${capability.status.padEnd(7)}`;
  if (capability.status === 'met') return { text: capability.byAttestation ? `✔ attested` : text, paint: c.green };
  if (capability.status === 'partial') return { text, paint: c.yellow };
  if (capability.status === 'missing') return { text, paint: c.red };
  return { text, paint: c.grey };
}

function capabilitySummary(capability: CapabilityResult): string {
  const parts: string[] = [];
  if (capability.signals.length > 0) parts.push(capability.signals.join(', '));
  // An unknown status is explained by its reason (what would settle it), never by a coverage figure.
  const coverage = capability.coverage;
  if (coverage && coverage.total > 0 && capability.status !== 'unknown') parts.push(`${coverage.covered} of ${coverage.total} ${coverage.unit}`);
  else if (capability.reason && capability.status !== 'met') parts.push(capability.reason);
  if (capability.exemption) parts.push(`exempt: ${capability.exemption}`);
  return parts.length > 0 ? `  — ${safeField(parts.join(' · '))}` : '';
}
