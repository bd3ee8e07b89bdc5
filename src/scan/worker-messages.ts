/**
 * What crosses between the organization scan's main thread (parallel.ts) and its worker threads
 * (scan-worker.ts): data only, since a worker cannot receive functions. Its own module so that
 * neither side imports the other for its types.
 */
import type { Limits } from '../core/limits.js';
import type { DetectorSettings } from '../core/detector-settings.js';
import type { ScanCacheSettings } from '../cache/scan-cache.js';
import type { HistoryFacts } from '../history/index.js';
import type { OrgConfig } from '../config/schema.js';
import type { SignalFile } from '../signals/schema.js';
import type { ScannedRepository } from './scan-repository.js';

/** What readHistory needs, as data (worker threads cannot receive functions). */
export interface HistoryRequest {
  since: Date;
  now: Date;
  mainBranch?: string;
  /** Platform team members come from it (`platformMembers`). */
  config: OrgConfig;
}

/** A repository to scan: where it is, and its name in reports (history evidence names it). */
export interface ScanJob {
  root: string;
  label: string;
}

export interface ScannedWithHistory extends ScannedRepository {
  /** Present when history was asked for. */
  history?: Pick<HistoryFacts, 'detections' | 'unknown' | 'absent'>;
}

export interface WorkerJob {
  id: number;
  job: ScanJob;
  limits: Limits;
  settings?: DetectorSettings;
  cache?: ScanCacheSettings;
  history?: HistoryRequest;
  /** A configuration's own signals, added to the registry's detectors. */
  signalFiles?: readonly SignalFile[];
}

export type WorkerMessage =
  | { id: number; type: 'files'; count: number }
  | { id: number; type: 'done'; result: ScannedWithHistory }
  | { id: number; type: 'failed'; name: string; message: string };
