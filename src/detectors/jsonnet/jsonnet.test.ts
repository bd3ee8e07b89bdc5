import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('jsonnet detector', () => {
  it('finds Jsonnet sources, jsonnet-bundler, the Tanka environment and the tk steps', async () => {
    const result = await detectIn(detector, join(fixtures, 'tanka-repo'));
    expect(places(result).sort()).toEqual([
      '.github/workflows/diff.yml:10',
      '.github/workflows/diff.yml:13',
      '.github/workflows/diff.yml:14',
      'environments/prod/main.jsonnet:2',
      'environments/prod/spec.json:2',
      'jsonnetfile.json:2',
      'lib/app.libsonnet:4',
    ]);
  });

  it('ignores READMEs, comment-only files, docs, other spec.json files and installing the binary', async () => {
    const result = await detectIn(detector, join(fixtures, 'no-jsonnet'));
    expect(result.evidence).toEqual([]);
  });

  it('does not throw on an unreadable jsonnetfile.json and still reads the rest', async () => {
    const root = writeTree({ 'jsonnetfile.json': '{ not json', 'Makefile': 'manifests:\n\tjsonnet -J vendor -m out main.jsonnet\n' });
    expect(places(await detectIn(detector, root))).toEqual(['Makefile:2']);
  });
});
