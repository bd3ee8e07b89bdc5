import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alice, rawGit, TestRepo } from '../history/git-fixture.js';

/**
 * A forge API on loopback (node:http): each test gives the answers, as GitHub's REST API or
 * GitLab's v4 API would shape them, and reads back every request with the headers that carry a
 * token, to check where the token went.
 */

export interface ForgeAnswer {
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
}

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  authorization?: string;
  privateToken?: string;
}

export interface ForgeServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** `answer` gets the request URL (path and query) and the server's origin (for Link headers); undefined is a 404. */
export async function startForgeServer(answer: (url: URL, origin: string, req: IncomingMessage) => ForgeAnswer | undefined): Promise<ForgeServer> {
  const requests: RecordedRequest[] = [];
  let origin = '';
  const server: Server = createServer((req, res) => {
    requests.push({
      method: req.method ?? 'GET',
      url: req.url ?? '',
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      ...(req.headers['private-token'] ? { privateToken: String(req.headers['private-token']) } : {}),
    });
    const reply = answer(new URL(req.url ?? '/', origin), origin, req) ?? { status: 404, body: { message: 'Not Found' } };
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
    res.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Bare repositories (as a forge hosts them) with a little Kubernetes content each; name → file:// URL. */
export function bareRepositories(contents: Record<string, Record<string, string>>): Record<string, string> {
  const root = mkdtempSync(join(tmpdir(), 'k8sm-forge-git-'));
  const urls: Record<string, string> = {};
  for (const [name, files] of Object.entries(contents)) {
    const work = new TestRepo();
    work.commit(alice, 3, files);
    const bare = join(root, `${name}.git`);
    rawGit(work.dir, ['clone', '--quiet', '--bare', work.dir, bare]);
    urls[name] = `file://${bare}`;
  }
  return urls;
}

export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api }
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api:1.4.2
          readinessProbe:
            httpGet: { path: /healthz, port: 8080 }
`;

export const CHART = `apiVersion: v2
name: infra
version: 0.3.0
`;

/** A new commit on the bare repository's default branch, as a developer's push would add. */
export function pushTo(bareUrl: string, files: Record<string, string>): void {
  const work = new TestRepo(mkdtempSync(join(tmpdir(), 'k8sm-forge-push-')));
  rawGit(work.dir, ['clone', '--quiet', bareUrl.replace(/^file:\/\//, ''), '.']);
  work.commit(alice, 1, files, 'add more');
  work.git(['push', '--quiet', 'origin', 'HEAD']);
}
