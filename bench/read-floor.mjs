// The read floor: list a repository's files with git and read every one once. Nothing can scan
// faster than this, so the CLI's time is reported as a ratio to it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let bytes = 0;
let files = 0;
for (const root of process.argv.slice(2)) {
  const list = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 }).split('\0').filter(Boolean);
  for (const path of list) {
    bytes += readFileSync(join(root, path)).length;
    files++;
  }
}
process.stdout.write(JSON.stringify({ files, bytes }));
