import { cutAtWord } from '../core/text.js';

/**
 * Laying the terminal table out within a width. Text is measured before it is coloured, so the
 * colour codes never count; every character is taken as one column (the table's own symbols are).
 */

export type Paint = (text: string) => string;

export interface Piece {
  text: string;
  paint?: Paint;
  /** Kept on one line (a stage of the ladder): the line breaks before it, never inside. */
  whole?: boolean;
  /** Stays on the line of what precedes it (the ladder's "›" ends a line, never starts one). */
  glue?: boolean;
}

const plain: Paint = (text) => text;

/**
 * Word-wraps pieces to `width` columns. The first line starts as the pieces do; the next ones are
 * indented by `indent` spaces. A word longer than a whole line is split where it must.
 */
export function wrap(pieces: readonly Piece[], width: number, indent: number): string[] {
  const lines: { text: string; paint: Paint }[][] = [[]];
  let column = 0;
  const room = Math.max(10, width - indent);
  const put = (text: string, paint: Paint) => {
    lines[lines.length - 1]!.push({ text, paint });
    column += text.length;
  };
  const breakLine = () => {
    // Spaces before a break are not worth keeping.
    const last = lines[lines.length - 1]!;
    while (last.length > 0 && /^ +$/.test(last[last.length - 1]!.text)) column -= last.pop()!.text.length;
    lines.push([{ text: ' '.repeat(indent), paint: plain }]);
    column = indent;
  };
  for (const [index, piece] of pieces.entries()) {
    const paint = piece.paint ?? plain;
    // What is glued after this piece must fit on its line too.
    let glued = 0;
    for (let next = index + 1; pieces[next]?.glue; next++) glued += pieces[next]!.text.length;
    const tokens = piece.whole ? [piece.text] : piece.text.split(/( +)/);
    for (const [at, token] of tokens.entries()) {
      if (token === '') continue;
      if (/^ +$/.test(token)) {
        // No spaces at the start of a continuation line.
        if (column > indent || lines.length === 1) put(token, paint);
        continue;
      }
      const tail = at === tokens.length - 1 ? glued : 0;
      if (column + token.length + tail > width && column > indent && !piece.glue) breakLine();
      let rest = token;
      while (rest.length > room && !piece.whole) {
        const fits = Math.max(1, width - column);
        put(rest.slice(0, fits), paint);
        rest = rest.slice(fits);
        breakLine();
      }
      put(rest, paint);
    }
  }
  return lines.map((parts) => join(parts));
}

/** One line, cut at a word boundary to fit (evidence and places: a glimpse; json and html have all). */
export function fitLine(text: string, width: number, paint: Paint = plain): string {
  return paint(cutAtWord(text, Math.max(10, width)));
}

/** Paints runs of the same paint together, so a line carries one colour code per run. */
function join(parts: readonly { text: string; paint: Paint }[]): string {
  let out = '';
  let run = '';
  let current: Paint | undefined;
  for (const part of parts) {
    if (part.paint !== current && run !== '') {
      out += current!(run);
      run = '';
    }
    current = part.paint;
    run += part.text;
  }
  return run !== '' ? out + current!(run) : out;
}
