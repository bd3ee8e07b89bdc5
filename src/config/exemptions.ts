import { basename } from 'node:path';
import { didYouMean } from '../core/edit-distance.js';
import type { AttestationEvidence } from '../core/types.js';
import { pathGlobMatcher, hasGlob } from './glob.js';
import { ConfigError } from './load.js';
import type { Attestation, Exemption, OrgConfig } from './schema.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * An `expires` date is the last day something holds: it is expired from the next day (UTC) on.
 * No date never expires.
 */
export function isExpired(date: string | undefined, now: Date = new Date()): boolean {
  if (date === undefined) return false;
  const lastDay = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(lastDay)) return false;
  return now.getTime() >= lastDay + DAY_MS;
}

/* ---------- Exemptions ---------- */

/**
 * Every capability and signal an exemption or attestation names must exist in the model (with the
 * configuration's overrides): a typo would otherwise exempt nothing, silently. Throws a ConfigError
 * naming each one, with the closest id, as model overrides do.
 */
export function checkModelNames(config: OrgConfig, model: { capabilities: readonly { id: string }[]; signals: readonly { id: string }[] }, configLabel: string): void {
  const capabilities = model.capabilities.map((c) => c.id);
  const signals = model.signals.map((s) => s.id);
  const problems: string[] = [];
  const check = (where: string, kind: 'capability' | 'signal', id: string | undefined) => {
    if (id === undefined || (kind === 'capability' ? capabilities : signals).includes(id)) return;
    problems.push(`${configLabel}: ${where}.${kind}: no ${kind} "${id}" in the model${didYouMean(id, kind === 'capability' ? capabilities : signals)}; \`k8s-maturity signals\` lists them`);
  };
  config.exemptions.forEach((e, i) => {
    check(`exemptions[${i}]`, 'capability', e.capability);
    check(`exemptions[${i}]`, 'signal', e.signal);
  });
  config.attestations.forEach((a, i) => check(`attestations[${i}]`, 'capability', a.capability));
  if (problems.length > 0) throw new ConfigError('CONFIG_INVALID', problems);
}

/**
 * A stable key naming what an exemption covers, e.g. `signal:static-secrets@repository:payments-api`
 * or `capability:runtime-security@organization`. The scan collects the keys of exemptions it applied
 * and passes them to unusedExemptions.
 */
export function exemptionKey(exemption: Exemption): string {
  const what = exemption.signal !== undefined ? `signal:${exemption.signal}` : `capability:${exemption.capability}`;
  const where = exemption.repository !== undefined ? `repository:${exemption.repository}` : exemption.team !== undefined ? `team:${exemption.team}` : 'organization';
  return `${what}@${where}`;
}

export function activeExemptions(config: OrgConfig, now: Date = new Date()): Exemption[] {
  return config.exemptions.filter((e) => !isExpired(e.expires, now));
}

/** Expired exemptions no longer apply; reports list them so someone renews or removes them. */
export function expiredExemptions(config: OrgConfig, now: Date = new Date()): Exemption[] {
  return config.exemptions.filter((e) => isExpired(e.expires, now));
}

/** Active exemptions that matched nothing in the scan: stale configuration worth a warning. */
export function unusedExemptions(config: OrgConfig, usedKeys: Iterable<string>, now: Date = new Date()): Exemption[] {
  const used = new Set(usedKeys);
  return activeExemptions(config, now).filter((e) => !used.has(exemptionKey(e)));
}

export interface ExemptionTarget {
  signal?: string;
  capability?: string;
  /** The repository path as reported. */
  repository?: string;
  team?: string;
}

/**
 * The first active exemption covering a finding. A `repository` in an exemption matches the path as
 * reported, its last folder name, or a glob over the path. An exemption without repository or
 * team covers the whole organization.
 */
export function findExemption(exemptions: readonly Exemption[], target: ExemptionTarget): Exemption | undefined {
  for (const exemption of exemptions) {
    if (exemption.signal !== undefined ? exemption.signal !== target.signal : exemption.capability !== target.capability) continue;
    if (!coversScope(exemption, { ...(target.repository !== undefined ? { repositories: [target.repository] } : {}), ...(target.team !== undefined ? { team: target.team } : {}) })) continue;
    return exemption;
  }
  return undefined;
}

/**
 * The exemptions whose scope covers a repository (whatever they exempt): those naming it (by any
 * of the names given: the path as reported, its folder on disk), those of its team, and the
 * organization-wide ones.
 */
export function exemptionsFor(exemptions: readonly Exemption[], scope: { repositories: readonly string[]; team?: string }): Exemption[] {
  return exemptions.filter((exemption) => coversScope(exemption, scope));
}

function coversScope(exemption: Exemption, scope: { repositories?: readonly string[]; team?: string }): boolean {
  if (exemption.team !== undefined && exemption.team !== scope.team) return false;
  if (exemption.repository !== undefined) return (scope.repositories ?? []).some((name) => repositoryMatches(exemption.repository!, name));
  return true;
}

/** A repository `pattern` of the configuration names the repository by path as reported, last folder name or glob. */
export function repositoryMatches(pattern: string, repository: string): boolean {
  const path = repository.replace(/\\/g, '/').replace(/\/+$/, '');
  const clean = pattern.replace(/^\.\//, '').replace(/\/+$/, '');
  if (path === clean || path.replace(/^\.\//, '') === clean || basename(path) === clean) return true;
  if (!hasGlob(clean)) return false;
  const regex = pathGlobMatcher(clean);
  return regex.test(path.replace(/^\.\//, '')) || regex.test(basename(path));
}

/* ---------- Attestations ---------- */

/** Attestations in force; with `team`, those for that team plus the organization-wide ones. */
export function activeAttestations(config: OrgConfig, now: Date = new Date(), team?: string): Attestation[] {
  return config.attestations.filter((a) => !isExpired(a.expires, now) && (team === undefined || a.team === undefined || a.team === team));
}

export function expiredAttestations(config: OrgConfig, now: Date = new Date()): Attestation[] {
  return config.attestations.filter((a) => isExpired(a.expires, now));
}

/** The evidence an attestation contributes to its capability. */
export function attestationEvidence(attestation: Attestation): AttestationEvidence {
  return {
    attestation: attestation.statement,
    by: attestation.by,
    date: attestation.date,
    ...(attestation.link !== undefined ? { link: attestation.link } : {}),
    ...(attestation.expires !== undefined ? { expires: attestation.expires } : {}),
    source: 'attestation',
  };
}
