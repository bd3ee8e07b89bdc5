import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';
import { parseJson5ish } from './json5ish.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('dependency-updates detector', () => {
  it('counts a JSON5 Renovate configuration that keeps the default image managers', async () => {
    const result = await detectIn(detector, join(fixtures, 'renovate-json5'));
    expect(places(result)).toEqual(['.github/renovate.json5:2']);
  });

  it('counts a Dependabot docker update and ignores its npm and actions updates', async () => {
    const result = await detectIn(detector, join(fixtures, 'dependabot-docker'));
    expect(result.evidence).toEqual([{ file: '.github/dependabot.yml', line: 7, detail: 'Dependabot docker updates in /services/api, /services/web' }]);
  });

  it('does not count Dependabot without docker, a commented ecosystem or a README', async () => {
    const result = await detectIn(detector, join(fixtures, 'no-image-updates'));
    expect(result.evidence).toEqual([]);
  });

  it('does not count Renovate limited to npm, nor a package.json config that turns the image managers off', async () => {
    const result = await detectIn(detector, join(fixtures, 'renovate-npm-only'));
    expect(result.evidence).toEqual([]);
  });

  it('does not count Renovate disabled for the docker datasource, and counts the package.json key otherwise', async () => {
    const off = writeTree({ '.renovaterc.json': '{ "packageRules": [{ "matchDatasources": ["docker"], "enabled": false }] }' });
    expect((await detectIn(detector, off)).evidence).toEqual([]);
    const on = writeTree({ 'package.json': '{\n  "name": "x",\n  "renovate": { "extends": ["config:base"] }\n}\n' });
    expect(places(await detectIn(detector, on))).toEqual(['package.json:3']);
  });

  it('reads the JSON5 Renovate accepts without throwing on anything else', () => {
    expect(parseJson5ish("{ a: 'x', b: [true, false, null], // c\n /* d */ e: \"y\", }")).toEqual({ a: 'x', b: [true, false, null], e: 'y' });
    expect(parseJson5ish('{ unterminated: ')).toBeUndefined();
    expect(parseJson5ish('')).toBeUndefined();
  });
});
