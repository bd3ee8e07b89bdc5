import type { Limits } from '../core/limits.js';
import type { DetectorSettings } from '../core/detector-settings.js';
import { decode, type ReadResult } from '../sources/repository/read-file.js';
import { readBlobs, type TreeFile } from '../sources/git/tree-at.js';
import type { YamlDocument } from '../parse/yaml.js';
import type { HclFile } from '../parse/hcl.js';
import type { DockerfileInfo } from '../parse/dockerfile.js';
import { Repository } from '../workspace/repository.js';
import { BlobContents, type BlobEntry } from './blob-contents.js';

/**
 * One repository's way to its blobs during a timeline: which blobs of its trees are still to be
 * read from its git objects, and the shared BlobContents where what was read and parsed is kept
 * by blob id. A file that did not change between two points, or that another repository of the
 * organization has too, has the same blob id: it is read and parsed once however many points and
 * repositories include it. That is what makes ten points of a quiet repository cost little more
 * than one.
 */
export class BlobStore {
  /** Blobs known but not read yet, grouped by the kind of file (extension, or name without one). */
  private readonly unread = new Map<string, Set<string>>();
  private readonly known = new Set<string>();
  /** Kinds of file read so far: detectors will read the new blobs of these at the points to come. */
  private readonly groupsRead = new Set<string>();
  /** Blobs read from git, and parses made (for tests and stats: what reuse saved shows here). */
  blobsRead = 0;
  blobsParsed = 0;

  constructor(
    private readonly root: string,
    private readonly limits: Limits,
    readonly contents: BlobContents = new BlobContents(),
  ) {}

  /**
   * Makes the blobs of a tree known, without reading them. They are read on first use, a whole
   * group at a time: detectors read files by kind (every YAML file, every Dockerfile), so the first
   * YAML file asked for brings every YAML blob in one git process, and kinds no detector reads (Go
   * sources, images) are never read at all. Blobs already in the shared contents are not read again.
   */
  register(files: readonly TreeFile[]): void {
    for (const file of files) {
      if (file.size > this.limits.maxFileBytes || this.known.has(file.blob) || this.contents.has(file.blob)) continue;
      this.known.add(file.blob);
      const group = groupOf(file.path);
      let blobs = this.unread.get(group);
      if (blobs === undefined) this.unread.set(group, (blobs = new Set()));
      blobs.add(file.blob);
    }
  }

  private readGroup(path: string, blob: string): void {
    const group = groupOf(path);
    this.groupsRead.add(group);
    const blobs = this.unread.get(group) ?? new Set<string>();
    this.unread.delete(group);
    // The blob itself too: it may have been in the shared contents when registered, and left them since.
    blobs.add(blob);
    const missing = [...blobs].filter((b) => !this.contents.has(b));
    for (const [id, content] of readBlobs(this.root, missing, this.limits.maxFileBytes)) {
      this.contents.add(id, decode(content));
      this.blobsRead++;
    }
  }

  /**
   * The new blobs of the points to come, read now in one git process, for the kinds of file
   * detectors have read so far (the others stay registered, read on first use): one `cat-file`
   * per repository rather than one per kind and point. Skipped past `maxBlobs` blobs or
   * `maxBytes` in all, to bound what is held ahead of use.
   */
  readAhead(files: readonly TreeFile[], maxBlobs = 20_000, maxBytes = 64 * 1024 * 1024): void {
    const wanted = files.filter((f) => f.size <= this.limits.maxFileBytes && this.groupsRead.has(groupOf(f.path)) && !this.contents.has(f.blob));
    if (wanted.length === 0 || wanted.length > maxBlobs || wanted.reduce((sum, f) => sum + f.size, 0) > maxBytes) return;
    for (const [id, content] of readBlobs(this.root, wanted.map((f) => f.blob), this.limits.maxFileBytes)) {
      this.contents.add(id, decode(content));
      this.blobsRead++;
    }
  }

  /** What is known of the blob (its text decoded once, with the same rules as a file of a work tree), or undefined when git has no such blob. */
  entry(blob: string, path: string): BlobEntry | undefined {
    const entry = this.contents.get(blob);
    if (entry !== undefined) return entry;
    this.readGroup(path, blob);
    return this.contents.get(blob);
  }

  text(blob: string, path: string): ReadResult | undefined {
    return this.entry(blob, path)?.text;
  }
}

/** Files are read from git by group: the extension, or the whole name for files without one (Dockerfile, Makefile). */
function groupOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : name;
}

/** The warnings each parser gives start so (workspace/repository.ts): they are kept with the parse and given again where it is reused. */
const PARSE_WARNING = { yaml: 'YAML: ', json: 'JSON: ', hcl: 'HCL: ', dockerfile: 'Dockerfile: ' } as const;

/**
 * A repository at a past commit, as detectors see it: the same class they always read, whose
 * files come from git's objects instead of the work tree. Parse results are shared through the
 * BlobStore's contents, so an unchanged file is parsed once for the whole timeline.
 */
export class GitTreeRepository extends Repository {
  protected readonly blobOf = new Map<string, TreeFile>();
  /** What this point already answered, by path (and kind of parse): detectors ask for the same file many times. */
  private readonly textOf = new Map<string, string | undefined>();
  private readonly answered = new Map<string, unknown>();

  /** `commit`: the commit the tree was first read at, named in warnings (the file of a past tree may be gone today). */
  constructor(
    root: string,
    name: string,
    files: readonly TreeFile[],
    limits: Limits,
    private readonly store: BlobStore,
    protected readonly commit = '',
    settings: DetectorSettings = {},
  ) {
    super(root, name, files, limits, undefined, undefined, settings);
    for (const file of files) this.blobOf.set(file.path, file);
  }

  override text(path: string): string | undefined {
    if (this.textOf.has(path)) return this.textOf.get(path);
    const text = this.readText(path);
    this.textOf.set(path, text);
    return text;
  }

  private readText(path: string): string | undefined {
    const file = this.blobOf.get(path);
    if (file === undefined) return undefined;
    if (file.size > this.limits.maxFileBytes) {
      this.warn(path, `${file.size} bytes at commit ${this.commit.slice(0, 12)}, larger than ${this.limits.maxFileBytes}: not read`);
      return undefined;
    }
    const result = this.store.text(file.blob, path);
    if (result === undefined) {
      this.warn(path, 'not found in git objects: skipped');
      return undefined;
    }
    if (result.warning) this.warn(path, result.warning);
    return result.text;
  }

  override yaml(path: string): YamlDocument[] {
    return this.parsedOnce('yaml', path, () => super.yaml(path));
  }

  override json(path: string): unknown {
    return this.parsedOnce('json', path, () => super.json(path));
  }

  override hcl(path: string): HclFile | undefined {
    return this.parsedOnce('hcl', path, () => super.hcl(path));
  }

  override dockerfile(path: string): DockerfileInfo | undefined {
    return this.parsedOnce('dockerfile', path, () => super.dockerfile(path));
  }

  /**
   * The parse of the file's blob, made once for every repository and point that has it. Its
   * warnings (a YAML error…) are kept with it and given again here, so each point that has the
   * file says so, as a scan of that commit would.
   */
  private parsedOnce<T>(kind: keyof typeof PARSE_WARNING, path: string, parse: () => T): T {
    const key = `${kind}\0${path}`;
    if (this.answered.has(key)) return this.answered.get(key) as T;
    const value = this.parsedFromStore(kind, path, parse);
    this.answered.set(key, value);
    return value;
  }

  private parsedFromStore<T>(kind: keyof typeof PARSE_WARNING, path: string, parse: () => T): T {
    const file = this.blobOf.get(path);
    const entry = file !== undefined && file.size <= this.limits.maxFileBytes ? this.store.entry(file.blob, path) : undefined;
    if (entry === undefined) return parse(); // not in this tree, too large, or missing: the base class says so
    const kept = entry.parsed.get(kind);
    if (kept !== undefined) {
      this.text(path); // its own warnings (not UTF-8…), as the parse would have read it
      for (const message of kept.warnings) this.warn(path, message);
      return kept.value as T;
    }
    const before = this.warnings.length;
    this.store.blobsParsed++;
    const value = parse();
    const warnings = this.warnings.slice(before).filter((w) => w.file === path && w.message.startsWith(PARSE_WARNING[kind])).map((w) => w.message);
    entry.parsed.set(kind, { value, warnings });
    return value;
  }
}
