import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';
import { DETECTORS } from '../registry.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('terraform detector', () => {
  it('finds modules, providers and the plan step of a platform repository', async () => {
    const result = await detectIn(detector, join(fixtures, 'platform-infra'));
    expect(places(result)).toEqual(
      expect.arrayContaining(['modules/eks/main.tf:2', 'envs/prod/main.tf:1', '.github/workflows/plan.yml:10', '.github/workflows/plan.yml:16', '.github/workflows/plan.yml:17']),
    );
    // variables.tf declares nothing Terraform-only: not evidence on its own
    expect(places(result).some((p) => p.startsWith('modules/eks/variables.tf'))).toBe(false);
  });

  it('does not count a README mention or a file that merely looks like HCL', async () => {
    const result = await detectIn(detector, join(fixtures, 'docs-only'));
    expect(result.evidence).toEqual([]);
  });

  it('does not take a test harness\'s Terraform (and the workflow that applies it) for the team\'s infrastructure as code', async () => {
    // Modelled on rancherfederal/rke2-ansible: testing/main.tf creates throwaway VMs that the
    // integration workflow applies, tests and destroys.
    const harness = writeTree({
      'testing/main.tf': 'provider "aws" {\n  region = "us-gov-west-1"\n}\n\nresource "aws_instance" "control_plane" {\n  ami = var.ami\n}\n',
      'testing/variables.tf': 'variable "ami" {}\n',
      '.github/workflows/reusable_integration_testing.yml':
        'on: workflow_call\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: hashicorp/setup-terraform@v3\n      - name: Terraform apply\n        run: |\n          cd testing/\n          terraform init\n          terraform apply -auto-approve\n',
      'site.yml': '- hosts: all\n  roles:\n    - rke2\n',
    });
    expect((await detectIn(detector, harness)).evidence).toEqual([]);

    // A Terraform module with Terratest fixtures: the module counts, its fixtures do not.
    const module = writeTree({
      'main.tf': 'resource "aws_eks_cluster" "this" {\n  name = var.name\n}\n',
      'test/fixtures/complete/main.tf': 'module "eks" {\n  source = "../../.."\n}\n',
      'test/eks_test.go': 'package test\n',
    });
    expect(places(await detectIn(detector, module))).toEqual(['main.tf:1']);
  });

  it('reads OpenTofu .tofu files and the JSON syntax (.tofu.json) as Terraform, for every Terraform fact', async () => {
    // Modelled on a Talos homelab configured only with OpenTofu (tofu/**/*.tofu, run by `tofu fmt`
    // in CI), and a terranix-generated .tofu.json beside it.
    const dir = join(fixtures, 'opentofu-homelab');
    expect(places(await detectIn(detector, dir))).toEqual(
      expect.arrayContaining(['tofu/kubernetes/main.tofu:1', 'tofu/kubernetes/providers.tofu:1', 'tofu/state/main.tofu:1', 'tofu/generated/cert-manager.tofu.json:3']),
    );
    // helm_release in both forms, with the line of the chart attribute.
    expect(places(await detectIn(DETECTORS.find((d) => d.id === 'helm')!, dir))).toEqual(expect.arrayContaining(['tofu/kubernetes/main.tofu:13', 'tofu/generated/cert-manager.tofu.json:13']));
    expect(places(await detectIn(DETECTORS.find((d) => d.id === 'sealed-secrets')!, dir))).toEqual(['tofu/kubernetes/main.tofu:13']);
  });
});
