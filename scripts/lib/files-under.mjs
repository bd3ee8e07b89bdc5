// The files under some folders whose name matches a pattern, for the scripts and benchmarks that
// compare our parsers with the libraries they replaced on real trees. .git and node_modules are
// skipped; unreadable folders are passed over.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function* filesUnder(dir, namePattern) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name === '.git' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path, namePattern);
    else if (entry.isFile() && namePattern.test(entry.name)) yield path;
  }
}
