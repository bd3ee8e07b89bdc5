#!/usr/bin/env node
// The npm registry reachable here lacks most of rollup's per-platform binaries (404), so npm
// leaves them out of package-lock.json and `npm ci` then refuses the lock as "out of sync".
// This adds the missing optional platform entries (with their os/cpu/libc, so npm skips them on
// other platforms and never downloads them). Run it after any `npm install` that rewrites the lock.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
let added = 0;

function platformOf(name) {
  const tail = name.split('/').pop().replace(/^rollup-/, '');
  const [os, cpu, abi] = tail.split('-');
  const entry = { os: [os], cpu: [cpu === 'arm' || cpu === 'armv7' ? 'arm' : cpu] };
  if (os === 'linux' && abi) entry.libc = [abi.startsWith('musl') ? 'musl' : 'glibc'];
  return entry;
}

for (const entry of Object.values(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    if (!name.startsWith('@rollup/rollup-')) continue;
    const key = `node_modules/${name}`;
    if (packages[key] || !/^\d+\.\d+\.\d+$/.test(version)) continue;
    packages[key] = { version, ...(entry.dev ? { dev: true } : {}), optional: true, ...platformOf(name) };
    added++;
  }
}
const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)));
lock.packages = sorted;
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`added ${added} optional platform entries\n`);
