import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('image-pipeline detector', () => {
  it('finds docker/build-push-action pushing to ECR, named by the login step of the job', async () => {
    const result = await detectIn(detector, join(fixtures, 'service-repo'));
    expect(places(result)).toEqual(['.github/workflows/ci.yml:57']);
    expect(result.evidence[0]!.detail).toBe('pushes image to ECR (docker/build-push-action)');
  });

  it('counts skaffold build in a Cloud Build config under cloudbuild/ as a push: skaffold pushes outside a local cluster', async () => {
    // Modelled on bank-of-anthos' .github/cloudbuild/ci-pr.yaml (no --push flag: pushing is skaffold's default).
    const result = await detectIn(detector, join(fixtures, 'skaffold-cloudbuild'));
    expect(places(result)).toEqual(['.github/cloudbuild/ci-pr.yaml:5']);
    expect(result.evidence[0]!.detail).toContain('skaffold build');
  });

  it('does not count skaffold build told not to push (build.local.push: false, --push=false)', async () => {
    const result = await detectIn(detector, join(fixtures, 'skaffold-local'));
    expect(places(result)).toEqual([]);
  });

  it('finds a kaniko job pushing to the GitLab registry through a variable', async () => {
    const result = await detectIn(detector, join(fixtures, 'gitlab-kaniko'));
    expect(places(result)).toEqual(['.gitlab-ci.yml:28']);
    expect(result.evidence[0]!.detail).toContain('GitLab registry');
  });

  it('finds Jenkins docker.push() calls inside docker.withRegistry to Nexus, not the commented-out build', async () => {
    const result = await detectIn(detector, join(fixtures, 'jenkins-nexus'));
    expect(places(result)).toEqual(['Jenkinsfile:38', 'Jenkinsfile:39']);
    expect(result.evidence.every((e) => e.detail?.startsWith('pushes image to Nexus'))).toBe(true);
  });

  it('finds orb, Tekton, push-to-registry and Auto DevOps pushes with the registry they imply', async () => {
    const circle = await detectIn(detector, join(import.meta.dirname, '..', 'snyk', 'fixtures', 'circleci-snyk'));
    expect(circle.evidence).toEqual([{ file: '.circleci/config.yml', line: 26, detail: 'pushes image to ECR (circleci/aws-ecr build_and_push_image)' }]);
    const tekton = await detectIn(detector, join(import.meta.dirname, '..', 'buildah', 'fixtures', 'tekton-buildah'));
    expect(places(tekton)).toEqual(['.github/workflows/image.yml:18', '.tekton/pipeline.yaml:20']);
    expect(tekton.evidence.every((e) => e.detail?.includes('Quay'))).toBe(true);
    const gitlab = await detectIn(detector, join(import.meta.dirname, '..', 'clair', 'fixtures', 'gitlab-clair'));
    expect(places(gitlab)).toEqual(['.gitlab-ci.yml:10']);
  });

  it('does not count builds without a push, pushes to a throwaway local registry, local make targets, comments or docs', async () => {
    const result = await detectIn(detector, join(fixtures, 'build-only'));
    expect(result.evidence).toEqual([]);
  });

  it('never prints the password of a docker login', async () => {
    const result = await detectIn(detector, join(import.meta.dirname, '..', 'clair', 'fixtures', 'gitlab-clair'));
    expect(JSON.stringify(result)).not.toContain('CI_REGISTRY_PASSWORD');
  });

  it('counts a GoReleaser release whose configuration lists dockers: as a push, and not a snapshot or a config without images', async () => {
    // Modelled on mittwald/kubernetes-replicator: release.yml logs in to quay.io and runs the
    // goreleaser action; .goreleaser.yml builds and pushes quay.io/mittwald/kubernetes-replicator.
    const goreleaser = [
      'builds:\n  - env:\n      - CGO_ENABLED=0\n    goarch: [amd64, arm64]\n',
      'dockers:\n  -\n    dockerfile: Dockerfile\n    image_templates:\n    - quay.io/mittwald/kubernetes-replicator-amd64:latest\n    - quay.io/mittwald/kubernetes-replicator-amd64:v{{ .Major }}\n',
      'docker_manifests:\n  - name_template: quay.io/mittwald/kubernetes-replicator:{{ .Tag }}\n    image_templates:\n    - quay.io/mittwald/kubernetes-replicator-amd64:v{{ .Major }}\n',
    ].join('');
    const release = [
      'name: Release\non:\n  push:\n    tags: [\'*\']\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v2\n',
      '      - run: docker login -u "${{ secrets.QUAY_IO_USER }}" -p "${{ secrets.QUAY_IO_TOKEN }}" quay.io\n',
      '      - name: Run GoReleaser\n        uses: goreleaser/goreleaser-action@v2\n        with:\n          version: "0.181.1"\n          args: release --rm-dist\n',
    ].join('');
    const root = writeTree({ '.goreleaser.yml': goreleaser, '.github/workflows/release.yml': release, 'Dockerfile': 'FROM scratch\nCOPY replicator /replicator\n' });
    const result = await detectIn(detector, root);
    expect(places(result)).toEqual(['.github/workflows/release.yml:12']);
    expect(result.evidence[0]!.detail).toBe('pushes image to Quay (goreleaser release (dockers in .goreleaser.yml))');

    // The same workflow running a snapshot, or a command-line release of binaries only, pushes no image.
    const snapshot = writeTree({ '.goreleaser.yml': goreleaser, '.github/workflows/ci.yml': release.replace('release --rm-dist', 'release --snapshot --clean') });
    expect(places(await detectIn(detector, snapshot))).toEqual([]);
    const binaries = writeTree({ '.goreleaser.yaml': 'builds:\n  - goos: [linux]\n', '.github/workflows/release.yml': 'on: push\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - run: goreleaser release --clean\n' });
    expect(places(await detectIn(detector, binaries))).toEqual([]);
  });

  it('counts an action handed an image name and told to push it (devcontainers/ci push: always), not push: never or a git push', async () => {
    // Modelled on vehagn/homelab's build-devcontainer.yaml.
    const workflow = (push: string) => `name: Build devcontainer
on:
  push:
    branches: [ main ]
    paths: [ '.github/.devcontainer/**' ]
jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      packages: write
    steps:
      - uses: actions/checkout@v4
      - name: Login to GitHub Container Registry
        uses: docker/login-action@v3
        with:
          registry: ghcr.io
          username: \${{ github.repository_owner }}
          password: \${{ secrets.GITHUB_TOKEN }}
      - name: Build dev container image
        uses: devcontainers/ci@v0.3
        with:
          subFolder: ./.github
          imageName: ghcr.io/acme/homelab-devcontainer
          cacheFrom: ghcr.io/acme/homelab-devcontainer
          push: PUSH
`.replace('PUSH', push);
    const pushing = await detectIn(detector, writeTree({ '.github/workflows/build-devcontainer.yaml': workflow('always') }));
    expect(places(pushing)).toEqual(['.github/workflows/build-devcontainer.yaml:20']);
    expect(pushing.evidence[0]!.detail).toBe('pushes image to GHCR (devcontainers/ci push)');
    const never = await detectIn(detector, writeTree({ '.github/workflows/build-devcontainer.yaml': workflow('never') }));
    expect(never.evidence).toEqual([]);
    const gitPush = 'on: push\njobs:\n  bump:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ad-m/github-push-action@v0.8.0\n        with:\n          branch: main\n          tags: true\n          push: true\n';
    expect((await detectIn(detector, writeTree({ '.github/workflows/bump.yaml': gitPush }))).evidence).toEqual([]);
  });

  it('counts builders that push on their own (Jib by coordinates or CLI, Spring Boot publish, ko, pack --publish), not their local builds', async () => {
    const gitlab = (lines: string[]) => `image:\n  stage: build\n  script:\n${lines.map((l) => `    - ${l}\n`).join('')}`;
    const pushing = writeTree({
      '.gitlab-ci.yml': gitlab([
        'mvn -B com.google.cloud.tools:jib-maven-plugin:3.4.0:build -Dimage=registry.gitlab.com/acme/orders:$CI_COMMIT_SHA',
        'jib build --target=registry.gitlab.com/acme/cli:$CI_COMMIT_SHA',
        './mvnw spring-boot:build-image -Dspring-boot.build-image.imageName=registry.gitlab.com/acme/web -Dspring-boot.build-image.publish=true',
        'KO_DOCKER_REPO=registry.gitlab.com/acme ko build ./cmd/api',
        'pack build registry.gitlab.com/acme/worker --builder paketobuildpacks/builder-jammy-base --publish',
      ]),
    });
    expect(places(await detectIn(detector, pushing))).toEqual(['.gitlab-ci.yml:4', '.gitlab-ci.yml:5', '.gitlab-ci.yml:6', '.gitlab-ci.yml:7', '.gitlab-ci.yml:8']);
    const local = writeTree({
      '.gitlab-ci.yml': gitlab(['mvn compile jib:dockerBuild', './mvnw spring-boot:build-image', 'ko build --local ./cmd/api', 'pack build worker --builder paketobuildpacks/builder-jammy-base']),
    });
    expect((await detectIn(detector, local)).evidence).toEqual([]);
  });
});
