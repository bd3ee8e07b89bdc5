import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The real command line, as users and CI scripts run it (built by `npm test` before the tests). */
const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'k8s-maturity.cjs');
const EXAMPLE_CONFIG = join(ROOT, 'examples', 'acme', '.k8s-maturity.yaml');

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync('node', [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env }, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('k8s-maturity scan on the example organization', () => {
  const { code, stdout } = run(['scan', '--config', EXAMPLE_CONFIG, '--quiet']);
  const report = JSON.parse(stdout);

  it('writes JSON when piped, following the contract', () => {
    expect(code).toBe(0);
    expect(report.schemaVersion).toBe(1);
    expect(report.stage).toBe(3);
    expect(report.repositories.map((r: { path: string; stage: number }) => [r.path, r.stage])).toEqual([
      ['examples/acme/platform-infra', 3],
      ['examples/acme/payments-api', 4],
      ['examples/acme/storefront-web', 3],
    ]);
    expect(report.teams.map((t: { name: string; stage: number }) => [t.name, t.stage])).toEqual([
      ['platform', 3],
      ['payments', 4],
      ['storefront', 3],
    ]);
    expect(report.clusters.map((c: { name: string }) => c.name)).toEqual(['acme-prod.json']);
  });

  it('proves each detection with a file and a 1-based line that exist in the repository', () => {
    for (const repo of report.repositories) {
      for (const detection of repo.detections) {
        for (const evidence of detection.evidence) {
          if (!('file' in evidence)) continue;
          const lines = readFileSync(join(ROOT, repo.path, evidence.file), 'utf8').split('\n');
          expect(evidence.line, `${repo.path}/${evidence.file}`).toBeGreaterThanOrEqual(1);
          expect(evidence.line, `${repo.path}/${evidence.file}`).toBeLessThanOrEqual(lines.length);
        }
      }
    }
  });

  it('keeps storefront-web at stage 3 for the stated reasons, and does not believe its README', () => {
    const storefront = report.repositories.find((r: { path: string }) => r.path.endsWith('storefront-web'));
    const status = (id: string) => storefront.capabilities.find((c: { id: string }) => c.id === id).status;
    expect(status('tracing')).toBe('missing');
    expect(status('local-k8s-dev-loop')).toBe('missing');
    expect(status('fresh-base-images')).toBe('missing');
    // The README says "we plan to add OpenTelemetry tracing and a Tilt-based dev loop": not evidence.
    expect(storefront.detections.map((d: { id: string }) => d.id)).not.toContain('opentelemetry');
    expect(storefront.detections.map((d: { id: string }) => d.id)).not.toContain('tilt');
  });

  it('shows what came from the cluster, the team configuration and the attestation', () => {
    const capability = (id: string) => report.capabilities.find((c: { id: string }) => c.id === id);
    expect(capability('shared-multi-team-clusters').status).toBe('met');
    expect(capability('shared-multi-team-clusters').evidence.some((e: { source?: string; cluster?: string }) => e.source === 'cluster' && e.cluster === 'acme-prod.json')).toBe(true);
    expect(capability('team-wide-ownership')).toMatchObject({ status: 'met', byAttestation: true });
    expect(capability('team-wide-ownership').evidence[0]).toMatchObject({ by: 'cto@acme.example', source: 'attestation' });
    expect(report.toVerify.map((v: { capability: string }) => v.capability)).toEqual(expect.arrayContaining(['developer-owned-manifests', 'reviewed-changes']));
  });

  it('lists a concrete roadmap toward stage 4 that names the repository to change', () => {
    const next = report.roadmap.filter((s: { stage: number }) => s.stage === 4);
    expect(next.map((s: { capability: string }) => s.capability)).toEqual(expect.arrayContaining(['local-k8s-dev-loop', 'tracing', 'fresh-base-images']));
    const base = next.find((s: { capability: string }) => s.capability === 'fresh-base-images');
    expect(base.places).toEqual(expect.arrayContaining([expect.objectContaining({ repository: 'examples/acme/storefront-web', file: 'Dockerfile', line: 1 })]));
  });
});

describe('exit codes and errors', () => {
  it('exits 2 with one line for a path that does not exist or is a file', () => {
    const missing = run(['scan', 'no/such/folder']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toEqual(['k8s-maturity: no/such/folder: no such file or directory']);
    const file = run(['scan', 'README.md']);
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/README\.md: not a directory/);
  });

  it('gates CI with --fail-below: 1 below the stage, 0 at or above it', () => {
    expect(run(['scan', '--config', EXAMPLE_CONFIG, '--fail-below', '4', '-q', '-o', '/dev/null']).code).toBe(1);
    expect(run(['scan', '--config', EXAMPLE_CONFIG, '--fail-below', '3', '-q', '-o', '/dev/null']).code).toBe(0);
    expect(run(['scan', '--fail-below', '9']).code).toBe(2);
  });

  it('refuses a bad configuration with the key and the fix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8sm-cli-'));
    writeFileSync(join(dir, 'bad.yaml'), 'organization: acme\nteams:\n  - name: payments\n    repos: [api]\n');
    const result = run(['scan', '--config', join(dir, 'bad.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/teams\[0\]/);
    expect(result.stderr).toMatch(/repositories/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('outputs', () => {
  it('writes several reports in one scan (--format/--output pairs)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8sm-out-'));
    const result = run(['scan', '--config', EXAMPLE_CONFIG, '-q', '--format', 'html', '--output', join(dir, 'r.html'), '--format', 'sarif', '--output', join(dir, 'r.sarif'), '--format', 'badge', '--output', join(dir, 'b.svg'), '--format', 'markdown']);
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    expect(JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(join(dir, 'b.svg'), 'utf8')).toMatch(/stage 3/);
    expect(result.stdout).toMatch(/^# /m);
  });

  it('prints the table without colour codes when NO_COLOR is set or the output is not a terminal', () => {
    const result = run(['scan', '--config', EXAMPLE_CONFIG, '-q', '--format', 'table'], { NO_COLOR: '1' });
    expect(result.stdout).toMatch(/Stage 3 of 5/);
    expect(result.stdout.includes('\u001b[')).toBe(false);
    expect(result.stderr).toBe('');
  });

  it('teaches with --help and answers --version', () => {
    const help = run(['scan', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--fail-below/);
    expect(help.stdout).toMatch(/Examples:/);
    expect(run(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('k8s-maturity init', () => {
  it('writes a starter configuration naming the repositories it finds, and refuses to overwrite it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8sm-init-'));
    for (const name of ['payments-api', 'storefront-web']) {
      const repo = join(dir, name);
      spawnSync('git', ['init', '-q', repo]);
      writeFileSync(join(repo, 'Dockerfile'), 'FROM gcr.io/distroless/static-debian12\n');
      spawnSync('git', ['-C', repo, 'add', '-A']);
      spawnSync('git', ['-C', repo, '-c', 'user.email=dev@acme.example', '-c', 'user.name=Dev', 'commit', '-qm', 'init']);
    }
    const init = spawnSync('node', [CLI, 'init'], { cwd: dir, encoding: 'utf8' });
    expect(init.status).toBe(0);
    const config = readFileSync(join(dir, '.k8s-maturity.yaml'), 'utf8');
    expect(config).toMatch(/- payments-api/);
    expect(config).toMatch(/- storefront-web/);
    const scan = spawnSync('node', [CLI, 'scan', '-q'], { cwd: dir, encoding: 'utf8' });
    expect(scan.status).toBe(0);
    expect(JSON.parse(scan.stdout).repositories.map((r: { path: string }) => r.path)).toEqual(['payments-api', 'storefront-web']);
    expect(spawnSync('node', [CLI, 'init'], { cwd: dir, encoding: 'utf8' }).status).toBe(2);
  });
});

describe('the code cache of the launcher (bin/k8s-maturity.cjs)', () => {
  const codeFiles = (home: string) => {
    const dir = join(home, 'k8s-maturity', 'code');
    return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.bin')) : [];
  };
  const scanArgs = ['scan', '--config', EXAMPLE_CONFIG, '--format', 'json', '--quiet', '--no-cache'];
  const withoutTime = (json: string) => JSON.stringify({ ...JSON.parse(json), generatedAt: undefined });

  it('is written after a first run, per command, and gives the same answers from then on', () => {
    const home = mkdtempSync(join(tmpdir(), 'k8sm-code-'));
    const first = run(scanArgs, { XDG_CACHE_HOME: home });
    expect(first.code).toBe(0);
    expect(codeFiles(home)).toHaveLength(1);
    const second = run(scanArgs, { XDG_CACHE_HOME: home });
    expect(withoutTime(second.stdout)).toBe(withoutTime(first.stdout));
    expect(codeFiles(home)).toHaveLength(1);
    // `--version` compiles other functions than a scan: a cache of its own.
    expect(run(['--version'], { XDG_CACHE_HOME: home }).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(codeFiles(home)).toHaveLength(2);
  });

  it('is only a speed-up: a damaged cache is refused by V8 and rewritten, and one that cannot be written is done without', () => {
    const home = mkdtempSync(join(tmpdir(), 'k8sm-code-'));
    const reference = run(scanArgs, { XDG_CACHE_HOME: home });
    const [file] = codeFiles(home);
    const path = join(home, 'k8s-maturity', 'code', file!);
    writeFileSync(path, Buffer.from('not V8 code cache data at all'.repeat(100)));
    const damaged = run(scanArgs, { XDG_CACHE_HOME: home });
    expect(damaged.code).toBe(0);
    expect(damaged.stderr).toBe('');
    expect(withoutTime(damaged.stdout)).toBe(withoutTime(reference.stdout));
    expect(readFileSync(path).subarray(0, 20).toString()).not.toBe('not V8 code cache da');

    // A cache folder that cannot be created (its parent is a file; root could write a read-only one).
    const blocked = join(mkdtempSync(join(tmpdir(), 'k8sm-code-ro-')), 'a-file');
    writeFileSync(blocked, 'not a folder\n');
    const result = run(scanArgs, { XDG_CACHE_HOME: blocked });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(withoutTime(result.stdout)).toBe(withoutTime(reference.stdout));
  });

  it('covers the query builder linked beside the CLI (kysely.cjs) once a store is opened: a cache of its own, refused and rewritten when damaged', () => {
    const home = mkdtempSync(join(tmpdir(), 'k8sm-code-'));
    const store = `sqlite:${join(home, 'store.db')}`;
    const recorded = run(['scan', '--config', EXAMPLE_CONFIG, '--format', 'json', '-o', join(home, 'report.json'), '--quiet', '--save', '--store', store], { XDG_CACHE_HOME: home });
    expect(recorded.code).toBe(0);
    const history = () => run(['history', '--store', store, '--format', 'csv'], { XDG_CACHE_HOME: home });
    const first = history();
    expect(first.code).toBe(0);
    // The one assessment: the organization, its 3 teams and 3 repositories, under a header.
    expect(first.stdout.split('\n').filter(Boolean)).toHaveLength(8);
    const kyselyCaches = () => codeFiles(home).filter((name) => /-kysely-[0-9a-f]{16}\.bin$/.test(name)).sort();
    // One for `scan` (--save opened the store) and one for the other commands, each beside its main.cjs cache.
    expect(kyselyCaches()).toHaveLength(2);
    for (const name of kyselyCaches()) expect(codeFiles(home)).toContain(name.replace(/-kysely-[0-9a-f]{16}\.bin$/, '.bin'));
    const path = join(home, 'k8s-maturity', 'code', kyselyCaches().find((name) => name.includes('-other-'))!);
    writeFileSync(path, Buffer.from('not V8 code cache data at all'.repeat(100)));
    const damaged = history();
    expect(damaged.code).toBe(0);
    expect(damaged.stderr).toBe('');
    expect(damaged.stdout).toBe(first.stdout);
    expect(readFileSync(path).subarray(0, 20).toString()).not.toBe('not V8 code cache da');
  });

  it('keeps only the current version of the tool: caches of other versions are removed when one is written', () => {
    const home = mkdtempSync(join(tmpdir(), 'k8sm-code-'));
    const dir = join(home, 'k8s-maturity', 'code');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '0123456789abcdef-0123456789abcdef-scan.bin'), 'from an older version');
    writeFileSync(join(dir, 'notes.txt'), 'not ours to remove');
    expect(run(['--version'], { XDG_CACHE_HOME: home }).code).toBe(0);
    const left = readdirSync(dir).sort();
    expect(left).toHaveLength(2);
    expect(left).toContain('notes.txt');
    expect(left.find((name) => name.endsWith('-other.bin'))).toBeDefined();
  });

  it('is not used with K8S_MATURITY_CODE_CACHE=0', () => {
    const home = mkdtempSync(join(tmpdir(), 'k8sm-code-'));
    expect(run(['--version'], { XDG_CACHE_HOME: home, K8S_MATURITY_CODE_CACHE: '0' }).code).toBe(0);
    expect(codeFiles(home)).toEqual([]);
  });
});

describe('an organization scanned on worker threads (four or more repositories)', () => {
  it('gives, through the bundled worker, what scanning each repository alone gives', () => {
    // Four distinct repositories start the worker pool (the same folder twice is assessed once): a copy is the fourth.
    const copy = join(mkdtempSync(join(tmpdir(), 'k8sm-workers-')), 'platform-copy');
    cpSync(join(ROOT, 'examples', 'acme', 'platform-infra'), copy, { recursive: true });
    const repos = [...['platform-infra', 'payments-api', 'storefront-web'].map((name) => join('examples', 'acme', name)), copy];
    const together = run(['scan', ...repos, '--format', 'json', '--quiet', '--no-cache', '--no-history']);
    expect(together.code).toBe(0);
    expect(together.stderr).toBe('');
    const report = JSON.parse(together.stdout);
    expect(report.repositories).toHaveLength(4);
    for (const [index, path] of repos.entries()) {
      const alone = JSON.parse(run(['scan', path, '--format', 'json', '--quiet', '--no-cache', '--no-history']).stdout);
      // Stages differ on purpose (alone, a service lacks the platform repository's capabilities); what was found may not.
      const strip = (r: { detections: unknown; kind: unknown; warnings: unknown }) => ({ detections: r.detections, kind: r.kind, warnings: r.warnings });
      expect(strip(report.repositories[index])).toEqual(strip(alone.repositories[0]));
    }
  });
});
