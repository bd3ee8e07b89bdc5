/**
 * What one `git log` prints, parsed. The format is ours (LOG_FORMAT); the content is the scanned
 * repository's, so nothing here trusts it: a field that does not parse drops its commit.
 */

/** A commit as `git log` printed it. The subject and the file names never leave src/history. */
export interface Commit {
  hash: string;
  parents: string[];
  /** Author name and email after .mailmap. */
  name: string;
  email: string;
  /** The author email as committed, before .mailmap. */
  rawEmail: string;
  time: number;
  subject: string;
  files: string[];
}

/** Hash, parents, author after .mailmap (name, email), author email as committed, commit time, subject. */
export const LOG_FORMAT = '--format=%x1e%H%x1f%P%x1f%aN%x1f%aE%x1f%ae%x1f%ct%x1f%s';
const FIELDS = 7;

// eslint-disable-next-line no-control-regex -- \x1f is our own field separator
const HEADER = /^[0-9a-f]{40}(?:[0-9a-f]{24})?\x1f/;

/**
 * Records start with \x1e and a header of \x1f-separated fields ending in NUL, then NUL-terminated
 * file names. A subject or a file name could itself contain \x1e: a chunk that does not start with
 * a commit hash is glued back onto the previous one.
 */
export function parseLog(out: string, sinceSeconds: number): Commit[] {
  const chunks: string[] = [];
  for (const chunk of out.split('\x1e')) {
    if (chunk === '') continue;
    if (HEADER.test(chunk) || chunks.length === 0) chunks.push(chunk);
    else chunks[chunks.length - 1] += `\x1e${chunk}`;
  }
  const commits: Commit[] = [];
  for (const chunk of chunks) {
    const commit = parseChunk(chunk);
    if (commit !== undefined && commit.time >= sinceSeconds) commits.push(commit);
  }
  return commits;
}

function parseChunk(chunk: string): Commit | undefined {
  const parts = chunk.split('\0');
  const fields = parts[0]!.split('\x1f');
  if (fields.length < FIELDS) return undefined;
  const time = Number(fields[5]);
  if (!Number.isFinite(time)) return undefined;
  const files: string[] = [];
  for (let i = 1; i < parts.length; i++) {
    const name = parts[i]!.replace(/^\n/, '');
    if (name !== '') files.push(name);
  }
  return {
    hash: fields[0]!,
    parents: fields[1] === '' ? [] : fields[1]!.split(' '),
    name: fields[2]!,
    email: fields[3]!,
    rawEmail: fields[4]!,
    time,
    subject: fields.slice(FIELDS - 1).join('\x1f'),
    files,
  };
}
