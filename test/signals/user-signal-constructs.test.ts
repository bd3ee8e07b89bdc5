import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTree } from '../helpers/fixtures.js';
import { scanOrganization } from '../../src/scan/organization.js';
import type { FileEvidence } from '../../src/core/types.js';

/**
 * A platform team whose delivery lives in an AWS CDK app: an internal construct library
 * (`@acme/platform-constructs`) whose `ShipItRelease` installs the team's deploy controller. The
 * user describes it with `constructs:`, the footprint kind built-in signals use for EKS Blueprints
 * add-ons, and `notCommands:` for a dry run that deploys nothing.
 */
const CONFIG = `organization: acme
repositories: [platform]
history: { enabled: false }
signals:
  - id: shipit-release
    name: ShipIt release (acme CDK construct)
    category: cd
    capability: continuous-delivery
    description: The ShipItRelease construct of @acme/platform-constructs installs the deploy controller.
    footprint:
      constructs: [ShipItRelease, platform.releases.addShipIt]
      commands: ["shipit deploy"]
      notCommands: ["/shipit deploy .*--dry-run/"]
`;

const APP = `import * as cdk from 'aws-cdk-lib';
import { ShipItRelease } from '@acme/platform-constructs';
import * as platform from '@acme/platform-constructs';

const app = new cdk.App();
const stack = new cdk.Stack(app, 'delivery');
// new ShipItRelease(stack, 'old') was the v1 way
const release: ShipItRelease | undefined = undefined;
new ShipItRelease(stack, 'web', { chart: 'web', environments: ['staging', 'prod'] });
platform.releases.addShipIt(stack, { team: 'payments' });
`;

function organization(extra: Record<string, string> = {}): string {
  return writeTree({
    '.k8s-maturity.yaml': CONFIG,
    'platform/infra/cdk.json': '{ "app": "npx ts-node bin/delivery.ts" }\n',
    'platform/infra/bin/delivery.ts': APP,
    'platform/scripts/check.sh': '#!/bin/sh\nshipit deploy --env prod --dry-run\n',
    // A library beside no cdk.json or Pulumi.yaml is not a deployment, whatever it names.
    'platform/lib/shipit.ts': "export class ShipItRelease {}\nexport const sample = new ShipItRelease();\n",
    ...extra,
  });
}

async function scan(root: string) {
  return scanOrganization({ paths: [], config: join(root, '.k8s-maturity.yaml'), cwd: root, now: new Date('2026-12-01T00:00:00Z'), toolVersion: '0.0.0-test' });
}

describe('a signal defined by the constructs of an infrastructure program', () => {
  it('finds each construct used in the CDK app with file and line, never an import, a type or a comment, and meets continuous delivery', async () => {
    const assessment = await scan(organization());
    const repo = assessment.repositories[0]!;
    const evidence = (repo.detections.find((d) => d.id === 'shipit-release')?.evidence ?? []) as FileEvidence[];
    expect(evidence.map((e) => `${e.file}:${e.line}`)).toEqual(['infra/bin/delivery.ts:9', 'infra/bin/delivery.ts:10']);
    expect(evidence[0]!.detail).toMatch(/^new ShipItRelease in infrastructure code \(signal defined in \.k8s-maturity\.yaml/);
    // The construct's arguments are not repeated (they may hold a password).
    expect(evidence[0]!.detail).not.toContain('environments');
    expect(assessment.capabilities.find((c) => c.id === 'continuous-delivery')!.signals).toContain('shipit-release');
  });

  it('counts a command again once it is not a dry run', async () => {
    const assessment = await scan(organization({ 'platform/scripts/check.sh': '#!/bin/sh\nshipit deploy --env prod\n', 'platform/infra/bin/delivery.ts': "import * as cdk from 'aws-cdk-lib';\n" }));
    const evidence = (assessment.repositories[0]!.detections.find((d) => d.id === 'shipit-release')?.evidence ?? []) as FileEvidence[];
    expect(evidence.map((e) => `${e.file}:${e.line}`)).toEqual(['scripts/check.sh:2']);
  });

  it('says which construct is not a name and how to write it', async () => {
    const bad = CONFIG.replace('constructs: [ShipItRelease, platform.releases.addShipIt]', 'constructs: ["new ShipItRelease("]');
    await expect(scan(organization({ '.k8s-maturity.yaml': bad }))).rejects.toThrow(/signals\[0\]\.footprint\.constructs\[0\]: "new ShipItRelease\(" is not a name: write a class or function name/);
    const typo = CONFIG.replace('notCommands:', 'notCommand:');
    await expect(scan(organization({ '.k8s-maturity.yaml': typo }))).rejects.toThrow(/unknown key "notCommand"/);
  });
});
