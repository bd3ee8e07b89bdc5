import { describe, expect, it } from 'vitest';
import { fixtureRepo, writeTree } from '../../../test/helpers/fixtures.js';
import { metadataWithKey, objectMetadata } from './k8s-metadata.js';

describe('labels and annotations', () => {
  it('finds entries by key in object order, the pod template included', async () => {
    const repo = await fixtureRepo(
      writeTree({
        'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    istio-injection: enabled\n',
        'app.yaml': [
          'apiVersion: apps/v1',
          'kind: Deployment',
          'metadata:',
          '  name: api',
          '  labels: { istio.io/rev: canary }',
          'spec:',
          '  template:',
          '    metadata:',
          '      annotations:',
          '        sidecar.istio.io/inject: "true"',
          '',
        ].join('\n'),
      }),
    );
    const found = metadataWithKey(repo, (key) => key.includes('istio'));
    expect(found.map(({ object, entry }) => `${object.file}:${entry.line} ${entry.kind} ${entry.key}=${entry.value}`)).toEqual([
      'app.yaml:5 label istio.io/rev=canary',
      'app.yaml:10 annotation sidecar.istio.io/inject=true',
      'ns.yaml:6 label istio-injection=enabled',
    ]);
    expect(objectMetadata(repo).map(({ object, entries }) => `${object.name}: ${entries.length}`)).toEqual(['api: 2', 'shop: 1']);
  });
});
