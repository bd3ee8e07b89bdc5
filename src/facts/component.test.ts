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
    expect(shorten(`terraform plan ${'-var x=1 '.repeat(20)}`).length).toBeLessThanOrEqual(80);
  });
});
