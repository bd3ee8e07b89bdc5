import type { ScanWarning } from '../core/types.js';
import {
  activeAttestations,
  activeExemptions,
  exemptionKey,
  exemptionsFor,
  expiredAttestations,
  expiredExemptions,
  unusedExemptions,
} from '../config/exemptions.js';
import { configuredKind } from '../config/kinds.js';
import type { Exemption as ConfigExemption, OrgConfig } from '../config/schema.js';
import type { TeamInput } from '../model/assess.js';
import type { Attestation, Exemption } from '../model/evaluate.js';

/**
 * What the configuration says about the assessment besides what to scan: exemptions, kinds, teams
 * and attestations. Each exemption and kind is noted as it applies, so that those that matched
 * nothing are warned about.
 */
export class ConfigurationUse {
  private readonly exemptions: ConfigExemption[];
  private readonly usedExemptions = new Set<string>();
  private readonly usedKinds = new Set<number>();

  constructor(
    private readonly config: OrgConfig,
    private readonly configLabel: string,
    now: Date,
  ) {
    this.exemptions = activeExemptions(config, now);
  }

  /** The exemptions and configured kind of one repository. */
  configuredFor(r: { path: string; root: string; team?: string }) {
    const own = exemptionsFor(this.exemptions, { repositories: [r.path, r.root], ...(r.team ? { team: r.team } : {}) });
    for (const e of own) this.usedExemptions.add(exemptionKey(e));
    const setKind = configuredKind(this.config, [r.path, r.root], this.configLabel);
    if (setKind) this.usedKinds.add(setKind.index);
    return { own, setKind };
  }

  /** The configured teams, and those the forge named (teamsFrom: forge), with their repositories. */
  teams(planned: readonly { path: string; team?: string }[], now: Date): TeamInput[] {
    const names = [...new Set([...this.config.teams.map((t) => t.name), ...planned.flatMap((r) => (r.team ? [r.team] : []))])];
    return names.map((name) => ({
      name,
      repositories: planned.filter((r) => r.team === name).map((r) => r.path),
      attestations: activeAttestations(this.config, now, name).map(toModelAttestation),
      exemptions: this.teamExemptions(name).map(toModelExemption),
    }));
  }

  /** An attestation by the platform team (or by nobody in particular) speaks for the organization's platform. */
  organizationAttestations(now: Date): Attestation[] {
    const config = this.config;
    const platformNames = new Set([...config.teams.filter((t) => t.platform).map((t) => t.name), ...(config.platformTeam ? [config.platformTeam] : [])]);
    return activeAttestations(config, now)
      .filter((a) => a.team === undefined || platformNames.has(a.team))
      .map(toModelAttestation);
  }

  /** A team's exemptions of capabilities. */
  private teamExemptions(team: string): ConfigExemption[] {
    const own = this.exemptions.filter((e) => e.team === team && e.capability);
    for (const e of own) this.usedExemptions.add(exemptionKey(e));
    return own;
  }

  /** Expired exemptions and attestations, and exemptions and kinds that matched nothing. */
  warnings(now: Date): ScanWarning[] {
    const { config, configLabel: file } = this;
    const out: ScanWarning[] = [];
    for (const e of expiredExemptions(config, now)) {
      out.push({ file, message: `exemption of ${e.signal ?? e.capability} expired on ${e.expires}: ${e.reason}` });
    }
    for (const e of unusedExemptions(config, this.usedExemptions, now)) {
      const repository = e.repository ? ` for ${e.repository}` : '';
      out.push({ file, message: `exemption of ${e.signal ?? e.capability}${repository} matched nothing: remove it or fix its repository` });
    }
    for (const [index, k] of (config.kinds ?? []).entries()) {
      if (this.usedKinds.has(index)) continue;
      out.push({ file, message: `kinds[${index}]: "${k.repository}" matched no scanned repository: fix the path, name or glob` });
    }
    for (const a of expiredAttestations(config, now)) {
      const by = a.team ? ` by team ${a.team}` : '';
      out.push({ file, message: `attestation of ${a.capability}${by} expired on ${a.expires}: renew it or the capability is judged on evidence again` });
    }
    return out;
  }
}

export function toModelExemption(e: ConfigExemption): Exemption {
  return { ...(e.capability ? { capability: e.capability } : {}), ...(e.signal ? { signal: e.signal } : {}), reason: e.reason };
}

type ConfigAttestation = { capability: string; statement: string; by: string; date: string; link?: string | undefined; expires?: string | undefined };

function toModelAttestation(a: ConfigAttestation): Attestation {
  const optional = { ...(a.link ? { link: a.link } : {}), ...(a.expires ? { expires: a.expires } : {}) };
  return { capability: a.capability, statement: a.statement, by: a.by, date: a.date, ...optional };
}
