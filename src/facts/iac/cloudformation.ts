/**
 * CloudFormation and SAM templates, read once: the cloudformation detector counts them and eks
 * finds AWS::EKS::Cluster resources in them.
 */
import { isRecord } from '../k8s/k8s-objects.js';
import { ciPipelineFiles } from '../files/paths.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';
import { isProse } from '../files/sample-paths.js';

export interface CfnResource {
  name: string;
  type: string;
  line: number;
  /** `Properties`, as written (intrinsic functions left as objects). */
  properties?: Record<string, unknown>;
}

/** A CloudFormation (or SAM) template, YAML or JSON. */
export interface CfnTemplate {
  file: string;
  /** The `AWSTemplateFormatVersion` line, else the `Resources` line. */
  line: number;
  sam: boolean;
  resources: CfnResource[];
}

const CANDIDATE = /\.(ya?ml|json|template|cfn)$/i;
/**
 * Resource types CloudFormation knows: AWS::*, Custom::*, Alexa::*, and third-party registry types
 * (`AWSQS::EKS::Cluster`, `AWSQS::Kubernetes::Helm` of the AWS Quick Start registry, any
 * `Organization::Service::Resource`): the way many teams install clusters and charts from a stack.
 */
const CFN_TYPE = /^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$|^Custom::/;

/**
 * Every CloudFormation template: a mapping with `AWSTemplateFormatVersion`, or with `Resources`
 * whose entries have an `AWS::…` `Type`. Only the top level counts, so a Kubernetes manifest or a
 * values file that mentions `AWS::` deep inside is not a template.
 */
export function cfnTemplates(repo: Repository): CfnTemplate[] {
  return repo.memo('cfnTemplates', () => {
    const out: CfnTemplate[] = [];
    const pipelines = ciPipelineFiles(repo);
    for (const file of repo.filesMatching(CANDIDATE)) {
      if (isProse(file.path) || pipelines.has(file.path)) continue;
      const text = repo.text(file.path);
      if (text === undefined || !(text.includes('AWSTemplateFormatVersion') || text.includes('AWS::') || text.includes('AWSQS::'))) continue;
      const json = /^\s*\{/.test(text);
      const value = json ? repo.json(file.path) : repo.yaml(file.path)[0]?.value;
      const template = json ? fromJson(repo, file.path, text, value) : fromYaml(file.path, value);
      if (template) out.push(template);
    }
    return out;
  });
}

function fromYaml(file: string, value: unknown): CfnTemplate | undefined {
  if (!isRecord(value) || !isRecord(value.Resources)) return undefined;
  const resources: CfnResource[] = [];
  for (const [name, resource] of Object.entries(value.Resources)) {
    if (isRecord(resource) && typeof resource.Type === 'string' && CFN_TYPE.test(resource.Type)) {
      resources.push({
        name,
        type: resource.Type,
        line: lineOf(resource, 'Type', lineOf(value.Resources, name)),
        ...(isRecord(resource.Properties) ? { properties: resource.Properties } : {}),
      });
    }
  }
  const versioned = value.AWSTemplateFormatVersion !== undefined;
  if (!versioned && resources.length === 0) return undefined;
  return { file, line: lineOf(value, versioned ? 'AWSTemplateFormatVersion' : 'Resources'), sam: isSam(value.Transform), resources };
}

/** JSON has no positions here: lines come from the text, searched after the Resources key. */
function fromJson(repo: Repository, file: string, text: string, value: unknown): CfnTemplate | undefined {
  if (!isRecord(value) || !isRecord(value.Resources)) return undefined;
  const resourcesAt = text.indexOf('"Resources"');
  const resources: CfnResource[] = [];
  for (const [name, resource] of Object.entries(value.Resources)) {
    if (!isRecord(resource) || typeof resource.Type !== 'string' || !CFN_TYPE.test(resource.Type)) continue;
    const nameAt = text.indexOf(`"${name}"`, Math.max(resourcesAt, 0));
    resources.push({
      name,
      type: resource.Type,
      line: repo.lineOfText(file, `"${resource.Type}"`, Math.max(nameAt, 0)),
      ...(isRecord(resource.Properties) ? { properties: resource.Properties } : {}),
    });
  }
  const versioned = value.AWSTemplateFormatVersion !== undefined;
  if (!versioned && resources.length === 0) return undefined;
  return { file, line: repo.lineOfText(file, versioned ? '"AWSTemplateFormatVersion"' : '"Resources"'), sam: isSam(value.Transform), resources };
}

function isSam(transform: unknown): boolean {
  const list = Array.isArray(transform) ? transform : [transform];
  return list.some((t) => typeof t === 'string' && t.startsWith('AWS::Serverless'));
}
