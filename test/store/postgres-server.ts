import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL server for the store's tests, started the way .ci/run starts one:
 * Debian's server binaries, a temporary data folder, 127.0.0.1 on a free port, trust
 * authentication. PostgreSQL refuses to run as root, so under root it runs as `postgres`
 * (runuser). Undefined when no server binaries are installed.
 */
export interface ThrowawayPostgres {
  url: string;
  stop(): Promise<void>;
}

export function postgresBinDir(): string | undefined {
  for (const version of ['17', '16', '15', '14', '13']) {
    const dir = `/usr/lib/postgresql/${version}/bin`;
    if (existsSync(join(dir, 'postgres'))) return dir;
  }
  return undefined;
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres | undefined> {
  const bin = postgresBinDir();
  if (bin === undefined) return undefined;
  const asRoot = userInfo().uid === 0;
  // Under /tmp itself: the run's own temporary folder is private to root, where postgres cannot enter.
  const dir = mkdtempSync('/tmp/k8sm-pg-');
  const data = join(dir, 'data');
  const run = (command: string, args: string[]) => (asRoot ? { command: 'runuser', args: ['-u', 'postgres', '--', command, ...args] } : { command, args });
  if (asRoot) {
    const pg = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(pg.stdout.trim()), Number(gid.stdout.trim()));
  }
  const init = run(join(bin, 'initdb'), ['--auth=trust', '--username=postgres', '--no-sync', '-D', data]);
  const initResult = spawnSync(init.command, init.args, { encoding: 'utf8' });
  if (initResult.status !== 0) throw new Error(`initdb failed: ${initResult.stderr}`);
  const port = await freePort();
  const start = run(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200']);
  const server: ChildProcess = spawn(start.command, start.args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (/ready to accept connections/.test(log)) resolve();
      else if (server.exitCode !== null) reject(new Error(`postgres did not start: ${log}`));
      else setTimeout(check, 50);
    };
    check();
  });
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        // pg_ctl, not a signal to our child: as root the child is `runuser`, which ignores SIGINT
        // while it waits for postgres, so the server never stopped and the test run never ended.
        const stop = run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
        spawnSync(stop.command, stop.args, { stdio: 'ignore', timeout: 40_000 });
        const gaveUp = setTimeout(() => server.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(gaveUp);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
