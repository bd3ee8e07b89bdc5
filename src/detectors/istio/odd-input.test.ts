import { describe, expect, it } from 'vitest';
import { fixtureRepo, writeTree } from '../../../test/helpers/fixtures.js';
import { DETECTORS } from '../registry.js';

/** The detectors that share this folder's metadata helper, plus their siblings of the same assignment. */
const IDS = [
  'linkerd', 'istio', 'consul-connect', 'vault', 'external-secrets', 'sealed-secrets', 'sops', 'falco', 'audit-logging',
  'codeowners', 'probes', 'static-secrets', 'latest-tag-images', 'eol-base-images', 'dependency-updates',
];

describe('mesh, secrets, runtime-security and hygiene detectors on odd input', () => {
  it('return results without throwing on broken, empty and oddly shaped files', async () => {
    const root = writeTree({
      'broken.yaml': 'apiVersion: v1\nkind: Secret\ndata: [unclosed\n',
      'empty.yaml': '',
      'scalar.yaml': '42\n---\n"just a string"\n---\n- a\n- b\n',
      'odd/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: []\ndata:\n  - one\n  - two\nstringData: 7\nsops: true\n',
      'odd/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n  annotations: "nope"\nspec:\n  template:\n    metadata: 5\n    spec:\n      containers: "api"\n',
      'odd/pod.yaml': 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - 7\n    - name: a\n      image: 12\n      livenessProbe: true\n',
      'charts/x/templates/d.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: x\n          livenessProbe:\n            {{- toYaml .Values.a.b.c.livenessProbe | nindent 12 }}\n',
      'charts/x/values.yaml': 'a: [1, 2]\n',
      'rules.yaml': '- rule: 5\n  condition: [1]\n- macro: {}\n  condition: null\n',
      'Dockerfile': 'ARG A=$B\nARG B=$A\nFROM $A\nFROM\nFROM node:\n',
      'Dockerfile.empty': '',
      '.github/CODEOWNERS': '\u0000\u0001 binary\n[unclosed section\n',
      '.github/dependabot.yml': 'updates: "docker"\n',
      'renovate.json': '{ "enabledManagers": "dockerfile", ',
      '.renovaterc': '[]',
      'package.json': '{"renovate": 5}',
      '.sops.yaml': 'creation_rules: 3\n',
      'enc.json': '{"sops": {"mac": 5}, "x": "mac"}',
      'kustomization.yaml': 'secretGenerator: {literals: 5}\npatches: [1, {path: 2}]\nimages: [null]\n',
      'skaffold.yaml': 'build: {artifacts: [null, {image: 5}]}\n',
      'main.tf': 'resource "azurerm_monitor_diagnostic_setting" "x" {\n  enabled_log {\n',
    });
    const repo = await fixtureRepo(root);
    const mine = DETECTORS.filter((d) => IDS.includes(d.id));
    expect(mine.map((d) => d.id).sort()).toEqual([...IDS].sort());
    for (const detector of mine) {
      expect(() => detector.detect(repo), detector.id).not.toThrow();
    }
  });
});
