import { createHash } from 'node:crypto';
import type { Evidence } from '../core/types.js';
import type { Assessment, CapabilityResult, RoadmapStep } from '../model/types.js';
import { REPORT_SCRIPT } from './html/script.js';
import { REPORT_STYLE } from './html/style.js';
import { type ReportLinkOptions, type StatusKey, STATUS_WORD, fileWebUrl, splitRoadmap, stageName, stageTally, statusKey } from './markdown.js';
import { safeDocument } from './sanitise.js';
import { cutAtWord } from '../core/text.js';

/**
 * One self-contained HTML file: inline style and script, system fonts, no request to any host
 * (enforced by a Content-Security-Policy with default-src 'none'). Everything taken from the
 * assessment goes through esc(): file names and details come from untrusted repositories.
 */

const SYMBOL: Record<StatusKey, string> = { met: '✓', attested: '✎', partial: '◐', missing: '✗', unknown: '?', exempt: '–' };

export function renderHtml(assessment: Assessment, options: ReportLinkOptions = {}): string {
  const a = assessment;
  const title = `Kubernetes maturity of ${a.organization}: stage ${a.stage}`;
  const scriptHash = createHash('sha256').update(REPORT_SCRIPT).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${esc(a.tool.name)} ${esc(a.tool.version)}">`,
    `<title>${esc(title)}</title>`,
    `<style>${REPORT_STYLE}</style>`,
    '</head>',
    '<body>',
    hero(a),
    ladder(a),
    heatmap(a),
    coverage(a),
    roadmap(a, options),
    toVerify(a),
    evidence(a, options),
    warnings(a),
    footer(a),
    `<script>${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/* ---------------------------------------------------------------- sections */

function hero(a: Assessment): string {
  const max = a.model.stages.length;
  const stage = a.model.stages.find((s) => s.number === a.stage);
  const next = splitRoadmap(a);
  const nextLine = a.stage < max
    ? `<p class="callout"><b>Next: stage ${a.stage + 1}, ${esc(stageName(a, a.stage + 1))}.</b> ${next.required.length === 1 ? '1 required step left' : `${next.required.length} required steps left`}${a.toVerify.length > 0 ? `, ${a.toVerify.length} to verify` : ''}. See the roadmap below.</p>`
    : '<p class="callout"><b>Every stage is reached.</b> Keep the evidence current.</p>';
  const provisional = a.stageProvisional
    ? `<p class="callout provisional">⚠ <b>Provisional.</b> ${a.toVerify.length === 1 ? '1 required capability' : `${a.toVerify.length} required capabilities`} could not be checked with the sources given; the stage may change once they are.</p>`
    : '';
  let required = 0;
  let met = 0;
  for (const s of a.model.stages) {
    const t = stageTally(a.capabilities, s.number);
    required += t.required;
    met += t.met;
  }
  const share = max > 0 ? Math.round((a.stage / max) * 100) : 0;
  return `<header class="hero" id="summary">
<div>
<p class="eyebrow">Kubernetes maturity · ${esc(a.organization)}</p>
<h1>Stage ${a.stage} of ${max}<span class="stage-name">${esc(stage?.name ?? 'Not started')}</span></h1>
${stage ? `<p class="summary">${esc(stage.summary)}</p>` : ''}
${provisional}
${nextLine}
<div class="stats"><span><b>${a.repositories.length}</b> ${a.repositories.length === 1 ? 'repository' : 'repositories'}</span><span><b>${a.teams.length}</b> ${a.teams.length === 1 ? 'team' : 'teams'}</span><span><b>${a.clusters.length}</b> ${a.clusters.length === 1 ? 'cluster' : 'clusters'}</span><span><b>${met} of ${required}</b> required capabilities met</span><span>scanned ${esc(a.generatedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC'))}</span></div>
</div>
<div class="big-stage" style="--share:${share}" role="img" aria-label="stage ${a.stage} of ${max}"><div><strong>${a.stage}</strong><span class="small muted">of ${max}</span></div></div>
</header>`;
}

function ladder(a: Assessment): string {
  const steps = [...a.model.stages].sort((x, y) => x.number - y.number);
  const items = steps.map((s, i) => {
    const t = stageTally(a.capabilities, s.number);
    const cls = ['step', s.number <= a.stage ? 'reached' : '', s.number === a.stage ? 'current' : '', s.number === a.stage + 1 ? 'next' : ''].filter(Boolean).join(' ');
    const flag = s.number === a.stage ? '<span class="flag">here</span>' : s.number === a.stage + 1 ? '<span class="flag">next</span>' : '';
    const height = 124 + i * 26;
    return `<li class="${cls}" data-stage="${s.number}">
<div class="bar" style="min-height:${height}px">${flag}<span class="num">${s.number}</span><span class="name">${esc(s.name)}</span><span class="tally">${t.met} of ${t.required} required met${t.unknown > 0 ? ` · ${t.unknown} to verify` : ''}</span></div>
<div class="who">${who(a, s.number)}</div>
</li>`;
  });
  const notStarted = who(a, 0);
  return `<section id="ladder" aria-labelledby="ladder-h">
<h2 id="ladder-h">Stage ladder</h2>
<ol class="ladder">
${items.join('\n')}
</ol>
${notStarted !== '' ? `<p class="not-started small muted">Not started (stage 0): ${notStarted}</p>` : ''}
<p class="small muted">A stage is reached when every required capability of it and of the stages below is met. Chips show where the organization, each team and each repository stand.</p>
</section>`;
}

function who(a: Assessment, stage: number): string {
  const chips: string[] = [];
  if (a.stage === stage) chips.push(`<span class="chip org" title="organization">${esc(a.organization)}</span>`);
  for (const t of a.teams) if (t.stage === stage) chips.push(`<span class="chip team" title="team ${esc(t.name)}">team ${esc(t.name)}</span>`);
  for (const r of a.repositories) if (r.stage === stage) chips.push(`<span class="chip repo mono" title="${esc(`${r.path} · ${r.kind}: ${r.kindReason}`)}">${esc(shortRepo(r.path))} <span class="muted">${esc(r.kind)}</span></span>`);
  return chips.join(' ');
}

function heatmap(a: Assessment): string {
  const columns: { name: string; caps: CapabilityResult[]; kind: string; stage: number; services: boolean }[] = [{ name: a.organization, caps: a.capabilities, kind: 'organization', stage: a.stage, services: true }];
  // A team that owns no service (the platform team) has no service practices of its own: its column
  // says so instead of repeating the organization's coverage.
  const services = new Set(a.repositories.filter((r) => r.kind === 'service').map((r) => r.path));
  for (const t of a.teams) columns.push({ name: t.name, caps: t.capabilities, kind: 'team', stage: t.stage, services: a.teams.length === 1 || t.repositories.some((r) => services.has(r)) });
  const head = columns.map((c) => `<th scope="col">${esc(c.name)}<br><span class="small muted">${c.kind} · stage ${c.stage}</span></th>`).join('');
  const rows: string[] = [];
  for (const s of [...a.model.stages].sort((x, y) => x.number - y.number)) {
    const caps = a.capabilities.filter((c) => c.stage === s.number);
    if (caps.length === 0) continue;
    rows.push(`<tr class="band"><th colspan="${columns.length + 1}">Stage ${s.number} · ${esc(s.name)}</th></tr>`);
    for (const c of caps) {
      const cells = columns.map((col) => {
        const found = col.caps.find((x) => x.id === c.id);
        if (!found) return '<td class="cell s-exempt" title="not assessed">–</td>';
        if (found.scope === 'service' && !col.services) return `<td class="cell na" data-status="na" title="${esc(`${found.name}: not applicable, team ${col.name} owns no service repository`)}">— n/a</td>`;
        const key = statusKey(found);
        const cov = found.coverage && found.coverage.total > 0 && (key === 'partial' || key === 'met') ? ` ${found.coverage.covered}/${found.coverage.total}` : '';
        const tip = `${found.name}: ${STATUS_WORD[key]}${found.coverage ? ` (${found.coverage.covered} of ${found.coverage.total} ${found.coverage.unit})` : ''}${found.reason ? ` — ${found.reason}` : ''}`;
        const optional = !found.required && (key === 'missing' || key === 'unknown') ? ' optional' : '';
        return `<td class="cell s-${key}${optional}" data-status="${key}" title="${esc(tip)}"><span class="sym" aria-hidden="true">${SYMBOL[key]}</span> ${STATUS_WORD[key] === 'met by attestation' ? 'attested' : STATUS_WORD[key]}${esc(cov)}</td>`;
      });
      rows.push(`<tr><th scope="row" class="cap">${esc(c.name)}${c.required ? '' : ' <span class="opt">(optional)</span>'}</th>${cells.join('')}</tr>`);
    }
  }
  const legend = (['met', 'attested', 'partial', 'missing', 'unknown', 'exempt'] as StatusKey[])
    .map((k) => `<span class="pill s-${k}"><span class="sym" aria-hidden="true">${SYMBOL[k]}</span> ${STATUS_WORD[k]}</span>`)
    .join('') + (columns.some((c) => !c.services) ? '<span class="pill na">— n/a: the team owns no service repository</span>' : '');
  return `<section id="heatmap-section" aria-labelledby="heatmap-h">
<h2 id="heatmap-h">Capabilities by team</h2>
<div class="grid-wrap"><table class="heatmap" id="heatmap">
<thead><tr><th scope="col">Capability</th>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>
<div class="legend" aria-label="legend">${legend}</div>
</section>`;
}

function coverage(a: Assessment): string {
  const withCoverage = a.capabilities.filter((c) => c.coverage && c.coverage.total > 0);
  if (withCoverage.length === 0) return '';
  const bars = withCoverage.map((c) => {
    const cov = c.coverage!;
    const pct = Math.round((cov.covered / cov.total) * 100);
    const key = statusKey(c);
    return `<div class="cov"><h3>${esc(c.name)}</h3>
<div class="track" role="progressbar" aria-valuemin="0" aria-valuemax="${cov.total}" aria-valuenow="${cov.covered}" aria-label="${esc(c.name)}"><div class="fill s-${key}" style="width:${pct}%"></div></div>
<p><b>${cov.covered} of ${cov.total}</b> ${esc(cov.unit)} (${pct}%) · <span class="pill s-${key}">${SYMBOL[key]} ${STATUS_WORD[key]}</span></p></div>`;
  });
  return `<section id="coverage" aria-labelledby="coverage-h">
<h2 id="coverage-h">Coverage</h2>
<div class="coverage">
${bars.join('\n')}
</div>
</section>`;
}

function roadmap(a: Assessment, options: ReportLinkOptions): string {
  const { next, required, optional, later } = splitRoadmap(a);
  const parts: string[] = [];
  if (next <= a.model.stages.length) {
    parts.push(`<h2 id="roadmap-h">Roadmap to stage ${next}: ${esc(stageName(a, next))}</h2>`);
    if (required.length === 0) parts.push(`<p>${a.toVerify.length > 0 ? 'No required step left that the scan could see; settle the capabilities under “To verify”.' : 'No required step left.'}</p>`);
    else parts.push(`<ol class="roadmap">${required.map((s) => card(s, a, options)).join('\n')}</ol>`);
    if (optional.length > 0) parts.push(`<h3 class="sub">Optional for stage ${next}</h3><ol class="roadmap">${optional.map((s) => card(s, a, options)).join('\n')}</ol>`);
  } else {
    parts.push('<h2 id="roadmap-h">Roadmap</h2><p>Every stage is reached.</p>');
  }
  if (later.length > 0) {
    const rows = later.map((s) => `<tr><td>${s.stage}</td><td>${esc(s.title)}${s.required ? '' : ' <span class="muted">(optional)</span>'}</td><td>${esc(s.name)}</td><td>${pill(s.status)}</td><td>${s.places.length > 0 ? placeHtml(s.places[0]!, options) + (s.places.length > 1 ? ` <span class="muted">+${s.places.length - 1}</span>` : '') : ''}</td></tr>`);
    parts.push(`<h3 class="sub">Later stages</h3><div class="grid-wrap"><table class="later"><thead><tr><th>Stage</th><th>Step</th><th>Capability</th><th>Status</th><th>Where</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`);
  }
  return `<section id="roadmap" aria-labelledby="roadmap-h">\n${parts.join('\n')}\n</section>`;
}

function card(step: RoadmapStep, a: Assessment, options: ReportLinkOptions): string {
  const c = a.capabilities.find((x) => x.id === step.capability);
  const key: StatusKey = c ? statusKey(c) : step.status;
  const cov = c?.coverage && c.coverage.total > 0 ? ` · ${c.coverage.covered} of ${c.coverage.total} ${esc(c.coverage.unit)}` : '';
  const places = step.places.map((p) => `<li>${placeHtml(p, options)}</li>`).join('');
  return `<li class="card st-${key}${step.required ? '' : ' optional'}">
<h3>${esc(step.title)}</h3>
<div class="meta"><span>${esc(step.name)} <code>${esc(step.capability)}</code></span>${pill(key)}<span>${cov.replace(/^ · /, '')}</span>${step.required ? '' : '<span>optional</span>'}</div>
<ul>${step.steps.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>
${places !== '' ? `<p class="small"><b>Where</b></p><ul class="small">${places}</ul>` : ''}
<dl><dt>Article's choice</dt><dd>${esc(step.articleChoice)}</dd>${step.alternatives.length > 0 ? `<dt>Alternatives</dt><dd>${step.alternatives.map(esc).join(', ')}</dd>` : ''}<dt>Done when</dt><dd>${esc(step.doneWhen)}</dd></dl>
</li>`;
}

function placeHtml(p: RoadmapStep['places'][number], options: ReportLinkOptions): string {
  const note = p.note !== '' ? ` — ${esc(p.note)}` : '';
  if (p.file !== undefined) {
    const repo = p.repository !== undefined ? `<span class="mono">${esc(shortRepo(p.repository))}</span> · ` : '';
    return `${repo}${fileLink(options, p.repository, p.file, p.line)}${note}`;
  }
  if (p.repository !== undefined) return `<span class="mono">${esc(p.repository)}</span>${note}`;
  return esc(p.note);
}

function toVerify(a: Assessment): string {
  if (a.toVerify.length === 0) return '';
  const items = a.toVerify.map((v) => {
    const c = a.capabilities.find((x) => x.id === v.capability);
    return `<li>${pill('unknown')} <b>${esc(c?.name ?? v.capability)}</b> <code>${esc(v.capability)}</code>: ${esc(v.reason)}</li>`;
  });
  return `<section id="to-verify" aria-labelledby="verify-h"><h2 id="verify-h">To verify</h2><ul>${items.join('')}</ul></section>`;
}

interface EvidenceRow {
  capability: CapabilityResult;
  kind: string;
  evidence: Evidence;
}

function evidence(a: Assessment, options: ReportLinkOptions): string {
  const rows: EvidenceRow[] = [];
  for (const c of [...a.capabilities].sort((x, y) => x.stage - y.stage)) {
    for (const e of c.evidence) rows.push({ capability: c, kind: 'seen', evidence: e });
    for (const e of (c.coverage?.missing ?? []) as Evidence[]) rows.push({ capability: c, kind: 'not covered', evidence: e });
    for (const b of c.blockedBy ?? []) for (const e of b.evidence) rows.push({ capability: c, kind: `blocked by ${b.id}`, evidence: e });
    for (const e of c.instrumentation ?? []) rows.push({ capability: c, kind: 'instrumentation only (a client library)', evidence: e });
  }
  const body = rows.map((r) => {
    const key = statusKey(r.capability);
    const { where, location, detail } = evidenceCells(r.evidence, options);
    const kind = r.kind === 'seen' ? '' : `<br><span class="small muted">${esc(r.kind)}</span>`;
    return `<tr data-status="${key}"><td class="num">${r.capability.stage}</td><td>${esc(r.capability.name)}${kind}</td><td>${pill(key)}</td><td class="loc">${where !== '' ? `<span class="small muted mono">${where}</span><br>` : ''}${location}</td><td>${detail}</td></tr>`;
  });
  const options_ = (['met', 'attested', 'partial', 'missing', 'unknown', 'exempt'] as StatusKey[])
    .filter((k) => rows.some((r) => statusKey(r.capability) === k))
    .map((k) => `<option value="${k}">${SYMBOL[k]} ${STATUS_WORD[k]}</option>`)
    .join('');
  return `<section id="evidence" aria-labelledby="evidence-h">
<h2 id="evidence-h">Evidence</h2>
<div class="controls">
<input type="search" id="evidence-filter" placeholder="Filter by file, repository, capability, detail…" aria-label="Filter evidence">
<select id="evidence-status" aria-label="Filter by status"><option value="">All statuses</option>${options_}</select>
<span id="evidence-count" class="small muted" aria-live="polite">${rows.length} rows</span>
</div>
<div class="grid-wrap"><table id="evidence-table">
<colgroup><col style="width:4%"><col style="width:20%"><col style="width:12%"><col style="width:34%"><col style="width:30%"></colgroup>
<thead><tr><th>Stage</th><th>Capability</th><th>Status</th><th>Where</th><th>Detail</th></tr></thead>
<tbody>
${body.join('\n')}
</tbody></table></div>
<p id="evidence-empty" class="muted" hidden>No evidence matches the filter.</p>
</section>`;
}

function evidenceCells(e: Evidence, options: ReportLinkOptions): { where: string; location: string; detail: string } {
  if ('file' in e) return { where: esc(e.repository ?? ''), location: fileLink(options, e.repository, e.file, e.line), detail: foldable(e.detail ?? '') };
  if ('object' in e) return { where: esc(e.cluster !== undefined ? `cluster ${e.cluster}` : 'cluster'), location: `<code>${esc(e.object)}</code>`, detail: foldable(e.detail ?? '') };
  if ('history' in e) return { where: esc(e.repository ?? ''), location: 'git history', detail: foldable(e.history) };
  const link = e.link !== undefined && /^https?:\/\//i.test(e.link) ? ` <a href="${esc(e.link)}" rel="noopener noreferrer">link</a>` : '';
  return { where: 'attestation', location: `attested by ${esc(e.by)} on ${esc(e.date)}${e.expires !== undefined ? `, expires ${esc(e.expires)}` : ''}`, detail: `${esc(e.attestation)}${link}` };
}

function warnings(a: Assessment): string {
  if (a.warnings.length === 0) return '';
  const items = a.warnings.map((w) => `<li>${w.repository !== undefined ? `<span class="mono">${esc(w.repository)}</span> · ` : ''}<code>${esc(w.file)}</code>: ${esc(w.message)}</li>`);
  return `<section id="warnings"><details><summary>⚠ ${a.warnings.length} ${a.warnings.length === 1 ? 'warning' : 'warnings'} during the scan</summary><ul>${items.join('')}</ul></details></section>`;
}

function footer(a: Assessment): string {
  return `<footer>Generated by ${esc(a.tool.name)} ${esc(a.tool.version)} on ${esc(a.generatedAt)}. The stages follow “${esc(a.model.source.title)}” by ${esc(a.model.source.author)}; model version ${a.model.version}.</footer>`;
}

/* ---------------------------------------------------------------- helpers */

/** Evidence details longer than this are folded: cut at a word, the whole value one click away (and in the tooltip). */
const DETAIL_SHOWN = 120;

function foldable(detail: string): string {
  if (detail.length <= DETAIL_SHOWN) return esc(detail);
  return `<details class="long"><summary title="${esc(detail)}">${esc(cutAtWord(detail, DETAIL_SHOWN))}</summary><span class="full">${esc(detail)}</span></details>`;
}

function pill(key: StatusKey): string {
  return `<span class="pill s-${key}"><span class="sym" aria-hidden="true">${SYMBOL[key]}</span> ${STATUS_WORD[key]}</span>`;
}

function fileLink(options: ReportLinkOptions, repository: string | undefined, file: string, line: number | undefined): string {
  const label = `<code>${esc(line !== undefined ? `${file}:${line}` : file)}</code>`;
  const url = fileWebUrl(options.webUrls, repository, file, line ?? 1);
  return url === undefined ? label : `<a href="${esc(url)}" rel="noopener noreferrer">${label}</a>`;
}

function shortRepo(path: string): string {
  return path.split('/').filter(Boolean).pop() ?? path;
}

/** Escapes text and attribute values alike; control characters from scanned content become visible escapes. */
export function esc(s: string | number): string {
  return safeDocument(String(s)).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
