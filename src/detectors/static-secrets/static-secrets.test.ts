import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, fixtureRepo, places, writeTree } from '../../../test/helpers/fixtures.js';
import { DETECTORS } from '../registry.js';
import { detector } from './index.js';
import { isLiteralSecretValue } from './literal.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('static-secrets detector', () => {
  it('flags the literal keys of a committed Secret and a secretGenerator literal, not the templated, SOPS, sealed or test ones', async () => {
    const result = await detectIn(detector, join(fixtures, 'committed'));
    expect(result.evidence).toEqual([
      { file: 'k8s/secrets.yaml', line: 16, detail: 'Secret payments-db key password' },
      { file: 'overlays/prod/kustomization.yaml', line: 9, detail: 'Secret smtp key SMTP_PASSWORD (secretGenerator literal)' },
    ]);
  });

  it('does not take an identifier kept beside a password reference for a secret, unless it embeds a password', async () => {
    // A Flux bootstrap as teams commit it: the registry user in clear, the password from 1Password.
    const root = writeTree({
      'setup/bootstrap/ghcr-auth.yaml': [
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  name: ghcr-auth',
        '  namespace: flux-system',
        'stringData:',
        '  username: billimek',
        '  password: op://kubernetes/ghcr/password',
        '---',
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  name: app-db',
        'stringData:',
        '  DB_HOST: postgres.db.svc',
        '  DB_PORT: "5432"',
        '  DATABASE_URL: postgres://app:pa55w0rd@postgres.db.svc:5432/app',
        `  MQTT_HOST: ${Buffer.from('mqtt.local').toString('base64')}`,
        '',
      ].join('\n'),
    });
    const result = await detectIn(detector, root);
    expect(result.evidence.map((e) => e.detail)).toEqual(['Secret app-db key DATABASE_URL']);
  });

  it('does not flag placeholders, variables, SOPS-encrypted or sealed Secrets, nor a README', async () => {
    const result = await detectIn(detector, join(fixtures, 'managed'));
    expect(places(result)).toEqual([]);
  });

  it('never lets a committed secret value reach the output of any detector', async () => {
    const canary = 'canary-7f3a9c1e-do-not-print';
    const root = writeTree({
      'deploy/secret.yaml': [
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  name: leaky',
        '  annotations:',
        '    vault.hashicorp.com/agent-inject: "true"',
        'data:',
        `  token: ${Buffer.from(canary).toString('base64')}`,
        'stringData:',
        `  password: ${canary}`,
        `  image: nginx:${canary}`,
        '',
      ].join('\n'),
    });
    const committed = await fixtureRepo(join(fixtures, 'committed'));
    const planted = await fixtureRepo(root);
    const outputs = DETECTORS.flatMap((d) => [JSON.stringify(d.detect(planted)), JSON.stringify(d.detect(committed))]).join('\n');
    expect(detector.detect(planted).evidence).toHaveLength(3);
    for (const value of [canary, Buffer.from(canary).toString('base64'), 'czNjcjN0', 's3cr3t-canary-value', 'cGF5bWVudHM=', 'hunter2-canary-literal', '=mailer']) {
      expect(outputs).not.toContain(value);
    }
  });

  it('decodes data values before judging them, and treats undecodable data as literal', () => {
    expect(isLiteralSecretValue(Buffer.from('changeme').toString('base64'), true)).toBe(false);
    expect(isLiteralSecretValue(Buffer.from('${DB_PASSWORD}').toString('base64'), true)).toBe(false);
    expect(isLiteralSecretValue(Buffer.from('pa55word!').toString('base64'), true)).toBe(true);
    expect(isLiteralSecretValue('not base64 at all!', true)).toBe(true);
    expect(isLiteralSecretValue('__TPL__', false)).toBe(false);
    expect(isLiteralSecretValue(null, false)).toBe(false);
    expect(isLiteralSecretValue(12345, false)).toBe(true);
    // references resolved at apply time, as a 1Password bootstrap commits them
    expect(isLiteralSecretValue('op://kubernetes/cloudflare/TUNNEL_ID\n', false)).toBe(false);
    expect(isLiteralSecretValue('ref+awssecrets://prod/db#password', false)).toBe(false);
    expect(isLiteralSecretValue('postgres://app:pa55@db:5432/app', false)).toBe(true);
  });
});
