/**
 * Secrets out of everything we show or store: command lines that become evidence (CI steps,
 * scripts, Makefiles) and URLs (git remotes, clusters). One definition, used by the facts that
 * quote commands, by the scan's last step before evidence is cached, and by every place a URL is
 * displayed. Redaction keeps what a reader needs (the flag, the key, the host) and replaces the
 * value with MARK.
 *
 * Every pattern here is linear: alternatives start with distinct characters or are bounded, so a
 * hostile line cannot make them backtrack.
 */

export const MARK = '***';

/** Flags whose value is `key=value[,key=value]`: the keys are kept, every value is replaced. */
const KEY_VALUE_FLAGS = new Set(['--set', '--set-string', '--set-file', '--set-json', '--set-literal', '-var', '--var', '--from-literal', '--build-arg', '--build-env', '--env', '-e', '--secret', '--extra-vars', '--tfvar']);
/** Flags whose whole value is a secret. */
const SECRET_FLAG = /^--?[\w-]*(?:password|passwd|passphrase|token|secret|api[-_]?key|access[-_]?key|auth|credentials?)(?:[-_]?(?:value|data|string))?$/i;
const SHORT_SECRET_FLAGS = new Set(['-p', '--pass', '-P']);
/** Flags whose value is `user:password`. */
const USER_FLAGS = new Set(['-u', '--user', '--proxy-user', '--creds', '--src-creds', '--dest-creds']);
const HEADER_FLAGS = new Set(['-H', '--header', '--headers']);

/** Parameters of a URL query that carry credentials. */
const SECRET_QUERY = /^(?:private[-_]?token|access[-_]?token|token|auth[-_]?token|password|passwd|pass|secret|client[-_]?secret|api[-_]?key|apikey|key|sig|signature|x-amz-signature|x-amz-credential|x-amz-security-token|code)$/i;

/** Tokens with a recognisable prefix, wherever they appear (GitHub, GitLab, Slack, npm, AWS, Stripe…). */
const KNOWN_TOKENS = /\b(?:gh[pousr]_|github_pat_|glpat-|glptt-|gldt-|glrt-|xox[abprs]-|npm_|AKIA|ASIA|sk_live_|rk_live_|hf_)[A-Za-z0-9_-]{6,}/g;
/** A header that authenticates, in any text (`-H 'Authorization: Bearer x'`, a YAML `Private-Token: x`). */
const AUTH_HEADER = /\b((?:proxy-)?authorization|private-token|job-token|x-api-key|x-auth-token|api-key|cookie)(\s*:\s*)([^\s'"][^'"\n]*)/gi;
const BEARER = /\b(Bearer|Basic)\s{1,16}(?!\*\*\*)[A-Za-z0-9._~+/=-]{8,}/g;
/** `NAME_PASSWORD=value` assignments (shell, Makefiles, .env-like lines in scripts). */
const SECRET_ASSIGNMENT = /\b([A-Za-z0-9_.]{0,64}(?:PASSWORD|PASSWD|TOKEN|SECRET|API_KEY|APIKEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?)[A-Za-z0-9_]{0,64}=)(?!\*\*\*|\$)("[^"]*"|'[^']*'|[^\s;&|'"]+)/gi;
/** ?token=… / &private_token=… in any text. */
const QUERY_PARAM = /([?&])([A-Za-z0-9_.-]+)=([^&#\s'"]*)/g;

/** One word of a shell line: quoted parts and bare characters, side by side (`-var='a=b'`). */
const WORD = /(?:"(?:[^"\\]|\\.)*"?|'[^']*'?|[^\s"']+)+/g;

/**
 * A command line with its secrets replaced: values of `--set*`, `-var`, `--from-literal`, `-e`
 * and `--build-arg` (keys kept), passwords and tokens given as flags, `-u user:pass`,
 * authorization headers, credentials in URLs, and tokens with a known prefix anywhere.
 */
export function redactCommand(text: string): string {
  let out = '';
  let last = 0;
  let pending: 'kv' | 'secret' | 'user' | 'header' | undefined;
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const start = match.index;
    let replaced = word;
    // A flag's value is on the same line: `set -e` ends a line, the next command is not its value.
    if (pending !== undefined && text.slice(last, start).includes('\n')) pending = undefined;
    if (pending !== undefined) {
      replaced = redactValue(word, pending);
      pending = undefined;
    } else if (word.startsWith('-')) {
      const eq = word.indexOf('=');
      const flag = eq === -1 ? word : word.slice(0, eq);
      const kind = flagKind(flag);
      if (kind !== undefined) {
        if (eq === -1) pending = kind;
        else replaced = `${flag}=${redactValue(word.slice(eq + 1), kind)}`;
      } else if (/^-p[^-\s]/.test(word) && !word.startsWith('-print')) {
        // mysql-style -pSECRET
        replaced = `-p${MARK}`;
      }
    }
    out += text.slice(last, start) + replaced;
    last = start + word.length;
  }
  out += text.slice(last);
  return redactSecrets(out);
}

function flagKind(flag: string): 'kv' | 'secret' | 'user' | 'header' | undefined {
  if (KEY_VALUE_FLAGS.has(flag)) return 'kv';
  if (USER_FLAGS.has(flag)) return 'user';
  if (HEADER_FLAGS.has(flag)) return 'header';
  if (SHORT_SECRET_FLAGS.has(flag)) return 'secret';
  // --password-stdin and --token-file name where the secret is, not the secret.
  if (/-(?:stdin|file|path|env|ref|name)$/i.test(flag)) return undefined;
  return SECRET_FLAG.test(flag) ? 'secret' : undefined;
}

/** Redacts one flag value, keeping its quotes. */
function redactValue(word: string, kind: 'kv' | 'secret' | 'user' | 'header'): string {
  const quote = /^["']/.exec(word)?.[0] ?? '';
  const inner = quote !== '' && word.endsWith(quote) && word.length > 1 ? word.slice(1, -1) : word.slice(quote.length);
  const close = quote !== '' && word.endsWith(quote) && word.length > 1 ? quote : '';
  let value: string;
  switch (kind) {
    case 'secret':
      // A flag followed by another flag had no value: keep that word as it is.
      if (inner.startsWith('-')) return word;
      return MARK;
    case 'kv':
      // Not `key=value` (sed -e 's/a/b/', grep -e x): not what this flag's redaction is about.
      if (!inner.includes('=')) return word;
      value = inner
        .split(',')
        .map((part) => {
          const eq = part.indexOf('=');
          if (eq === -1) return part === '' ? part : MARK;
          // A value the shell or the CI fills in (`$TAG`, `${{ github.sha }}`) is a name, not a secret.
          const value = part.slice(eq + 1);
          return value.startsWith('$') ? part : `${part.slice(0, eq)}=${MARK}`;
        })
        .join(',');
      break;
    case 'user': {
      const colon = inner.indexOf(':');
      value = colon === -1 ? inner : `${inner.slice(0, colon)}:${MARK}`;
      break;
    }
    case 'header': {
      const colon = inner.indexOf(':');
      const name = inner.slice(0, colon).trim();
      // A name longer than any real header is redacted too, rather than searched at length.
      value = colon === -1 ? inner : name.length > 64 || /auth|token|key|secret|cookie|session|password/i.test(name) ? `${inner.slice(0, colon)}: ${MARK}` : inner;
      break;
    }
  }
  return `${quote}${value}${close}`;
}

/**
 * Secrets that can appear in any text, command or not: credentials in URLs, secret query
 * parameters, bearer tokens, authorization headers, `*_PASSWORD=` assignments and tokens with a
 * known prefix.
 */
export function redactSecrets(text: string): string {
  return withoutUserinfo(text)
    .replace(QUERY_PARAM, (whole, sep: string, name: string) => (SECRET_QUERY.test(name) ? `${sep}${name}=${MARK}` : whole))
    .replace(AUTH_HEADER, (_, name: string, colon: string) => `${name}${colon}${MARK}`)
    .replace(BEARER, `$1 ${MARK}`)
    .replace(SECRET_ASSIGNMENT, `$1${MARK}`)
    .replace(KNOWN_TOKENS, MARK);
}

/**
 * `scheme://user:password@host` and `scheme://token@host` → `scheme://***@host`, found by looking
 * for `://` rather than by a pattern that would have to guess where a scheme starts.
 */
function withoutUserinfo(text: string): string {
  let out = '';
  let from = 0;
  for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', at + 3)) {
    const start = at + 3;
    let end = start;
    let lastAt = -1;
    while (end < text.length && !/[/\s?#'"<>]/.test(text[end]!)) {
      if (text[end] === '@') lastAt = end;
      end++;
    }
    if (lastAt === -1 || text.slice(start, lastAt) === MARK) continue;
    out += `${text.slice(from, start)}${MARK}`;
    from = lastAt;
  }
  return out + text.slice(from);
}

/**
 * A git or HTTP URL as it may be shown: without user information (`https://user:pass@host` →
 * `https://host`), without secret query parameters, and for scp-like addresses written with a
 * password (`user:pass@host:org/repo`) without the password. A plain user name of an scp-like
 * address (`git@host:org/repo`) is kept: it is not a secret and git needs it.
 */
export function displayUrl(url: string): string {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/s.exec(url);
  if (scheme) {
    const [, prefix, authority, rest] = scheme as unknown as [string, string, string, string];
    const at = authority.lastIndexOf('@');
    return redactSecrets(`${prefix}${at === -1 ? authority : authority.slice(at + 1)}${rest}`);
  }
  // The password may hold `/` or `:`, not `@`; what follows is host:path.
  const scpWithPassword = /^([^@/:\s]+):[^@\s]*@([A-Za-z0-9][A-Za-z0-9.-]*:.*)$/s.exec(url);
  if (scpWithPassword) return redactSecrets(`${scpWithPassword[1]}@${scpWithPassword[2]}`);
  return redactSecrets(url);
}

/**
 * Every string of a finished result (an assessment, a cached scan) through redactSecrets: the last
 * net for a credential that reached a detail, a warning or a name by a path no one foresaw (a
 * cluster object's repoURL, an error message). Plain objects and arrays only.
 *
 * An object met twice (the organization's platform capabilities, shared by every repository and
 * team of an assessment) is redacted once and stays shared: copying it at each place would make
 * the result grow with repositories × their evidence (2,000 repositories ran out of memory).
 */
export function redactDeep<T>(value: T): T {
  return redactShared(value, new Map(), new Map());
}

function redactShared<T>(value: T, objects: Map<object, unknown>, strings: Map<string, string>): T {
  if (typeof value === 'string') {
    let redacted = strings.get(value);
    if (redacted === undefined) strings.set(value, (redacted = redactedOnce(value)));
    return redacted as T;
  }
  if (value === null || typeof value !== 'object') return value;
  const isArray = Array.isArray(value);
  if (!isArray && Object.getPrototypeOf(value) !== Object.prototype) return value;
  const seen = objects.get(value);
  if (seen !== undefined) return seen as T;
  if (isArray) {
    const out: unknown[] = [];
    objects.set(value, out);
    for (const item of value as unknown[]) out.push(redactShared(item, objects, strings));
    return out as T;
  }
  const out: Record<string, unknown> = {};
  objects.set(value, out);
  for (const [key, item] of Object.entries(value)) out[key] = redactShared(item, objects, strings);
  return out as T;
}

/**
 * redactSecrets is a pure function of its text, and the same texts come back again and again: a
 * timeline redacts each point's assessment, mostly the evidence of the point before. Answers are
 * kept for the last short strings seen (a bounded number, forgotten all at once when full): a
 * long-running server holds at most a few megabytes this way.
 */
const redactedTexts = new Map<string, string>();
const MAX_REDACTED_TEXTS = 200_000;
const MAX_KEPT_LENGTH = 2_048;
function redactedOnce(text: string): string {
  if (text.length > MAX_KEPT_LENGTH) return redactSecrets(text);
  let out = redactedTexts.get(text);
  if (out === undefined) {
    if (redactedTexts.size >= MAX_REDACTED_TEXTS) redactedTexts.clear();
    out = redactSecrets(text);
    redactedTexts.set(text, out);
  }
  return out;
}
