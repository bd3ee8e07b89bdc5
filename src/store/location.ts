import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Which store an assessment goes to, and how it is shown. Chosen, in this order, by `--store`, the
 * configuration's `store:`, `K8S_MATURITY_STORE`, then the default SQLite file
 * (`$XDG_DATA_HOME/k8s-maturity/store.db`, else `~/.local/share/k8s-maturity/store.db`).
 * A URL's password is kept for the driver only: `shown` never carries it.
 */
export type StoreLocation =
  | { engine: 'sqlite'; path: string; shown: string }
  | { engine: 'postgres'; url: string; shown: string; secrets: string[] };

export interface StoreChoice {
  flag?: string | undefined;
  config?: string | undefined;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export function defaultStorePath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME && isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(base, 'k8s-maturity', 'store.db');
}

export function chooseStore(choice: StoreChoice): StoreLocation {
  const env = choice.env ?? process.env;
  const value = [choice.flag, choice.config, env.K8S_MATURITY_STORE].find((v) => v !== undefined && v.trim() !== '');
  return parseStoreUrl(value ?? defaultStorePath(env), choice.cwd ?? process.cwd());
}

/** `sqlite:PATH`, a bare path, `postgres://…` or `postgresql://…`. */
export function parseStoreUrl(value: string, cwd: string = process.cwd()): StoreLocation {
  const text = value.trim();
  if (/^postgres(?:ql)?:\/\//i.test(text)) {
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      throw new StoreError(`${redactStoreUrl(text)}: not a valid PostgreSQL URL (postgres://user@host:5432/database)`);
    }
    const secrets = parsed.password ? [parsed.password, decodeURIComponentSafe(parsed.password)] : [];
    return { engine: 'postgres', url: text, shown: redactStoreUrl(text), secrets };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    throw new StoreError(`${redactStoreUrl(text)}: unknown store URL: use sqlite:PATH, a file path, or postgres://…`);
  }
  const path = text.startsWith('sqlite:') ? text.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '') : text;
  if (path === '') throw new StoreError('sqlite: needs a file path, e.g. sqlite:./store.db');
  const absolute = resolve(cwd, path.startsWith('~/') ? join(homedir(), path.slice(2)) : path);
  return { engine: 'sqlite', path: absolute, shown: `sqlite:${absolute}` };
}

/** `postgres://alice:s3cret@db/x` → `postgres://alice:***@db/x`; also `?password=` parameters. */
export function redactStoreUrl(url: string): string {
  return url
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/@\s]*)@/i, (_all, scheme: string, auth: string) => {
      const colon = auth.indexOf(':');
      return colon < 0 ? `${scheme}${auth}@` : `${scheme}${auth.slice(0, colon)}:***@`;
    })
    .replace(/([?&](?:password|sslpassword)=)[^&\s]*/gi, '$1***');
}

/** Removes every secret of `location` (and any URL credentials) from a message before it is shown. */
export function scrub(message: string, location?: StoreLocation): string {
  let text = message;
  if (location?.engine === 'postgres') {
    for (const secret of location.secrets) if (secret.length > 0) text = text.split(secret).join('***');
    text = text.split(location.url).join(location.shown);
  }
  return redactStoreUrl(text).replace(/(postgres(?:ql)?:\/\/[^/@\s:]*:)[^@\s/]*@/gi, '$1***@');
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A store that cannot be used: the CLI prints the message (never a password) and exits 2. */
export class StoreError extends Error {
  override name = 'StoreError';
}
