import { startThrowawayPostgres, type ThrowawayPostgres } from './postgres-server.js';

/**
 * vitest globalSetup: the PostgreSQL server every store test also runs against. `.ci/run` starts
 * one and exports K8S_MATURITY_TEST_PG; without it (a plain `npm test`) one is started here and
 * stopped at the end. In CI a missing server fails the run instead of skipping the tests.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.K8S_MATURITY_TEST_PG) return undefined;
  let server: ThrowawayPostgres | undefined;
  try {
    server = await startThrowawayPostgres();
  } catch (error) {
    if (process.env.CI === 'true') throw error;
    process.stderr.write(`store tests: no PostgreSQL (${(error as Error).message.split('\n')[0]}): its tests are skipped\n`);
    return undefined;
  }
  if (!server) {
    if (process.env.CI === 'true') throw new Error('store tests: PostgreSQL server binaries not found (apt-get install postgresql); CI needs them');
    process.stderr.write('store tests: no PostgreSQL installed: its tests are skipped (apt-get install postgresql)\n');
    return undefined;
  }
  process.env.K8S_MATURITY_TEST_PG = server.url;
  return async () => {
    delete process.env.K8S_MATURITY_TEST_PG;
    await server.stop();
  };
}
