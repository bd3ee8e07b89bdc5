import { Hono, type Context } from 'hono';
import type { AntiPattern } from '../diff/compare.js';
import type { Store } from '../store/open.js';
import { diffAssessments, getAssessment, listAssessments, resolveAssessment, stageSeries } from '../store/queries.js';
import { STYLE } from './assets.js';
import { sameToken, tokenOf } from './auth.js';
import { csv } from './csv.js';
import { latest, organizationOf, organizations, previous, sinceBound } from './data.js';
import { esc, layout, query } from './html.js';
import { assessmentPage, assessmentsPage } from './pages/assessments.js';
import { changesPage } from './pages/changes.js';
import { organizationPage } from './pages/organization.js';
import { repositoryPage } from './pages/repository.js';
import { teamPage } from './pages/team.js';

export interface AppOptions {
  store: Store;
  /** Required by every request when set (any address other than loopback). */
  token?: string;
  antiPatterns: readonly AntiPattern[];
}

/**
 * Headers on every answer: no script may run (there is none), styles only from this origin, no
 * framing, no referrer leaking repository names to a forge, no content-type guessing.
 */
const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

/** An error a person can act on, shown as a page (or JSON under /api/), never a stack trace. */
class PageError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The dashboard: every page is read from the store when asked (many readers at once are fine:
 * SQLite in WAL mode, a PostgreSQL pool), rendered on the server as HTML without script, and has
 * a JSON twin under /api/ with the same filters. Long because it is the route table: every route
 * in one place, each a few lines that hand over to pages/ and data.ts.
 */
export function createApp(options: AppOptions): Hono {
  const { store } = options;
  const app = new Hono();

  app.use('*', async (c, next) => {
    if (options.token !== undefined) {
      const given = c.req.query('token');
      if (given !== undefined && sameToken(given, options.token)) {
        // The token in a link sets a cookie once, then the address is shown without it.
        const url = new URL(c.req.url);
        url.searchParams.delete('token');
        c.header('Set-Cookie', `k8sm_token=${encodeURIComponent(given)}; HttpOnly; SameSite=Strict; Path=/`);
        return c.redirect(`${url.pathname}${url.search}`, 303);
      }
      const token = tokenOf(c.req.header('authorization'), c.req.header('cookie'));
      if (token === undefined || !sameToken(token, options.token)) {
        for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.header(k, v);
        c.header('WWW-Authenticate', 'Bearer realm="k8s-maturity"');
        if (c.req.path.startsWith('/api/')) return c.json({ error: 'a token is needed: Authorization: Bearer <token>' }, 401);
        return c.html(layout('Token needed', '<h1>Token needed</h1><p>This dashboard is served on a shared address: open the link with <code>?token=…</code> that whoever started it gave you, or send <code>Authorization: Bearer …</code>.</p>'), 401);
      }
    }
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.header(k, v);
  });

  app.get('/assets/style.css', (c) => c.body(STYLE, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  // Browsers ask for it on every page; no icon, and no 404 in the console of each view.
  app.get('/favicon.ico', (c) => c.body(null, 204));

  /** The organization of the request (`?org=`), or the most recently assessed; a 404 page when the store is empty. */
  const orgOf = async (c: Context): Promise<string> => {
    const org = await organizationOf(store, c.req.query('org'));
    if (org === undefined) throw new PageError(404, 'No assessment is recorded in this store yet: run `k8s-maturity scan --save` (or `timeline --save`), then reload.');
    return org;
  };
  const latestOf = async (org: string) => {
    const found = await latest(store, org);
    if (!found) throw new PageError(404, `No assessment of ${org} is recorded.`);
    return found;
  };

  async function organizationData(c: Context) {
    const org = await orgOf(c);
    const since = sinceBound(c.req.query('since'));
    const newest = await latestOf(org);
    const before = await previous(store, newest.summary);
    const changes = before ? await diffAssessments(store, before.id, newest.summary.id, options.antiPatterns) : undefined;
    // The overview draws the organization and its teams: a year of 200 repositories' rows is not read.
    const points = await stageSeries(store, { organization: org, ...(since.bound !== undefined ? { since: since.bound } : {}), repositories: false });
    return { org, since, newest, before, changes, points };
  }

  app.get('/', async (c) => {
    const d = await organizationData(c);
    const body = organizationPage({ organization: d.org, organizations: await organizations(store), since: d.since.value, latest: d.newest, series: d.points, ...(d.changes ? { changes: d.changes } : {}), ...(d.before ? { previousId: d.before.id } : {}) });
    return c.html(layout(d.org, body, { org: d.org, active: 'overview' }));
  });
  app.get('/api/organization', async (c) => {
    const d = await organizationData(c);
    return c.json({ organization: d.org, since: d.since.value, latest: d.newest.summary, report: d.newest.report, series: d.points, changes: d.changes ?? null });
  });

  app.get('/teams/:name', async (c) => {
    const org = await orgOf(c);
    const name = c.req.param('name');
    const since = sinceBound(c.req.query('since'));
    const page = teamPage(org, name, await latestOf(org), await stageSeries(store, { organization: org, team: name, ...(since.bound ? { since: since.bound } : {}) }));
    if (page === undefined) throw new PageError(404, `${org} has no team ${name} in its latest assessment.`);
    return c.html(layout(`Team ${name}`, page, { org, crumbs: [{ label: org, href: `/${query({ org })}` }, { label: `team ${name}` }] }));
  });
  app.get('/api/teams/:name', async (c) => {
    const org = await orgOf(c);
    const name = c.req.param('name');
    const newest = await latestOf(org);
    const team = newest.report.teams.find((t) => t.name === name);
    if (!team) throw new PageError(404, `${org} has no team ${name} in its latest assessment.`);
    const since = sinceBound(c.req.query('since'));
    const points = await stageSeries(store, { organization: org, team: name, ...(since.bound ? { since: since.bound } : {}) });
    return c.json({ organization: org, team, series: points.map((p) => ({ id: p.id, at: p.at, kind: p.kind, stage: p.teams.find((t) => t.name === name)?.stage ?? null })) });
  });

  app.get('/repositories/:path{.+}', async (c) => {
    const org = await orgOf(c);
    const path = decodeURIComponent(c.req.param('path'));
    const since = sinceBound(c.req.query('since'));
    const page = repositoryPage(path, await latestOf(org), await stageSeries(store, { organization: org, repository: path, ...(since.bound ? { since: since.bound } : {}) }));
    if (page === undefined) throw new PageError(404, `${org} has no repository ${path} in its latest assessment.`);
    return c.html(layout(path, page, { org, crumbs: [{ label: org, href: `/${query({ org })}` }, { label: path }] }));
  });
  app.get('/api/repositories/:path{.+}', async (c) => {
    const org = await orgOf(c);
    const path = decodeURIComponent(c.req.param('path'));
    const newest = await latestOf(org);
    const repository = newest.report.repositories.find((r) => r.path === path);
    if (!repository) throw new PageError(404, `${org} has no repository ${path} in its latest assessment.`);
    const points = await stageSeries(store, { organization: org, repository: path });
    return c.json({ organization: org, repository, series: points.map((p) => ({ id: p.id, at: p.at, kind: p.kind, stage: p.repositories.find((r) => r.path === path)?.stage ?? null })) });
  });

  async function changesData(c: Context) {
    const org = await orgOf(c);
    const all = await listAssessments(store, { organization: org, limit: 500 });
    const from = c.req.query('from') ? await resolveAssessment(store, c.req.query('from')!, { organization: org }).catch(() => undefined) : all[1];
    const to = c.req.query('to') ? await resolveAssessment(store, c.req.query('to')!, { organization: org }).catch(() => undefined) : all[0];
    if ((c.req.query('from') && !from) || (c.req.query('to') && !to)) throw new PageError(400, 'from and to must name recorded assessments (an id or a date).');
    const diff = from && to ? await diffAssessments(store, from.id, to.id, options.antiPatterns) : undefined;
    return { org, all, from, to, diff };
  }
  app.get('/changes', async (c) => {
    const d = await changesData(c);
    return c.html(layout('Changes', changesPage(d.org, d.all, d.diff, d.from?.id, d.to?.id), { org: d.org, active: 'changes' }));
  });
  app.get('/api/changes', async (c) => c.json((await changesData(c)).diff ?? null));

  async function assessmentRows(c: Context) {
    const org = await orgOf(c);
    const kind = c.req.query('kind');
    const rows = (await listAssessments(store, { organization: org, limit: 5000 })).filter((a) => !kind || a.kind === kind);
    return { org, kind, rows };
  }
  app.get('/assessments', async (c) => {
    const d = await assessmentRows(c);
    return c.html(layout('Assessments', assessmentsPage(d.org, d.rows, d.kind), { org: d.org, active: 'assessments' }));
  });
  app.get('/api/assessments', async (c) => c.json((await assessmentRows(c)).rows));
  app.get('/assessments.csv', async (c) => {
    const d = await assessmentRows(c);
    const text = csv(
      ['id', 'at', 'kind', 'organization', 'stage', 'provisional', 'repositories', 'user', 'host', 'ci', 'duration_ms'],
      d.rows.map((a) => [a.id, a.at, a.kind, a.organization, a.stage, a.stageProvisional, a.counts.repositories, a.ranBy.user, a.ranBy.host, a.ranBy.ciSystem, a.durationMs]),
    );
    return c.body(text, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="assessments.csv"' });
  });
  app.get('/repositories.csv', async (c) => {
    const org = await orgOf(c);
    const report = (await latestOf(org)).report;
    const rows = report.repositories.map((r) => [r.path, report.teams.find((t) => t.repositories.includes(r.path))?.name ?? '', r.kind ?? '', r.stage]);
    return c.body(csv(['repository', 'team', 'kind', 'stage'], rows), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="repositories.csv"' });
  });
  app.get('/capabilities.csv', async (c) => {
    const org = await orgOf(c);
    const report = (await latestOf(org)).report;
    const rows = report.teams.flatMap((t) => (t.capabilities ?? []).map((cap) => [t.name, cap.id, cap.stage, cap.status]));
    return c.body(csv(['team', 'capability', 'stage', 'status'], rows), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="capabilities.csv"' });
  });

  app.get('/assessments/:id', async (c) => {
    const stored = await getAssessment(store, c.req.param('id'));
    if (!stored) throw new PageError(404, `No assessment ${c.req.param('id')}.`);
    return c.html(layout(`Assessment ${stored.summary.id}`, assessmentPage(stored), { org: stored.summary.organization, active: 'assessments' }));
  });
  app.get('/api/assessments/:id', async (c) => {
    const stored = await getAssessment(store, c.req.param('id'));
    if (!stored) throw new PageError(404, `No assessment ${c.req.param('id')}.`);
    return c.json({ summary: stored.summary, sources: stored.sources });
  });
  app.get('/api/assessments/:id/report', async (c) => {
    const stored = await getAssessment(store, c.req.param('id'));
    if (!stored) throw new PageError(404, `No assessment ${c.req.param('id')}.`);
    return c.json(stored.report);
  });

  app.notFound((c) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.header(k, v);
    if (c.req.path.startsWith('/api/')) return c.json({ error: 'no such view' }, 404);
    return c.html(layout('Not found', `<h1>Not found</h1><p>There is no page at <code>${esc(c.req.path)}</code>. <a href="/">Back to the organization</a>.</p>`), 404);
  });
  app.onError((error, c) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.header(k, v);
    const status = error instanceof PageError ? error.status : 500;
    // A store error or a bug: one line for the person, the detail on the server's stderr, never a stack in the page.
    const message = error instanceof PageError ? error.message : 'Something went wrong reading the store; the server log says what.';
    if (!(error instanceof PageError)) process.stderr.write(`k8s-maturity serve: ${c.req.method} ${c.req.path}: ${(error as Error).message}\n`);
    if (c.req.path.startsWith('/api/')) return c.json({ error: message }, status);
    return c.html(layout(status === 404 ? 'Not found' : 'Error', `<h1>${status === 404 ? 'Not found' : status === 400 ? 'Bad request' : 'Error'}</h1><p>${esc(message)}</p><p><a href="/">Back to the organization</a></p>`), status);
  });
  return app;
}
