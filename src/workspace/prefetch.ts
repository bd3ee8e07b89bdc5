import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import type { Limits } from '../core/limits.js';
import { parseYaml, type YamlParseResult } from '../parse/yaml.js';
import { gitFolders } from '../sources/git/read-head.js';
import { readIndexFiles, type IndexFile } from '../sources/git/read-index.js';
import { isPlainRelativePath, isVendoredPath } from '../sources/repository/tree-paths.js';
import { readExpectedText } from '../sources/repository/read-file.js';

/** Files read and parsed between two looks at whether git has finished. */
const SLICE = 16;
/** YAML files, by name (`/\.ya?ml$/i`): the ones parsed ahead. */
const YAML_SUFFIXES = ['.yaml', '.yml'];

/**
 * YAML files read and parsed while `git ls-files` runs, instead of waiting for it: the paths come
 * from git's index file (read-index.ts), a hint of what git will list. Nothing here is used until
 * git has listed the file: Repository takes a prefetched text only for a listed plain file, and
 * the parse only with that text, so a scan gives exactly what it gives without prefetching (the
 * warnings of a file are reported when the scan reaches it, as before).
 */
export class Prefetch {
  private readonly files = new Map<string, { text: string; yaml: YamlParseResult }>();
  private bytes = 0;
  /** Folders checked to be real folders inside the tree (not symlinks), so no read leaves it. */
  private readonly realFolders = new Set<string>(['']);

  constructor(
    private readonly root: string,
    private readonly limits: Limits,
  ) {}

  /** Reads and parses YAML files of the index, a slice at a time, until `stop()` says git is done. */
  async run(stop: () => boolean): Promise<void> {
    const folders = gitFolders(this.root);
    const files = folders ? readIndexFiles(folders.gitDir, folders.commonDir, YAML_SUFFIXES) : undefined;
    if (files === undefined) return;
    let next = 0;
    // Within the scan's own limits: what is read ahead is held until the scan takes it.
    const withinLimits = (): boolean => this.bytes <= this.limits.maxTotalBytes && this.files.size < this.limits.maxFiles;
    while (next < files.length && !stop() && withinLimits()) {
      // A slice: SLICE files read, or SLICE * 64 paths looked at (YAML files mostly vendored, say).
      for (let n = 0, seen = 0; n < SLICE && seen < SLICE * 64 && next < files.length && withinLimits(); next++, seen++) {
        const file = files[next]!;
        const path = file.path;
        if (isVendoredPath(path) || !isPlainRelativePath(path) || !this.insideTree(path)) continue;
        this.prefetch(file);
        n++;
      }
      // Let git's exit be noticed: the loop ends as soon as the listing can go on.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** The text read for `path`, if it was. */
  text(path: string): string | undefined {
    return this.files.get(path)?.text;
  }

  /** The parse of `path`, once, and only if it was of this very text. */
  takeYaml(path: string, text: string): YamlParseResult | undefined {
    const file = this.files.get(path);
    this.files.delete(path);
    return file?.text === text ? file.yaml : undefined;
  }

  private prefetch({ path, size }: IndexFile): void {
    // The index's size is a hint: a file changed since is read by readTextFile all the same.
    const result = readExpectedText(join(this.root, path), size, this.limits.maxFileBytes);
    // Anything but a clean read is read again when the scan reaches it, with its own warning.
    if (result.text === undefined || result.warning !== undefined) return;
    this.bytes += result.text.length;
    this.files.set(path, { text: result.text, yaml: parseYaml(result.text, { maxDocuments: this.limits.maxDocumentsPerFile, maxNodes: this.limits.maxNodesPerDocument }) });
  }

  /**
   * Every folder on the way is a real folder: a tracked path under a folder since replaced by a
   * symlink would lead out of the tree (the file itself is opened without following links).
   */
  private insideTree(path: string): boolean {
    let end = path.lastIndexOf('/');
    const pending: string[] = [];
    while (end > 0 && !this.realFolders.has(path.slice(0, end))) {
      pending.push(path.slice(0, end));
      end = path.lastIndexOf('/', end - 1);
    }
    for (let i = pending.length - 1; i >= 0; i--) {
      try {
        if (!lstatSync(join(this.root, pending[i]!)).isDirectory()) return false;
      } catch {
        return false;
      }
      this.realFolders.add(pending[i]!);
    }
    return true;
  }
}
