import { describe, expect, it } from 'vitest';
import { detectIn, writeTree } from '../../../test/helpers/fixtures.js';
import { DETECTORS } from '../registry.js';

describe('container and scanning detectors on odd input', () => {
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
