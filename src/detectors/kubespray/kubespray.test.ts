import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('kubespray detector', () => {
  it('finds the Kubespray inventory, group_vars, submodule, importing playbook and upgrade step', async () => {
    const result = await detectIn(detector, join(fixtures, 'onprem-clusters'));
    expect(places(result).sort()).toEqual(
      [
        'inventory/dc1/group_vars/k8s_cluster/k8s-cluster.yml:3',
        'inventory/dc1/hosts.yaml:10',
        'playbooks/cluster.yml:3',
        '.gitmodules:3',
        'Makefile:7',
      ].sort(),
    );
  });

  it('does not take a plain Ansible inventory, a commented variable, an unrelated role or a README for Kubespray', async () => {
    const result = await detectIn(detector, join(fixtures, 'lookalikes'));
    expect(result.evidence).toEqual([]);
  });
});
