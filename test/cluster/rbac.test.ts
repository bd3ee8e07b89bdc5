import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SELECTED_CUSTOM_RESOURCES } from '../../src/cluster/footprints.js';
import { CLUSTER_RESOURCES } from '../../src/sources/cluster/index.js';

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  nonResourceURLs?: string[];
  verbs: string[];
}

const docs = parseAllDocuments(readFileSync(join(import.meta.dirname, '..', '..', 'deploy', 'rbac.yaml'), 'utf8')).map((d) => d.toJS() as { kind: string; rules?: Rule[] });
const role = docs.find((d) => d.kind === 'ClusterRole')!;

describe('deploy/rbac.yaml', () => {
  it('grants list on exactly the resources the scan reads, and get/list at most', () => {
    const granted = new Set<string>();
    for (const rule of role.rules!) {
      expect(rule.verbs.every((v) => v === 'get' || v === 'list')).toBe(true);
      for (const group of rule.apiGroups ?? []) for (const resource of rule.resources ?? []) {
        expect(rule.verbs).toContain('list');
        granted.add(`${resource}.${group}`);
      }
    }
    const read = [...CLUSTER_RESOURCES, ...SELECTED_CUSTOM_RESOURCES].map((r) => `${r.resource}.${r.group}`);
    expect([...granted].sort()).toEqual([...new Set(read)].sort());
  });

  it('lets the scanner list Secrets but not get one', () => {
    const secrets = role.rules!.find((r) => r.resources?.includes('secrets'))!;
    expect(secrets.verbs).toEqual(['list']);
    expect(secrets.resources).toEqual(['secrets']);
  });

  it('binds the role to a ServiceAccount', () => {
    expect(docs.map((d) => d.kind)).toEqual(['Namespace', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding']);
  });
});
