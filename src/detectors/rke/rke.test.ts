import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('rke detector', () => {
  it('finds an RKE cluster.yml, an RKE2 config, Rancher RKE2 clusters in Terraform and rke up', async () => {
    const result = await detectIn(detector, join(fixtures, 'rancher-clusters'));
    expect(places(result).sort()).toEqual(
      [
        'rke1/cluster.yml:4',
        'rke2/server/config.yaml:1',
        'terraform/rancher.tf:1',
        'Makefile:2',
      ].sort(),
    );
  });

  it('finds RKE2 installed from a release tarball (Ansible get_url, a Terraform local a provisioner runs) and by cloud-init', async () => {
    const result = await detectIn(detector, join(fixtures, 'rke2-installers'));
    expect(places(result).sort()).toEqual(
      [
        'roles/rke2/tasks/tarball_install.yml:9',
        'terraform/server.tf:3',
        'terraform/server.tf:14',
        'terraform/templates/user-data.yaml.tpl:3',
        'terraform/templates/user-data.yaml.tpl:8',
      ].sort(),
    );
  });

  it('does not take a kind cluster, a node list without addresses, k3s, a README or a lone token file for RKE', async () => {
    const result = await detectIn(detector, join(fixtures, 'lookalikes'));
    expect(result.evidence).toEqual([]);
  });
});
