import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { parseStoreUrl, type StoreLocation } from '../../src/store/location.js';

/**
 * The two engines every store test runs on. SQLite: a new file per call. PostgreSQL: a new
 * database per call on the run's server (test/store/postgres-global.ts), so test files running
 * in parallel never see each other's rows.
 */
export const ENGINES = ['sqlite', 'postgres'] as const;
export type EngineName = (typeof ENGINES)[number];

export const postgresAvailable = (): boolean => Boolean(process.env.K8S_MATURITY_TEST_PG);

export async function freshStore(engine: EngineName): Promise<StoreLocation> {
  if (engine === 'sqlite') return parseStoreUrl(`sqlite:${join(mkdtempSync(join(tmpdir(), 'k8sm-store-')), 'store.db')}`);
  const url = freshPostgresUrlBase();
  const name = `k8sm_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return parseStoreUrl(target.toString());
}

function freshPostgresUrlBase(): string {
  const url = process.env.K8S_MATURITY_TEST_PG;
  if (!url) throw new Error('K8S_MATURITY_TEST_PG is not set');
  return url;
}

/** describe.each over the engines; PostgreSQL is skipped only outside CI when no server could start. */
export function enginesToTest(): EngineName[] {
  if (postgresAvailable()) return [...ENGINES];
  if (process.env.CI === 'true') throw new Error('CI runs the store tests on PostgreSQL too: K8S_MATURITY_TEST_PG is missing');
  return ['sqlite'];
}
