import { describe, expect, it } from 'vitest';
import { displayUrl, redactCommand, redactDeep, redactSecrets } from './redact.js';

describe('redactCommand', () => {
  it.each([
    ['helm upgrade --install web charts/web --set db.password=CANARY1 --set image.tag=1.2', 'helm upgrade --install web charts/web --set db.password=*** --set image.tag=***'],
    ['helm install x c --set-string github.pat=ghp_CANARY2abcdef', 'helm install x c --set-string github.pat=***'],
    ['helm install x c --set=a=CANARY3,b.c=CANARY4', 'helm install x c --set=a=***,b.c=***'],
    ['helm install x c --set "db.password=CANARY5 with space"', 'helm install x c --set "db.password=***"'],
    ['helm install x c --set-file ca=./ca.pem', 'helm install x c --set-file ca=***'],
    ['terraform apply -var db_pw=CANARY6 -var-file prod.tfvars', 'terraform apply -var db_pw=*** -var-file prod.tfvars'],
    ["terraform apply -var='db_pw=CANARY7' -auto-approve", "terraform apply -var='db_pw=***' -auto-approve"],
    ['kubectl create secret generic x --from-literal=pw=CANARY8 --from-literal user=CANARY9', 'kubectl create secret generic x --from-literal=pw=*** --from-literal user=***'],
    ['docker login -u ci -p CANARY10 registry.example.com', 'docker login -u ci -p *** registry.example.com'],
    ['helm upgrade web c --set image.tag=${{ github.sha }} --set db.password=$DB_PASSWORD', 'helm upgrade web c --set image.tag=${{ github.sha }} --set db.password=$DB_PASSWORD'],
    ['argocd login cd --password "$ARGOCD_PASSWORD"', 'argocd login cd --password ***'],
    ['docker login --password=CANARY11 ghcr.io', 'docker login --password=*** ghcr.io'],
    ['vault login --token CANARY12', 'vault login --token ***'],
    ['argocd login cd.example.com --auth-token CANARY13', 'argocd login cd.example.com --auth-token ***'],
    ['curl -u deploy:CANARY14 https://deploy.example.com/hook', 'curl -u deploy:*** https://deploy.example.com/hook'],
    ["curl -H 'Authorization: Bearer CANARY15' https://api.example.com", "curl -H 'Authorization: ***' https://api.example.com"],
    ['curl --header "PRIVATE-TOKEN: CANARY16" https://gitlab.example.com/api', 'curl --header "PRIVATE-TOKEN: ***" https://gitlab.example.com/api'],
    ['git clone https://bot:CANARY17@github.com/acme/x', 'git clone https://***@github.com/acme/x'],
    ['curl https://gitlab.example.com/api/v4/projects?private_token=CANARY18&per_page=5', 'curl https://gitlab.example.com/api/v4/projects?private_token=***&per_page=5'],
    ['export NEXUS_PASSWORD=CANARY19 && mvn deploy', 'export NEXUS_PASSWORD=*** && mvn deploy'],
    ['echo glpat-CANARY20abcdefgh | gh auth login --with-token', 'echo *** | gh auth login --with-token'],
    ['docker build --build-arg NPM_TOKEN=CANARY21 -t web .', 'docker build --build-arg NPM_TOKEN=*** -t web .'],
    ['docker run -e DB_PASSWORD=CANARY22 web', 'docker run -e DB_PASSWORD=*** web'],
    ['mysql -uroot -pCANARY23 db', 'mysql -uroot -p*** db'],
  ])('%s', (command, expected) => {
    expect(redactCommand(command)).toBe(expected);
  });

  it('leaves commands without secrets as they are', () => {
    for (const command of [
      'helm upgrade --install web charts/web --namespace shop --wait',
      'kubectl apply -k overlays/prod',
      'docker login --password-stdin registry.example.com',
      'terraform plan -var-file=prod.tfvars -out plan',
      'curl -fsSL https://get.helm.sh/helm-v3.15.0-linux-amd64.tar.gz',
      'curl -H "Content-Type: application/json" https://api.example.com',
      'set -e\nkubectl apply -f k8s/',
      "sed -e 's/latest/1.2/' values.yaml",
    ]) {
      expect(redactCommand(command)).toBe(command);
    }
  });

  it('takes time linear in the line, whatever the line holds', () => {
    // Long hostile lines that make naive patterns backtrack: they must come back redacted and whole.
    const hostile = ['a.'.repeat(50_000) + '://x', 'password'.repeat(20_000), '-'.repeat(100_000), `--set ${'a=,'.repeat(30_000)}`, `?${'a'.repeat(100_000)}`];
    for (const line of hostile) expect(redactCommand(line).length).toBeGreaterThan(0);
  });
});

describe('redactSecrets', () => {
  it('finds known tokens and credentials in any text', () => {
    expect(redactSecrets('token ghp_abcdefghijklmnop0123 and xoxb-1234567890-abc')).toBe('token *** and ***');
    expect(redactSecrets('Authorization: Basic dXNlcjpwYXNz')).toBe('Authorization: ***');
    expect(redactSecrets('see https://ci:pass@host/x?access_token=zz#frag')).toBe('see https://***@host/x?access_token=***#frag');
  });
});

describe('displayUrl', () => {
  it.each([
    ['https://user:CANARY@git.example.com/org/repo.git', 'https://git.example.com/org/repo.git'],
    ['https://oauth2:glpat-CANARYabcdef@gitlab.example.com/org/repo.git', 'https://gitlab.example.com/org/repo.git'],
    ['https://git.example.com/org/repo.git?private_token=CANARY&ref=main', 'https://git.example.com/org/repo.git?private_token=***&ref=main'],
    ['ssh://git@git.example.com:2222/org/repo.git', 'ssh://git.example.com:2222/org/repo.git'],
    ['user:CANARY@git.example.com:org/repo.git', 'user@git.example.com:org/repo.git'],
    ['user:CA/NA:RY@git.example.com:org/repo.git', 'user@git.example.com:org/repo.git'],
    ['git@github.com:org/repo.git', 'git@github.com:org/repo.git'],
  ])('%s', (url, shown) => {
    expect(displayUrl(url)).toBe(shown);
  });
});

describe('redactDeep', () => {
  it('reaches every string of a result, leaving other values alone', () => {
    const result = { clusters: [{ detections: [{ evidence: [{ object: 'argoproj.io/v1alpha1 Application argocd/web', detail: 'repoURL https://bot:CANARY@git.example.com/x.git' }] }] }], stage: 3, at: new Date(0) };
    const redacted = redactDeep(result);
    expect(JSON.stringify(redacted)).not.toContain('CANARY');
    expect(redacted.stage).toBe(3);
    expect(redacted.at).toBe(result.at);
  });

  it('redacts an object shared by many places once and keeps it shared, with the values a copy at each place would have', () => {
    // As in an assessment: every repository holds the organization's platform capabilities.
    const capability = { id: 'continuous-delivery', evidence: [{ file: 'deploy.sh', detail: 'helm upgrade --set db.password=CANARY_PW' }, { detail: 'https://bot:CANARY_URL@git.example.com/x.git' }] };
    const assessment = { capabilities: [capability], repositories: Array.from({ length: 3 }, (_, i) => ({ path: `repos/r${i}`, capabilities: [capability, { id: 'tracing', evidence: [] }] })) };
    const redacted = redactDeep(assessment);
    expect(JSON.stringify(redacted)).not.toContain('CANARY');
    expect(redacted.repositories[0]!.capabilities[0]).toBe(redacted.capabilities[0]);
    expect(redacted.repositories[2]!.capabilities[0]).toBe(redacted.capabilities[0]);
    expect(redacted.capabilities[0]).not.toBe(capability); // the input is left as it was
    expect(capability.evidence[1]!.detail).toContain('CANARY_URL');
    const copied = structuredClone(assessment); // the same values, nothing shared
    expect(JSON.stringify(redactDeep(copied))).toBe(JSON.stringify(redacted));
  });
});
