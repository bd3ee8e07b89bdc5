import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error the comparison is plain JavaScript, shared with the equivalence script
import { firstYamlDifference } from '../../scripts/yaml-equivalence.mjs';
import { lineOf, parseYaml, yamlFastPathCounts } from '../../src/parse/yaml.js';

/**
 * parseYaml's fast path must give exactly what js-yaml and its listener give (`reference: true`)
 * wherever it answers: the same documents (values deep-equal, key order and types included),
 * flags and errors, and the same line on every mapping, key, sequence and item. Checked on files
 * written the way teams commit them, on generated YAML-ish text and on mutated fixtures. The
 * common files must really be answered by the fast path, or a fast path that always bails would pass.
 */

const LIMITS = { maxDocuments: 1000, maxNodes: 1_000_000 };

/** The first difference between the two ways, as a path; undefined when they agree. */
function difference(text: string, limits = LIMITS): string | undefined {
  const reference = parseYaml(text, { ...limits, reference: true });
  let fast;
  try {
    fast = parseYaml(text, limits);
  } catch (error) {
    return `the fast parse threw ${String(error)}`;
  }
  return firstYamlDifference(reference, fast, lineOf) as string | undefined;
}

function expectSame(text: string, limits = LIMITS): void {
  expect(difference(text, limits), `text: ${JSON.stringify(text)}`).toBeUndefined();
}

/** How many documents of `text` the fast path answered and how many it handed to js-yaml. */
function fastPathCounts(text: string): { fast: number; fallback: number; documents: number } {
  const before = yamlFastPathCounts();
  const { documents } = parseYaml(text, LIMITS);
  const after = yamlFastPathCounts();
  return { fast: after.fast - before.fast, fallback: after.fallback - before.fallback, documents: documents.length };
}

const deployment = `---
# Source: web/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels:
    app.kubernetes.io/name: web
    app.kubernetes.io/version: "1.4.2"
  annotations:
    deployment.kubernetes.io/revision: "3"
spec:
  replicas: 3
  revisionHistoryLimit: 10
  selector:
    matchLabels:
      app: web
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  template:
    metadata:
      labels:
        app: web
    spec:
      serviceAccountName: web
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        fsGroup: 2000
      containers:
        - name: web
          image: registry.example.com/shop/web:1.4.2@sha256:0123abcd
          imagePullPolicy: IfNotPresent
          args: ["--a", "b", "--log-level=info"]
          command:
            - /app/web
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
          env:
            - name: DATABASE_URL
              valueFrom:
                secretKeyRef:
                  name: web-db
                  key: url
            - name: FEATURE_FLAGS
              value: "a,b,c"
            - name: GOMAXPROCS
              value: '2'
            - name: EMPTY
              value: ""
          readinessProbe:
            httpGet:
              path: /healthz
              port: http
            initialDelaySeconds: 5
            periodSeconds: 10
          livenessProbe:
            exec:
              command: [cat, /tmp/healthy]
            failureThreshold: 3
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
          volumeMounts:
            - { name: config, mountPath: /etc/web, readOnly: true }
        - name: sidecar
          image: envoyproxy/envoy:v1.30.1
          resources: {}
          securityContext:
            allowPrivilegeEscalation: false
            capabilities:
              drop: ["ALL"]
      volumes:
        - name: config
          configMap:
            name: web-config
      nodeSelector: {}
      tolerations: []
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: ClusterIP
  ports:
  - port: 80
    targetPort: http
  selector:
    app: web
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  LOG_LEVEL: info
  nginx.conf: |
    server {
      listen 8080;

      location / {
        proxy_pass http://127.0.0.1:9000;
      }
    }
  empty: ""
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
`;

const compactPod = `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: x
  name: x
spec:
  containers:
  - name: x
    image: nginx:1.25
    ports:
    - containerPort: 80
    resources: {}
  - args:
    - sleep
    - "3600"
    image: busybox
    name: y
    env:
    - name: A
      value: b
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`;

const helmValues = `# Default values for web.
# This is a YAML-formatted file.
# Declare variables to be passed into your templates.

# -- Number of replicas
replicaCount: 1   # overridden in prod

image:
  # -- image repository
  repository: ghcr.io/acme/web
  pullPolicy: IfNotPresent
  # Overrides the image tag whose default is the chart appVersion.
  tag: ""

imagePullSecrets: []
nameOverride: ""
fullnameOverride: ""

serviceAccount:
  # Specifies whether a service account should be created
  create: true
  # Annotations to add to the service account
  annotations: {}
  # The name of the service account to use.
  # If not set and create is true, a name is generated using the fullname template
  name:

podAnnotations: {}

podSecurityContext: {}
  # fsGroup: 2000

securityContext: {}
  # capabilities:
  #   drop:
  #   - ALL
  # readOnlyRootFilesystem: true

service:
  type: ClusterIP
  port: 80

ingress:
  enabled: false
  className: ""
  annotations: {}
    # kubernetes.io/ingress.class: nginx
  hosts:
    - host: chart-example.local
      paths:
        - path: /
          pathType: ImplementationSpecific
  tls: []
  #  - secretName: chart-example-tls
  #    hosts:
  #      - chart-example.local

resources: {}
  # limits:
  #   cpu: 100m
  #   memory: 128Mi

autoscaling:
  enabled: false
  minReplicas: 1
  maxReplicas: 100
  targetCPUUtilizationPercentage: 80
  # targetMemoryUtilizationPercentage: 80

nodeSelector: {}

tolerations: []

affinity: {}

postgresql:
  enabled: true
  auth:
    username: app
    database: app
    existingSecret:
  primary:
    persistence:
      size: 8Gi
extraEnv:
  LOG_FORMAT: json
  TZ: Europe/Paris
  # a comment at the end of a mapping
emptyAtEnd:
`;

const workflow = `name: CI

on:
  push:
    branches: [main]
    tags: ['v*']
  pull_request:
  workflow_dispatch:
    inputs:
      environment:
        description: 'Where to deploy'
        required: true
        default: staging
        type: choice
        options: [staging, production]

permissions:
  contents: read
  id-token: write

concurrency:
  group: \${{ github.workflow }}-\${{ github.ref }}
  cancel-in-progress: true

env:
  REGISTRY: ghcr.io
  IMAGE_NAME: \${{ github.repository }}
  GO_VERSION: "1.22"

jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-go@v5
        with:
          go-version: \${{ env.GO_VERSION }}
          cache: true
      - name: golangci-lint
        uses: golangci/golangci-lint-action@v6
        with:
          version: v1.59
          args: --timeout=5m

  test:
    runs-on: \${{ matrix.os }}
    needs: lint
    strategy:
      fail-fast: false
      matrix:
        os: [ubuntu-latest, macos-latest]
        go: ["1.21", "1.22"]
        include:
          - os: ubuntu-latest
            coverage: true
    steps:
      - uses: actions/checkout@v4
      - name: Test
        run: |
          go test ./... \\
            -race -coverprofile=coverage.out

          # the blank line above is kept
          if [ "\${{ matrix.coverage }}" = "true" ]; then
            go tool cover -func=coverage.out
          fi
      - name: Summary
        run: >-
          echo "tests passed on
          \${{ matrix.os }}"

            a more-indented line stays on its own

          last words
        shell: bash

  build:
    runs-on: ubuntu-latest
    needs: [lint, test]
    if: github.event_name == 'push' && startsWith(github.ref, 'refs/tags/')
    outputs:
      digest: \${{ steps.push.outputs.digest }}
    steps:
      - uses: actions/checkout@v4
      - uses: docker/login-action@v3
        with:
          registry: \${{ env.REGISTRY }}
          username: \${{ github.actor }}
          password: \${{ secrets.GITHUB_TOKEN }}
      - id: meta
        uses: docker/metadata-action@v5
        with:
          images: \${{ env.REGISTRY }}/\${{ env.IMAGE_NAME }}
          tags: |
            type=ref,event=branch
            type=semver,pattern={{version}}
            type=sha
      - id: push
        uses: docker/build-push-action@v6
        with:
          push: true
          tags: \${{ steps.meta.outputs.tags }}
          labels: \${{ steps.meta.outputs.labels }}

  deploy:
    runs-on: ubuntu-latest
    needs: build
    environment:
      name: production
      url: https://shop.example.com
    steps:
      - name: Deploy
        env:
          KUBECONFIG_DATA: \${{ secrets.KUBECONFIG }}
        run: |-
          echo "$KUBECONFIG_DATA" | base64 -d > kubeconfig
          kubectl --kubeconfig kubeconfig set image deployment/web web=\${{ env.REGISTRY }}/\${{ env.IMAGE_NAME }}@\${{ needs.build.outputs.digest }}
          kubectl rollout status deployment/web --timeout=120s
      - name: Notify
        if: always()
        run: curl -fsS -X POST "$SLACK_URL" -d '{"text":"deployed"}'
        continue-on-error: true
`;

const blockScalars = `keep: |+
  line one

  line three


strip: |-
  no trailing newline

clip: |
  one trailing newline


indicator: |2
    starts with two more spaces
  then normal
indicator_strip: |-1
  one space kept
folded: >
  folded
  into one line

  new paragraph
    more indented
  back
folded_keep: >+
  kept

folded_strip_indicator: >2-
   leading space
literal_with_comment: | # a comment after the indicator
  text
empty_block: |
next: value
list:
  - |
    in a sequence
  - >
    folded in a sequence
last: |
  at the end without a newline`;

const plainAndQuoted = String.raw`description: this is a plain
  scalar that continues
  on several lines

  with a blank line
url: https://example.com/a?b=c#d
seq:
  - plain item
    continued
single: 'it''s here'
single_multi: 'first
  second

  third'
double: "tab\there\nnew line \"quoted\" \u00e9 \x41 \\ back \/ \0 \e \N \_ \U0001F600"
double_cont: "line one \
  continues here"
double_multi: "a
  b

  c"
empty_single: ''
empty_double: ""
hash_in_quotes: "a # not a comment"
colon_in_quotes: 'a: b'
"quoted key": 1
'single key': 2
"": empty key
`;

const coreScalars = `tilde: ~
null_lower: null
null_title: Null
null_upper: NULL
empty:
t: true
f: False
T: TRUE
yes_string: yes
on_string: on
hex: 0x1F
octal: 0o17
underscore: 1_000
float: -1.5e3
inf: .inf
neg_inf: -.Inf
nan: .NaN
leading_zero: 012
plus: +12
trailing_dot: 1.
dot_five: .5
neg_zero: -0
big: 12345678901234567890
version: 1.10
date: 2024-01-01
timestamp: 2024-01-01T00:00:00Z
time: 12:30:45
octal_looking: 0777
binary: 0b101
1: one
true: yes
1.0: float key
~: tilde key
null: null key
-1: minus
0x10: hex key
`;

const duplicates = `name: first
image: a
name: second
nested:
  x: 1
  y: 2
  x: 3
list:
  - a: 1
    a: 2
`;

const unicode = `greeting: héllo wörld
emoji: 🚀 launch
"clé": "valeur ✓"
日本語: テスト
quoted_emoji: "\\U0001F600 \\u2713"
rtl: שלום
combining: e\u0301
`;

const commentsAndColons = `a: value # comment
b: a#b
c: "quoted" # comment
d: 'x' #comment
e: http://example.com/#anchor
f: nginx:1.25
g: https://example.com:8443/path?q=1
i: a:b
j: -dash
k: 'a:b'
l: [http://x.y, "z:1", a#b]
m: {url: http://a.b/c, n: 1}
n: key # with: colon in comment
o: 100%
p: "@scoped/package"
q: echo \`date\` ok
r: a, b, c
s: -1
`;

const scalarDocuments = `--- just a string
---
42
---
"quoted"
--- |
  a block document
---
- a
- b
...
---
plain: after end marker
`;

const commentsOnly = `# only comments
# here
---
kind: X
---
# trailing comments
  # indented comment
`;

const trailingSpaces = ['key: value   ', 'list:   ', '  - a  ', '  - b\t', 'map:  ', '  x: 1 ', '', '   ', 'block: |  ', '  text  ', '  ', 'end: 1'].join('\n');

const tabs = 'key:\tvalue\nlist:\n  - a\t# tab before comment\ntext: "a\tb"\nblock: |\n  line\twith tab\nflow: [a,\tb]\nafter:\t\t1\t\n';

const helmTemplate = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "web.fullname" . }}
  labels:
    {{- include "web.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "web.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      {{- with .Values.podAnnotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          ports:
            - name: http
              containerPort: {{ .Values.service.port }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
`;

const gitlab = `.defaults: &defaults
  image: node:20
  before_script:
    - npm ci
  tags: [docker]

variables:
  GIT_DEPTH: "10"

stages: [test, deploy]

test:
  <<: *defaults
  stage: test
  script:
    - npm test

deploy:
  <<: *defaults
  stage: deploy
  script: &deploy_script
    - ./deploy.sh
  only: [main]

deploy-manual:
  <<: [*defaults]
  script: *deploy_script
  when: manual
`;

const cloudFormation = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "\${AWS::StackName}-\${Env}-data"
      Tags:
        - Key: env
          Value: !Ref Env
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Join ["-", [!Ref Env, role]]
      Policies: !If
        - IsProd
        - []
        - !Ref AWS::NoValue
Outputs:
  Arn:
    Value: !GetAtt Bucket.Arn
`;

const oddKeys = `? complex key
: value
? |
  block key
: 1
[a, b]: flow sequence key
{x: 1}: flow mapping key
`;

function nestedBlock(depth: number): string {
  let text = '';
  for (let i = 0; i < depth; i++) text += `${'  '.repeat(i)}k${i}:\n`;
  return `${text}${'  '.repeat(depth)}leaf: 1\n`;
}

const aliasBomb = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
].join('\n');

const INVALID = [
  'key: [unclosed\nother: 1\n',
  'key: "unclosed\nother: 1\n',
  "key: 'unterminated\n",
  'a: b: c\n',
  'a:\n  b: 1\n c: 2\n',
  'a:\n\tb: 1\n',
  '- a\nb: c\n',
  'a: 1\n- b\n',
  'a: !Foo x\n',
  'a: @reserved\n',
  'a: `backtick\n',
  '{a: 1\n',
  '[a, b\n',
  'a: *unknown\n',
  'a: &x 1\nb: *y\n',
  'a: "\\q"\n',
  'a: 1\u0001\n',
  'a: |\n  x\n b\n',
  'key: value\n  more: indented\n',
  'a:\n  - x\n  y: 1\n',
  '%YAML 1.2\n---\na: 1\n',
  'kind: A\n---\nkind: [broken\nname: x\n---\nkind: C\n',
  'a: b\n  c\n',
  '"a": 1 "b": 2\n',
  '- - a\n  - b\n - c\n',
  't: - not a list\n',
  'a: 1\n\tflow: [a, b]\n',
  '? complex\n: key\n- not: here\n',
];

/** Small corners of the grammar, each on its own: spacing, escapes, numbers, merge keys, flow, block scalars, documents. */
const CORNERS = [
  'a  : 1\n', 'key:    value\n', '"a" : 1\n', '- - - x\n', '-\tx\n', 'a:\t- x\n', 'key: >\n\n  text\n', 'key: |\n\n\n', 'a: |\n\n  x\n b: 1\n',
  'a: x\u2028y\n', 'a: x\u0085y\n', 'a: 1\rb: 2\r', 'a: x\u00a0\n', 'a: 1\n\ufeffb: 2\n', "k: 'a\n\n  b'\n",
  'a: 0b1\n', 'a: +.inf\n', 'a: .Inf\n', 'a: -.nan\n', 'a: 1e3\n', 'a: 0.\n', 'a: -.5\n', 'a: 1__0\n', 'a: 0x_1F\n', 'a: 0o\n', 'a: 0x\n', 'a: 1:2\n', 'a: =\n',
  '<<: {a: 1}\nb: 2\n', 'x:\n  <<: [{a: 1}, {b: 2}]\n  c: 3\n', '__proto__: x\n', '__proto__: {a: 1}\nb: 1\n', 'constructor: x\ntoString: y\n', 'b: 1\n2: x\na: 3\n',
  'a: 9007199254740993\n', 'a: 0x7FFFFFFFFFFFFFFFF\n', 'a: 1e400\n', 'a: -1e400\n', 'a: 0o99\n', 'a: 08\n', 'a: 0.1e-5\n', 'a: +0x1\n', 'a: -0x1\n', 'a: -0o7\n',
  'a: "\\ud83d\\ude00"\n', 'a: "\\uD800"\n', 'a: "\\x"\n', 'a: "\\\n"\n', 'a: "a\\\n  b"\n', 'a: "a  \n   b"\n', 'a: \'a  \n   b\'\n', 'a: "  lead"\n',
  'a: b\n  # comment\n  c\n', 'a: b # c\n  d\n', 'a:\n- b\n- c\nd: e\n', 'a:\n  - b\n  -\n  - c\n', '- a:\n  b: 1\n', '- a:\n    b: 1\n', '-  a: 1\n   b: 2\n',
  'a: [a, b, ]\n', 'a: [a, , b]\n', 'a: {a, b}\n', 'a: {a: }\n', 'a: [a: 1]\n', 'a: {"a":1}\n', 'a: {a:1}\n', 'a: ["a":1]\n', 'a: [\n  1,\n  2\n]\n', 'a: {\n b: 1,\n c: [2,\n 3]}\n',
  'a: [b # c\n, d]\n', 'a: - b\n', 'a: -b\n', 'a: ? b\n', 'a: ?b\n', 'a: :b\n', 'a: b:\n', 'a: b :c\n', 'a: b\t#c\n', 'a: b#\n',
  '? a\n', '? a\n? b\n', 'a:\n  ? b\n  : c\n', 'key: !!str 1\n', 'key: !!int "1"\n', 'key: !!binary aGk=\n', 'key: !!map {}\n', 'key: !<tag:yaml.org,2002:str> 1\n',
  'a: &x\n  b: 1\n', 'a: &x 1\n', 'a: |-\n  x\n\n\n', 'a: >+\n  x\n\n', 'a: |1\n  x\n', 'a: |0\n  x\n', 'a: |10\n  x\n', 'a: |\n   x\n  y\n', 'a: |\n  x\n   y\n\t\n',
  'a: >\n  a\n  b\n\n\n  c\n   d\n  e\n', 'a: >\n\ta\n', 'a: |\n \tx\n', '- |\n x\n- >\n y\n', 'a: |\n  x\n# comment\nb: 1\n', 'a: |\n  x\n  # not comment\n',
  'a\n', 'a b c\n', '"a"\n', "'a' # c\n", '[a]\n', '{}\n', '- \n', '-\n', ':\n', ': a\n', '"a\nb"\n', 'a\n b\nc\n', 'a: b\nc\n', 'x\ny: 1\n',
  '  a: 1\n  b: 2\n', '  a: 1\n b: 2\n', ' - a\n - b\n', '\n\n\na: 1\n\n\n', '#c\na: 1 #c\n#c', 'a: 1\n...\nb: 2\n', 'a: 1\n--- \nb: 2\n', '---a: 1\n', '--- # c\na: 1\n',
  'a: "x\ty"\n', "a: 'x\ty'\n", 'a:\tb\n', 'a: b\t\n', '\ta: b\n', 'a: [\tb]\n', '- \ta\n', 'a:\n\t- b\n', 'a: |\n  \tx\n',
  'a: 2001:db8::1\n', 'a: 1.2.3\n', 'a: 12e\n', 'a: 1_0.5\n', 'a: 0.5_\n', 'a: 1,000\n', 'a: .\n', 'a: -\n', 'a: +\n', 'a: e5\n', 'a: 0e0\n', 'a: -0.0\n',
  'a: yes\nb: No\nc: off\nd: Y\n', 'a: NULL\nb: nULL\nc: TRUE\nd: tRUE\ne: ~a\n', 'a: .NAN\nb: .nan\nc: .INF\nd: .iNf\n',
];

interface Fixture {
  name: string;
  text: string;
  /** Every document must be answered by the fast path. */
  fast?: boolean;
}

const FIXTURES: Fixture[] = [
  { name: 'Kubernetes manifests, four documents', text: deployment, fast: true },
  { name: 'compact sequences (kubectl output)', text: compactPod, fast: true },
  { name: 'Helm values.yaml with comments everywhere', text: helmValues, fast: true },
  { name: 'GitHub Actions workflow', text: workflow, fast: true },
  { name: 'block scalars: chomping, indentation indicators, folding', text: blockScalars },
  { name: 'plain multi-line and quoted scalars', text: plainAndQuoted },
  { name: 'core-schema scalars and keys', text: coreScalars },
  { name: 'duplicate keys', text: duplicates },
  { name: 'unicode and emoji', text: unicode },
  { name: 'comments, # and : inside values', text: commentsAndColons },
  { name: 'bare scalar documents and end markers', text: scalarDocuments },
  { name: 'a document of comments only', text: commentsOnly },
  { name: 'trailing spaces', text: trailingSpaces },
  { name: 'tabs', text: tabs },
  { name: 'Helm chart template', text: helmTemplate },
  { name: 'GitLab CI with anchors and merge keys', text: gitlab },
  { name: 'CloudFormation tags', text: cloudFormation },
  { name: 'complex and flow keys', text: oddKeys },
  { name: 'nested 150 levels (block)', text: nestedBlock(150) },
  { name: 'nested 90 levels (block)', text: nestedBlock(90) },
  { name: 'nested 150 levels (flow)', text: `a: ${'['.repeat(150)}${']'.repeat(150)}\n` },
  { name: 'nested 10000 levels (flow)', text: `${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n` },
  { name: 'alias bomb', text: aliasBomb },
  ...INVALID.map((text, i) => ({ name: `invalid #${i}: ${JSON.stringify(text.slice(0, 30))}`, text })),
];

describe('the YAML fast path gives what js-yaml gives', () => {
  it.each(FIXTURES)('$name', ({ text }) => expectSame(text));

  it.each(FIXTURES)('$name, with CRLF line ends, a byte order mark, no final newline', ({ text }) => {
    expectSame(text.replace(/\n/g, '\r\n'));
    expectSame(`\ufeff${text}`);
    expectSame(text.trimEnd());
  });

  it.each(FIXTURES)('$name, cut short at every line and inside every line', ({ text }) => {
    const lines = text.split('\n');
    for (let i = 1; i <= lines.length; i++) {
      const before = lines.slice(0, i - 1).join('\n');
      expectSame(`${before}\n${lines[i - 1]!.slice(0, Math.ceil(lines[i - 1]!.length / 2))}`);
      expectSame(lines.slice(0, i).join('\n'));
    }
  });

  it('gives what js-yaml gives on small corners of the grammar', () => {
    for (const text of CORNERS) {
      expectSame(text);
      expectSame(text.replace(/\n/g, '\r\n'));
    }
  });

  it('reads collections used as keys as js-yaml does, chart templates first among them', () => {
    const keyed = [
      'metadata:\n  name: {{ include "chart.fullname" . }}\n  labels:\n    {{- include "chart.labels" . | nindent 4 }}\n',
      'spec:\n  ports:\n    - port: {{ .Values.service.port }}\n      targetPort: http\n',
      '[a, b]: c\n', '{a: 1}: b\n', '[{a: 1}, b, ~]: c\n', '[[a]]: b\n', '[a, [b]]: c\n', 'x: {[a]: 1, {b: 2}: 3}\n', 'x: [{a}: 1]\n', '{}: 1\n[]: 2\n',
    ];
    for (const text of keyed) expectSame(text);
    // The templates above take the fast path (they used to go to js-yaml).
    expect(fastPathCounts(keyed[0]!)).toEqual({ fast: 1, fallback: 0, documents: 1 });
    expect(fastPathCounts(keyed[1]!)).toEqual({ fast: 1, fallback: 0, documents: 1 });
  });

  it('the alias bomb is refused the same way under a small node limit', () => {
    expectSame(aliasBomb, { maxDocuments: 10, maxNodes: 10_000 });
    expectSame(deployment, { maxDocuments: 2, maxNodes: 50 });
  });

  it.each(FIXTURES.filter((f) => f.fast))('the fast path itself answers: $name', ({ text }) => {
    const counts = fastPathCounts(text);
    expect(counts.documents).toBeGreaterThan(0);
    expect(counts).toEqual({ fast: counts.documents, fallback: 0, documents: counts.documents });
  });
});

const INDENTS = fc.integer({ min: 0, max: 8 }).map((n) => ' '.repeat(n));
const KEYS = fc.constantFrom('name', 'image', 'a', 'b', 'app.kubernetes.io/name', '"quoted key"', "'single'", '1', '1.5', 'true', 'null', '~', 'x y', '-k', '0x1F');
const CLEAN_VALUES = [
  'nginx', 'hello world', 'nginx:1.25', 'http://a.b/c', '42', '-1.5', '0x1F', '0o17', '012', '1_000', '.inf', '-.Inf', '.NaN', '~', 'null', 'True',
  'false', '""', "''", '"a\\"b\\n\\u00e9\\x41"', "'it''s'", '[a, b]', '[]', '{a: 1}', '{}', '[a, {b: c}]', '# comment', 'a#b', 'a # c',
  'a:b', '"é 🚀"', '1.', '+12', '-0', '2024-01-01', 'v\t', '"x: y"',
];
const MESSY_VALUES = ['"x\\\ny"', '|', '|-', '>-', '|+', '>', '|2', 'x: y', '- x', '&a v', '*a', '!Ref x', '{{ .Values.x }}', '"open', '[a,', '@x', '%x'];
const VALUES = fc.constantFrom(...CLEAN_VALUES, ...MESSY_VALUES);
const SPECIAL_LINES = fc.constantFrom('', '   ', '---', '--- x', '...', '# comment', '\t', '\tkey: v', '? k', ': v', '&a', '- &a x', '<<: *a', '- ', '-', '{{- if .x }}', '  # c');

/** A line: indentation, an optional `- `, an optional `key:`, an optional value; or a special line. */
const lineArb = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(INDENTS, fc.boolean(), fc.option(KEYS, { freq: 3 }), fc.option(VALUES, { freq: 4 })).map(([indent, dash, key, value]) => {
    const body = key === null ? (value ?? '') : value === null ? `${key}:` : `${key}: ${value}`;
    return `${indent}${dash ? '- ' : ''}${body}`;
  }) },
  { weight: 1, arbitrary: SPECIAL_LINES },
);
const freeLinesArb = fc.array(lineArb, { minLength: 1, maxLength: 14 });

/**
 * Well-formed documents too, or most generated texts would be errors the fast path hands over:
 * a random tree rendered as block YAML, its layout (indentation step, compact sequences, comments,
 * blank lines, block scalars) decided by a list of random choices.
 */
type Tree = string | { map: [string, Tree][] } | { seq: Tree[] };
const treeArb = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...CLEAN_VALUES) }, { weight: 1, arbitrary: VALUES }),
    fc.record({ map: fc.array(fc.tuple(KEYS, tie('tree')), { maxLength: 4 }) }),
    fc.record({ seq: fc.array(tie('tree'), { maxLength: 4 }) }),
  ),
})).tree;
const BLOCK_HEADERS = ['|', '|-', '|+', '>', '>-', '>+', '|2', '| # c'];
const BLOCK_LINES = ['echo "$A"', '', '  more indented', 'last: line # not a comment', "it's"];

function render(tree: Tree, choices: number[]): string[] {
  let next = 0;
  const choose = (n: number): number => (choices.length === 0 ? 0 : choices[next++ % choices.length]! % n);
  const comment = (): string => (choose(6) === 0 ? ' # note' : '');
  /** `head` ends the first line (`key:` or `-`); the node goes after it or on the lines below. */
  const node = (head: string, value: Tree, indent: number, out: string[], first = false): void => {
    const pad = ' '.repeat(indent);
    if (!first && choose(8) === 0) out.push(choose(2) === 0 ? '' : `${pad}# between`);
    if (typeof value === 'string') {
      if (value.startsWith('|') || value.startsWith('>') || choose(12) === 0) {
        out.push(`${pad}${head} ${BLOCK_HEADERS[choose(BLOCK_HEADERS.length)]}`);
        for (let i = 0, n = 1 + choose(3); i < n; i++) out.push(`${pad}  ${BLOCK_LINES[choose(BLOCK_LINES.length)]}`.trimEnd());
      } else out.push(`${pad}${head} ${value}${comment()}`);
      return;
    }
    const entries = 'map' in value ? value.map : value.seq.map((item) => ['-', item] as [string, Tree]);
    if (entries.length === 0) return void out.push(`${pad}${head} ${'map' in value ? '{}' : '[]'}`);
    const step = [2, 2, 4, 1, 3][choose(5)]!;
    // A sequence under a key may sit at the key's own indentation (`containers:\n- name: x`).
    const inner = head !== '-' && 'seq' in value && choose(2) === 0 ? indent : indent + step;
    if (head === '-' && 'map' in value && choose(3) > 0) {
      // `- key: value` with the other keys under the first.
      const [first, ...rest] = entries;
      const lines: string[] = [];
      node(`${first![0]}:`, first![1], indent + 2, lines, true);
      out.push(`${pad}- ${lines[0]!.trimStart()}`, ...lines.slice(1));
      for (const [key, child] of rest) node(`${key}:`, child, indent + 2, out);
      return;
    }
    out.push(`${pad}${head}${comment()}`);
    for (const [key, child] of entries) node(key === '-' ? '-' : `${key}:`, child, inner, out);
  };
  const out: string[] = [];
  if (typeof tree === 'string' || ('map' in tree ? tree.map : tree.seq).length === 0) node('key:', tree, 0, out);
  else for (const [key, child] of 'map' in tree ? tree.map : tree.seq.map((item) => ['-', item] as [string, Tree])) node(key === '-' ? '-' : `${key}:`, child, 0, out);
  return out;
}
const documentArb = fc.tuple(treeArb, fc.array(fc.nat(), { maxLength: 40 })).map(([tree, choices]) => render(tree, choices));

/** Well-formed documents, free lines, and well-formed documents with a few free lines among theirs. */
const yamlishArb = fc.oneof(
  fc.array(documentArb, { minLength: 1, maxLength: 3 }).map((documents) => documents.map((lines) => lines.join('\n')).join('\n---\n')),
  freeLinesArb.map((lines) => lines.join('\n')),
  fc.tuple(documentArb, fc.array(fc.tuple(fc.nat(), lineArb), { minLength: 1, maxLength: 3 })).map(([lines, inserts]) => {
    const out = [...lines];
    for (const [at, line] of inserts) out.splice(at % (out.length + 1), 0, line);
    return out.join('\n');
  }),
);

/** The realistic fixtures, with a few lines deleted, duplicated, indented or dedented, or a character inserted. */
type Mutation = { kind: 'delete' | 'duplicate' | 'indent' | 'dedent'; line: number } | { kind: 'insert'; at: number; char: string };
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const, 'indent' as const, 'dedent' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), char: fc.oneof(fc.constantFrom(' ', '\t', '\n', '-', ':', '#', '"', "'", '[', ']', '{', '}', '|', '>', '&', '*', '!', '?', ',', '\\'), fc.string({ maxLength: 1 })) }),
);
function mutate(text: string, mutations: readonly Mutation[]): string {
  for (const m of mutations) {
    if (m.kind === 'insert') {
      const at = m.at % (text.length + 1);
      text = text.slice(0, at) + m.char + text.slice(at);
      continue;
    }
    const lines = text.split('\n');
    const i = m.line % lines.length;
    if (m.kind === 'delete') lines.splice(i, 1);
    else if (m.kind === 'duplicate') lines.splice(i, 0, lines[i]!);
    else if (m.kind === 'indent') lines[i] = `  ${lines[i]}`;
    else lines[i] = lines[i]!.replace(/^ {1,2}/, '');
    text = lines.join('\n');
  }
  return text;
}
const mutatedArb = fc.tuple(fc.constantFrom(...FIXTURES.filter((f) => f.text.length < 20_000).map((f) => f.text)), fc.array(mutationArb, { minLength: 1, maxLength: 4 })).map(([text, mutations]) => mutate(text, mutations));

/** Fails with the path of the difference; fast-check adds the (shrunk) text and the seed. */
function assertSame(text: string): void {
  const found = difference(text);
  if (found) throw new Error(`${found}\ntext: ${JSON.stringify(text)}`);
}

describe('the YAML fast path on generated text', () => {
  it('gives what js-yaml gives on YAML-ish lines', () => {
    const before = yamlFastPathCounts();
    fc.assert(fc.property(yamlishArb, assertSame), { numRuns: 3000 });
    const after = yamlFastPathCounts();
    // Half the runs parse with the fast path on: it must have answered some of them itself.
    expect(after.fast - before.fast).toBeGreaterThan(100);
  });

  it('gives what js-yaml gives on mutated fixtures', () => {
    fc.assert(fc.property(mutatedArb, assertSame), { numRuns: 1000 });
  });
});
