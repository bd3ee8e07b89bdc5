/**
 * CSV for spreadsheets. A cell starting with = + - @ (or a tab or carriage return) is prefixed
 * with a quote, so that a repository named `=HYPERLINK(…)` is text in Excel, not a formula.
 */
export function csv(header: string[], rows: unknown[][]): string {
  const cell = (value: unknown): string => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
