import { createHash, timingSafeEqual } from 'node:crypto';

/** Addresses that only this machine can reach: no token is needed there. */
export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * A comparison whose time does not depend on where the strings differ: both sides are hashed
 * first, so lengths leak nothing either.
 */
export function sameToken(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The token a request carries: `Authorization: Bearer …`, or the cookie set by `?token=`. */
export function tokenOf(authorization: string | undefined, cookie: string | undefined): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (bearer) return bearer[1];
  const match = /(?:^|;\s*)k8sm_token=([^;]+)/.exec(cookie ?? '');
  return match ? decodeURIComponent(match[1]!) : undefined;
}
