import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('kubeadm detector', () => {
  it('finds kubeadm configuration in manifests and cloud-init, Cluster API kubeadm objects and init/join commands', async () => {
    const result = await detectIn(detector, join(fixtures, 'bare-metal'));
    expect(places(result).sort()).toEqual(
      [
        'capi/control-plane.yaml:1',
        'kubeadm/config.yaml:1',
        'kubeadm/config.yaml:6',
        'scripts/bootstrap-control-plane.sh:4',
        'cloud-init/worker.yaml:7',
        'cloud-init/worker.yaml:14',
      ].sort(),
    );
  });

  it('follows Terraform remote-exec provisioners into the locals that hold the bootstrap (a heredoc, a list of lines)', async () => {
    const result = await detectIn(detector, join(fixtures, 'terraform-nodes'));
    expect(places(result).sort()).toEqual(['locals.tf:7', 'locals.tf:12'].sort());
  });

  it('does not count task names, debug messages, kubeadm version, a ConfigMap note or a README', async () => {
    const result = await detectIn(detector, join(fixtures, 'lookalikes'));
    expect(result.evidence).toEqual([]);
  });
});
