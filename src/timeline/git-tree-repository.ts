import type { Limits } from '../core/limits.js';
import { decode, type ReadResult } from '../sources/repository/read-file.js';
import { readBlobs, type TreeFile } from '../sources/git/tree-at.js';
import type { YamlDocument } from '../parse/yaml.js';
import { Repository } from '../workspace/repository.js';

/**
 * The contents of one repository's blobs, kept across the points of a timeline: a file that did
 * not change between two points has the same blob id, so it is read from git and parsed once
 * however many points include it. That is what makes ten points of a quiet repository cost little
 * more than one.
 */
export class BlobStore {
  private readonly bytes = new Map<string, Buffer>();
  private readonly texts = new Map<string, ReadResult>();
  private readonly yamls = new Map<string, YamlDocument[]>();
  /** Blobs known but not read yet, grouped by the kind of file (extension, or name without one). */
  private readonly unread = new Map<string, Set<string>>();
  private readonly known = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly limits: Limits,
  ) {}

  /**
   * Makes the blobs of a tree known, without reading them. They are read on first use, a whole
   * group at a time: detectors read files by kind (every YAML file, every Dockerfile), so the first
   * YAML file asked for brings every YAML blob in one git process, and kinds no detector reads (Go
   * sources, images) are never read at all.
   */
  register(files: readonly TreeFile[]): void {
    for (const file of files) {
      if (file.size > this.limits.maxFileBytes || this.known.has(file.blob)) continue;
      this.known.add(file.blob);
      const group = groupOf(file.path);
      let blobs = this.unread.get(group);
      if (blobs === undefined) this.unread.set(group, (blobs = new Set()));
      blobs.add(file.blob);
    }
  }

  private readGroup(path: string): void {
    const group = groupOf(path);
    const blobs = this.unread.get(group);
    if (blobs === undefined) return;
    this.unread.delete(group);
    for (const [blob, content] of readBlobs(this.root, [...blobs], this.limits.maxFileBytes)) this.bytes.set(blob, content);
  }

  /** The blob's text, decoded once (the same rules as a file of a work tree). */
  text(blob: string, path: string): ReadResult | undefined {
    let result = this.texts.get(blob);
    if (result !== undefined) return result;
    if (!this.bytes.has(blob)) this.readGroup(path);
    const content = this.bytes.get(blob);
    if (content === undefined) return undefined;
    result = decode(content);
    this.texts.set(blob, result);
    this.bytes.delete(blob); // the text is what is kept from now on
    return result;
  }

  parsedYaml(blob: string): YamlDocument[] | undefined {
    return this.yamls.get(blob);
  }

  keepYaml(blob: string, documents: YamlDocument[]): void {
    this.yamls.set(blob, documents);
  }
}

/** Files are read from git by group: the extension, or the whole name for files without one (Dockerfile, Makefile). */
function groupOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : name;
}

/**
 * A repository at a past commit, as detectors see it: the same class they always read, whose
 * files come from git's objects instead of the work tree. Parsed YAML is shared through the
 * BlobStore, so an unchanged file is parsed once for the whole timeline.
 */
export class GitTreeRepository extends Repository {
  private readonly blobOf = new Map<string, TreeFile>();

  constructor(root: string, name: string, files: readonly TreeFile[], limits: Limits, private readonly store: BlobStore) {
    super(root, name, files, limits);
    for (const file of files) this.blobOf.set(file.path, file);
  }

  override text(path: string): string | undefined {
    const file = this.blobOf.get(path);
    if (file === undefined) return undefined;
    if (file.size > this.limits.maxFileBytes) {
      this.warn(path, `larger than ${this.limits.maxFileBytes} bytes: skipped`);
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
    const file = this.blobOf.get(path);
    const kept = file ? this.store.parsedYaml(file.blob) : undefined;
    if (kept !== undefined) return kept;
    const documents = super.yaml(path);
    if (file) this.store.keepYaml(file.blob, documents);
    return documents;
  }
}
