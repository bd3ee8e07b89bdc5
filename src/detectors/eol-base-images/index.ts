import type { FileEvidence } from '../../core/types.js';
import { parseImage } from '../../facts/images/images.js';
import { DOCKERFILE, isDocumentation, isTestImagePath } from '../../facts/files/paths.js';
import type { Repository } from '../../workspace/repository.js';
import { defineDetector } from '../detector.js';
import { definition } from './definition.js';
import { loadEolTable, type EolCycle, type EolTable } from './table.js';

export { loadEolTable, type EolTable } from './table.js';

/** Registries that serve Docker Hub's official images under their own names. */
const HUB_MIRRORS = new Set(['', 'docker.io', 'index.docker.io', 'registry-1.docker.io', 'public.ecr.aws', 'mirror.gcr.io']);

export const detector = defineDetector(definition, (repo) => findEolBases(repo, loadEolTable(repo.settings.eolTable)));

/**
 * Every Dockerfile stage whose base image is end of life by `table` on `today` (ISO date). The
 * table's asOf caps the date: a table may list announced future dates, and a scan run before
 * the table's date must not flag a cycle that is still supported.
 */
export function findEolBases(repo: Repository, table: EolTable, today = new Date().toISOString().slice(0, 10)): FileEvidence[] {
  const on = table.asOf !== '' && table.asOf < today ? table.asOf : today;
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(DOCKERFILE)) {
    // DOCKERFILE also matches "Dockerfile.md" (docs about the image), which is never a build.
    // A test fixture's Dockerfile (tests/Dockerfile starting a database) is not an image the team ships.
    if (isDocumentation(file.path) || isTestImagePath(file.path)) continue;
    const dockerfile = repo.dockerfile(file.path);
    for (const stage of dockerfile?.stages ?? []) {
      // Earlier stages, scratch and bases left to an ARG without a default are not images we can judge.
      if (stage.internal || stage.image === '') continue;
      const verdict = judge(stage.image, table, on);
      if (!verdict) continue;
      const why = verdict.cycle.note ? ` (${verdict.cycle.note})` : '';
      evidence.push({
        file: file.path,
        line: stage.line,
        detail: `FROM ${stage.image} — ${verdict.name} ${verdict.cycle.cycle} reached end of life on ${verdict.cycle.eol}${why} (table of ${table.asOf})`,
      });
    }
  }
  return evidence;
}

export function judge(image: string, table: EolTable, on: string): { name: string; cycle: EolCycle } | undefined {
  const { registry, path, tag } = parseImage(image);
  if (tag === '') return undefined;
  const name = imageName(registry.toLowerCase(), path, table);
  const cycles = table.images[name];
  if (!cycles) return undefined;
  const cycle = cycleOfTag(tag.toLowerCase(), cycles, table.aliases[name] ?? {});
  if (!cycle || cycle.eol > on) return undefined;
  return { name, cycle };
}

/**
 * Toolchain images republished under another name with the upstream version as their tag
 * (quay.io/projectquay/golang:1.20, an organization's mirror harbor.acme.io/base/golang:1.21): the
 * tag is Go's version, so Go's end of life is the image's. Only names nobody gives their own
 * service: `ghcr.io/acme/node:14` may be acme's "node" service at version 14.
 */
const TOOLCHAIN_MIRRORED = new Set(['golang']);

/**
 * "library/node", "docker/library/node" (ECR Public) → "node"; other registries keep their host,
 * except toolchain images republished under another name, which take the toolchain's name when
 * the table has no entry of their own.
 */
function imageName(registry: string, path: string, table: EolTable): string {
  if (HUB_MIRRORS.has(registry)) return path.replace(/^(docker\/)?library\//, '');
  const own = `${registry}/${path}`;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return table.images[own] === undefined && TOOLCHAIN_MIRRORED.has(last) ? last : own;
}

/**
 * The cycle a tag belongs to: "3.6", "3.6.2", "16-alpine", "3.7-slim-buster" start with the cycle
 * followed by a separator (so "1.2" never matches "1.20"); "stretch-slim" or "bionic-20230530"
 * start with a codename. The longest matching cycle wins.
 */
function cycleOfTag(tag: string, cycles: EolCycle[], aliases: Record<string, string>): EolCycle | undefined {
  let best: EolCycle | undefined;
  for (const cycle of cycles) {
    if (startsWithWord(tag, cycle.cycle) && (!best || cycle.cycle.length > best.cycle.length)) best = cycle;
  }
  if (best) return best;
  for (const [word, version] of Object.entries(aliases)) {
    if (startsWithWord(tag, word)) return cycles.find((c) => c.cycle === version);
  }
  return undefined;
}

function startsWithWord(tag: string, prefix: string): boolean {
  if (!tag.startsWith(prefix)) return false;
  const next = tag.charAt(prefix.length);
  // A version may run into a letter ("1.13rc1"), never into a digit; a codename ends at a separator.
  return next === '' || (/^\d/.test(prefix) ? !/\d/.test(next) : !/[0-9a-z]/.test(next));
}
