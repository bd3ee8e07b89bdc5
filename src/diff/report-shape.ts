import type { CapabilityStatus, Coverage, Detection, Evidence, ScanWarning } from '../core/types.js';

/**
 * The parts of a JSON report (shared/spec/cli-and-json.md, schemaVersion 1) that the store and the
 * diff read. An in-memory Assessment has this shape too, so a scan is recorded without rendering
 * and parsing its report again; a report file is checked against it where it enters (readReport).
 */
export interface ReportCapability {
  id: string;
  stage: number;
  name?: string;
  required?: boolean;
  scope?: 'platform' | 'service';
  status: CapabilityStatus;
  evidence?: Evidence[];
  coverage?: Coverage;
  reason?: string;
  exemption?: string;
}

export interface ReportShape {
  schemaVersion: 1;
  generatedAt?: string;
  organization?: string;
  tool?: { name?: string; version?: string };
  model?: { version?: number; source?: { title?: string; author?: string } };
  stage: number;
  stageProvisional?: boolean;
  repositories: { path: string; kind?: string; stage: number; detections: Detection[]; capabilities?: ReportCapability[]; warnings?: ScanWarning[] }[];
  clusters?: { name: string; detections: Detection[] }[];
  capabilities: ReportCapability[];
  teams: { name: string; stage: number; repositories: string[]; capabilities?: ReportCapability[] }[];
  warnings?: ScanWarning[];
}

/** Parses a JSON report's text; a message saying what is wrong when it is not one. */
export function parseReport(text: string, name: string): ReportShape {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ReportFileError(`${name}: not JSON (${(error as Error).message.split('\n')[0]})`);
  }
  return checkReport(value, name);
}

export function checkReport(value: unknown, name: string): ReportShape {
  const report = value as Partial<ReportShape> | null;
  const problem =
    typeof report !== 'object' || report === null || Array.isArray(report)
      ? 'not a JSON object'
      : report.schemaVersion !== 1
        ? `schemaVersion ${JSON.stringify(report.schemaVersion)} is not 1`
        : typeof report.stage !== 'number'
          ? 'no organization stage'
          : !Array.isArray(report.repositories) || !Array.isArray(report.capabilities) || !Array.isArray(report.teams)
            ? 'no repositories, capabilities or teams lists'
            : report.repositories.some((r) => typeof r?.path !== 'string' || typeof r.stage !== 'number' || !Array.isArray(r.detections))
              ? 'a repository without path, stage or detections'
              : report.teams.some((t) => typeof t?.name !== 'string' || typeof t.stage !== 'number')
                ? 'a team without name or stage'
                : report.capabilities.some((c) => typeof c?.id !== 'string' || typeof c.status !== 'string')
                  ? 'a capability without id or status'
                  : undefined;
  if (problem !== undefined) throw new ReportFileError(`${name}: not a k8s-maturity JSON report (${problem}); write one with \`scan --format json\``);
  return report as ReportShape;
}

/** A report file that cannot be read: exit 2 with this one line. */
export class ReportFileError extends Error {
  override name = 'ReportFileError';
}
