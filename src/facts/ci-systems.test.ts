import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectAll, fixtureRepo, writeTree } from '../../test/helpers/fixtures.js';
import { DETECTORS } from '../detectors/registry.js';
import { runDetectors } from '../scan/run-detectors.js';
import { ciPipelineFiles, ciSystemOf } from './files/paths.js';
import { imagePushes } from './images/image-pushes.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'ci-systems');

describe('CI systems read as CI', () => {
  it('knows Woodpecker and CodeBuild pipeline files by path', () => {
    expect(ciSystemOf('.woodpecker.yml')).toBe('woodpecker');
    expect(ciSystemOf('.woodpecker/test.yaml')).toBe('woodpecker');
    expect(ciSystemOf('docs/.woodpecker/test.yaml')).toBeUndefined();
    expect(ciSystemOf('buildspec.yml')).toBe('codebuild');
    expect(ciSystemOf('ci/buildspec-release.yaml')).toBe('codebuild');
  });

  it('a Woodpecker shop: pull-request triggers, the Trivy plugin and buildx plugin pushes (not the dry run) are seen', async () => {
    const dir = join(fixtures, 'woodpecker-shop');
    const repo = await fixtureRepo(dir);
    expect([...ciPipelineFiles(repo).keys()].sort()).toEqual(['.woodpecker/docker.yaml', '.woodpecker/securityscan.yaml']);
    expect(imagePushes(repo).map((p) => `${p.file}:${p.line} ${p.method} ${p.reference}`)).toEqual([
      '.woodpecker/docker.yaml:32 Woodpecker plugin-docker-buildx plugin acme/orders-server',
    ]);
    const found = await detectAll(dir);
    expect(found.get('ci-on-pull-requests')).toEqual(['.woodpecker/docker.yaml:9', '.woodpecker/securityscan.yaml:1']);
    expect(found.get('trivy')).toEqual(['.woodpecker/securityscan.yaml:9']);
    expect(found.get('image-pipeline')).toBeDefined();
    expect(found.get('woodpecker')).toBeDefined();
  });

  it('a Jenkinsfile that calls docker.build without parentheses (Groovy command syntax) and pushes in withRegistry', async () => {
    const dir = join(fixtures, 'jenkins-groovy');
    const repo = await fixtureRepo(dir);
    expect(imagePushes(repo).map((p) => `${p.file}:${p.line} ${p.method}`)).toEqual(['Jenkinsfile:20 Jenkins docker.push()']);
    expect((await detectAll(dir)).get('image-pipeline')).toBeDefined();
  });

  it('a Jenkins pipeline kept in a Groovy file of any folder is a pipeline for every CI-following signal, by its content', async () => {
    // A job's "Script Path" pointing at pipelines/release.groovy: what it runs is CI, like a Jenkinsfile's steps.
    const dir = writeTree({
      'pipelines/release.groovy':
        "@Library('shared') _\n\npipeline {\n  agent any\n  stages {\n    stage('Publish chart') {\n      steps {\n" +
        "        sh 'helm package charts/web'\n        sh 'helm push web-${VERSION}.tgz oci://registry.acme.io/charts'\n      }\n    }\n  }\n}\n",
      'src/com/acme/Version.groovy': 'package com.acme\n\nclass Version {\n  String next() { "1.0.0" }\n}\n',
      'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
    });
    const repo = await fixtureRepo(dir);
    expect([...ciPipelineFiles(repo)]).toEqual([['pipelines/release.groovy', 'jenkins']]);
    const found = await detectAll(dir);
    expect(found.get('chart-publishing')).toEqual(['pipelines/release.groovy:9']);
    expect(found.get('jenkins')).toEqual(['pipelines/release.groovy:3']);
  });
});

describe('sample and harness folders are not the repository own use', () => {
  it('manifests under sample-manifests/ and hack/ are not deployments; a CI-called hack/ script still pushes', async () => {
    const dir = writeTree({
      '.github/workflows/release.yaml': 'on:\n  push:\n    branches: [main]\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: hack/release.sh\n',
      'hack/release.sh': '#!/bin/sh\nset -e\ndocker build -t ghcr.io/acme/proxy:$TAG .\ndocker push ghcr.io/acme/proxy:$TAG\n',
      'hack/metallb-config.yaml': 'apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata:\n  name: kind-pool\n  namespace: metallb-system\nspec:\n  addresses:\n    - 172.18.255.200-172.18.255.250\n',
      'sample-manifests/istio/gateway.yaml': 'apiVersion: networking.istio.io/v1beta1\nkind: Gateway\nmetadata:\n  name: store-gateway\nspec:\n  selector:\n    istio: ingressgateway\n  servers:\n    - port: { number: 80, name: http, protocol: HTTP }\n      hosts: ["*"]\n',
      'Dockerfile': 'FROM golang:1.23\n',
    });
    // The scan's own step, which applies the one own-use rule to every detector's evidence.
    const detections = runDetectors(await fixtureRepo(dir), DETECTORS);
    const found = new Map(detections.map((d) => [d.id, d.evidence.map((e) => ('file' in e ? `${e.file}:${e.line}` : ''))]));
    expect(found.get('k8s-manifests')).toBeUndefined();
    expect(found.get('istio')).toBeUndefined();
    expect(found.get('image-pipeline')).toEqual(['hack/release.sh:4']);
  });
});
