import type { FileEvidence } from '../../core/types.js';
import { isNotOwnUse } from './paths.js';

/**
 * Stricter own-use filters, each the scan-wide isNotOwnUse (docs, examples, samples, demos,
 * testdata, fixtures, mocks, documentation files) plus the folders a group of detectors also
 * drops. The scan applies isNotOwnUse to every detector's evidence anyway; a detector filters
 * earlier when a sample would otherwise decide something (one place per file, "seen" sets).
 */
const TEST_FOLDER = /(^|\/)(documentation|tests?|__tests__|e2e|test-data|__snapshots__)\//i;
/**
 * Data files under `hack/` (a MetalLB pool, a kind config, a test-cluster overlay) set up the
 * throwaway clusters of a project's own tests; its scripts stay, since pipelines call them to build
 * and release (`hack/release.sh`).
 */
const HARNESS_DATA = /(^|\/)hack\/(.*\/)?[^/]+\.(ya?ml|json)$/i;
const TEST_DATA_FOLDER = /(^|\/)(test-data|fixture|__snapshots__)\//i;
const DOCUMENTATION_FOLDER = /(^|\/)documentation\//i;

/**
 * Delivery and observability detectors (manifests, kustomize, Argo CD, Flux, CI, monitoring,
 * logging, tracing): tests and e2e folders and `hack/` data too, since a manifest, pipeline or stack
 * there shows how to use something (or what the tests start), not what the team runs. Precision beats
 * recall here (a platform's real files live in deploy/, k8s/, clusters/, apps/…).
 */
export function isSamplePath(path: string): boolean {
  return isNotOwnUse(path) || TEST_FOLDER.test(path) || HARNESS_DATA.test(path);
}

/** Container-image detectors: test data too (a linter's fixture Dockerfile, snapshot files). */
export function isTestDataPath(path: string): boolean {
  return isNotOwnUse(path) || TEST_DATA_FOLDER.test(path);
}

/** isTestDataPath plus a `documentation/` folder: scripts there describe someone else's setup. */
export function isSampleOrDocPath(path: string): boolean {
  return isTestDataPath(path) || DOCUMENTATION_FOLDER.test(path);
}

/** Provisioning detectors (Ansible, Terraform-adjacent, cloud CLIs): a `documentation/` folder too. */
export function isProse(path: string): boolean {
  return isNotOwnUse(path) || DOCUMENTATION_FOLDER.test(path);
}

/** A command that only prints another command (`echo "kustomize build …"`) runs nothing. */
export function isPrintedCommand(evidence: FileEvidence): boolean {
  return /^runs `(echo|printf)\s/.test(evidence.detail ?? '');
}

/** Evidence from findComponent that is the team's own: not in samples or tests, not an echo. */
export function withoutSamples(evidence: FileEvidence[]): FileEvidence[] {
  return evidence
    .filter((e) => !isSamplePath(e.file) && !isPrintedCommand(e))
    .map((e) => (e.detail?.includes('__TPL__') ? { ...e, detail: e.detail.replace(/__TPL__/g, '{{…}}') } : e));
}
