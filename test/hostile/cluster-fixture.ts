import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesFromList, startApiServer as startServer, type ApiServer, type ApiServerOptions } from '../cluster/api-server.js';

/** The loopback API server of test/cluster, serving the prod-eu fixture cluster in pages of three. */

export type { ApiServer };
export const CLUSTER_TOKEN = 'loopback-token-hostile-41c2';
export const CLUSTER_FIXTURE = join(import.meta.dirname, '..', 'cluster', 'fixtures', 'cluster-prod-eu.json');

export function clusterFixtureItems(): Record<string, unknown>[] {
  return (JSON.parse(readFileSync(CLUSTER_FIXTURE, 'utf8')) as { items: Record<string, unknown>[] }).items;
}

export function startApiServer(options: Partial<ApiServerOptions> = {}): Promise<ApiServer> {
  return startServer({ token: CLUSTER_TOKEN, resources: resourcesFromList({ items: clusterFixtureItems() }), maxPage: 3, ...options });
}
