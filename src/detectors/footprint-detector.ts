/**
 * A signal described as data (a signal file, built in or the user's) turned into a detector. The
 * footprint's patterns are compiled once into the component spec that hand-written detectors use
 * too, so a tool in YAML is found exactly like one in code, with file and line.
 */
import { createHash } from 'node:crypto';
import type { FileEvidence } from '../core/types.js';
import { chartRefs } from '../facts/charts.js';
import { cfnTemplates } from '../facts/cloudformation.js';
import { provisioningEvidence } from '../facts/provisioning-commands.js';
import { detectTool } from '../facts/tool-evidence.js';
import { lineAtOffset, type Repository } from '../scan/repository.js';
import type { SignalDefinition, SignalFile } from '../signals/schema.js';
import { defineDetector, type Detector } from './detector.js';
import { compileFootprint, definitionOf, type Extras } from './signal-definition.js';

/** The detector of a signal file: its footprint, own use only, one evidence per place. */
export function footprintDetector(file: SignalFile): Detector {
  const signal = file.definition as SignalDefinition;
  const { component, extras } = compileFootprint(signal.footprint);
  const definition = { ...definitionOf(file), component };
  // A Dockerfile built on the tool's image runs the tool too (FROM grafana/tempo), as for code detectors.
  // Commands also count where provisioning runs them (Ansible tasks, cloud-init, Terraform
  // provisioners), as for the code detectors of provisioners: k3s-ansible installs K3s from a role's
  // `get_url: https://get.k3s.io`, in no pipeline or script.
  const commands = component.commands ?? [];
  const more = (r: Repository) => [...findExtras(r, extras), ...(commands.length > 0 ? provisioningEvidence(r, commands) : [])];
  const found = (repo: Repository) => detectTool(repo, component, { dockerBases: true, more });
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
  return evidence;
}

/**
 * Detectors of a user's signal files, each with a fingerprint of its definition (a changed pattern
 * must not reuse a cached scan). Worker threads build the same from the same files.
 */
export function userDetectors(files: readonly SignalFile[]): Detector[] {
  return files.map((file) => ({ ...footprintDetector(file), fingerprint: createHash('sha256').update(JSON.stringify(file)).digest('hex').slice(0, 16) }));
}
