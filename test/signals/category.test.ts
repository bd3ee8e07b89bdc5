import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTree } from '../helpers/fixtures.js';
import { scanOrganization } from '../../src/scan/organization.js';

describe('a tool the model does not name serves its capability through its category', () => {
  it('meets monitoring with the Datadog agent chart, and continuous integration with Azure Pipelines', async () => {
    const root = writeTree({
      '.k8s-maturity.yaml': 'organization: acme\nrepositories: [platform]\nhistory: { enabled: false }\n',
      'platform/clusters/prod/datadog.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: datadog\n  namespace: datadog\nspec:\n  chart:\n    spec:\n      chart: datadog\n      sourceRef: { kind: HelmRepository, name: datadog }\n',
      'platform/azure-pipelines.yml': 'trigger: [main]\npool:\n  vmImage: ubuntu-latest\nsteps:\n  - script: terraform plan\n',
    });
    const assessment = await scanOrganization({ paths: [], config: join(root, '.k8s-maturity.yaml'), cwd: root, now: new Date('2026-12-01T00:00:00Z'), toolVersion: '0.0.0-test' });
    const capability = (id: string) => assessment.capabilities.find((c) => c.id === id)!;
    expect(capability('monitoring')).toMatchObject({ status: 'met', signals: ['datadog'] });
    expect(capability('continuous-integration')).toMatchObject({ status: 'met', signals: ['azure-pipelines'] });
  });
});
