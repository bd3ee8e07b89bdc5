import { describe, expect, it } from 'vitest';
import { shorten } from './component.js';

describe('shorten', () => {
  it('never lets a credential from a command line through', () => {
    const commands = [
      'docker login -p s3cr3t-CANARY registry.example.com',
      'docker login --password s3cr3t-CANARY ghcr.io',
      'curl -u admin:s3cr3t-CANARY --upload-file chart.tgz https://charts.example.com',
      'helm repo add acme https://bot:s3cr3t-CANARY@charts.example.com',
      'export NEXUS_PASSWORD=s3cr3t-CANARY',
      'curl -H "Authorization: Bearer s3cr3tCANARYtoken" https://api.example.com',
      'vault login -method=token token=s3cr3t-CANARY',
    ];
    for (const command of commands) expect(shorten(command)).not.toMatch(/s3cr3t|CANARY/);
  });

  it('keeps the command readable and short', () => {
    expect(shorten('helm upgrade --install web charts/web --namespace shop')).toBe('helm upgrade --install web charts/web --namespace shop');
    const command = `kubectl apply ${'-f manifests/app.yaml '.repeat(20)}`;
    const long = shorten(command);
    expect(long.length).toBeLessThanOrEqual(200);
    // Cut between words, never inside one, and the cut is marked.
    expect(long.endsWith('…')).toBe(true);
    for (const word of long.slice(0, -1).split(' ')) expect(command.split(' ')).toContain(word);
  });
});
