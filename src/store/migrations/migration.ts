import type { Kysely } from 'kysely';

/** What every migration shares (kept apart from index.ts, which lists them, so none imports it). */

export type Engine = 'sqlite' | 'postgres';

/**
 * A step of the store's schema. Forward only: a released migration is never edited or removed;
 * a change is a new migration with the next version. Each runs inside the same transaction as the
 * row that records it, so a store is at version N whole or at N-1 whole.
 */
export interface Migration {
  version: number;
  name: string;

  up(db: Kysely<any>, engine: Engine): Promise<void>;
}

/** The column type of compressed bytes on each engine. */
export function blobType(engine: Engine): 'blob' | 'bytea' {
  return engine === 'postgres' ? 'bytea' : 'blob';
}
