import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'image-pipeline',
  name: 'Image build-and-push pipeline',
  kind: 'practice',
  description:
    'A CI pipeline (or a script or make target it calls) that pushes a container image to a registry: docker/podman/buildah push, buildx --push, docker/build-push-action with push, any action handed an image name and told to push it (devcontainers/ci `push: always`), kaniko --destination, gcloud builds submit, ko, Jib (Maven, Gradle, CLI), Spring Boot `build-image` with publish, `pack build --publish`, az acr build, CircleCI aws-ecr/gcp-gcr/docker orbs, Azure Docker@2, Bitbucket push pipes (atlassian/aws-ecr-push-image…), Tekton build tasks, Cloud Build images, a GoReleaser release (`goreleaser release` or goreleaser-action, not `--snapshot`) whose `.goreleaser.yml` lists `dockers:`, `docker_manifests:`, `dockers_v2:` or `kos:`. The evidence names the registry (ECR, GCR/Artifact Registry, ACR, Harbor, GHCR, Quay, Docker Hub, GitLab, Nexus).',
  remediation:
    'Build every service image in CI and push it, tagged with the commit, to one registry the clusters pull from (ECR, Artifact Registry, ACR, Harbor, GHCR or Nexus), e.g. docker/login-action then docker/build-push-action with push: true, or a kaniko job in GitLab.',
  // Found in a repository, it says the repository ships a service (src/scan/scan-listed.ts).
  service: true,
} satisfies DetectorDefinition;
