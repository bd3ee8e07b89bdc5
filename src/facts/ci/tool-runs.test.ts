import { describe, expect, it } from 'vitest';
import { shorten } from '../tools/component.js';
import { runsTool, toolArgs } from './tool-runs.js';

describe('tool runs', () => {
  it('reads a tool in command position, through sudo, paths, make variables and docker run', () => {
    expect(runsTool('sudo ./bin/kind create cluster', 'kind', /^create cluster/)).toBe(true);
    expect(runsTool('$(KIND) create cluster --name x', 'kind|\\$[({]KIND[)}]', /^create cluster/)).toBe(true);
    expect(toolArgs('docker run --rm aquasec/trivy:0.50.1 image app:1', 'trivy')).toEqual(['image app:1']);
  });

  it('does not take installs, downloads, messages or file names for runs', () => {
    expect(toolArgs('npm install -g snyk', 'snyk')).toEqual([]);
    expect(toolArgs('brew install kind && echo "kind create cluster"', 'kind')).toEqual([]);
    expect(toolArgs('wget -qO clair-scanner https://example.com/clair-scanner', 'clair-scanner')).toEqual([]);
    expect(toolArgs('tar xzf trivy_0.50.1_Linux-64bit.tar.gz', 'trivy')).toEqual([]);
    expect(toolArgs("To delete it run 'kind delete cluster --name dev'", 'kind')).toEqual([]);
    expect(toolArgs("bash -c 'kind delete cluster --name dev'", 'kind')).toEqual(['delete cluster --name dev\'']);
  });

  it('redacts docker login passwords, curl credentials and URL credentials', () => {
    expect(shorten('docker login -u ci -p s3cr3t registry.acme.io')).not.toContain('s3cr3t');
    expect(shorten('curl -u admin:hunter2 --data-binary @web-1.0.0.tgz https://charts.acme.io/api/charts')).not.toContain('hunter2');
    expect(shorten('git clone https://bot:ghp_abc123@github.com/acme/x')).not.toContain('ghp_abc123');
  });
});
