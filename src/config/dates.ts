/** Dates in the configuration, shared by the schema and the code that applies it (without zod). */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date written YYYY-MM-DD that exists (no 2025-02-30). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** `180d`, `26w`, `6m`, `1y`, or a date. */
export const SINCE = /^(\d{1,5})([dwmy])$/;
