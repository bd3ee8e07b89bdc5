/**
 * The dashboard's HTML, written as strings: every value from a scanned repository, a cluster or
 * a configuration (names, paths, evidence, authors) goes through `esc`, so that a hostile
 * repository named `<img src=x onerror=…>` is only ever text in a manager's browser. The pages
 * carry no script at all, and the Content-Security-Policy (app.ts) would refuse one anyway.
 */

export const esc = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A query string from parameters, empty ones left out; values escaped for an attribute by the caller. */
export function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface Crumb {
  label: string;
  href?: string;
}

/** The page frame: a skip link, the navigation, the breadcrumbs and the content. */
export function layout(title: string, body: string, options: { crumbs?: Crumb[]; org?: string; active?: string } = {}): string {
  const org = options.org ? query({ org: options.org }) : '';
  const nav = [
    ['overview', `/${org}`, 'Organization'],
    ['assessments', `/assessments${org}`, 'Assessments'],
    ['changes', `/changes${org}`, 'Changes'],
  ]
    .map(([key, href, label]) => `<a href="${esc(href)}"${options.active === key ? ' aria-current="page"' : ''}>${esc(label)}</a>`)
    .join('');
  const crumbs = options.crumbs?.length
    ? `<nav aria-label="Breadcrumbs" class="crumbs">${options.crumbs.map((c) => (c.href ? `<a href="${esc(c.href)}">${esc(c.label)}</a>` : `<span>${esc(c.label)}</span>`)).join(' › ')}</nav>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · k8s-maturity</title><link rel="stylesheet" href="/assets/style.css"></head>
<body><a class="skip" href="#main">Skip to content</a>
<header><a class="brand" href="/${org}">k8s-maturity</a><nav aria-label="Main">${nav}</nav></header>
<main id="main">${crumbs}${body}</main>
<footer>Read-only view of the assessments recorded in the store. Every view has a JSON twin under <code>/api/</code>.</footer>
</body></html>
`;
}

/** A status said in words and a symbol, never by colour alone. */
export function statusBadge(status: string | undefined): string {
  const symbol = { met: '✔', partial: '◐', missing: '✘', unknown: '?' }[status ?? ''] ?? '—';
  const label = status ?? 'not applicable';
  return `<span class="status ${esc(status ?? 'na')}" title="${esc(label)}"><span aria-hidden="true">${symbol}</span> ${esc(label)}</span>`;
}

export function day(iso: string): string {
  return iso.slice(0, 10);
}

export function table(headers: string[], rows: string[][], options: { caption?: string; className?: string } = {}): string {
  if (rows.length === 0) return '<p class="empty">Nothing here.</p>';
  return `<div class="scroll"><table${options.className ? ` class="${esc(options.className)}"` : ''}>${options.caption ? `<caption>${esc(options.caption)}</caption>` : ''}<thead><tr>${headers.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;
}

export function evidenceText(e: unknown): string {
  const ev = e as { file?: string; line?: number; repository?: string; object?: string; cluster?: string; history?: string; attestation?: string; by?: string; detail?: string };
  if (ev.file !== undefined) return `${ev.repository && ev.repository !== '.' ? `${ev.repository}/` : ''}${ev.file}:${ev.line ?? 1}${ev.detail ? ` (${ev.detail})` : ''}`;
  if (ev.object !== undefined) return `${ev.cluster ? `${ev.cluster}: ` : ''}${ev.object}${ev.detail ? ` (${ev.detail})` : ''}`;
  if (ev.history !== undefined) return ev.history;
  if (ev.attestation !== undefined) return `attested by ${ev.by ?? '?'}: ${ev.attestation}`;
  return JSON.stringify(e);
}
