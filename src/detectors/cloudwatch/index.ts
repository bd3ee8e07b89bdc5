import type { FileEvidence } from '../../core/types.js';
import { cfnTemplates, type CfnTemplate } from '../../facts/iac/cloudformation.js';
import { terraformResources } from '../../facts/iac/terraform.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { keepOwnUse } from '../../facts/files/own-use.js';
import type { HclValue } from '../../parse/hcl.js';
import type { Repository } from '../../workspace/repository.js';
import { signalWithCode } from '../signal-with-code.js';

/**
 * CloudWatch alarms, except those whose every action scales capacity: an alarm that only drives an
 * Auto Scaling policy (`alarm_actions = [aws_autoscaling_policy.up.arn]`, `AlarmActions: [!Ref
 * ScaleUpPolicy]`) is how a group of hosts grows and shrinks, not monitoring of what runs on them.
 * An alarm with no action at all still shows on the team's CloudWatch console, so it counts.
 */
function monitoringAlarms(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const { file, block } of terraformResources(repo, /^aws_cloudwatch_metric_alarm$/)) {
    const actions = ['alarm_actions', 'ok_actions', 'insufficient_data_actions'].flatMap((key) => hclList(block.attributes[key]?.value));
    if (actions.length > 0 && actions.every((action) => /\baws_(app)?autoscaling_policy\./.test(action))) continue;
    evidence.push({ file, line: block.line, detail: `${block.type} ${block.labels[0]}.${block.labels[1] ?? ''}` });
  }
  for (const template of cfnTemplates(repo)) {
    for (const resource of template.resources) {
      if (resource.type !== 'AWS::CloudWatch::Alarm') continue;
      const actions = ['AlarmActions', 'OKActions', 'InsufficientDataActions'].flatMap((key) => cfnList(resource.properties?.[key]));
      if (actions.length > 0 && actions.every((action) => isScalingAction(template, action))) continue;
      evidence.push({ file: template.file, line: resource.line, detail: `${resource.type} ${resource.name}` });
    }
  }
  return evidence;
}

function hclList(value: HclValue | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
}

function cfnList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

const SCALING_POLICY = /^AWS::(AutoScaling|ApplicationAutoScaling)::ScalingPolicy$/;

/** `{ Ref: ScaleUpPolicy }` (or `!Ref`, `Fn::GetAtt`) naming a scaling policy of the template, or a scaling policy's ARN. */
function isScalingAction(template: CfnTemplate, action: unknown): boolean {
  if (typeof action === 'string') return /:autoScaling:|:scalingPolicy:/i.test(action);
  if (!isRecord(action)) return false;
  const ref = action.Ref ?? action['!Ref'] ?? (Array.isArray(action['Fn::GetAtt']) ? action['Fn::GetAtt'][0] : undefined);
  return typeof ref === 'string' && template.resources.some((resource) => resource.name === ref && SCALING_POLICY.test(resource.type));
}

/** signal.yaml holds the footprint; code adds the alarms that watch something, own use only. */
export const detector = signalWithCode('cloudwatch', (repo) => keepOwnUse(repo, monitoringAlarms(repo)));
