/**
 * Text from a scanned repository or cluster (file names, details, warning messages, server
 * messages) may carry terminal control sequences: a file named "\u001b]8;;…" or "\u001b[2J" must not
 * drive the terminal of whoever reads the report, and a bidirectional override must not reorder
 * what they see. These helpers make such characters visible as escapes ("\x1b", "\u202e").
 */

/** C0 controls but tab and newline, DEL, C1 controls, and the bidirectional marks and overrides. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_IN_DOCUMENT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The same plus tab and newline: inside one field, a newline would forge a line of the report. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_IN_FIELD = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One untrusted value printed inside a line: every control character shown as an escape. */
export function safeField(text: string): string {
  return text.replace(UNSAFE_IN_FIELD, visible);
}

/** A whole rendered document (markdown, HTML) whose own line structure is kept: tabs and newlines stay. */
export function safeDocument(text: string): string {
  return text.replace(UNSAFE_IN_DOCUMENT, visible);
}
