import { describe, expect, it } from 'vitest';
import { detectIn, writeTree } from '../../../test/helpers/fixtures.js';
import { DETECTORS } from '../registry.js';
import { redact, runsTool, toolArgs } from './tool-runs.js';

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
    expect(redact('docker login -u ci -p s3cr3t registry.acme.io')).not.toContain('s3cr3t');
    expect(redact('curl -u admin:hunter2 --data-binary @web-1.0.0.tgz https://charts.acme.io/api/charts')).not.toContain('hunter2');
    expect(redact('git clone https://bot:ghp_abc123@github.com/acme/x')).not.toContain('ghp_abc123');
  });

  it('never throws on odd files: broken YAML, empty Dockerfiles, binary-looking pipelines', async () => {
    const dir = writeTree({
      '.github/workflows/ci.yml': 'jobs:\n  build:\n    steps: [ { uses: docker/build-push-action@v6, with: { push: [1, 2] } }\n',
      '.gitlab-ci.yml': 'include: 42\njob:\n  image: { name: 7 }\n  script: [null, 3, { a: b }]\n',
      Dockerfile: '',
      'Containerfile.j2': 'FROM\n',
      'compose.yaml': 'services: [a, b]\n',
      'skaffold.yaml': '- apiVersion: skaffold/v4\n',
      Tiltfile: '\u0000\u0001',
      'Jenkinsfile': '/* unterminated',
      'cloudbuild.yaml': 'steps: [ { entrypoint: make, args: [1, null] } ]\nimages: [3]\n',
      'cr.yaml': 'owner: [x]\n',
    });
    for (const detector of DETECTORS.filter((d) => MINE.has(d.id))) await expect(detectIn(detector, dir)).resolves.toBeDefined();
  });
});

const MINE = new Set(['docker', 'docker-compose', 'podman', 'buildah', 'kaniko', 'nexus', 'image-pipeline', 'chart-publishing', 'kind', 'minikube', 'k3d', 'skaffold', 'devspace', 'tilt', 'trivy', 'clair', 'grype', 'snyk']);
