/**
 * A signal described as data (a signal file, built in or the user's) turned into a detector. The
 * footprint's patterns are compiled once into the component spec that hand-written detectors use
 * too, so a tool in YAML is found exactly like one in code, with file and line.
 */
import { createHash } from 'node:crypto';
import type { FileEvidence } from '../core/types.js';
import { chartRefs } from '../facts/k8s/charts.js';
import { cfnTemplates } from '../facts/iac/cloudformation.js';
import { crdsOfGroup } from '../facts/k8s/crds.js';
import { firstPerFile } from '../facts/files/evidence.js';
import { isSampleOrDocPath } from '../facts/files/paths.js';
import { isPrintedCommand } from '../facts/files/sample-paths.js';
import { detectTool, type ToolExtras } from '../facts/tools/tool-evidence.js';
import { bicepResources } from '../facts/iac/bicep.js';
import { constructUses } from '../facts/iac/program-constructs.js';
import { lineAtOffset, type Repository } from '../workspace/repository.js';
import type { SignalDefinition, SignalFile } from '../signals/schema.js';
import { defineDetector, type Detector } from './detector.js';
import { compileFootprint, definitionOf, type Extras } from './signal-definition.js';

/** The detector of a signal file: its footprint, own use only, one evidence per place. */
export function footprintDetector(file: SignalFile): Detector {
  const signal = file.definition as SignalDefinition;
  const { component, extras } = compileFootprint(signal.footprint);
  // An umbrella chart's release that switches the tool off (`alertmanager.enabled: false`) does not install it.
  component.valuesSection = signal.id;
  const definition = { ...definitionOf(file), component };
  // A Dockerfile built on the tool's image runs the tool too (FROM grafana/tempo), as for code detectors.
  // Its commands are looked for where installers really run too (Ansible tasks, `get_url` of an
  // installer, cloud-init, Terraform provisioners, script templates), as for code detectors.
  const options: ToolExtras = { dockerBases: true, provisioning: true, more: (r) => findExtras(r, extras) };
  // Without configurations, no pass over every ConfigMap of the repository.
  if (extras.configs.length > 0) options.configs = extras.configs;
  // A local cluster or dev loop lives in the project's tests and hack/: only fixtures, samples and docs are someone else's.
  if (signal.usedInTests) options.ownUse = (path) => !isSampleOrDocPath(path);
  // A command that only prints another (`echo "kustomize build failed"`) runs nothing, whatever the pattern's form.
  const detected = (repo: Repository) => detectTool(repo, component, options).filter((e) => !isPrintedCommand(e));
  // An install manifest or a catalog holds dozens of the tool's objects: one place per file keeps reports short.
  const found = signal.onePlacePerFile ? (repo: Repository) => firstPerFile(detected(repo)) : detected;
  // A user's signal says where it was defined in each place it is found, so reports show it.
  if (file.definedIn.startsWith('src/detectors/')) return defineDetector(definition, found);
  return defineDetector(definition, (repo) => found(repo).map((e) => ({ ...e, detail: `${e.detail ?? ''} (signal defined in ${file.definedIn})`.trim() })));
}

function findExtras(repo: Repository, extras: Extras): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const { path, contains } of extras.files) {
    for (const file of repo.filesMatching(path)) {
      if (contains === undefined) {
        evidence.push({ file: file.path, line: 1, detail: 'configuration file' });
        continue;
      }
      const text = repo.text(file.path);
      const index = text?.indexOf(contains) ?? -1;
      if (text !== undefined && index >= 0) evidence.push({ file: file.path, line: lineAtOffset(text, index), detail: 'configuration file' });
    }
  }
  if (extras.chartsByReference.length > 0) {
    for (const ref of chartRefs(repo)) {
      const full = ref.reference ?? (ref.repository ? `${ref.repository.replace(/\/+$/, '')}/${ref.chart}` : undefined);
      if (full !== undefined && extras.chartsByReference.some((re) => re.test(full))) evidence.push({ file: ref.file, line: ref.line, detail: `chart ${full}` });
    }
  }
  if (extras.cloudformation.length > 0) {
    for (const template of cfnTemplates(repo)) {
      for (const resource of template.resources) {
        if (extras.cloudformation.some((re) => re.test(resource.type))) evidence.push({ file: template.file, line: resource.line, detail: `${resource.type} ${resource.name}` });
      }
    }
  }
  if (extras.crds) evidence.push(...crdsOfGroup(repo, extras.crds));
  if (extras.constructs) {
    // Only the programs of a CDK app or Pulumi project are read: a library's source naming the class is not a deployment.
    // The construct, never the rest of the line: its arguments may hold a password.
    for (const use of constructUses(repo, extras.constructs)) evidence.push({ file: use.file, line: use.line, detail: `${use.seen} in infrastructure code` });
  }
  if (extras.azure.length > 0) {
    // A resource declared `existing` refers to one made elsewhere: it declares nothing here.
    for (const resource of bicepResources(repo)) {
      if (!resource.existing && extras.azure.some((re) => re.test(resource.type))) evidence.push({ file: resource.file, line: resource.line, detail: `Bicep ${resource.type} ${resource.name}` });
    }
  }
  return evidence;
}

/**
 * Detectors of a user's signal files, each with a fingerprint of its definition (a changed pattern
 * must not reuse a cached scan). Worker threads build the same from the same files.
 */
export function userDetectors(files: readonly SignalFile[]): Detector[] {
  return files.map((file) => ({ ...footprintDetector(file), fingerprint: createHash('sha256').update(JSON.stringify(file)).digest('hex').slice(0, 16) }));
}
