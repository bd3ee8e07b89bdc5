/**
 * Shortens text to at most `max` characters at a word boundary, marked with "…". A space is the
 * best place; a long word (a path, a URL, a flag with its value) is cut after one of its own
 * separators rather than in the middle of a name. Only text with no boundary in its last 40% is cut
 * where it stands.
 */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, Math.max(1, max - 1));
  const floor = Math.floor(max * 0.6);
  let end = room.lastIndexOf(' ');
  if (end < floor) {
    const separator = /[/\\,;:=&?|-](?=[^/\\,;:=&?|-]*$)/.exec(room);
    end = separator ? separator.index + 1 : -1;
  }
  if (end < floor) end = room.length;
  return `${room.slice(0, end).trimEnd()}…`;
}
