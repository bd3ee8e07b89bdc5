import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('cloudwatch detector', () => {
  it('reports exactly the expected places in found/ (an alarm in Terraform, a Container Insights add-on in CDK)', async () => {
    const expected = readFileSync(join(fixtures, 'expected.txt'), 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
    expect(places(await detectIn(detector, join(fixtures, 'found'))).sort()).toEqual(expected.sort());
  });

  it('reports nothing in not-found/ (a Lambda log group, a README)', async () => {
    expect(places(await detectIn(detector, join(fixtures, 'not-found')))).toEqual([]);
  });

  it('does not count alarms whose every action is an Auto Scaling policy: they scale hosts, they watch nothing', async () => {
    // Modelled on aws-samples/amazon-eks-cdk-blue-green-cicd's cicd/jenkins-ecs-workshop.json.
    expect(places(await detectIn(detector, join(fixtures, 'scaling-only')))).toEqual([]);
  });

  it('counts an alarm that also notifies someone, beside its scaling policy', async () => {
    const tf = readFileSync(join(fixtures, 'scaling-only', 'terraform', 'workers.tf'), 'utf8').replace(
      'alarm_actions       = [aws_autoscaling_policy.workers_up.arn]',
      'alarm_actions       = [aws_autoscaling_policy.workers_up.arn, aws_sns_topic.oncall.arn]',
    );
    expect(places(await detectIn(detector, writeTree({ 'terraform/workers.tf': tf })))).toEqual(['terraform/workers.tf:8']);
  });
});
