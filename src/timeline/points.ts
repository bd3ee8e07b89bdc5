import { ConfigError } from '../config/load.js';
import { parseSince } from '../config/repositories.js';

/** More points than this is a mistake (an --every of 1d over ten years), not a timeline. */
export const MAX_POINTS = 120;

export interface PointOptions {
  now: Date;
  /** How far back: a window like 2y or 90d, or a date. Default 2y. */
  since?: string;
  /** The step between points, a window like 90d. Default 90d (a quarter). */
  every?: string;
  /** Exact dates instead (YYYY-MM-DD: the end of that day, UTC). */
  at?: readonly string[];
}

/**
 * The dates a timeline assesses, oldest first. With --at, those dates; otherwise every `every`
 * back from now until `since`, now included, so the last point is today's assessment.
 */
export function timelinePoints(options: PointOptions): Date[] {
  const { now } = options;
  if (options.at && options.at.length > 0) {
    const dates = options.at.map((value) => parseDate(value));
    return [...new Map(dates.map((d) => [d.getTime(), d])).values()].sort((a, b) => a.getTime() - b.getTime());
  }
  const start = parseSince(options.since ?? '2y', now);
  const step = now.getTime() - parseSince(options.every ?? '90d', now).getTime();
  if (!(step > 0)) throw new ConfigError('CONFIG_INVALID', [`--every: "${options.every}" must be a window like 90d, 12w or 6m`]);
  const points: Date[] = [];
  for (let t = now.getTime(); t >= start.getTime(); t -= step) {
    points.push(new Date(t));
    if (points.length > MAX_POINTS) throw new ConfigError('CONFIG_INVALID', [`more than ${MAX_POINTS} points: widen --every or shorten --since`]);
  }
  return points.reverse();
}

function parseDate(value: string): Date {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(day ? `${value}T23:59:59Z` : value);
  if (Number.isNaN(date.getTime())) throw new ConfigError('CONFIG_INVALID', [`--at: "${value}" is not a date (YYYY-MM-DD or an ISO date and time)`]);
  return date;
}
