import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SIGNAL_FILES } from '../detectors/signal-files.js';
import { signalJsonSchema } from './json-schema.js';

const written = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'signal.schema.json'), 'utf8')) as object;

describe('docs/signal.schema.json', () => {
  it('is the schema the loader uses (run `npm run build && node scripts/signal-schema.mjs`)', () => {
    expect(written).toEqual(signalJsonSchema());
  });

  it('accepts every built-in signal file and rejects an unknown key with its path', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(written);
    for (const [id, file] of Object.entries(BUILTIN_SIGNAL_FILES)) expect([id, validate(file.definition)]).toEqual([id, true]);
    expect(validate({ id: 'shipit', name: 'ShipIt', description: 'x', footprint: { comands: ['shipit deploy'] } })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/footprint', params: { additionalProperty: 'comands' } });
  });
});
