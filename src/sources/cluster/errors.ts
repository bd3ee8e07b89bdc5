/** Why a cluster could not be read at all. The message is one line, names no token and no path to one. */
export type ClusterAccessCode = 'kubeconfig' | 'unreachable' | 'tls' | 'unauthorized' | 'timeout' | 'snapshot' | 'redirect';

/**
 * The cluster asked for cannot be read: bad kubeconfig, server unreachable, TLS failure, rejected
 * credentials, or an unreadable snapshot. The CLI prints `message` alone and exits 2.
 */
export class ClusterAccessError extends Error {
  override readonly name = 'ClusterAccessError';

  constructor(
    readonly code: ClusterAccessCode,
    message: string,
  ) {
    super(oneLine(message));
    // A stack trace says nothing useful to a user whose cluster is down: keep the one line.
    this.stack = `${this.name}: ${this.message}`;
  }
}

export function oneLine(text: string): string {
  // Server messages are untrusted: no control character (an ESC would reach the terminal) survives.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const line = text.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
