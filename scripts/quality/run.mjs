#!/usr/bin/env node
// Detection quality against hand labels (see docs/detection-quality.md).
//
//   node scripts/quality/run.mjs --repos /tmp/q            # folders named like the keys of labels.json
//   node scripts/quality/run.mjs podinfo=/tmp/q/podinfo …  # or name=path pairs
//   QUALITY_REPOS=/tmp/q node scripts/quality/run.mjs
//   node scripts/quality/run.mjs --heldout --repos /tmp/heldout   # the held-out set (heldout-labels.json)
//
// Options: --labels FILE, repeatable (default: labels.json beside this script), --heldout (the same as
// --labels heldout-labels.json: repositories labelled before the tool ran on them, with an expected
// stage and kind each; the stage table compares them), --markdown (tables for the
// doc), --json FILE (write the raw comparison), --strict (exit 1 when the targets are missed).
// Each repository is scanned with the built CLI (`npm run build` first): scan PATH --format json
// --no-history --quiet. A label marked "judgment": true is a contested call; figures are printed
// with and without those labels.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const cli = join(root, 'bin', 'k8s-maturity.cjs');

const args = process.argv.slice(2);
const labelsFiles = [];
let reposDir = process.env.QUALITY_REPOS;
let markdown = false;
let jsonOut;
let strict = false;
const explicit = new Map();
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--labels') labelsFiles.push(args[++i]);
  else if (a === '--heldout') labelsFiles.push(join(here, 'heldout-labels.json'));
  else if (a === '--repos') reposDir = args[++i];
  else if (a === '--markdown') markdown = true;
  else if (a === '--json') jsonOut = args[++i];
  else if (a === '--strict') strict = true;
  else if (a.includes('=')) {
    const [name, path] = a.split(/=(.*)/s);
    explicit.set(name, path);
  } else {
    console.error(`unknown argument: ${a}`);
    process.exit(2);
  }
}

// --labels may be given more than once (a set labelled in parts): the parts' repositories together.
if (labelsFiles.length === 0) labelsFiles.push(join(here, 'labels.json'));
const labels = Object.assign({}, ...labelsFiles.map((file) => JSON.parse(readFileSync(file, 'utf8'))));
const targets = [];
for (const [name, entry] of Object.entries(labels)) {
  const path = explicit.get(name) ?? (reposDir ? join(reposDir, name) : undefined);
  if (!path || !existsSync(path)) {
    if (explicit.size === 0 || explicit.has(name)) console.error(`skipped ${name}: no folder (${path ?? 'give --repos or name=path'})`);
    continue;
  }
  targets.push({ name, path, entry });
}
if (targets.length === 0) {
  console.error('no repository folders found; see the usage at the top of this file');
  process.exit(2);
}

function scan(path) {
  const out = execFileSync(process.execPath, [cli, 'scan', path, '--format', 'json', '--no-history', '--quiet'], {
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'utf8',
  });
  const report = JSON.parse(out);
  const repo = report.repositories?.[0];
  const stage = { stage: repo?.stage ?? report.stage, kind: repo?.kind, provisional: repo?.stageProvisional ?? report.stageProvisional };
  const detections = new Map();
  // A detection counts when it shows evidence. Coverage signals (probes) also report a detection
  // with no evidence and a coverage of 0 when workloads exist but none qualifies: that is "absent".
  for (const d of repo?.detections ?? []) if ((d.evidence ?? []).length > 0) detections.set(d.id, d.evidence);
  return { detections, stage };
}

const rows = []; // { repo, signal, label, detected, outcome, judgment, note, evidence }
const unlabelled = [];
const stages = []; // { repo, kind, expected, got, gotKind, provisional }
for (const t of targets) {
  const { detections, stage } = scan(t.path);
  stages.push({ repo: t.name, kind: t.entry.kind, expected: t.entry.expectedStage, got: stage.stage, gotKind: stage.kind, provisional: stage.provisional });
  for (const [signal, label] of Object.entries(t.entry.signals)) {
    const detected = detections.has(signal);
    const outcome = label.present ? (detected ? 'TP' : 'FN') : detected ? 'FP' : 'TN';
    rows.push({
      repo: t.name,
      signal,
      label: label.present,
      detected,
      outcome,
      judgment: label.judgment === true,
      note: label.note ?? '',
      evidence: detections.get(signal) ?? [],
    });
  }
  for (const id of detections.keys()) if (!(id in t.entry.signals)) unlabelled.push(`${t.name}: ${id}`);
}

function tally(list) {
  const c = { TP: 0, FP: 0, FN: 0, TN: 0 };
  for (const r of list) c[r.outcome]++;
  const precision = c.TP + c.FP === 0 ? null : c.TP / (c.TP + c.FP);
  const recall = c.TP + c.FN === 0 ? null : c.TP / (c.TP + c.FN);
  return { ...c, precision, recall };
}
const fmt = (x) => (x === null ? '—' : x.toFixed(3));

const signals = [...new Set(rows.map((r) => r.signal))].sort();
const perSignal = signals.map((s) => ({ signal: s, ...tally(rows.filter((r) => r.signal === s)) }));
const overall = tally(rows);
const firm = tally(rows.filter((r) => !r.judgment));

const lines = [];
const out = (s = '') => lines.push(s);
out(`Repositories: ${targets.map((t) => t.name).join(', ')}`);
out();
if (markdown) {
  out('| signal | TP | FP | FN | TN | precision | recall |');
  out('|---|---:|---:|---:|---:|---:|---:|');
  for (const p of perSignal) {
    if (p.TP + p.FP + p.FN === 0) continue;
    out(`| ${p.signal} | ${p.TP} | ${p.FP} | ${p.FN} | ${p.TN} | ${fmt(p.precision)} | ${fmt(p.recall)} |`);
  }
  const quiet = perSignal.filter((p) => p.TP + p.FP + p.FN === 0).map((p) => p.signal);
  out();
  out(`Signals absent from every repository and never detected (all TN): ${quiet.join(', ') || 'none'}.`);
} else {
  out('signal                  TP  FP  FN   TN  precision  recall');
  for (const p of perSignal) {
    if (p.TP + p.FP + p.FN === 0) continue;
    out(
      `${p.signal.padEnd(22)} ${String(p.TP).padStart(3)} ${String(p.FP).padStart(3)} ${String(p.FN).padStart(3)} ${String(p.TN).padStart(4)}  ${fmt(p.precision).padStart(9)}  ${fmt(p.recall).padStart(6)}`,
    );
  }
  out(`(${perSignal.filter((p) => p.TP + p.FP + p.FN === 0).length} signals are all TN and not shown)`);
}
out();
out(`Overall (every label):        TP ${overall.TP}  FP ${overall.FP}  FN ${overall.FN}  TN ${overall.TN}  precision ${fmt(overall.precision)}  recall ${fmt(overall.recall)}`);
out(`Overall (without judgment calls): TP ${firm.TP}  FP ${firm.FP}  FN ${firm.FN}  TN ${firm.TN}  precision ${fmt(firm.precision)}  recall ${fmt(firm.recall)}`);
out();
const libs = targets.filter((t) => (t.entry.kind ?? t.entry.shape) === 'library');
if (libs.length) {
  const libFp = rows.filter((r) => libs.some((l) => l.name === r.repo) && r.outcome === 'FP');
  out(`Libraries without Kubernetes (${libs.map((l) => l.name).join(', ')}): ${libFp.length === 0 ? 'clean' : `${libFp.length} false positives`}`);
  out();
}

if (stages.some((s) => s.expected !== undefined)) {
  const kindOf = (k) => (typeof k === 'object' && k !== null ? k.kind ?? JSON.stringify(k) : k ?? '—');
  out(markdown ? '| repository | kind (label) | kind (tool) | expected stage | tool stage |' : 'Stages (scanned alone, --no-history):');
  if (markdown) out('|---|---|---|---:|---:|');
  for (const s of stages) {
    const got = `${s.got ?? '—'}${s.provisional ? ' (provisional)' : ''}`;
    out(markdown ? `| ${s.repo} | ${s.kind ?? '—'} | ${kindOf(s.gotKind)} | ${s.expected ?? '—'} | ${got} |` : `- ${s.repo.padEnd(36)} ${String(s.kind ?? '—').padEnd(9)} expected ${s.expected ?? '—'}  tool ${got}${s.expected !== undefined && s.got !== s.expected ? '  ≠' : ''}`);
  }
  out(`Stage agreement: ${stages.filter((s) => s.got === s.expected).length} of ${stages.length}`);
  out();
}

const wrong = rows.filter((r) => r.outcome === 'FP' || r.outcome === 'FN');
out(`Errors (${wrong.length}):`);
for (const r of wrong.sort((a, b) => a.signal.localeCompare(b.signal) || a.repo.localeCompare(b.repo))) {
  out(`- ${r.outcome} ${r.signal} in ${r.repo}${r.judgment ? ' [judgment call]' : ''}: label says ${r.label ? 'present' : 'absent'}${r.note ? ` (${r.note})` : ''}`);
  for (const e of r.evidence.slice(0, 5)) out(`    ${e.file ?? ''}${e.line ? `:${e.line}` : ''}  ${e.detail ?? ''}`);
  if (r.evidence.length > 5) out(`    … ${r.evidence.length - 5} more`);
}
if (unlabelled.length) {
  out();
  out(`Detections of signals with no label (not scored): ${unlabelled.join('; ')}`);
}
console.log(lines.join('\n'));

if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ overall, firm, perSignal, rows, stages }, null, 1));
if (strict && !(overall.precision >= 0.97 && overall.recall >= 0.95)) process.exit(1);
