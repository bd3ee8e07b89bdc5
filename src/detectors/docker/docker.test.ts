import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, '..', 'image-pipeline', 'fixtures');

describe('docker detector', () => {
  it('gives the first FROM of a multi-stage Dockerfile, after its ARG and comments', async () => {
    const result = await detectIn(detector, join(fixtures, 'service-repo'));
    expect(result.evidence).toEqual([{ file: 'Dockerfile', line: 4, detail: 'FROM golang:${GO_VERSION}-alpine' }]);
  });

  it('finds Dockerfiles in sub-folders and Containerfiles', async () => {
    expect(places(await detectIn(detector, join(fixtures, 'gitlab-kaniko')))).toEqual(['app/Dockerfile:1']);
    expect(places(await detectIn(detector, join(import.meta.dirname, '..', 'tilt', 'fixtures', 'platform-dev')))).toEqual(['Containerfile:1']);
  });

  it('does not count a test fixture\'s Dockerfile under tests/ as an image of the repository', async () => {
    // Modelled on buildkite/elastic-ci-stack-for-aws: tests/Dockerfile starts a Postgres for the suite.
    const root = writeTree({ 'tests/Dockerfile': 'ARG REGISTRY\nFROM $REGISTRY/library/postgres:13.3-alpine\n', 'packer/linux/build.sh': '#!/bin/sh\npacker build .\n' });
    expect((await detectIn(detector, root)).evidence).toEqual([]);
  });

  it('finds Dockerfiles named with a dash or an underscore, one per service, but not notes about them', async () => {
    // Modelled on thangchung/go-coffeeshop: docker/Dockerfile-barista, docker/Dockerfile-kitchen…
    const root = writeTree({
      'docker/Dockerfile-barista': 'FROM golang:1.19.2-alpine3.16 AS builder\nRUN go build ./cmd/barista\nFROM scratch\n',
      'docker/Dockerfile_kitchen': 'FROM golang:1.19.2-alpine3.16\n',
      'docker/Dockerfile-notes.md': 'FROM is explained here\n',
    });
    expect(places(await detectIn(detector, root))).toEqual(['docker/Dockerfile-barista:1', 'docker/Dockerfile_kitchen:1']);
  });

  it('ignores a documentation page named Dockerfile.md and README mentions', async () => {
    const result = await detectIn(detector, join(fixtures, 'build-only'));
    expect(places(result)).toEqual(['Dockerfile:1']);
  });

  it('does not count the Dockerfile of a helper GitHub action under .github/actions/ as the service\'s containerisation', async () => {
    // Modelled on codecentric/helm-charts: .github/actions/bumpVersionAction holds a Docker container action.
    const root = writeTree({
      '.github/actions/bumpVersionAction/action.yml': "name: Bump chart version\nruns:\n  using: docker\n  image: Dockerfile\n",
      '.github/actions/bumpVersionAction/Dockerfile': '# Container image that runs your code\nFROM python:alpine\nCOPY bump-version.py /bump-version.py\nENTRYPOINT ["/bump-version.py"]\n',
      'charts/keycloak/Chart.yaml': 'apiVersion: v2\nname: keycloak\nversion: 18.4.0\n',
    });
    expect((await detectIn(detector, root)).evidence).toEqual([]);
  });
});
