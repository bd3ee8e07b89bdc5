import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('chart-publishing detector', () => {
  it('finds chart-releaser (action and config) and an OCI helm push', async () => {
    const result = await detectIn(detector, join(fixtures, 'chart-repo'));
    expect(places(result)).toEqual(['.github/workflows/release.yml:33', '.github/workflows/release.yml:24', 'cr.yaml:1']);
  });

  it('does not count helm package alone, an unrelated S3 upload, a release script CI never runs or a README', async () => {
    expect((await detectIn(detector, join(fixtures, 'package-only'))).evidence).toEqual([]);
  });

  it('counts a bump-and-release action handed a chart and the chart repository\'s credentials, not a bump that only edits Chart.yaml', async () => {
    // Modelled on mittwald/kubernetes-replicator's release.yml (mittwald/bump-app-version-action, mode: publish).
    const step = (env: string) =>
      'name: Release\non:\n  push:\n    tags: [\'*\']\njobs:\n  bump-version:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v2\n' +
      "      - name: Bump chart version\n        uses: mittwald/bump-app-version-action@v1\n        with:\n          mode: 'publish'\n          chartYaml: './deploy/helm-chart/kubernetes-replicator/Chart.yaml'\n" +
      `        env:\n          GITHUB_TOKEN: "\${{ secrets.RELEASE_USER_TOKEN }}"\n${env}`;
    const chart = { 'deploy/helm-chart/kubernetes-replicator/Chart.yaml': 'apiVersion: v1\nname: kubernetes-replicator\nversion: 2.9.2\n' };
    const publishing = writeTree({ ...chart, '.github/workflows/release.yml': step('          HELM_REPO_PASSWORD: "${{ secrets.HELM_REPO_PASSWORD }}"\n') });
    const result = await detectIn(detector, publishing);
    expect(places(result)).toEqual(['.github/workflows/release.yml:11']);
    expect(result.evidence[0]!.detail).toBe('uses mittwald/bump-app-version-action@v1 with a chart and chart repository credentials (HELM_REPO_PASSWORD)');

    const bumpOnly = writeTree({ ...chart, '.github/workflows/release.yml': step('') });
    expect((await detectIn(detector, bumpOnly)).evidence).toEqual([]);
  });

  it('follows a Jenkinsfile into the script it calls: a packaged chart uploaded through a variable that holds the .tgz', async () => {
    // Modelled on eldada/jenkins-pipeline-kubernetes: `build.sh --pack_helm --push_helm`, curl -T to Artifactory.
    const result = await detectIn(detector, join(fixtures, 'jenkins-script'));
    expect(places(result)).toEqual(['build.sh:28']);
  });

  it('does not count an upload from a packaging script whose variable holds something else than a chart', async () => {
    const dir = writeTree({
      '.gitlab-ci.yml': 'release:\n  script:\n    - ./ci/release.sh\n',
      'ci/release.sh': '#!/bin/sh\nREPORT=build/coverage.xml\nhelm package charts/web\ncurl -T ${REPORT} https://reports.example.com/upload\n',
      'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
    });
    expect((await detectIn(detector, dir)).evidence).toEqual([]);
  });

  it('follows CI into a script without an extension in a scripts folder, read when it starts with a shell shebang', async () => {
    const ci = 'release:\n  stage: release\n  script:\n    - ./scripts/publish-chart charts/web\n';
    const shell = '#!/usr/bin/env bash\nset -euo pipefail\nhelm package "$1" -d dist\nhelm push dist/*.tgz oci://registry.gitlab.com/acme/charts\n';
    const found = await detectIn(detector, writeTree({ '.gitlab-ci.yml': ci, 'scripts/publish-chart': shell }));
    expect(places(found)).toEqual(['scripts/publish-chart:4']);
    const python = '#!/usr/bin/env python3\nprint("helm push dist/web.tgz oci://registry.gitlab.com/acme/charts")\n';
    expect((await detectIn(detector, writeTree({ '.gitlab-ci.yml': ci, 'scripts/publish-chart': python }))).evidence).toEqual([]);
  });
});
