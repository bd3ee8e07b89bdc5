import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { scrub, StoreError, type StoreLocation } from './location.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Engine } from './migrations/index.js';
import type { StoreDatabase } from './schema.js';

/**
 * Opening a store: SQLite (better-sqlite3) or PostgreSQL (pg) behind one Kysely query layer, with
 * its migrations run on open. Loaded only by the commands that use a store, never by a plain scan.
 */

export type StoreDb = Kysely<StoreDatabase>;

export interface Store {
  db: StoreDb;
  engine: Engine;
  location: StoreLocation;
  close(): Promise<void>;
}

/**
 * The drivers are CommonJS packages, loaded with require: the CLI runs as one script restored from
 * V8's code cache, which cannot call import() (see src/core/import-esm.ts), and only the engine in
 * use is loaded.
 */
function requireDriver(name: 'better-sqlite3' | 'pg'): unknown {
  return createRequire(import.meta.url)(name);
}

/**
 * Where better-sqlite3 builds its addon, given to it directly: left to find it, it asks the
 * `bindings` package, which reads a stack trace and tries a dozen paths (~3 ms of each
 * `scan --save`). Anywhere else (another build layout), it is left to find it.
 */
function sqliteAddon(): { nativeBinding?: string } {
  try {
    const addon = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
    return existsSync(addon) ? { nativeBinding: addon } : {};
  } catch {
    return {};
  }
}

/** How long a writer waits for another writer's transaction before giving up (SQLite). */
const BUSY_TIMEOUT_MS = 60_000;
/** How long a PostgreSQL connection may take before the store counts as unreachable. */
const CONNECT_TIMEOUT_MS = Number(process.env.K8S_MATURITY_STORE_CONNECT_TIMEOUT_MS) || 10_000;

/** `upTo`: the schema version to migrate to (tests make stores as older releases left them). */
export async function openStore(location: StoreLocation, options: { upTo?: number } = {}): Promise<Store> {
  if (location.engine === 'postgres') return migrated(await openPostgres(location), options.upTo);
  return whileSqliteBusy(async () => migrated(await openSqlite(location), options.upTo)).catch((error: unknown) => {
    throw asStoreError(error, location, 'could not open the store');
  });
}

async function migrated(store: Store, upTo?: number): Promise<Store> {
  try {
    await migrate(store, upTo);
  } catch (error) {
    await store.close().catch(() => undefined);
    throw isSqliteBusy(error) ? error : asStoreError(error, store.location, 'could not open the store');
  }
  return store;
}

/**
 * SQLite's busy timeout does not cover every wait: when processes open a new database at once,
 * turning it to WAL, or a reader meeting another's WAL recovery, can answer SQLITE_BUSY (or
 * SQLITE_PROTOCOL) at once, because waiting there could deadlock. Such a step is tried again,
 * whole, after a short random pause, until the busy timeout is spent. Seen when two `store push`
 * processes opened a fresh store on a loaded machine.
 */
export async function whileSqliteBusy<T>(step: () => Promise<T>, deadline = Date.now() + BUSY_TIMEOUT_MS): Promise<T> {
  for (let pause = 5; ; pause = Math.min(pause * 2, 250)) {
    try {
      return await step();
    } catch (error) {
      if (!isSqliteBusy(error) || Date.now() + pause > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause / 2 + Math.random() * pause));
    }
  }
}

function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code === 'SQLITE_PROTOCOL' || code.startsWith('SQLITE_LOCKED'));
}

async function openSqlite(location: Extract<StoreLocation, { engine: 'sqlite' }>): Promise<Store> {
  const Database = requireDriver('better-sqlite3') as typeof import('better-sqlite3');
  let database;
  try {
    mkdirSync(dirname(location.path), { recursive: true });
    database = new Database(location.path, { timeout: BUSY_TIMEOUT_MS, ...sqliteAddon() });
    // WAL: readers never block the writer, and a killed writer leaves the last commit intact.
    database.pragma('journal_mode = WAL');
    // NORMAL in WAL mode keeps every commit atomic (a crash can lose the last one, never half of it).
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
  } catch (error) {
    database?.close();
    throw isSqliteBusy(error) ? error : asStoreError(error, location, 'could not open the store');
  }
  const db = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database }) });
  return { db, engine: 'sqlite', location, close: () => db.destroy() };
}

async function openPostgres(location: Extract<StoreLocation, { engine: 'postgres' }>): Promise<Store> {
  const pg = requireDriver('pg') as typeof import('pg');
  // count(*) and bigint come back as strings from pg; every count is read through Number().
  const pool = new pg.Pool({ connectionString: location.url, max: 4, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: 'k8s-maturity' });
  // An idle connection dropped by the server must not crash the process with an unhandled error.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw asStoreError(error, location, 'could not reach the store');
  }
  const db = new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', location, close: () => db.destroy() };
}

/**
 * A transaction that writes: on SQLite it takes the write lock at its start (BEGIN IMMEDIATE), so
 * two processes recording at once queue up instead of one failing with "database is locked" when
 * it upgrades from reading to writing; on PostgreSQL it is an ordinary transaction.
 */
export async function writeTransaction<T>(store: Store, work: (trx: StoreDb) => Promise<T>): Promise<T> {
  if (store.engine === 'postgres') return store.db.transaction().execute(work);
  // A transaction that met an immediate SQLITE_BUSY was rolled back whole, so it is run again whole.
  return whileSqliteBusy(() =>
    store.db.connection().execute(async (connection) => {
      await sql`begin immediate`.execute(connection);
      try {
        const result = await work(connection);
        await sql`commit`.execute(connection);
        return result;
      } catch (error) {
        await sql`rollback`.execute(connection).catch(() => undefined);
        throw error;
      }
    }),
  );
}

/** The schema version the store is at: the highest applied (0 for an empty one). */
export async function schemaVersion(db: StoreDb): Promise<number> {
  return Math.max(0, ...(await appliedVersions(db)));
}

/** The versions recorded as applied (none for an empty store). */
async function appliedVersions(db: StoreDb): Promise<Set<number>> {
  try {
    const rows = await db.selectFrom('store_schema_versions').select('version').execute();
    return new Set(rows.map((r) => Number(r.version)));
  } catch {
    return new Set(); // no table yet
  }
}

/**
 * Runs the migrations the store lacks, each with its version row, under a lock that serialises
 * concurrent openers. Every version not recorded is applied, not only those above the highest:
 * migrations written on two branches at once (3 and 4) may land in either order.
 */
export async function migrate(store: Store, upTo: number = LATEST_SCHEMA_VERSION): Promise<void> {
  const applied = await appliedVersions(store.db);
  const current = Math.max(0, ...applied); // schemaVersion, from the same read
  if (current > LATEST_SCHEMA_VERSION) {
    throw new StoreError(`${store.location.shown}: the store is at schema ${current}, newer than this k8s-maturity knows (${LATEST_SCHEMA_VERSION}): upgrade k8s-maturity`);
  }
  const lacking = (done: Set<number>) => MIGRATIONS.filter((m) => m.version <= upTo && !done.has(m.version));
  if (lacking(applied).length === 0) return;
  await writeTransaction(store, async (trx) => {
    // PostgreSQL: one opener migrates, the others wait here and then find nothing left to do.
    if (store.engine === 'postgres') await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
    await trx.schema
      .createTable('store_schema_versions')
      .ifNotExists()
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();
    for (const migration of lacking(await appliedVersions(trx))) {
      await migration.up(trx, store.engine);
      await trx.insertInto('store_schema_versions').values({ version: migration.version, name: migration.name, applied_at: new Date().toISOString() }).execute();
    }
  });
}

/** An arbitrary constant naming the migration lock among PostgreSQL advisory locks. */
const MIGRATION_LOCK = 0x6b386d61; // "k8ma"

/** Any error from a driver, as a StoreError whose message carries no password. */
export function asStoreError(error: unknown, location: StoreLocation, what: string): StoreError {
  if (error instanceof StoreError) return new StoreError(scrub(error.message, location));
  const raw = error instanceof Error ? error.message || (error as NodeJS.ErrnoException).code || error.name : String(error);
  // pg reports an AggregateError with an empty message when every address of a host refuses.
  const inner = error instanceof AggregateError && error.errors[0] instanceof Error ? error.errors[0].message : '';
  const message = (raw || inner || 'unknown error').split('\n')[0]!;
  return new StoreError(scrub(`${what} ${location.shown}: ${message}`, location));
}
