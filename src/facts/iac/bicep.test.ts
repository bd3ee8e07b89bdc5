import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureRepo } from '../../../test/helpers/fixtures.js';
import { DETECTORS } from '../../detectors/registry.js';
import { bicepResources } from './bicep.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'bicep-platform');

describe('Bicep resources', () => {
  it('reads top-level resource declarations with their lines, existing ones marked, and the keys of their bodies', async () => {
    const resources = bicepResources(await fixtureRepo(dir));
    expect(resources.map((r) => `${r.file}:${r.line} ${r.name} ${r.type}${r.existing ? ' existing' : ''}`)).toEqual([
      'workload-team/cluster-stamp.bicep:12 targetVirtualNetwork Microsoft.Network/virtualNetworks existing',
      'workload-team/cluster-stamp.bicep:19 laAks Microsoft.OperationalInsights/workspaces',
      'workload-team/cluster-stamp.bicep:30 mc Microsoft.ContainerService/managedClusters',
      'workload-team/cluster-stamp.bicep:50 mcDiagnostics Microsoft.Insights/diagnosticSettings',
    ]);
    const diagnostics = resources.find((r) => r.name === 'mcDiagnostics')!;
    expect(diagnostics.keys.find((k) => k.key === 'category')).toEqual({ key: 'category', line: 57, value: "'kube-audit-admin'" });
    // The nested child resource is part of its parent's body, not a resource of its own.
    expect(resources.find((r) => r.name === 'mc')!.keys.map((k) => k.key)).toContain('omsagent');
  });

  it('Bicep is infrastructure as code and its Log Analytics workspace is Azure Monitor; a docs example is not', async () => {
    const repo = await fixtureRepo(dir);
    const found = new Map(DETECTORS.map((d) => [d.id, d.detect(repo).evidence.map((e) => ('file' in e ? `${e.file}:${e.line}` : ''))]));
    expect(found.get('bicep')).toEqual(['workload-team/cluster-stamp.bicep:19', 'workload-team/cluster-stamp.bicep:30', 'workload-team/cluster-stamp.bicep:50']);
    expect(found.get('azure-monitor')).toEqual(['workload-team/cluster-stamp.bicep:19']);
    expect(found.get('aks')).toEqual(['workload-team/cluster-stamp.bicep:30']);
    expect(found.get('audit-logging')).toEqual(['workload-team/cluster-stamp.bicep:57']);
  });
});
