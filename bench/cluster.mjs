/* global setInterval, clearInterval */
// Cluster scan benchmark: a loopback API server with N pods and N/4 Deployments (generated page by
// page), scanned through the built CLI code (dist/) in a fresh process whose RSS is sampled every
// 10 ms. Memory should stay flat from 5,000 to 20,000 pods: pages are processed and dropped.
//
//   npm run build && node bench/cluster.mjs            # 5,000 and 20,000 pods
//   node bench/cluster.mjs 50000                       # other sizes
//
// Figures are written to docs/clusters.md by hand (they depend on the machine).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist', 'sources', 'cluster', 'index.js');

if (process.argv[2] === '--scan') {
  await scanOnce(process.argv[3]);
} else {
  if (!existsSync(DIST)) {
    console.error('dist/ is missing: run `npm run build` first');
    process.exit(2);
  }
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const rows = [];
  for (const pods of sizes.length ? sizes : [5_000, 20_000]) rows.push(await benchmark(pods, Math.round(pods / 4)));
  console.log('\n| pods | Deployments | list requests | wall time | peak RSS | RSS before scan | heap kept after scan | objects/s |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.pods.toLocaleString('en')} | ${r.deployments.toLocaleString('en')} | ${r.requests} | ${(r.ms / 1000).toFixed(2)} s | ${mb(r.peakRss)} | ${mb(r.baseRss)} | ${(r.retainedHeap / 1024 / 1024).toFixed(1)} MB | ${Math.round((r.pods + r.deployments) / (r.ms / 1000)).toLocaleString('en')} |`);
  }
}

async function benchmark(pods, deployments) {
  const server = spawn(join(ROOT, 'node_modules', '.bin', 'vite-node'), [join(ROOT, 'test', 'cluster', 'bench-server.ts'), '--', String(pods), String(deployments)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: server.stdout });
  const ready = await new Promise((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line)));
    server.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  try {
    const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--scan', ready.kubeconfig], { cwd: ROOT, encoding: 'utf8' });
    if (child.status !== 0) throw new Error(child.stderr);
    const result = JSON.parse(child.stdout.trim().split('\n').at(-1));
    console.error(`${pods} pods: ${(result.ms / 1000).toFixed(2)} s, peak RSS ${mb(result.peakRss)} (before scan ${mb(result.baseRss)}), counts ${JSON.stringify(result.counts)}`);
    return { pods, deployments, ...result };
  } finally {
    server.stdin.end();
    server.kill();
  }
}

async function scanOnce(kubeconfig) {
  const { scanCluster } = await import(DIST);
  // Load the client library before measuring, so the baseline includes it.
  await import('@kubernetes/client-node');
  globalThis.gc?.();
  const baseRss = process.memoryUsage().rss;
  const baseHeap = process.memoryUsage().heapUsed;
  let peakRss = baseRss;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 10);
  let requests = 0;
  const started = performance.now();
  const result = await scanCluster({ kubeconfig, pageSize: 500, onProgress: () => requests++ });
  const ms = performance.now() - started;
  clearInterval(timer);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  // What the scan still holds once garbage is collected, with the result alive.
  globalThis.gc?.();
  const retainedHeap = process.memoryUsage().heapUsed - baseHeap;
  const probes = result.coverage.probes;
  console.log(JSON.stringify({ ms, peakRss, baseRss, retainedHeap, requests, counts: { pods: result.counts.pods, deployments: result.counts['deployments.apps'] }, probes: probes && `${probes.covered}/${probes.total}`, warnings: result.warnings.length }));
}

function mb(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}
