// Generates realistic repositories for the benchmarks: platform infra, services, chart collections
// and a 10,000-file monorepo. Deterministic (seeded), so runs are comparable.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = (list) => list[Math.floor(random() * list.length)];

function write(root, path, text) {
  const target = join(root, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
}

const deployment = (name, i, probes) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}-${i}
  namespace: ${name}
  labels:
    app: ${name}-${i}
    team: ${name}
spec:
  replicas: ${1 + (i % 3)}
  selector:
    matchLabels:
      app: ${name}-${i}
  template:
    metadata:
      labels:
        app: ${name}-${i}
    spec:
      containers:
        - name: app
          image: ghcr.io/acme/${name}-${i}:1.${i % 20}.${i % 7}
          ports:
            - containerPort: 8080
          env:
            - name: LOG_LEVEL
              value: info
${probes ? `          readinessProbe:
            httpGet: { path: /ready, port: 8080 }
          livenessProbe:
            httpGet: { path: /healthz, port: 8080 }
` : ''}          resources:
            requests: { cpu: 100m, memory: 128Mi }
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}-${i}
  namespace: ${name}
spec:
  selector:
    app: ${name}-${i}
  ports:
    - port: 80
      targetPort: 8080
`;

const chart = (root, dir, name) => {
  write(root, `${dir}/Chart.yaml`, `apiVersion: v2\nname: ${name}\nversion: 0.1.0\nappVersion: "1.0.0"\ndependencies:\n  - name: redis\n    version: 18.x.x\n    repository: oci://registry-1.docker.io/bitnamicharts\n`);
  write(root, `${dir}/values.yaml`, `replicaCount: 2\nimage:\n  repository: ghcr.io/acme/${name}\n  tag: ""\nservice:\n  port: 80\n`);
  write(root, `${dir}/templates/deployment.yaml`, `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "${name}.fullname" . }}
  labels:
    {{- include "${name}.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  template:
    spec:
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          livenessProbe:
            httpGet: { path: /healthz, port: http }
          readinessProbe:
            httpGet: { path: /ready, port: http }
`);
  write(root, `${dir}/templates/service.yaml`, `apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "${name}.fullname" . }}\nspec:\n  ports:\n    - port: {{ .Values.service.port }}\n`);
  write(root, `${dir}/templates/_helpers.tpl`, `{{- define "${name}.fullname" -}}{{ .Release.Name }}{{- end }}\n`);
};

const terraform = (i) => `resource "aws_iam_role" "svc_${i}" {
  name               = "svc-${i}"
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags = {
    team = "${pick(['payments', 'storefront', 'search', 'platform'])}"
  }
}

module "bucket_${i}" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "4.1.0"
  bucket  = "acme-data-${i}"
}
`;

const dockerfile = (i) => `ARG GO_VERSION=1.22
FROM golang:\${GO_VERSION}-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app-${i} ./cmd/app
FROM ${i % 10 === 0 ? 'alpine:3.6' : 'gcr.io/distroless/static-debian12'}
COPY --from=build /out/app-${i} /app
ENTRYPOINT ["/app"]
`;

const goSource = (i) => `package svc${i}\n\nimport "fmt"\n\n// Handle${i} handles request ${i}.\nfunc Handle${i}(n int) string {\n\treturn fmt.Sprintf("%d-%d", n, ${i})\n}\n\n${'// padding line to look like real code\n'.repeat(20 + (i % 40))}`;

const workflow = `name: ci
on:
  pull_request:
  push:
    branches: [main]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: go test ./...
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: docker/login-action@v3
        with:
          registry: ghcr.io
      - run: docker build -t ghcr.io/acme/app:\${{ github.sha }} .
      - uses: aquasecurity/trivy-action@0.20.0
        with:
          image-ref: ghcr.io/acme/app:\${{ github.sha }}
      - run: docker push ghcr.io/acme/app:\${{ github.sha }}
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: helm upgrade --install app charts/app --namespace app
`;

/** The 10,000-file monorepo of issue 2: 2,000 manifests, 200 charts, 300 Terraform files, 100 Dockerfiles, the rest code. */
export function generateMonorepo(root, { files = 10_000, git = true } = {}) {
  seed = 42;
  let count = 0;
  for (let i = 0; i < 2000; i++, count++) write(root, `deploy/${pick(['payments', 'storefront', 'search', 'ledger'])}/app-${i}.yaml`, deployment(pick(['payments', 'storefront', 'search']), i, i % 5 !== 0));
  for (let i = 0; i < 200; i++, count += 5) chart(root, `charts/chart-${i}`, `chart-${i}`);
  for (let i = 0; i < 300; i++, count++) write(root, `terraform/stack-${i % 30}/main-${i}.tf`, terraform(i));
  for (let i = 0; i < 100; i++, count++) write(root, `services/svc-${i}/Dockerfile`, dockerfile(i));
  write(root, '.github/workflows/ci.yml', workflow);
  count++;
  for (let i = 0; count < files; i++, count++) write(root, `services/svc-${i % 100}/internal/pkg${i % 37}/file_${i}.go`, goSource(i));
  if (git) initGit(root);
  return count;
}

/** A small organization repository of a given shape. */
export function generateRepository(root, shape, index, { git = true } = {}) {
  seed = 1000 + index;
  if (shape === 'platform') {
    for (let i = 0; i < 60; i++) write(root, `terraform/mod-${i % 6}/main-${i}.tf`, terraform(i));
    write(root, 'terraform/eks.tf', 'module "eks" {\n  source  = "terraform-aws-modules/eks/aws"\n  version = "20.8.4"\n  cluster_name = "acme"\n}\n');
    write(root, 'terraform/addons.tf', 'resource "helm_release" "kps" {\n  name = "kps"\n  chart = "kube-prometheus-stack"\n}\nresource "helm_release" "loki" {\n  name = "loki"\n  chart = "loki-stack"\n}\n');
    for (let i = 0; i < 200; i++) write(root, `k8s/base/obj-${i}.yaml`, deployment('platform', i, true));
    for (let i = 0; i < 239; i++) write(root, `docs/page-${i}.md`, `# Page ${i}\n\nSome text about the platform.\n`.repeat(5));
  } else if (shape === 'charts') {
    for (let i = 0; i < 80; i++) chart(root, `charts/c-${i}`, `c-${i}`);
    for (let i = 0; i < 100; i++) write(root, `docs/c-${i}.md`, `# c-${i}\n`);
  } else {
    write(root, 'Dockerfile', dockerfile(index));
    write(root, '.github/workflows/ci.yml', workflow);
    chart(root, 'deploy/chart', `svc-${index}`);
    write(root, 'go.mod', `module github.com/acme/svc-${index}\n\ngo 1.22\n\nrequire (\n\tgithub.com/prometheus/client_golang v1.19.0\n\tgo.opentelemetry.io/otel v1.24.0\n)\n`);
    for (let i = 0; i < 480; i++) write(root, `internal/p${i % 23}/f_${i}.go`, goSource(i));
    for (let i = 0; i < 10; i++) write(root, `k8s/m-${i}.yaml`, deployment(`svc${index}`, i, i % 3 !== 0));
  }
  if (git) initGit(root);
}

/**
 * The benchmarks' organization: `count` repositories `repo-000`… under `root`, one platform and
 * one chart collection in every 20, the rest services. Returns their paths, in order.
 */
export function generateOrganization(root, { count = 200, git = true } = {}) {
  const paths = [];
  for (let i = 0; i < count; i++) {
    const shape = i % 20 === 0 ? 'platform' : i % 20 === 1 ? 'charts' : 'service';
    const dir = join(root, `repo-${String(i).padStart(3, '0')}`);
    mkdirSync(dir, { recursive: true });
    generateRepository(dir, shape, i, { git });
    paths.push(dir);
  }
  return paths;
}

function initGit(root) {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.com' };
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: root, env });
  execFileSync('git', ['add', '-A'], { cwd: root, env });
  execFileSync('git', ['-c', 'commit.gpgsign=false', 'commit', '-qm', 'generated'], { cwd: root, env });
}
