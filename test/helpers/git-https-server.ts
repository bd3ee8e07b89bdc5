import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCertificates } from '../cluster/api-server.js';

/**
 * A real git server on loopback: git's own smart-HTTP program (`git http-backend`, run as CGI)
 * behind HTTPS with a certificate from a test CA and Basic authentication, as a forge would be.
 * Every request's path and Authorization header are kept for the test to inspect.
 */

export interface GitHttpsServer {
  /** https://127.0.0.1:PORT */
  origin: string;
  /** A git configuration (to put in a HOME) that trusts the test CA, as a user's own would. */
  userGitConfig: string;
  requests: { url: string; authorization?: string }[];
  close(): Promise<void>;
}

export async function startGitHttpsServer(options: { projectRoot: string; username: string; password: string }): Promise<GitHttpsServer> {
  const dir = mkdtempSync(join(tmpdir(), 'k8sm-githttp-'));
  const { caFile, key, cert } = makeCertificates(dir);
  const expected = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
  const requests: GitHttpsServer['requests'] = [];
  const server: Server = createServer({ key, cert }, (req, res) => {
    requests.push({ url: req.url ?? '', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' }).end('unauthorized\n');
      return;
    }
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const cgi = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        GIT_PROJECT_ROOT: options.projectRoot,
        GIT_HTTP_EXPORT_ALL: '1',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.replace(/^\?/, ''),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        REMOTE_USER: options.username,
        REMOTE_ADDR: '127.0.0.1',
        ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] } : {}),
        ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
      },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    req.pipe(cgi.stdin);
    let head = Buffer.alloc(0);
    let headerDone = false;
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (headerDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) return;
      headerDone = true;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
        else headers[name] = value;
      }
      res.writeHead(status, headers);
      res.write(head.subarray(end + 4));
    });
    cgi.on('close', () => res.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const userGitConfig = join(dir, 'gitconfig');
  writeFileSync(userGitConfig, `[http]\n\tsslCAInfo = ${caFile}\n`);
  return {
    origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    userGitConfig,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
