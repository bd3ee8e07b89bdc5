import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectAll } from '../../test/helpers/fixtures.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'indirect-routes');

/** A Terraform module that builds a k3s cluster through strings and templates (modelled on kube-hetzner). */
describe('a cluster installed by Terraform through strings and templates', () => {
  it('finds k3s in a local that a remote-exec provisioner runs, kustomize applied by a provisioner, and a HelmChart template', async () => {
    const found = await detectAll(join(fixtures, 'terraform-k3s-module'));
    // The installer string is a local: found where it is written, through concat/format.
    expect(found.get('k3s')).toEqual(['locals.tf:2']);
    // `kubectl apply -k` inside `inline = concat([…], var.extra)`.
    expect(found.get('kustomize')).toEqual(['init.tf:34']);
    // templates/cilium.yaml.tpl is rendered by templatefile(): its HelmChart is a Helm release by the k3s helm-controller.
    expect(found.get('helm')).toEqual(['templates/cilium.yaml.tpl:8']);
    expect(found.get('k8s-manifests')).toEqual(['templates/cilium.yaml.tpl:2']);
  });
});
