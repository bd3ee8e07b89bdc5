import { isIsoDate, SINCE } from '../config/dates.js';

const DAYS = { d: 1, w: 7, m: 30, y: 365 } as const;

/** `400d`, `26w`, `6m`, `1y` as days; undefined for anything else. */
export function windowDays(value: string): number | undefined {
  const match = SINCE.exec(value.trim());
  if (!match) return undefined;
  return Number(match[1]) * DAYS[match[2] as keyof typeof DAYS];
}

/** The start of a `--since` window (`1y`, `90d`, or a date YYYY-MM-DD) as an ISO time. */
export function sinceToIso(value: string, now: Date = new Date()): string {
  if (isIsoDate(value.trim())) return `${value.trim()}T00:00:00.000Z`;
  const days = windowDays(value);
  if (days === undefined) throw new Error(`--since ${value}: expected a window like 90d, 26w, 6m, 1y or a date YYYY-MM-DD`);
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}

/** Retention: `400d` (a window) or `100` (the newest assessments kept). */
export type Retention = { olderThanDays: number } | { keepNewest: number };

export function parseRetention(value: string | number): Retention {
  if (typeof value === 'number' || /^\d+$/.test(value.trim())) {
    const count = Number(value);
    if (!Number.isInteger(count) || count < 1) throw new Error(`store.keep ${value}: expected a window like 400d or a count of assessments (1 or more)`);
    return { keepNewest: count };
  }
  const days = windowDays(value);
  if (days === undefined || days < 1) throw new Error(`store.keep ${value}: expected a window like 400d, 52w, 1y or a count of assessments like 100`);
  return { olderThanDays: days };
}
