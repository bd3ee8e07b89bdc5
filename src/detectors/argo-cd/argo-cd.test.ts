import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('argo-cd detector', () => {
  it('finds the install, projects, Applications, ApplicationSets, Terraform release and CI sync of a GitOps repository', async () => {
    const result = await detectIn(detector, join(fixtures, 'gitops-platform'));
    expect(places(result).sort()).toEqual([
      '.gitlab-ci.yml:7',
      'argocd/apps/checkout.yaml:2',
      'argocd/appsets/preview.yaml:1',
      'argocd/install/argocd-cm.yaml:1',
      'argocd/install/kustomization.yaml:6',
      'argocd/projects.yaml:1',
      'terraform/argocd.tf:6',
    ]);
  });

  it('never shows the password of an argocd login', async () => {
    const result = await detectIn(detector, join(fixtures, 'gitops-platform'));
    const login = result.evidence.find((e) => e.file === '.gitlab-ci.yml');
    expect(login?.detail).toContain('--password ***');
    expect(login?.detail).not.toContain('ARGOCD_PASSWORD');
  });

  it('ignores READMEs, docs samples, Argo Rollouts and Workflows, and kubectl in the argocd namespace', async () => {
    const result = await detectIn(detector, join(fixtures, 'no-argo-cd'));
    expect(result.evidence).toEqual([]);
  });

  it('counts an Application rendered from a chart template and names it readably', async () => {
    const root = writeTree({
      'apps/Chart.yaml': 'apiVersion: v2\nname: apps\nversion: 1.0.0\n',
      'apps/templates/app.yaml': '{{- if .Values.checkout.enabled }}\napiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: checkout-{{ .Values.env }}\nspec:\n  project: default\n{{- end }}\n',
    });
    const result = await detectIn(detector, root);
    expect(places(result)).toEqual(['apps/templates/app.yaml:2']);
    expect(result.evidence[0]?.detail).toBe('argoproj.io/v1alpha1 Application checkout-{{…}}');
  });

  it('counts the Argo CD add-on of an AWS CDK EKS Blueprints app, not a library naming the class', async () => {
    const app = [
      "import * as blueprints from '@aws-quickstart/eks-blueprints';",
      'const addOns: Array<blueprints.ClusterAddOn> = [',
      '  new blueprints.addons.ArgoCDAddOn,',
      '  new blueprints.addons.CalicoAddOn,',
      '];',
    ].join('\n');
    const root = writeTree({ 'cdk.json': '{ "app": "npx ts-node bin/my-blueprints.ts" }\n', 'bin/my-blueprints.ts': app, 'vendor/addons.ts': 'export const a = new ArgoCDAddOn();\n' });
    const result = await detectIn(detector, root);
    expect(places(result)).toEqual(['bin/my-blueprints.ts:3']);
    expect(result.evidence[0]?.detail).toBe('chart argo-cd (installed by a CDK or Pulumi program)');
  });
});
