import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('helm detector', () => {
  it('finds the chart and the helm steps of a GitLab pipeline', async () => {
    const result = await detectIn(detector, join(fixtures, 'chart-repo'));
    expect(places(result)).toEqual(expect.arrayContaining(['charts/web/Chart.yaml:2', '.gitlab-ci.yml:7', '.gitlab-ci.yml:13']));
  });

  it('ignores mentions in READMEs and comments', async () => {
    const result = await detectIn(detector, join(fixtures, 'no-helm'));
    expect(result.evidence).toEqual([]);
  });
});
