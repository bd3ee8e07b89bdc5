import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { DETECTORS } from '../registry.js';

// Flux is described as data (signal.yaml): the registry holds its footprint detector.
const detector = DETECTORS.find((d) => d.id === 'flux')!;

const fixtures = join(import.meta.dirname, 'fixtures');

describe('flux detector', () => {
  it('finds the flux-system install, sources, releases, Terraform bootstrap and the Flux action', async () => {
    const result = await detectIn(detector, join(fixtures, 'fleet-infra'));
    expect(places(result).sort()).toEqual([
      '.github/workflows/validate.yaml:9',
      'clusters/prod/flux-system/gotk-components.yaml:12',
      'clusters/prod/flux-system/gotk-sync.yaml:2',
      'infrastructure/redis/release.yaml:1',
      'terraform/flux.tf:3',
    ]);
    expect(result.evidence.find((e) => e.file.endsWith('gotk-components.yaml'))?.detail).toBe('Flux install (gotk-components.yaml)');
  });

  it('ignores READMEs, docs samples, a namespace called flux, influx and workloads named flux', async () => {
    const result = await detectIn(detector, join(fixtures, 'no-flux'));
    expect(result.evidence).toEqual([]);
  });

  it('counts flux bootstrap in a pipeline, and nothing in a kubectl call with -n flux', async () => {
    const root = writeTree({
      '.gitlab-ci.yml': 'bootstrap:\n  script:\n    - kubectl -n flux create secret generic x\n    - flux bootstrap gitlab --owner=acme --repository=fleet --path=clusters/prod\n',
    });
    expect(places(await detectIn(detector, root))).toEqual(['.gitlab-ci.yml:4']);
  });

  it('counts Flux bootstrapped by a Terraform module, by the module source (kbot-style GKE + Flux)', async () => {
    const main = [
      'module "gke_cluster" {',
      '  source         = "github.com/den-vasyliev/tf-google-gke-cluster"',
      '  GOOGLE_PROJECT = var.GOOGLE_PROJECT',
      '}',
      '',
      'module "flux_bootstrap" {',
      '  source            = "github.com/den-vasyliev/tf-fluxcd-flux-bootstrap?ref=gke_auth"',
      '  github_repository = "${var.GITHUB_OWNER}/${var.FLUX_GITHUB_REPO}"',
      '  config_path       = module.gke_cluster.config_path',
      '}',
    ].join('\n');
    const root = writeTree({ 'main.tf': main, 'other/main.tf': 'module "flux_dashboard" {\n  source = "github.com/acme/tf-grafana-flux-dashboards"\n}\n' });
    expect(places(await detectIn(detector, root))).toEqual(['main.tf:6']);
  });
});
