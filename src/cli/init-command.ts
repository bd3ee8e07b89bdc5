import { existsSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CONFIG_FILE_NAME, expandDirectoryGlob, writeStarterConfig } from '../config/index.js';

/** `k8s-maturity init`: writes a commented starter .k8s-maturity.yaml from the repositories found here. */
export async function runInit(options: { force?: boolean; dir?: string }): Promise<number> {
  const cwd = options.dir ?? process.cwd();
  const target = join(cwd, CONFIG_FILE_NAME);
  if (existsSync(target) && !options.force) {
    process.stderr.write(`k8s-maturity: ${target} already exists; use --force to overwrite it\n`);
    return 2;
  }
  const isRepository = existsSync(join(cwd, '.git'));
  // `**` keeps only git work trees and does not descend into them: every repository under here.
  const repositories = isRepository ? ['.'] : expandDirectoryGlob('**', cwd).map((p) => relative(cwd, p) || '.');
  writeFileSync(target, writeStarterConfig(cwd, { repositories: repositories.length > 0 ? repositories : ['.'] }));
  process.stderr.write(`wrote ${target} with ${repositories.length || 1} repositor${repositories.length === 1 ? 'y' : 'ies'}; edit the teams, then run: k8s-maturity scan\n`);
  return 0;
}
