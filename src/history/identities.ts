/**
 * Who is a person in git history. Pure functions over identities as `git log` printed them after
 * .mailmap (git applies .mailmap itself: `%aN`/`%aE`).
 *
 * 1. One person is one email after .mailmap (the name when there is no email), lower-cased.
 * 2. Emails whose commits carry the same name are one person, as `git shortlog` groups authors:
 *    names compared without case, accents or repeated spaces. Placeholder names (`root`,
 *    `ubuntu`, `unknown`…) join nobody: they name a machine's default, not a person.
 * 3. Bots and CI identities are never people (see isBot).
 */

/** The identity of a commit's author, after .mailmap. */
export interface AuthorIdentity {
  name: string;
  email: string;
}

/** What grouping needs of a commit: its person key, name, and the email as committed when .mailmap changed it. */
export interface IdentityRecord {
  who: string;
  n?: string;
  was?: string;
}

/** One person: the identities merged into them and how. */
export interface Person {
  /** The identity shown: the email with most commits (ties: alphabetical). */
  id: string;
  /** Every email (after .mailmap) merged into this person, most commits first. */
  identities: string[];
  /** The name that joined several emails, when it did. */
  mergedByName?: string;
  /** Emails as committed that .mailmap mapped onto one of `identities`: [as committed, mapped to]. */
  mailmapped: [string, string][];
}

/** The key of a person before merging by name: the email after .mailmap, else the name. */
export function identityKey(identity: AuthorIdentity): string {
  return (identity.email.trim() || identity.name.trim()).toLowerCase();
}

const PLACEHOLDER_NAMES = new Set([
  'root', 'admin', 'administrator', 'user', 'ubuntu', 'debian', 'ec2-user', 'centos', 'vagrant', 'pi', 'git',
  'unknown', 'nobody', 'anonymous', 'your name', 'you', 'me', 'dev', 'developer', 'test', 'default', 'local', 'localhost',
]);

/** A name as compared for merging; undefined for names that must join nobody. */
export function normalisedName(name: string): string | undefined {
  const plain = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
  if (!/\p{L}/u.test(plain) || plain.length < 2 || PLACEHOLDER_NAMES.has(plain)) return undefined;
  return plain;
}

/** Merges identities into people: by the person key, then by name. Bots must be left out before. */
export function groupPeople(records: readonly IdentityRecord[]): Map<string, Person> {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(key, root);
    return root;
  };
  const commits = new Map<string, number>();
  const nameCounts = new Map<string, Map<string, number>>();
  const firstByName = new Map<string, string>();
  const mailmapped = new Map<string, Set<string>>();
  const names = new Map<string, { shown: string; key: string | undefined }>();
  for (const record of records) {
    if (!parent.has(record.who)) parent.set(record.who, record.who);
    commits.set(record.who, (commits.get(record.who) ?? 0) + 1);
    if (record.was !== undefined) setOf(mailmapped, record.who).add(record.was);
    // Names repeat on every commit of a person: normalise each once.
    let named = names.get(record.n ?? '');
    if (named === undefined) {
      const shown = (record.n ?? '').replace(/\s+/g, ' ').trim();
      named = { shown, key: normalisedName(shown) };
      names.set(record.n ?? '', named);
    }
    const { shown, key } = named;
    if (key === undefined) continue;
    const counts = nameCounts.get(record.who) ?? new Map<string, number>();
    counts.set(shown, (counts.get(shown) ?? 0) + 1);
    nameCounts.set(record.who, counts);
    const first = firstByName.get(key);
    if (first === undefined) firstByName.set(key, record.who);
    else if (find(first) !== find(record.who)) parent.set(find(record.who), find(first));
  }
  const members = new Map<string, string[]>();
  for (const key of parent.keys()) {
    const root = find(key);
    members.set(root, [...(members.get(root) ?? []), key]);
  }
  const people = new Map<string, Person>();
  for (const keys of members.values()) {
    const person = personOf(keys, commits, nameCounts, mailmapped);
    for (const key of keys) people.set(key, person);
  }
  return people;
}

function personOf(keys: string[], commits: Map<string, number>, nameCounts: Map<string, Map<string, number>>, mailmapped: Map<string, Set<string>>): Person {
  const identities = [...keys].sort((a, b) => (commits.get(b) ?? 0) - (commits.get(a) ?? 0) || (a < b ? -1 : 1));
  const person: Person = { id: identities[0]!, identities, mailmapped: [] };
  if (identities.length > 1) {
    const names = new Map<string, number>();
    for (const key of identities) for (const [name, count] of nameCounts.get(key) ?? []) names.set(name, (names.get(name) ?? 0) + count);
    person.mergedByName = [...names].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  }
  for (const key of identities) for (const was of [...(mailmapped.get(key) ?? [])].sort()) person.mailmapped.push([was, key]);
  return person;
}

function setOf(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (set === undefined) map.set(key, (set = new Set()));
  return set;
}

/** How a person's identities were merged, for evidence: "a@x, a@y merged by name (A)"; "b@z merged into a@x by .mailmap". */
export function mergeNotes(person: Person): string[] {
  const notes: string[] = [];
  if (person.identities.length > 1) notes.push(`${person.identities.join(', ')} merged by name (${person.mergedByName ?? person.id})`);
  for (const [was, into] of person.mailmapped) notes.push(`${was} merged into ${into} by .mailmap`);
  return notes;
}

/* ---------- Bots ---------- */

/** Names of bots and CI systems, whole or by their `bot`/`robot` ending ("renovate-bot", "k8s-ci-robot", "Renovate Bot"). */
const BOT_NAME =
  /\[bot\]|(^|[\s_.-])(bot|robot)$|^project_\d+_bot(_\w+)?$|^group_\d+_bot(_\w+)?$|^(dependabot|dependabot-preview|renovate|renovatebot|github-actions|gitlab-bot|snyk-bot|mergify|pre-commit-ci|greenkeeper|fluxcdbot|imgbot|imgbotapp|argocd-image-updater|semantic-release-bot|allcontributors|codecov|kodiakhq|github merge queue)$/i;
/** CI systems that commit under a plain name. */
const CI_NAME =
  /^(gitlab ci|gitlab-ci|gitlab runner|github actions?|github action bot|jenkins|jenkins ci|azure pipelines|azure devops|bitbucket pipelines|travis ci|travis-ci|circleci|drone|buildkite|teamcity|ci|ci user|build service|project collection build service.*|[^()]*build service \([^()]*\)|buildbot|automation)$/i;
/** Local parts that nobody reads: `noreply@github.com` (GitHub's own commits), `no-reply@…`. */
const NO_REPLY = /^(noreply|no-reply|no_reply|donotreply|do-not-reply)$/i;
/** Local parts of CI accounts. */
const CI_LOCAL = /^(github-actions|actions|action|gitlab-ci|gitlab|jenkins|ci|ci-bot|cibot|buildbot|azuredevops|azure-pipelines|bitbucket-pipelines|build|builder)$/i;
/** Known bot addresses that carry no `[bot]`. */
const BOT_EMAIL = /^(bot@renovateapp\.com|renovate@whitesourcesoftware\.com|support@dependabot\.com|noreply@dependabot\.com)$/i;
/** Logins of GitHub noreply addresses that are bots ("41898282+github-actions[bot]", "k8s-ci-robot", "fluxcdbot"). */
const BOT_LOGIN = /\[bot\]$|[-_](bot|robot)$|^(fluxcdbot|imgbot|imgbotapp|renovate-bot|dependabot|codecov-io|semantic-release-bot)$/i;

/**
 * Dependency bots and CI jobs change Dockerfiles and charts too; they are not people owning
 * anything. A person's own GitHub noreply address (`12345+alice@users.noreply.github.com`) is a
 * person; `noreply@github.com` (GitHub's web-flow identity) is not. Only the author is judged: the
 * committer of a change made with GitHub's merge button is GitHub, its author a person.
 */
export function isBot(identity: AuthorIdentity): boolean {
  // Bot names and addresses are short; a forged megabyte of name must not feed the patterns.
  const name = identity.name.trim().slice(0, 256);
  const email = identity.email.trim().slice(0, 320);
  if (BOT_NAME.test(name) || CI_NAME.test(name)) return true;
  const at = email.lastIndexOf('@');
  if (at <= 0) return false;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1).toLowerCase();
  if (local.includes('[bot]') || BOT_EMAIL.test(email) || NO_REPLY.test(local) || CI_LOCAL.test(local)) return true;
  if (/^(project|group)_\d+_bot/i.test(local)) return true; // GitLab project and group access tokens
  if (domain === 'users.noreply.github.com') return BOT_LOGIN.test(local.replace(/^\d+\+/, ''));
  return false;
}
