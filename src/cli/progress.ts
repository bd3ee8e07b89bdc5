/**
 * A one-line progress display on stderr for scans longer than a second, only on a terminal and
 * never with --quiet, so pipes and CI logs stay clean. Updates can come per file: the line is
 * redrawn at most every REDRAW_MS.
 */
export const SHOW_AFTER_MS = 1000;
const REDRAW_MS = 100;

/** The part of a stream the display uses (a fake one in tests). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export class Progress {
  private readonly started: number;
  private shown = false;
  private lastDrawn = 0;

  constructor(
    private readonly stream: ProgressStream,
    private readonly enabled: boolean,
    private readonly clock: () => number = Date.now,
  ) {
    this.started = clock();
  }

  /** `urgent`: drawn at once (a wait on a rate limit must be seen for as long as it lasts). */
  update(text: string, urgent = false): void {
    if (!this.enabled || this.stream.isTTY !== true) return;
    const now = this.clock();
    if (!urgent && (now - this.started < SHOW_AFTER_MS || now - this.lastDrawn < REDRAW_MS)) return;
    this.lastDrawn = now;
    const width = (this.stream.columns ?? 80) - 1;
    this.stream.write(`\r\u001b[2K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.stream.write('\r\u001b[2K');
    this.shown = false;
  }
}
