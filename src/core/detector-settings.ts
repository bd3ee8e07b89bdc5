/**
 * What an organization's configuration tells the detectors. Data only: it crosses to worker
 * threads, and it is part of the scan cache's key (a result found with one table does not answer
 * for another).
 */
export interface DetectorSettings {
  /** The organization's own end-of-life table (`eolTable:`), checked at load; merged over the shipped one. */
  eolTable?: EolTableData;
}

/** The shape of an end-of-life table file, as the shipped eol-table.json has it. */
export interface EolTableData {
  asOf?: string;
  images: Record<string, { cycle: string; eol: string }[]>;
  aliases?: Record<string, Record<string, string>>;
}
