import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { enginesToTest, freshStore } from './engines.js';
import { cli, exampleCopy, introduceRegressions, SECRET_CANARY, tempHome } from './example.js';

/**
 * The memory commands end to end, as a user runs them: two scans of the bundled example a change
 * apart with --save, then history and diff; the spool when the store is unreachable; --baseline.
 */

describe.each(enginesToTest())('scan --save, history and diff on %s', (engine) => {
  const home = tempHome();
  const acme = exampleCopy();
  let store = '';
  const run = (args: string[]) => cli([...args, '--store', store], { cwd: acme, home });

  beforeAll(async () => {
    const location = await freshStore(engine);
    store = location.engine === 'sqlite' ? `sqlite:${location.path}` : location.url;
    const first = run(['scan', '--save', '--format', 'json', '--output', join(home, 'before.json')]);
    expect(first.stderr).toMatch(/recorded assessment \d{8}-\d{6}-[0-9a-f]{6} in /);
    expect(first.code).toBe(0);
    introduceRegressions(acme);
    const second = run(['scan', '--save', '--format', 'json', '--output', join(home, 'after.json')]);
    expect(second.code).toBe(0);
  }, 120_000); // a hang guard: two whole scans, which a loaded machine stretched past the default 10 s

  it('lists both assessments oldest first with their stages (json)', () => {
    const { code, stdout } = run(['history', '--format', 'json']);
    expect(code).toBe(0);
    const history = JSON.parse(stdout);
    expect(history.schemaVersion).toBe(1);
    expect(history.assessments).toHaveLength(2);
    const [a, b] = history.assessments;
    expect(a.at < b.at).toBe(true);
    expect(a).toMatchObject({ kind: 'scan', organization: 'acme', stage: 3 });
    expect(a.teams).toContainEqual({ name: 'payments', stage: 4 });
    expect(a.repositories).toContainEqual({ path: 'payments-api', stage: 4, team: 'payments' });
    expect(b.repositories.find((r: { path: string }) => r.path === 'payments-api').stage).toBeLessThan(4);
  });

  it('shows a stage ladder per row in the table, and one row per scope in CSV', () => {
    const table = run(['history', '--repo', 'payments-api', '--format', 'table']);
    expect(table.stdout).toMatch(/■■■■□ 4/);
    expect(table.stdout).toMatch(/■■■□□ 3 {2}↓ from 4/);
    const csv = run(['history', '--format', 'csv']).stdout.trim().split('\n');
    expect(csv[0]).toBe('id,at,kind,organization,scope,name,stage');
    expect(csv.filter((line) => line.includes(',repository,payments-api,'))).toHaveLength(2);
  });

  it('diffs the last two: the plaintext Secret is a regression with its file and line, never its value', () => {
    const { code, stdout } = run(['diff', '--format', 'json']);
    expect(code).toBe(0);
    const diff = JSON.parse(stdout);
    expect(diff.schemaVersion).toBe(1);
    expect(diff.repositories).toContainEqual({ path: 'payments-api', stage: { from: 4, to: expect.any(Number) } });
    expect(diff.signals).toContainEqual(expect.objectContaining({ id: 'static-secrets', repository: 'payments-api', change: 'appeared' }));
    const secret = diff.regressions.find((r: { kind: string; evidence: { signal?: string }[] }) => r.kind === 'anti-pattern' && r.evidence[0]?.signal === 'static-secrets');
    expect(secret.message).toMatch(/payments-api: introduces a plaintext Secret \(deploy\/raw\/db-secret\.yaml:7\)/);
    expect(secret.evidence[0]).toMatchObject({ signal: 'static-secrets', file: 'deploy/raw/db-secret.yaml', line: 7 });
    expect(diff.regressions.some((r: { kind: string; message: string }) => r.kind === 'anti-pattern' && /end-of-life base image/.test(r.message))).toBe(true);
    expect(diff.regressions).toContainEqual(expect.objectContaining({ kind: 'stage', scope: 'repository:payments-api', message: 'payments-api went from stage 4 to 3' }));
    expect(stdout).not.toContain(SECRET_CANARY);
    expect(run(['diff', '--fail-on-regression', '--format', 'markdown']).code).toBe(1);
  });

  it('diffs a recorded assessment against a report file, and two report files without a store', () => {
    const mixed = run(['diff', join(home, 'before.json'), 'latest', '--format', 'json']);
    expect(mixed.code).toBe(0);
    expect(JSON.parse(mixed.stdout).from).toEqual({ file: join(home, 'before.json'), at: expect.any(String) });
    const files = cli(['diff', join(home, 'after.json'), join(home, 'before.json'), '--format', 'json', '--fail-on-regression'], { cwd: acme, home, env: { K8S_MATURITY_STORE: 'postgres://nobody:pw@127.0.0.1:1/none' } });
    expect(files.code).toBe(0); // backwards: the Secret disappears, nothing regresses
    expect(JSON.parse(files.stdout).signals).toContainEqual(expect.objectContaining({ id: 'static-secrets', change: 'disappeared' }));
  });
});

describe('an unreachable store', () => {
  const home = tempHome();
  const password = 'Sup3r-s3cret-pw';
  const unreachable = `postgres://alice:${password}@127.0.0.1:1/maturity`;

  it('is one line and exit 2, never shows the password, and keeps the report for store push', () => {
    const scan = cli(['scan', '--config', 'examples/acme/.k8s-maturity.yaml', '--save', '--store', unreachable, '--format', 'json', '--quiet'], { home });
    expect(scan.code).toBe(2);
    expect(JSON.parse(scan.stdout).schemaVersion).toBe(1); // the report was still written
    expect(scan.stderr.trim().split('\n')).toHaveLength(1);
    expect(scan.stderr).toContain('postgres://alice:***@127.0.0.1:1/maturity');
    expect(scan.stderr + scan.stdout).not.toContain(password);
    const spool = join(home, 'state', 'k8s-maturity', 'spool');
    const files = readdirSync(spool).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(1);
    expect(scan.stderr).toContain(`store push ${join(spool, files[0]!)}`);
    expect(readFileSync(join(spool, files[0]!), 'utf8')).not.toContain(password);

    const history = cli(['history', '--store', unreachable], { home });
    expect(history.code).toBe(2);
    expect(history.stderr + history.stdout).not.toContain(password);

    // Later, with a store that answers: everything spooled is recorded, and the spool emptied.
    const store = `sqlite:${join(home, 'later.db')}`;
    const push = cli(['store', 'push', '--store', store], { home });
    expect(push.code).toBe(0);
    expect(existsSync(join(spool, files[0]!))).toBe(false);
    const again = cli(['history', '--store', store, '--format', 'json'], { home });
    expect(JSON.parse(again.stdout).assessments).toHaveLength(1);
  });
});

describe('store settings in the configuration', () => {
  it('records every scan with store.save: true and prunes by store.keep', () => {
    const home = tempHome();
    const acme = exampleCopy();
    const config = readFileSync(join(acme, '.k8s-maturity.yaml'), 'utf8');
    writeFileSync(join(acme, '.k8s-maturity.yaml'), `${config}\nstore:\n  url: sqlite:memory.db\n  save: true\n  keep: 2\n`);
    for (let i = 0; i < 3; i++) expect(cli(['scan', '--format', 'json', '--quiet'], { cwd: acme, home }).code).toBe(0);
    expect(existsSync(join(acme, 'memory.db'))).toBe(true);
    const history = cli(['history', '--format', 'json'], { cwd: acme, home });
    expect(JSON.parse(history.stdout).assessments).toHaveLength(2);
    const prune = cli(['store', 'prune', '--keep', '1'], { cwd: acme, home });
    expect(prune.stderr).toMatch(/pruned 1 assessment from sqlite:/);
  });
});

describe('a configuration that is scanned content', () => {
  it('cannot choose the store or make a scan record (trust model)', () => {
    const home = tempHome();
    const acme = exampleCopy();
    const config = readFileSync(join(acme, '.k8s-maturity.yaml'), 'utf8');
    writeFileSync(join(acme, '.k8s-maturity.yaml'), `${config}\nstore:\n  url: sqlite:planted.db\n  save: true\n`);
    expect(spawnSync('git', ['init', '-q', acme]).status).toBe(0);
    const scan = cli(['scan', '--format', 'json', '--quiet'], { cwd: acme, home });
    expect(scan.code).toBe(0);
    expect(scan.stderr).toMatch(/store: ignored: .*treated as scanned content \(it lies inside a git repository\)/);
    expect(existsSync(join(acme, 'planted.db'))).toBe(false);
    const named = cli(['scan', '--config', '.k8s-maturity.yaml', '--format', 'json', '--quiet'], { cwd: acme, home });
    expect(named.code).toBe(0);
    expect(existsSync(join(acme, 'planted.db'))).toBe(true);
  });
});

describe('scan --baseline', () => {
  it('opens the Markdown report with what the change moves and introduces, and gates on regressions', () => {
    const home = tempHome();
    const acme = exampleCopy();
    const base = cli(['scan', '--format', 'json', '--quiet', '--output', join(home, 'base.json')], { cwd: acme, home });
    expect(base.code).toBe(0);
    introduceRegressions(acme);
    const head = cli(['scan', '--baseline', join(home, 'base.json'), '--format', 'markdown', '--quiet'], { cwd: acme, home });
    expect(head.code).toBe(0);
    const lines = head.stdout.split('\n');
    expect(lines[0]).toBe('## Changes since the baseline');
    expect(head.stdout).toMatch(/- This change moves payments-api from stage 4 to 3\./);
    expect(head.stdout).toMatch(/- This change introduces a plaintext Secret in payments-api \(deploy\/raw\/db-secret\.yaml:7\)\./);
    expect(head.stdout).not.toContain(SECRET_CANARY);
    const gate = cli(['scan', '--baseline', join(home, 'base.json'), '--fail-on-regression', '--format', 'json', '--quiet'], { cwd: acme, home });
    expect(gate.code).toBe(1);
    expect(JSON.parse(gate.stdout).baseline.regressions.length).toBeGreaterThan(0);
    const same = cli(['scan', '--baseline', join(home, 'base.json'), '--fail-on-regression', '--quiet'], { cwd: exampleCopy(), home });
    expect(same.code).toBe(0);
  });

  it('refuses a baseline that is not a JSON report, before scanning', () => {
    const home = tempHome();
    writeFileSync(join(home, 'bad.json'), '{"hello": 1}');
    const run = cli(['scan', '--config', 'examples/acme/.k8s-maturity.yaml', '--baseline', join(home, 'bad.json')], { home });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.json: not a k8s-maturity JSON report \(schemaVersion undefined is not 1\)/);
  });
});
