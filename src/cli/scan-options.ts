import type { Assessment } from '../model/types.js';
import type { OrganizationScanOptions } from '../scan/organization.js';
import type { Gate } from './gates.js';
import type { Format } from './formats.js';
import type { OutputArgument } from './outputs.js';

/** What `scan` takes from its command line, apart from scan-command.ts so that the commands it hands over to (shard) can name it. */
export interface ScanOptions {
  format?: Format[];
  output?: string[];
  /** --format and --output in command-line order (the CLI gives it); without it, format[i] pairs with output[i]. */
  outputArguments?: OutputArgument[];
  config?: string;
  kubeconfig?: string;
  context?: string[];
  clusterSnapshot?: string[];
  keepGoing?: boolean;
  failBelow?: Gate[];
  since?: string;
  maxFileSize?: number;
  maxTotalSize?: number;
  maxFiles?: number;
  maxDocuments?: number;
  clusterTimeout?: number;
  clusterDeadline?: number;
  cacheDir?: string;
  offline?: boolean;
  /** false with --no-cache. */
  cache?: boolean;
  teamLabel?: string;
  history?: boolean;
  quiet?: boolean;
  color?: boolean;
  /** Memory (docs/store.md): record the assessment, in which store, and compare with a baseline report. */
  save?: boolean;
  store?: string;
  baseline?: string;
  failOnRegression?: boolean;
  githubOrg?: string;
  gitlabGroup?: string;
  topic?: string[];
  includeArchived?: boolean;
  includeForks?: boolean;
  include?: string[];
  exclude?: string[];
  githubUrl?: string;
  gitlabUrl?: string;
  tokenFile?: string;
  /** A sharded scan (docs/scale.md): `I/N` or `auto/N`, and the run the shards belong to. */
  shard?: string;
  run?: string;
  /** With --shard: the shard that finishes the run merges it (as `merge --run ID` would, recording only). */
  merge?: boolean;
}

/** scan-command's scanToAssessment, handed to the commands that scan through it (shard) rather than imported back. */
export type ScanToAssessment = (paths: string[], options: ScanOptions, extra?: Pick<OrganizationScanOptions, 'shard' | 'recorded'>) => Promise<Assessment>;
