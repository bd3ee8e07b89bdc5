import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, writeTree } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, '..', 'image-pipeline', 'fixtures');

describe('docker-compose detector', () => {
  it('finds the services key of a compose file, below its comment', async () => {
    const result = await detectIn(detector, join(fixtures, 'service-repo'));
    expect(result.evidence).toEqual([{ file: 'docker-compose.yml', line: 2, detail: 'Compose file with 2 services' }]);
  });

  it('a dev-loop compose-dev.yaml is a compose file, and its untagged images are read like any other', async () => {
    const dir = writeTree({
      'compose-dev.yaml': 'services:\n  cluster:\n    image: docker/tilt-ctlptl\n    command: ["ctlptl", "apply", "-f", "/config/cluster.yaml"]\n  tilt:\n    image: docker/tilt\n    command: ["tilt", "up"]\n',
      'compose-tools.md': '# not YAML\n',
    });
    expect((await detectIn(detector, dir)).evidence).toEqual([{ file: 'compose-dev.yaml', line: 1, detail: 'Compose file with 2 services' }]);
  });

  it('finds nothing without a compose file', async () => {
    expect((await detectIn(detector, join(fixtures, 'build-only'))).evidence).toEqual([]);
  });
});
