import { z } from 'zod';
import { isRegexForm, patternProblem } from './patterns.js';

/**
 * The format of a signal file: one tool described as data. Built-in signals
 * (src/detectors/<id>/signal.yaml) and a user's (`signals:` in .k8s-maturity.yaml, or files in a
 * folder it names) are read through this one schema; docs/signal.schema.json is generated from it
 * for editors. Every node says, in `.describe()`, what to write there.
 */

/**
 * Categories the default model's capabilities accept (the first line of each group), and the
 * categories of signals that serve no capability on their own. Any lower-case word is allowed:
 * a user's model can accept its own.
 */
export const CATEGORIES = [
  'ci', 'cd', 'gitops', 'cluster-provisioner', 'infrastructure-as-code', 'configuration-management', 'manifest-format',
  'metrics-backend', 'log-management', 'tracing', 'observability-platform', 'container-build', 'local-cluster', 'dev-loop',
  'vulnerability-scanner', 'service-mesh', 'secrets-management', 'runtime-security', 'policy', 'progressive-delivery',
  // not accepted by a capability of the default model
  'metrics-instrumentation', 'dashboards', 'alerting', 'log-shipper', 'log-store', 'log-ui', 'image-registry',
] as const;

const pattern = (what: string) =>
  z
    .string()
    .describe(what)
    .superRefine((value, ctx) => {
      const problem = patternProblem(value);
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    });

const patterns = (what: string) => z.array(pattern(what)).describe(`a list of ${what}`);

/** A class or function name, optionally qualified by its module ("k8s.helm.v3.Chart"). */
const CONSTRUCT_NAME = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

const footprintSchema = z
  .object({
    files: z
      .array(
        z
          .object({
            glob: pattern('a path glob from the repository root, e.g. "**/shipit.yaml" or "deploy/*.shipit"'),
            contains: z.string().min(1).describe('text the file must contain (plain text, not a pattern)').optional(),
          })
          .strict()
          .describe('a file: { glob, contains? }'),
      )
      .describe('the tool\'s own files: [{ glob: "**/shipit.yaml", contains: "environments:" }]')
      .optional(),
    images: patterns('container image paths without registry or tag, as globs: "acme/shipit-agent", "datadog/*"').optional(),
    charts: patterns('Helm chart names, or "<repository>/<name>" globs such as "oci://charts.acme.internal/platform/*"').optional(),
    objects: z
      .array(z.object({ group: pattern('an API group, e.g. "flagger.app" or "*.acme.io"'), kind: pattern('a kind, e.g. "Canary"').optional() }).strict().describe('a Kubernetes object type: { group, kind? }'))
      .describe('custom resources of the tool: [{ group: flagger.app, kind: Canary }]')
      .optional(),
    ciUses: patterns('reusable CI steps (GitHub actions, CircleCI orbs, Azure tasks) as globs: "acme/shipit-action@*", "datadog/agent@*"').optional(),
    commands: patterns('commands run in CI or scripts, as words: "shipit deploy", "kubectl argo rollouts"').optional(),
    notCommands: patterns(
      'command lines that look like the tool\'s commands but are not its use, never counted: "/(-n|--namespace)[\\s=]shipit\\s/" (a namespace named after the tool), ' +
        '"/shipit deploy\\s+https?:/" (someone else\'s target)',
    ).optional(),
    dependencies: z
      .array(
        z
          .object({
            name: pattern('a library name glob, e.g. "dd-trace" or "com.datadoghq:*"'),
            ecosystems: z.array(z.enum(['npm', 'go', 'pypi', 'maven', 'nuget', 'rubygems', 'cargo', 'composer'])).describe('package ecosystems: npm, go, pypi, maven, nuget, rubygems, cargo, composer').optional(),
          })
          .strict()
          .describe('a library: { name, ecosystems? }'),
      )
      .describe('libraries in dependency files: [{ name: "dd-trace", ecosystems: [npm] }]')
      .optional(),
    terraform: z
      .object({
        resources: patterns('Terraform resource or data types, e.g. "datadog_*"').optional(),
        modules: patterns('Terraform module sources, e.g. "app.terraform.io/acme/shipit/*"').optional(),
        providers: patterns('Terraform provider names, e.g. "datadog"').optional(),
        moduleFlags: patterns('module inputs set to true that install the tool, e.g. "enable_datadog"').optional(),
      })
      .strict()
      .describe('Terraform: { resources?, modules?, providers?, moduleFlags? }')
      .optional(),
    cloudformation: patterns('CloudFormation resource types, e.g. "AWS::CodeBuild::Project"').optional(),
    crds: patterns('API groups whose CustomResourceDefinitions, committed, install the tool, e.g. "external-secrets.io"').optional(),
    configs: z
      .array(
        z
          .object({
            name: pattern('the file name without folder, or the key of a ConfigMap/Secret holding the file, e.g. "shipit.y{a,}ml" or "/^shipit[\\w.-]*\\.ya?ml$/i"'),
            path: pattern('the whole path must also match (files on disk only), e.g. "**/shipit/**"').optional(),
            matches: z
              .array(pattern('a regular expression over the text, "^" and "$" at each line, e.g. "/^environments\\s*:/"; or plain text to find'))
              .min(1)
              .describe('every one must match the text; the evidence points at the first one\'s match'),
            contains: z.string().min(1).describe('plain text every such file contains, tested first (cheap): for names as broad as "*.yaml"').optional(),
            absent: z
              .array(pattern('a regular expression over the text, or plain text, that must NOT occur, e.g. "/^\\s+jaeger_storage\\s*:/"'))
              .describe('none of these may match: a look-alike of another tool is not this one')
              .optional(),
            detail: z.string().min(1).describe('what the evidence says, e.g. "ShipIt configuration with environments"'),
          })
          .strict()
          .describe('a configuration: { name, path?, matches, contains?, absent?, detail }'),
      )
      .describe('the tool\'s configuration recognised by name and content, as a file or a ConfigMap/Secret key: [{ name: "shipit.yaml", matches: ["/^environments:/"], detail: "ShipIt configuration" }]')
      .optional(),
    azure: patterns('Azure resource types declared in Bicep, e.g. "Microsoft.Monitor/accounts"').optional(),
    constructs: patterns(
      'classes or functions an infrastructure program (an AWS CDK app or a Pulumi project: ' +
        '*.ts, *.js, *.py, *.go, *.cs, *.java or Pulumi YAML beside cdk.json or Pulumi.yaml) instantiates, calls or extends, by name: ' +
        '"ArgoCDAddOn", "codebuild.Project" (qualified by its module: found in every SDK language, Go NewProject and Pulumi YAML types too), "addHelmChart"',
    )
      .superRefine((names, ctx) => {
        names.forEach((name, index) => {
          if (!isRegexForm(name) && !CONSTRUCT_NAME.test(name)) {
            const fix = 'write a class or function name, optionally qualified ("blueprints.addons.ArgoCDAddOn"), or a regular expression "/…/"';
            const message = `"${name}" is not a name: ${fix}`;
            ctx.addIssue({ code: z.ZodIssueCode.custom, path: [index], message });
          }
        });
      })
      .optional(),
    webhooks: patterns(
      'in a live cluster, admission webhooks that inject the tool, by configuration, webhook or service name, e.g. "shipit-injector*"',
    ).optional(),
    labels: z
      .array(
        z
          .object({
            key: z.string().min(1).describe('a label or annotation key, e.g. "shipit.acme.io/release"'),
            what: z.string().min(1).describe('what the key says of the object, e.g. "deployed by ShipIt"'),
          })
          .strict()
          .describe('a label: { key, what }'),
      )
      .describe('in a live cluster, labels or annotations the tool puts on what it deploys: [{ key: "shipit.acme.io/release", what: "deployed by ShipIt" }]')
      .optional(),
    daemonSets: patterns('in a live cluster, images (path without registry or tag) of DaemonSets that are the tool\'s agent: "acme/shipit-agent"').optional(),
  })
  .strict()
  .describe(
    'where the tool shows: { files?, images?, charts?, objects?, ciUses?, commands?, dependencies?, terraform?, ' +
      'cloudformation?, crds?, configs?, azure?, constructs?, webhooks?, labels?, daemonSets? }',
  );


export const signalDefinitionSchema = z
  .object({
    id: z
      .string()
      .describe('the signal id: lower-case words joined by dashes, e.g. "shipit"')
      .regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'expected lower-case words joined by dashes, e.g. "shipit"' }),
    name: z.string().min(1).describe('the human name, e.g. "ShipIt"'),
    kind: z.enum(['tool', 'practice']).describe('tool or practice').default('tool'),
    category: z
      .string()
      .describe(`what kind of tool: ${CATEGORIES.join(', ')} (or your own word)`)
      .regex(/^[a-z][a-z0-9-]*$/, { message: 'expected lower-case words joined by dashes, e.g. "delivery"' })
      .optional(),
    capability: z.string().describe('a capability id this signal serves as an alternative, e.g. "continuous-delivery"').optional(),
    description: z.string().min(1).describe('what counts as evidence, in a sentence'),
    remediation: z.string().min(1).describe('how to adopt the tool, in a sentence').optional(),
    service: z.literal(true).describe('true when the signal means "this repository ships a service"').optional(),
    onePlacePerFile: z.literal(true).describe('true to report only the first place of each file (an install manifest holds dozens of the tool\'s objects)').optional(),
    usedInTests: z
      .literal(true)
      .describe(
        "true when the tool serves the project's own tests and dev setup (a local cluster, a dev loop): " +
          'files under tests/, e2e/ and hack/ count too; fixtures, samples and docs still do not',
      )
      .optional(),
    footprint: footprintSchema,
  })
  .strict()
  .describe('a signal: { id, name, kind?, category?, capability?, description, remediation?, service?, onePlacePerFile?, usedInTests?, footprint }')
  .superRefine((signal, ctx) => {
    if (Object.values(signal.footprint).every((v) => v === undefined)) {
      const message =
        'names no footprint: add at least one of files, images, charts, objects, ciUses, commands, dependencies, ' +
        'terraform, cloudformation, crds, configs, azure, constructs, webhooks, labels, daemonSets';
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['footprint'], message });
    }
  });

export type SignalDefinition = z.output<typeof signalDefinitionSchema>;
export type Footprint = SignalDefinition['footprint'];

/** A signal definition and where it was written (shown in reports and by `k8s-maturity signals`). */
export interface SignalFile {
  definedIn: string;
  /** As read from YAML; validated by signalDefinitionSchema before use. */
  definition: unknown;
}
