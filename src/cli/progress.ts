/**
 * A one-line progress display on stderr for scans longer than a second, only on a terminal and
 * never with --quiet, so pipes and CI logs stay clean.
 */
export class Progress {
  private readonly started = Date.now();
  private shown = false;
  private last = '';

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly enabled: boolean,
  ) {}

  update(text: string): void {
    if (!this.enabled || !this.stream.isTTY) return;
    this.last = text;
    if (Date.now() - this.started < 1000) return;
    const width = (this.stream.columns ?? 80) - 1;
    this.stream.write(`\r\u001b[2K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.stream.write('\r\u001b[2K');
    this.shown = false;
    void this.last;
  }
}
