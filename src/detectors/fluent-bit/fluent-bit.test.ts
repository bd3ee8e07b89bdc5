import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('fluent-bit detector', () => {
  it('finds the DaemonSet image, its [INPUT] config and the fluent-operator release', async () => {
    const result = await detectIn(detector, join(fixtures, 'node-agent'));
    expect(places(result).sort()).toEqual(['helmfile.yaml:8', 'k8s/fluent-bit.yaml:12', 'k8s/fluent-bit.yaml:43']);
  });

  it('does not count parser files, other INI files, a commented config or a README', async () => {
    const result = await detectIn(detector, join(fixtures, 'lookalike'));
    expect(result.evidence).toEqual([]);
  });

  it('does not count the Fluentd of an EFK stack', async () => {
    const result = await detectIn(detector, join(import.meta.dirname, '..', 'fluentd', 'fixtures', 'efk'));
    expect(result.evidence).toEqual([]);
  });

  it('finds Fluent Bit switched on by EKS Blueprints add-on flags, in the current module and the older kubernetes-addons one', async () => {
    const result = await detectIn(detector, join(fixtures, 'eks-addons'));
    expect(places(result).sort()).toEqual(['live/prod/main.tf:18', 'live/serverless/addons.tf:11']);
  });
});
