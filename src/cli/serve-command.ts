import { readFileSync } from 'node:fs';

export interface ServeOptions {
  store?: string;
  config?: string;
  host?: string;
  port?: string | number;
  tokenFile?: string;
  quiet?: boolean;
}

/**
 * `k8s-maturity serve`: the dashboard over the store, read-only. On a loopback address it needs
 * no token; on any other it refuses to start without one (--token-file or K8S_MATURITY_TOKEN).
 * Resolves to the exit code once the server is closed (SIGINT, SIGTERM).
 */
export async function runServe(options: ServeOptions): Promise<number> {
  const host = options.host ?? '127.0.0.1';
  const port = Number(options.port ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) return fail(`--port: ${options.port} is not a port (0 to 65535)`);
  const { isLoopback } = await import('../server/auth.js');
  let token: string | undefined;
  if (options.tokenFile !== undefined) {
    try {
      token = readFileSync(options.tokenFile, 'utf8').trim();
    } catch (error) {
      return fail(`--token-file: cannot read ${options.tokenFile} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  } else if (process.env.K8S_MATURITY_TOKEN) token = process.env.K8S_MATURITY_TOKEN.trim();
  if (token !== undefined && token.length < 16) return fail('the token must be at least 16 characters (e.g. openssl rand -hex 24 > token)');
  if (!isLoopback(host) && token === undefined) {
    return fail(`refusing to serve on ${host} without a token: anyone who reaches it would read every assessment. Give --token-file FILE or K8S_MATURITY_TOKEN, or serve on 127.0.0.1`);
  }
  const { storeSettings } = await import('./store-choice.js');
  const { openStore } = await import('../store/open.js');
  const { antiPatterns } = await import('./scan-memory.js');
  let store;
  try {
    store = await openStore((await storeSettings(options.store, options.config)).location);
  } catch (error) {
    return fail((error as Error).message);
  }
  const { createApp } = await import('../server/app.js');
  const { serve } = await import('@hono/node-server');
  const app = createApp({ store, ...(token ? { token } : {}), antiPatterns: await antiPatterns() });
  return new Promise<number>((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
      const shown = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      if (!options.quiet) process.stdout.write(`k8s-maturity dashboard on http://${shown}:${info.port}/ (store ${store.location.shown}); Ctrl-C to stop\n`);
    });
    server.on('error', (error: NodeJS.ErrnoException) => {
      process.stderr.write(`k8s-maturity: cannot serve on ${host}:${port}: ${error.code === 'EADDRINUSE' ? 'the port is in use (--port)' : error.message}\n`);
      void store.close().finally(() => resolve(2));
    });
    const stop = (): void => {
      server.close(() => void store.close().finally(() => resolve(0)));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

function fail(message: string): number {
  process.stderr.write(`k8s-maturity: ${message}\n`);
  return 2;
}
