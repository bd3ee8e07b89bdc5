import { describe, expect, it } from 'vitest';
import { fixtureRepo, writeTree } from '../../test/helpers/fixtures.js';
import { k8sObjects } from './k8s-objects.js';

describe('Kubernetes objects', () => {
  it('skips dotfiles: tool configuration that borrows apiVersion/kind is never applied', async () => {
    const repo = await fixtureRepo(
      writeTree({
        '.kube-linter.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lint\n',
        'k8s/.fluxschema.yml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: schema\n',
        'k8s/app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n',
      }),
    );
    expect(k8sObjects(repo).map((o) => `${o.file} ${o.name}`)).toEqual(['k8s/app.yaml app']);
  });

  it('keeps the config-only groups other detectors read (kubeadm, audit policies, kind clusters)', async () => {
    const repo = await fixtureRepo(
      writeTree({
        'kubeadm.yaml': 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n',
        'audit/policy.yaml': 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: []\n',
      }),
    );
    expect(k8sObjects(repo).map((o) => o.group).sort()).toEqual(['audit.k8s.io', 'kubeadm.k8s.io']);
  });
});
