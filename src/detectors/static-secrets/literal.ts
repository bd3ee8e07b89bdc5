import { isTemplated } from '../../parse/helm-template.js';

/**
 * Values that stand for a secret rather than being one: variables for envsubst or a CI step,
 * `<placeholders>`, the words teams write before filling a value in, and references that a tool
 * resolves at apply time (1Password `op://` for `op inject`, vals `ref+`, berglas `sm://`,
 * argocd-vault-plugin `vault:`).
 */
const PLACEHOLDER = /\$\{[^}]*\}|\$\([^)]*\)|\$[A-Z_][A-Z0-9_]*|^<[^>]*>$|^(changeme|change[-_]me|replace[-_]?me|replaceme|todo|tbd|xxx+|\*+|redacted|placeholder|dummy|none|null)$|^ENC\[|^vault:|^ref\+|^secretref\+|^op:\/\/|^(berglas|sm):\/\/|^\{\{.*\}\}$|^#\{.*\}#?$|^%\{.*\}$/i;

/**
 * True when a Secret value is a literal secret. `data` values are base64: decoded first, so
 * `Y2hhbmdlbWU=` ("changeme") reads as the placeholder it is. Non-base64 `data` is still a
 * literal (kubectl would reject it, but it is in git).
 */
export function isLiteralSecretValue(value: unknown, base64: boolean): boolean {
  if (typeof value === 'number' || typeof value === 'boolean') return true;
  if (typeof value !== 'string') return false;
  const written = value.trim();
  if (written === '' || isTemplated(written) || PLACEHOLDER.test(written)) return false;
  if (!base64) return true;
  const decoded = decodeBase64(written);
  if (decoded === undefined) return true;
  const text = decoded.trim();
  return text !== '' && !PLACEHOLDER.test(text);
}

/**
 * Keys that name who or where, not a credential: `username`, `SMTP_USER`, `DB_HOST`, `mqtt-port`,
 * `AWS_ACCESS_KEY_ID`. A bootstrap Secret often keeps its username in clear beside a password
 * reference (`op://…`); that is not a plaintext secret. Judged on the key's last word.
 */
const IDENTIFIER_WORD = new RegExp(
  `^(${['user', 'username', 'login', 'email', 'mail', 'host', 'hostname', 'port', 'server', 'database', 'db', 'dbname'].join('|')}` +
    `|${['region', 'namespace', 'zone', 'id', 'account', 'tenant', 'project', 'bucket'].join('|')})$`,
  'i',
);

/** A URL carrying `user:password@` is a credential whatever its key says. */
const URL_WITH_PASSWORD = /:\/\/[^\s/@:]+:[^\s/@]+@/;

/**
 * True when a Secret's key holds a literal credential: a literal value (see isLiteralSecretValue)
 * under a key that is not an identifier, or an identifier's value that embeds a password.
 */
export function holdsLiteralSecret(key: string, value: unknown, base64: boolean): boolean {
  if (!isLiteralSecretValue(value, base64)) return false;
  const lastWord = key.split(/[-_.]/).filter(Boolean).pop() ?? key;
  if (!IDENTIFIER_WORD.test(lastWord)) return true;
  const text = typeof value === 'string' ? (base64 ? decodeBase64(value.trim()) ?? value : value) : '';
  return URL_WITH_PASSWORD.test(text);
}

function decodeBase64(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 !== 0) return undefined;
  return Buffer.from(compact, 'base64').toString('utf8');
}
