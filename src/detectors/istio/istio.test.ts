import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('istio detector', () => {
  it('finds the injection label, the sidecar annotation, mesh objects and the Istio charts of a GitOps repository', async () => {
    const result = await detectIn(detector, join(fixtures, 'gitops-platform'));
    expect(places(result).sort()).toEqual(
      [
        'apps/payments/namespace.yaml:7',
        'apps/payments/deployment.yaml:17',
        'apps/payments/mesh.yaml:1',
        'apps/payments/mesh.yaml:10',
        'apps/payments/mesh.yaml:24',
        'apps/payments/mesh.yaml:42',
        'clusters/prod/istio-system.yaml:20',
        'clusters/prod/istio-system.yaml:37',
      ].sort(),
    );
    expect(result.evidence.find((e) => e.line === 20)?.detail).toContain('chart base from the Istio repository');
  });

  it('ignores README instructions, an opt-out annotation, comments and a "gateway" chart from another project', async () => {
    const result = await detectIn(detector, join(fixtures, 'no-istio'));
    expect(result.evidence).toEqual([]);
  });

  it('finds Istio charts installed from the Istio repository through Terraform add-on releases, helm_release and helmfile (aws-ia/terraform-aws-eks-blueprints)', async () => {
    const result = await detectIn(detector, join(fixtures, 'terraform-mesh'));
    expect(places(result).sort()).toEqual(['edge/helmfile.yaml:10', 'mesh/cni.tf:5', 'mesh/main.tf:15', 'mesh/main.tf:23'].sort());
  });
});
