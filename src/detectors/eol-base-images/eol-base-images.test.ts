import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, fixtureRepo, places, writeTree } from '../../../test/helpers/fixtures.js';
import { detector, findEolBases, judge, loadEolTable } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const table = loadEolTable();

describe('eol-base-images detector', () => {
  it('flags end-of-life bases, including one reached through nested ARGs, and skips internal stages', async () => {
    const result = await detectIn(detector, join(fixtures, 'aging'));
    expect(places(result).sort()).toEqual(
      [
        'services/legacy/Dockerfile:2',
        'services/web/Dockerfile:5',
        'services/tools/Containerfile:1',
        'services/tools/Containerfile:4',
        'services/api/Dockerfile.ci:1',
        'services/api/Dockerfile.ci:6',
      ].sort(),
    );
    expect(result.evidence.find((e) => e.file === 'services/legacy/Dockerfile')?.detail).toBe(
      `FROM alpine:3.6 — alpine 3.6 reached end of life on 2019-05-01 (table of ${table.asOf})`,
    );
    expect(result.evidence.find((e) => e.file === 'services/web/Dockerfile')?.detail).toMatch(/^FROM node:14-alpine — node 14 reached end of life on 2023-04-30/);
  });

  it('flags bases that reached end of life in 2025-2026 (Temurin 24, Node 25, Debian 11) and leaves their successors alone', async () => {
    const result = await detectIn(detector, join(fixtures, 'recent-eol'));
    expect(places(result).sort()).toEqual(['src/ad/Dockerfile:1', 'src/flags/Dockerfile:1', 'src/payment/Dockerfile:1']);
    expect(result.evidence.find((e) => e.file === 'src/flags/Dockerfile')?.detail).toMatch(/debian 11 reached end of life on 2026-08-31/);
  });

  it('flags cycles that ended before the table date (Go 1.24, Alpine 3.21, Ruby 3.2, PHP 8.1, Postgres 13)', async () => {
    const result = await detectIn(detector, join(fixtures, 'past-2025'));
    expect(places(result).sort()).toEqual(
      ['services/billing/Dockerfile:1', 'services/db/Dockerfile:1', 'services/orders/Dockerfile:1', 'services/orders/Dockerfile:8', 'services/storefront/Dockerfile:5'].sort(),
    );
    expect(result.evidence.find((e) => e.line === 8)?.detail).toMatch(/alpine 3\.21 reached end of life on 2026-11-01/);
  });

  it('never flags a version the table does not list, even next to listed ones', () => {
    const on = '2026-11-01';
    for (const image of ['golang:1.25-alpine', 'golang:1.26', 'alpine:3.22', 'alpine:3.2', 'ruby:3.3-slim', 'ruby:4.0', 'postgres:14', 'postgres:130', 'php:8.2-fpm', 'ubuntu:24.04', 'ubuntu:noble', 'node:22-alpine', 'python:3.10-slim']) {
      expect(judge(image, table, on), image).toBeUndefined();
    }
    expect(judge('ubuntu:oracular-20250225', table, on)?.cycle.cycle).toBe('24.10');
  });

  it('flags Go 1.8 and .NET Core 3.1 (mcr.microsoft.com/dotnet/core/*), and not a test fixture\'s Dockerfile under tests/', async () => {
    // Modelled on circleci-demo-k8s-gcp-hello-app, private-aks-cluster-terraform-devops and elastic-ci-stack-for-aws.
    const root = writeTree({
      'hello-app/Dockerfile': 'FROM golang:1.8-alpine\nADD . /go/src/hello-app\nRUN go install hello-app\n\nFROM alpine:latest\nCOPY --from=0 /go/bin/hello-app .\n',
      'source/Dockerfile':
        'FROM mcr.microsoft.com/dotnet/core/aspnet:3.1-buster-slim AS base\nWORKDIR /app\n\nFROM mcr.microsoft.com/dotnet/core/sdk:3.1-buster AS build\nCOPY . .\nRUN dotnet publish -c Release -o /app\n\nFROM base AS final\nCOPY --from=build /app .\n',
      'tests/Dockerfile': 'ARG REGISTRY=public.ecr.aws/docker\nFROM $REGISTRY/library/postgres:13.3-alpine\n',
    });
    const result = await detectIn(detector, root);
    expect(places(result).sort()).toEqual(['hello-app/Dockerfile:1', 'source/Dockerfile:1', 'source/Dockerfile:4']);
    expect(result.evidence.find((e) => e.file === 'hello-app/Dockerfile')?.detail).toMatch(/^FROM golang:1\.8-alpine — golang 1\.8 reached end of life on 2018-02-16/);
    expect(result.evidence.find((e) => e.line === 1 && e.file === 'source/Dockerfile')?.detail).toMatch(/mcr\.microsoft\.com\/dotnet\/core\/aspnet 3\.1 reached end of life on 2022-12-13/);
  });

  it('leaves current bases, scratch, ARGs without a default, stage references and Markdown alone', async () => {
    const result = await detectIn(detector, join(fixtures, 'current'));
    expect(result.evidence).toEqual([]);
  });

  it('judges the servers and distributions Java and PHP shops build on (Tomcat, MySQL, MongoDB, Amazon Linux)', () => {
    const on = '2026-11-01';
    expect(judge('tomcat:8.5.100-jdk11-temurin', table, on)?.cycle.eol).toBe('2024-03-31');
    expect(judge('tomcat:8-jre8', table, on)?.cycle.note).toContain('8.5');
    expect(judge('tomcat:9.0.97-jdk17', table, on)).toBeUndefined();
    expect(judge('mysql:5.7.44', table, on)?.cycle.cycle).toBe('5.7');
    expect(judge('mysql:8.4', table, on)).toBeUndefined();
    expect(judge('mongo:4.4.29-focal', table, on)?.cycle.cycle).toBe('4.4');
    expect(judge('mongo:7.0', table, on)).toBeUndefined();
    expect(judge('amazonlinux:2.0.20240306.2', table, on)?.cycle.cycle).toBe('2');
    expect(judge('amazonlinux:2023', table, on)).toBeUndefined();
    expect(judge('httpd:2.2-alpine', table, on)?.cycle.cycle).toBe('2.2');
  });

  it('matches cycles from real tag shapes and never a longer version', () => {
    const on = '2026-11-01';
    expect(judge('alpine:3.6.2', table, on)?.cycle.cycle).toBe('3.6');
    expect(judge('python:3.7-slim-buster', table, on)?.name).toBe('python');
    expect(judge('debian:buster-20240612-slim', table, on)?.cycle.cycle).toBe('10');
    expect(judge('ubuntu:bionic', table, on)?.cycle.cycle).toBe('18.04');
    expect(judge('docker.io/library/node:16.20.2-bullseye', table, on)?.cycle.cycle).toBe('16');
    expect(judge('public.ecr.aws/docker/library/postgres:9.6-alpine', table, on)?.cycle.cycle).toBe('9.6');
    expect(judge('mcr.microsoft.com/dotnet/aspnet:3.1', table, on)?.cycle.eol).toBe('2022-12-13');
    expect(judge('golang:1.20rc1', table, on)?.cycle.cycle).toBe('1.20');
    // 1.2 is its own (long ended) cycle, never 1.20's
    expect(judge('golang:1.2', table, on)?.cycle.eol).toBe('2014-12-10');
    expect(judge('alpine:3.60', table, on)).toBeUndefined();
    expect(judge('alpine:latest', table, on)).toBeUndefined();
    expect(judge('node:lts-alpine', table, on)).toBeUndefined();
    expect(judge('ghcr.io/acme/node:14', table, on)).toBeUndefined();
    expect(judge('node:24-alpine', table, on)).toBeUndefined();
  });

  it('does not flag a cycle before its end-of-life date, and takes an override table', async () => {
    expect(judge('node:20-alpine', table, '2026-04-29')).toBeUndefined();
    expect(judge('node:20-alpine', table, '2026-04-30')?.cycle.cycle).toBe('20');
    const custom = loadEolTable({ asOf: '2030-01-01', images: { node: [{ cycle: '22', eol: '2027-04-30' }, { cycle: '14', eol: '2023-05-01' }, { cycle: 'bad' }] } });
    // Cycles are merged: the own table's dates win, the shipped cycles it does not list stay.
    expect(custom.images.node).toEqual(expect.arrayContaining([{ cycle: '22', eol: '2027-04-30' }, { cycle: '14', eol: '2023-05-01' }, { cycle: '20', eol: '2026-04-30' }]));
    expect(custom.images.node!.filter((c) => c.cycle === '14')).toHaveLength(1);
    expect(custom.asOf).toBe('2030-01-01');
    expect(custom.images.alpine?.length).toBeGreaterThan(5);
    const repo = await fixtureRepo(join(fixtures, 'current'));
    expect(places({ evidence: findEolBases(repo, custom, '2028-01-01') })).toEqual(['services/web/Dockerfile:1']);
    expect(loadEolTable('not a table').asOf).toBe(table.asOf);
  });

  it('judges a Go toolchain republished under another registry by its Go version, and the deprecated java image as frozen in 2016', async () => {
    // Modelled on den-vasyliev/kbot (FROM quay.io/projectquay/golang:1.20 AS builder) and a Spring
    // Boot demo-service (FROM java:8). openjdk:8 stays unflagged: Java 8 is still an LTS.
    const root = writeTree({
      Dockerfile: 'FROM quay.io/projectquay/golang:1.20 AS builder\nWORKDIR /go/src/app\nCOPY . .\nRUN make build\n\nFROM scratch\nCOPY --from=builder /go/src/app/kbot .\n',
      'legacy/Dockerfile': 'FROM java:8\nADD build/libs/app.jar /app/app.jar\n',
      'batch/Dockerfile': 'FROM openjdk:8-jdk-alpine\nADD app.jar /app.jar\n',
      'tools/Dockerfile': 'FROM quay.io/projectquay/golang:1.25\n',
    });
    const result = await detectIn(detector, root);
    expect(places(result).sort()).toEqual(['Dockerfile:1', 'legacy/Dockerfile:1']);
    expect(result.evidence.find((e) => e.file === 'Dockerfile')?.detail).toMatch(/^FROM quay\.io\/projectquay\/golang:1\.20 — golang 1\.20 reached end of life on 2024-02-06/);
    expect(result.evidence.find((e) => e.file === 'legacy/Dockerfile')?.detail).toContain('the java image is deprecated: no updates since 2016-12-31');
  });
});
