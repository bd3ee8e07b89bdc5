import type { FileEvidence } from '../../core/types.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import type { Repository } from '../../workspace/repository.js';
import { isProse } from '../../facts/files/paths.js';
import { ownPlaces } from '../../facts/files/text-lines.js';
import { signalWithCode } from '../signal-with-code.js';

const HCL_TEMPLATE = /\.pkr\.hcl$/i;
const JSON_TEMPLATE = /\.json$/i;
/** Blocks only Packer has at the top level of its HCL templates. */
const PACKER_BLOCKS = new Set(['source', 'build', 'packer']);
const BLOCK_LINE = /^\s*(source|build|packer)\s*("[^"]*"\s*){0,2}\{/m;

export const detector = signalWithCode('packer', (repo) => {
  const evidence: FileEvidence[] = [...hclTemplates(repo), ...jsonTemplates(repo)];
  return ownPlaces(evidence);
});

/** One evidence per *.pkr.hcl file: its first source/build/packer block. */
function hclTemplates(repo: Repository): FileEvidence[] {
  const out: FileEvidence[] = [];
  for (const file of repo.filesMatching(HCL_TEMPLATE)) {
    if (isProse(file.path)) continue;
    const hcl = repo.hcl(file.path);
    if (hcl) {
      const block = hcl.blocks.find((b) => PACKER_BLOCKS.has(b.type));
      if (block) out.push({ file: file.path, line: block.line, detail: `${block.type} ${block.labels.join('.')}`.trim() });
      continue;
    }
    // Without the HCL parser (not loaded, or the file is unreadable as HCL) fall back to the block header.
    const text = repo.text(file.path);
    const match = text === undefined ? null : BLOCK_LINE.exec(text);
    if (text !== undefined && match) out.push({ file: file.path, line: text.slice(0, match.index + match[0].search(/\S/)).split('\n').length, detail: `${match[1]} block` });
  }
  return out;
}

/** Legacy JSON templates: `builders` is a list of objects with a builder `type`. */
function jsonTemplates(repo: Repository): FileEvidence[] {
  const out: FileEvidence[] = [];
  for (const file of repo.filesMatching(JSON_TEMPLATE)) {
    if (isProse(file.path)) continue;
    const text = repo.text(file.path);
    if (text === undefined || !text.includes('"builders"')) continue;
    const value = repo.json(file.path);
    if (!isRecord(value) || !Array.isArray(value.builders)) continue;
    const types = value.builders.filter(isRecord).map((b) => b.type).filter((t): t is string => typeof t === 'string');
    if (types.length === 0) continue;
    out.push({ file: file.path, line: repo.lineOfText(file.path, '"builders"'), detail: `Packer JSON template (${types.join(', ')})` });
  }
  return out;
}
