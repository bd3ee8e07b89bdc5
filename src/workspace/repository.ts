import { join } from 'node:path';
import type { ScanWarning } from '../core/types.js';
import type { Limits } from '../core/limits.js';
import type { DetectorSettings } from '../core/detector-settings.js';
import type { RepoFile } from '../sources/repository/list-files.js';
import { readExpectedText } from '../sources/repository/read-file.js';
import { parseYaml, type YamlDocument } from '../parse/yaml.js';
import { parseJson } from '../parse/json.js';
import { parseHcl, type HclFile } from '../parse/hcl.js';
import { terraformJsonBlocks } from '../parse/hcl/json-syntax.js';
import { parseDockerfile, type DockerfileInfo } from '../parse/dockerfile.js';
import type { Prefetch } from './prefetch.js';
import { memoKey, type MemoKey } from './memo-key.js';

const FILES_PER_PROGRESS = 250;
const FILES_MATCHING = memoKey<RepoFile[]>('filesMatching');

/**
 * One repository as detectors see it: the list of files and lazily parsed contents. Every file is
 * read and parsed at most once per scan however many detectors ask (parse once, share), and every
 * problem becomes a warning naming the file instead of an exception.
 */
export class Repository {
  readonly files: readonly RepoFile[];
  readonly warnings: ScanWarning[] = [];
  private readonly byPath = new Map<string, RepoFile>();
  private readonly texts = new Map<string, string | undefined>();
  private readonly yamls = new Map<string, YamlDocument[]>();
  private readonly jsons = new Map<string, unknown>();
  private readonly hcls = new Map<string, HclFile | undefined>();
  private readonly dockerfiles = new Map<string, DockerfileInfo | undefined>();
  private readonly memos = new Map<object, unknown>();
  private readonly partMemos = new Map<object, Map<string, unknown>>();
  private bytesRead = 0;
  private filesRead = 0;

  constructor(
    /** Absolute path of the repository root. */
    readonly root: string,
    /** The path as the user gave it; used in reports. */
    readonly name: string,
    files: readonly RepoFile[],
    readonly limits: Limits,
    /** Progress: called every FILES_PER_PROGRESS files read, with the count so far. */
    private readonly onFilesRead?: (count: number) => void,
    /** Files already read and parsed while git listed them (prefetch.ts). */
    private readonly prefetched?: Prefetch,
    /** What the configuration tells detectors (an own end-of-life table). */
    readonly settings: DetectorSettings = {},
  ) {
    this.files = files;
    for (const file of files) this.byPath.set(file.path, file);
  }

  has(path: string): boolean {
    return this.byPath.has(path);
  }

  /** Files whose path matches; `pattern` is tested against the whole relative path. */
  filesMatching(pattern: RegExp): RepoFile[] {
    return this.memo(FILES_MATCHING, () => this.files.filter((f) => pattern.test(f.path)), `${pattern.source}:${pattern.flags}`);
  }

  warn(file: string, message: string): void {
    if (this.warnings.some((w) => w.file === file && w.message === message)) return;
    this.warnings.push({ file, message });
  }

  /**
   * The file's text with \n line ends, or undefined (with a warning) when it cannot be read as
   * text. Only files of the listing are ever read: a path a detector builds from a file's content
   * (`../../x`, an ignored `.env`) is not in it, so nothing outside the scanned tree or hidden from
   * git can be reached that way; such a path reads as a missing file.
   */
  text(path: string): string | undefined {
    if (this.texts.has(path)) return this.texts.get(path);
    const file = this.byPath.get(path);
    if (file === undefined) return undefined;
    let text: string | undefined;
    if (this.bytesRead > this.limits.maxTotalBytes) {
      this.warn(path, `total read limit reached (${this.limits.maxTotalBytes} bytes): skipped`);
    } else {
      const { target, size } = file;
      const prefetched = target === undefined ? this.prefetched?.text(path) : undefined;
      const result = prefetched !== undefined ? { text: prefetched } : readExpectedText(join(this.root, target ?? path), size, this.limits.maxFileBytes);
      if (result.warning) this.warn(path, result.warning);
      text = result.text;
      this.bytesRead += text?.length ?? 0;
      if (++this.filesRead % FILES_PER_PROGRESS === 0) this.onFilesRead?.(this.filesRead);
    }
    this.texts.set(path, text);
    return text;
  }

  /** All YAML documents of the file (Helm templates included), each with line positions. */
  yaml(path: string): YamlDocument[] {
    const cached = this.yamls.get(path);
    if (cached) return cached;
    const text = this.text(path);
    let documents: YamlDocument[] = [];
    if (text !== undefined) {
      const result = this.prefetched?.takeYaml(path, text) ?? parseYaml(text, { maxDocuments: this.limits.maxDocumentsPerFile, maxNodes: this.limits.maxNodesPerDocument });
      documents = result.documents;
      for (const error of result.errors) this.warn(path, `YAML: ${error}`);
    }
    this.yamls.set(path, documents);
    return documents;
  }

  /** Parsed JSON, or undefined (with a warning) when the file is not valid JSON. */
  json(path: string): unknown {
    if (this.jsons.has(path)) return this.jsons.get(path);
    const text = this.text(path);
    let value: unknown;
    if (text !== undefined) {
      const result = parseJson(text, this.limits.maxNodesPerDocument);
      if ('error' in result) this.warn(path, `JSON: ${result.error}`);
      else value = result.value;
    }
    this.jsons.set(path, value);
    return value;
  }

  /** Parsed HCL (Terraform, Packer), or Terraform's JSON syntax (`*.tf.json`, `*.tofu.json`) read into the same blocks. */
  hcl(path: string): HclFile | undefined {
    if (this.hcls.has(path)) return this.hcls.get(path);
    const text = this.text(path);
    let file: HclFile | undefined;
    if (text !== undefined) {
      try {
        // A JSON file's syntax errors are warned about by json().
        const json = path.endsWith('.json');
        file = json ? terraformJsonBlocks(this.json(path), text) : parseHcl(text);
        if (file.hasErrors && !json) this.warn(path, 'HCL: syntax errors; read the blocks that could be recovered');
      } catch (error) {
        this.warn(path, `HCL: ${(error as Error).message}`);
      }
    }
    this.hcls.set(path, file);
    return file;
  }

  dockerfile(path: string): DockerfileInfo | undefined {
    if (this.dockerfiles.has(path)) return this.dockerfiles.get(path);
    const text = this.text(path);
    let info: DockerfileInfo | undefined;
    if (text !== undefined) {
      try {
        info = parseDockerfile(text);
      } catch (error) {
        this.warn(path, `Dockerfile: ${(error as Error).message}`);
      }
    }
    this.dockerfiles.set(path, info);
    return info;
  }

  /** 1-based line of the first occurrence of `needle` in the file, or 1 when absent. */
  lineOfText(path: string, needle: string | RegExp, from = 0): number {
    const text = this.text(path);
    if (text === undefined) return 1;
    let index: number;
    if (typeof needle === 'string') index = text.indexOf(needle, from);
    else {
      const flags = needle.flags.includes('g') ? needle.flags : needle.flags + 'g';
      const re = new RegExp(needle.source, flags);
      re.lastIndex = from;
      index = re.exec(text)?.index ?? -1;
    }
    return index < 0 ? 1 : lineAtOffset(text, index);
  }

  /**
   * A value derived from the repository, computed once per scan (facts such as "all Kubernetes
   * objects" or "all CI steps" that several detectors share). `part` names one of a family of
   * values under the same key (the lines of one file, the files one pattern matches).
   */
  memo<T>(key: MemoKey<T>, compute: () => T, part?: string): T {
    let slots: Map<unknown, unknown> = this.memos;
    let slot: unknown = key;
    if (part !== undefined) {
      let parts = this.partMemos.get(key);
      if (parts === undefined) this.partMemos.set(key, (parts = new Map()));
      slots = parts;
      slot = part;
    }
    if (slots.has(slot)) return slots.get(slot) as T;
    const value = compute();
    slots.set(slot, value);
    return value;
  }
}

/** 1-based line of a character offset. */
export function lineAtOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
