import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsyaml from 'js-yaml';
import type { MaturityModel } from './types.js';

export { ModelError } from './errors.js';
import { ModelError } from './errors.js';

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_MODEL_PATH = join(here, '..', '..', 'model', 'default-model.yaml');
/**
 * The default model as the build checked it (scripts/bundle.mjs): the model plus a hash of the
 * YAML it came from. Used only while that hash still matches the file, so an edited model is
 * always checked again; it spares every scan the schema (zod) and the YAML parse.
 */
export const CHECKED_MODEL_PATH = join(here, '..', 'default-model.checked.json');

export async function loadModel(path = DEFAULT_MODEL_PATH): Promise<MaturityModel> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ModelError(`${path}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (path === DEFAULT_MODEL_PATH) {
    const checked = readChecked(text);
    if (checked) return checked;
  }
  let raw: unknown;
  try {
    raw = jsyaml.load(text);
  } catch (error) {
    throw new ModelError(`${path}: ${(error as Error).message.split('\n')[0]}`);
  }
  const { validateModel } = await import('./validate.js');
  return validateModel(await withRegistry(raw), path);
}

/** The model's signals are the registry's plus its own (src/signals/catalogue.ts): each is written once. */
export async function withRegistry(raw: unknown): Promise<unknown> {
  const [{ withRegistrySignals }, { DEFINITIONS }] = await Promise.all([import('../signals/catalogue.js'), import('../detectors/definitions.js')]);
  return withRegistrySignals(raw, DEFINITIONS);
}

export function modelTextHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function readChecked(text: string): MaturityModel | undefined {
  try {
    const checked = JSON.parse(readFileSync(CHECKED_MODEL_PATH, 'utf8')) as { sha256?: unknown; model?: MaturityModel };
    return checked.sha256 === modelTextHash(text) && checked.model ? checked.model : undefined;
  } catch {
    return undefined; // not built, or unreadable: check the YAML
  }
}
