import type { Assessment } from '../model/types.js';

/**
 * A flat shields-style SVG badge, "k8s maturity | stage 3", for READMEs. No fonts or images are
 * fetched: widths come from Verdana 11px advance widths, which is what shields.io measures with.
 */

export const STAGE_COLORS: Record<number, string> = {
  0: '#e05d44',
  1: '#fe7d37',
  2: '#dfb317',
  3: '#a4a61d',
  4: '#97ca00',
  5: '#4c1',
};

const LABEL = 'k8s maturity';

export function renderBadge(assessment: Assessment): string {
  const stage = Math.max(0, Math.min(5, Math.trunc(assessment.stage)));
  const value = `stage ${stage}`;
  const color = STAGE_COLORS[stage]!;
  const name = assessment.model.stages.find((s) => s.number === stage)?.name;
  const title = `${LABEL}: ${value}${name !== undefined ? ` (${name})` : ''}${assessment.stageProvisional ? ', provisional' : ''}`;

  const labelText = textWidth(LABEL);
  const valueText = textWidth(value);
  const left = labelText + 10;
  const right = valueText + 10;
  const width = left + right;
  // shields draws text at 10x scale for sub-pixel positions.
  const lx = left * 5;
  const rx = left * 10 + right * 5;
  const t = escapeXml(title);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${t}">`,
    `<title>${t}</title>`,
    '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>',
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${left}" height="20" fill="#555"/><rect x="${left}" width="${right}" height="20" fill="${color}"/><rect width="${width}" height="20" fill="url(#s)"/></g>`,
    '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="110">',
    `<text aria-hidden="true" x="${lx}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="${labelText * 10}">${LABEL}</text>`,
    `<text x="${lx}" y="140" transform="scale(.1)" fill="#fff" textLength="${labelText * 10}">${LABEL}</text>`,
    `<text aria-hidden="true" x="${rx}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="${valueText * 10}">${value}</text>`,
    `<text x="${rx}" y="140" transform="scale(.1)" fill="#fff" textLength="${valueText * 10}">${value}</text>`,
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}

/** Verdana advance widths in 1/2048 em for the characters a badge uses; others count as "m"-ish. */
const VERDANA_UNITS: Record<string, number> = {
  ' ': 720, a: 1229, b: 1276, c: 1067, d: 1276, e: 1220, f: 720, g: 1276, h: 1296, i: 562, j: 676, k: 1208, l: 562,
  m: 1992, n: 1296, o: 1243, p: 1276, q: 1276, r: 874, s: 1067, t: 807, u: 1296, v: 1208, w: 1655, x: 1208, y: 1208, z: 1051,
  '0': 1302, '1': 1302, '2': 1302, '3': 1302, '4': 1302, '5': 1302, '6': 1302, '7': 1302, '8': 1302, '9': 1302, '-': 864, '.': 745, ':': 889,
};

/** Width in whole pixels of a text in Verdana 11px. */
export function textWidth(s: string): number {
  let units = 0;
  for (const ch of s) units += VERDANA_UNITS[ch] ?? 1400;
  return Math.round((units * 11) / 2048);
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
