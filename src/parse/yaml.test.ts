import { describe, expect, it } from 'vitest';
import { lineOf, parseYaml } from './yaml.js';

const opts = { maxDocuments: 100, maxNodes: 10_000 };

describe('parseYaml', () => {
  it('gives the line of every document, mapping and key in a multi-document file', () => {
    const text = [
      '# a comment',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          image: nginx:1.27',
      '        - name: sidecar',
      '          image: envoy',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: { name: web }',
    ].join('\n');
    const { documents, errors } = parseYaml(text, opts);
    expect(errors).toEqual([]);
    expect(documents.map((d) => d.line)).toEqual([2, 15]);
    const deployment = documents[0]!.value as any;
    expect(lineOf(deployment, 'kind')).toBe(3);
    const containers = deployment.spec.template.spec.containers;
    expect(lineOf(containers, 1)).toBe(12);
    expect(lineOf(containers[1], 'image')).toBe(13);
    expect(lineOf(containers[0])).toBe(10);
    expect(lineOf(documents[1]!.value, 'metadata')).toBe(17);
  });

  it('merges `<<: *anchor` keys as GitLab CI and compose files use them, with the lines of the merging mapping', () => {
    const text = [
      '.go-cache: &go-cache',
      '  image: golang:1.22',
      '  cache:',
      '    key: go-mod',
      '',
      'unit-tests:',
      '  stage: test',
      '  <<: *go-cache',
      '  script:',
      '    - go test ./...',
      '',
      'lint:',
      '  <<: [*go-cache]',
      '  image: golangci/golangci-lint:v1.59',
    ].join('\n');
    const { documents, errors } = parseYaml(text, opts);
    expect(errors).toEqual([]);
    const ci = documents[0]!.value as Record<string, Record<string, unknown>>;
    expect(ci['unit-tests']).toEqual({ stage: 'test', image: 'golang:1.22', cache: { key: 'go-mod' }, script: ['go test ./...'] });
    // A key of the mapping itself wins over a merged one.
    expect(ci.lint!.image).toBe('golangci/golangci-lint:v1.59');
    expect(Object.keys(ci['unit-tests']!)).not.toContain('<<');
    expect(lineOf(ci['unit-tests'], 'script')).toBe(9);
  });

  it('keeps the good documents when one in the middle is broken', () => {
    const text = 'kind: A\n---\nkind: [broken\n---\nkind: C\n';
    const { documents, errors } = parseYaml(text, opts);
    expect(documents.filter((d) => !d.partial).map((d) => (d.value as any).kind)).toEqual(['A', 'C']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^line [34]:/);
  });

  it('reads Helm templates by blanking the actions but keeping lines', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: {{ include "web.fullname" . }}',
      '  labels:',
      '    {{- include "web.labels" . | nindent 4 }}',
      'spec:',
      '  {{- if not .Values.autoscaling.enabled }}',
      '  replicas: {{ .Values.replicaCount }}',
      '  {{- end }}',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: {{ .Chart.Name }}',
      '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"',
      '          livenessProbe:',
      '            {{- toYaml .Values.livenessProbe | nindent 12 }}',
    ].join('\n');
    const { documents, errors } = parseYaml(text, opts);
    expect(errors).toEqual([]);
    expect(documents[0]!.templated).toBe(true);
    const c = (documents[0]!.value as any).spec.template.spec.containers[0];
    expect(c.image).toBe('__TPL__:__TPL__');
    expect(lineOf(c, 'image')).toBe(15);
    expect(lineOf(c, 'livenessProbe')).toBe(16);
  });

  it('refuses a billion-laughs alias bomb without expanding it', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`);
    }
    const { documents, errors } = parseYaml(lines.join('\n'), opts);
    expect(documents.filter((d) => !d.partial)).toHaveLength(0);
    expect(errors[0]).toMatch(/alias bomb/);
  });

  it('understands CloudFormation short-form tags', () => {
    const text = 'Resources:\n  Cluster:\n    Type: AWS::EKS::Cluster\n    Properties:\n      RoleArn: !GetAtt Role.Arn\n      Name: !Sub "${AWS::StackName}-eks"\n';
    const { documents, errors } = parseYaml(text, opts);
    expect(errors).toEqual([]);
    expect((documents[0]!.value as any).Resources.Cluster.Properties.RoleArn).toEqual({ '!GetAtt': 'Role.Arn' });
  });

  it('gives key and item lines for odd keys too: numbers, booleans, repeats, collections as keys', () => {
    const text = [
      'ports:', //                    1
      '  8080: http', //              2
      '  true: yes', //               3
      '  name: first', //             4
      '  ? [a, b]', //                5  a sequence as a key: no line of its own
      '  : joined', //                6
      '  name: second', //            7  a repeat: the first one's line is kept
      '  after: x', //                8
      'list:', //                     9
      '  - one', //                  10
      '  - { k: v }', //             11
    ].join('\n');
    const { documents, errors } = parseYaml(text, opts);
    expect(errors).toEqual([]);
    const doc = documents[0]!.value as any;
    expect(Object.keys(doc.ports)).toEqual(['8080', 'true', 'name', 'a,b', 'after']);
    expect(['8080', 'true', 'name', 'after'].map((key) => lineOf(doc.ports, key))).toEqual([2, 3, 4, 8]);
    // Otherwise the node's own line: a block collection under a key starts on the key's line.
    expect(lineOf(doc.ports, 'missing')).toBe(1);
    expect(lineOf(doc.ports, 0)).toBe(1); // a mapping has no items
    expect([0, 1].map((i) => lineOf(doc.list, i))).toEqual([10, 11]);
    expect(lineOf(doc.list, 5)).toBe(9); // past the end
    expect(lineOf(doc.list, 'k')).toBe(9); // a sequence has no keys
    expect(lineOf(doc.list[1], 'k')).toBe(11);
  });

  it('survives 10,000 levels of nesting with an error, not a crash', () => {
    const text = '['.repeat(10_000) + ']'.repeat(10_000);
    const { errors } = parseYaml(text, opts);
    expect(errors.length).toBe(1);
  });
});
