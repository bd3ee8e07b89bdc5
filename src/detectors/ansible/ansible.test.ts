import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('ansible detector', () => {
  it('finds the playbook, roles, inventory, ansible.cfg, requirements and pipeline steps of a node-configuration repository', async () => {
    const result = await detectIn(detector, join(fixtures, 'node-config'));
    expect(places(result).sort()).toEqual(
      [
        'site.yml:3',
        'roles/containerd/tasks/main.yml:2',
        'roles/kubelet/tasks/main.yml:1',
        'inventories/prod/hosts.ini:3',
        'ansible.cfg:2',
        '.github/workflows/nodes.yml:11',
        '.github/workflows/nodes.yml:19',
        '.github/workflows/nodes.yml:23',
        'requirements.yml:2',
      ].sort(),
    );
    // Handlers, group_vars and the pip install line are Ansible files but add nothing new.
    expect(places(result).some((p) => p.includes('handlers') || p.includes('group_vars'))).toBe(false);
  });

  it('does not take compose extra_hosts, Ingress hosts, hostAliases, docs, comments or a lone requirements.yml for Ansible', async () => {
    const result = await detectIn(detector, join(fixtures, 'lookalikes'));
    expect(result.evidence).toEqual([]);
  });

  it('counts Galaxy requirements alone only inside an ansible folder', async () => {
    const root = writeTree({ 'ansible/requirements.yml': 'roles:\n  - src: geerlingguy.docker\n', 'requirements.yml': 'collections:\n  - name: x.y\n' });
    expect(places(await detectIn(detector, root))).toEqual(['ansible/requirements.yml:1']);
  });

  it('reads playbooks that only import other playbooks', async () => {
    const root = writeTree({ 'playbooks/all.yml': '---\n- import_playbook: base.yml\n- ansible.builtin.import_playbook: k8s.yml\n' });
    expect(places(await detectIn(detector, root))).toEqual(['playbooks/all.yml:2']);
  });

  it('does not throw on odd YAML', async () => {
    const root = writeTree({ 'site.yml': '- hosts: [1, {a: b}]\n  tasks: nope\n- 42\n', 'roles/x/tasks/main.yml': '"just a string"\n', 'hosts': '\u0000\u0001' });
    expect((await detectIn(detector, root)).evidence).toEqual([]);
  });
});
