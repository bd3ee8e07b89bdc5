import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { DETECTORS } from '../registry.js';

// tekton is described as data (signal.yaml): the registry holds its footprint detector.
const detector = DETECTORS.find((d) => d.id === 'tekton')!;

const fixtures = join(import.meta.dirname, 'fixtures');

describe('tekton detector', () => {
  it('finds Pipelines-as-Code runs, Tasks, Pipelines, triggers and the install step, one place per file', async () => {
    const result = await detectIn(detector, join(fixtures, 'tekton-ci'));
    expect(places(result).sort()).toEqual(['.tekton/pull-request.yaml:1', 'Makefile:4', 'tekton/pipeline.yaml:1', 'tekton/triggers.yaml:1']);
  });

  it('ignores READMEs, documentation samples and Pipeline kinds of other API groups', async () => {
    const result = await detectIn(detector, join(fixtures, 'no-tekton'));
    expect(result.evidence).toEqual([]);
  });

  it('recognises a Tekton controller deployed from its release images', async () => {
    const root = writeTree({
      'platform/tekton/controller.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: tekton-pipelines-controller\n  namespace: tekton-pipelines\nspec:\n  template:\n    spec:\n      containers:\n        - name: controller\n          image: gcr.io/tekton-releases/github.com/tektoncd/pipeline/cmd/controller:v0.59.0\n',
    });
    expect(places(await detectIn(detector, root))).toEqual(['platform/tekton/controller.yaml:11']);
  });
});
