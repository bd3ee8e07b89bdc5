import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

// Modelled on OT-CONTAINER-KIT/redis-operator: a VuePress docs build kept after the docs moved to Hugo and CI to GitHub Actions.
const docsTravis =
  'language: node_js\nnode_js:\n  - lts/*\ninstall:\n  - cd docs; yarn install # npm ci\nbranches:\n  only:\n    - main\nscript:\n  - cd docs; yarn build # npm run docs:build\n' +
  'deploy:\n  provider: pages\n  skip_cleanup: true\n  local_dir: docs/src/.vuepress/dist\n  github_token: $GITHUB_TOKEN\n  on:\n    branch: main\n';
const actions = { '.github/workflows/ci.yaml': 'on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: make test\n' };
const hugoDocs = { 'docs/config.toml': 'baseURL = "/"\n', 'docs/package.json': '{\n  "dependencies": {\n    "postcss-cli": "8.3.1",\n    "autoprefixer": "10.2.5"\n  }\n}\n' };

describe('travis-ci detector', () => {
  it('reports exactly the expected places in found/, nothing in not-found/', async () => {
    const expected = readFileSync(join(fixtures, 'expected.txt'), 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
    expect(places(await detectIn(detector, join(fixtures, 'found')))).toEqual(expected);
    expect(places(await detectIn(detector, join(fixtures, 'not-found')))).toEqual([]);
  });

  it('does not count a leftover .travis.yml whose package scripts are gone, where GitHub Actions took over', async () => {
    expect(places(await detectIn(detector, writeTree({ '.travis.yml': docsTravis, ...actions, ...hugoDocs })))).toEqual([]);
  });

  it('does not count a Travis build of a language with no project file here, beside another CI', async () => {
    const travis = 'language: python\npython:\n  - "3.8"\ninstall:\n  - pip install -r requirements.txt\nscript:\n  - pytest\n';
    expect(places(await detectIn(detector, writeTree({ '.travis.yml': travis, ...actions, 'main.go': 'package main\n' })))).toEqual([]);
  });

  it('still counts it when the build can run here, or when no other CI system is present', async () => {
    const withScript = { ...hugoDocs, 'docs/package.json': '{\n  "scripts": { "build": "vuepress build src" }\n}\n' };
    expect(places(await detectIn(detector, writeTree({ '.travis.yml': docsTravis, ...actions, ...withScript })))).toEqual(['.travis.yml:9']);
    expect(places(await detectIn(detector, writeTree({ '.travis.yml': docsTravis, ...hugoDocs })))).toEqual(['.travis.yml:9']);
  });
});
