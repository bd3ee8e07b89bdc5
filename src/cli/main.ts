import { Command, InvalidArgumentError, Option } from 'commander';
import { gateValue } from './gates.js';
import type { OutputArgument } from './outputs.js';
import { toolVersion } from './version.js';

/**
 * The command line. Only commander is imported up front; each command loads what it needs when it
 * runs, so `--help` and `--version` stay instant.
 */

export { FORMATS, type Format } from './formats.js';
import { FORMATS, type Format } from './formats.js';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('a positive number');
  return n;
}

export function buildProgram(): Command {
  const program = new Command();
  // --format and --output in command-line order: commander keeps each option's values apart, and
  // the pairing needs to know which --format an --output follows (see outputs.ts).
  const outputArguments: OutputArgument[] = [];
  program
    .name('k8s-maturity')
    .description('Tells, from evidence in repositories, clusters and git history, which of five Kubernetes maturity stages an organization has reached, and what to do next.')
    .version(toolVersion(), '-v, --version')
    .showSuggestionAfterError(true)
    // Usage errors exit 2 like every other "could not run" (commander's own default is 1, which
    // scripts would read as "the gate failed"). Set before the commands so they inherit it.
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });

  program
    .command('scan', { isDefault: false })
    .description('Assess repositories (and clusters) and report the stage, each capability and a roadmap.')
    .argument('[paths...]', 'repository folders or git URLs to scan (default: the repositories of .k8s-maturity.yaml, else the current folder)')
    .addOption(
      new Option('-f, --format <format>', `report format: ${FORMATS.join(', ')} (repeatable; default: table on a terminal, json when piped)`).argParser((value: string, previous: string[] = []) => {
        if (!isFormat(value)) throw new InvalidArgumentError(`choose one of ${FORMATS.join(', ')}`);
        outputArguments.push({ kind: 'format', value });
        return [...previous, value];
      }),
    )
    .option('-o, --output <file>', 'write the report of the --format just before it to FILE (without one: the format its extension names, else json)', (value: string, previous: string[] = []) => {
      outputArguments.push({ kind: 'output', value });
      return collect(value, previous);
    })
    .option('-c, --config <file>', 'organization configuration (teams, repositories, clusters, model overrides, exemptions); default: ./.k8s-maturity.yaml if present, trusted only outside git repositories and scanned folders (see below)')
    .option('--kubeconfig <file>', 'kubeconfig for a live, read-only cluster scan')
    .option('--context <name>', 'kubeconfig context to scan (repeatable for several clusters)', collect)
    .option('--cluster-snapshot <file>', 'a saved cluster: JSON from `kubectl get … -o json` or `k8s-maturity snapshot` (repeatable)', collect)
    .option('--keep-going', 'report an unreachable cluster as a warning instead of stopping (when other sources were given)')
    .addOption(new Option('--fail-below <gate>', 'CI gate, repeatable: STAGE (the organization), team:NAME=STAGE or repo:PATH=STAGE; exit 1 when one is below').argParser(gateValue))
    .option('--since <window>', 'git history window, e.g. 180d, 26w or 2026-01-31 (default: 180d, or history.since in the configuration)')
    .option('--no-history', 'do not read git history (its culture signals become unknown)')
    .option('--team-label <label>', 'namespace label that names the owning team in clusters (default: team)')
    .addOption(new Option('--max-file-size <MB>', 'largest file parsed, in MB (default: 5)').argParser(positiveNumber))
    .addOption(new Option('--max-total-size <MB>', 'bytes read per repository before the rest is skipped, in MB (default: 512)').argParser(positiveNumber))
    .addOption(new Option('--max-files <n>', 'files listed per repository (default: 300000)').argParser(positiveNumber))
    .addOption(new Option('--max-documents <n>', 'YAML documents parsed per file (default: 2000)').argParser(positiveNumber))
    .addOption(new Option('--cluster-timeout <seconds>', 'time allowed for each cluster request (default: 30)').argParser(positiveNumber))
    .addOption(new Option('--cluster-deadline <seconds>', 'time allowed for reading a whole cluster (default: 300)').argParser(positiveNumber))
    .option('--cache-dir <dir>', 'cache folder for clones of git URLs and for scan results (default: $XDG_CACHE_HOME/k8s-maturity)')
    .option('--offline', 'use cached clones of git URLs as they are, without fetching')
    .option('--no-cache', 'scan every repository again instead of reusing unchanged results (cached in $XDG_CACHE_HOME/k8s-maturity/scans)')
    .option('-q, --quiet', 'no progress line on stderr')
    .option('--no-color', 'no colour in the table (NO_COLOR is respected too)')
    // Discovery (docs/scale.md): repositories listed by a forge's API, cloned into the cache.
    .option('--github-org <name>', 'scan the repositories of a GitHub organization (token: GITHUB_TOKEN or --token-file)')
    .option('--gitlab-group <path>', 'scan the projects of a GitLab group and its subgroups (token: GITLAB_TOKEN or --token-file)')
    .option('--topic <topic>', 'with discovery: only repositories with this topic (repeatable: all must be present)', collect)
    .option('--include-archived', 'with discovery: scan archived repositories too')
    .option('--include-forks', 'with discovery: scan forks too')
    .option('--include <glob>', 'with discovery: only repositories whose full name matches, e.g. "acme/payments-*" (repeatable)', collect)
    .option('--exclude <glob>', 'with discovery: leave out repositories whose full name matches (repeatable)', collect)
    .option('--github-url <url>', 'GitHub Enterprise API base, e.g. https://github.example.com/api/v3 (default: https://api.github.com)')
    .option('--gitlab-url <url>', 'self-managed GitLab, e.g. https://gitlab.example.com (default: https://gitlab.com)')
    .option('--token-file <file>', 'read the forge token from this file instead of GITHUB_TOKEN / GITLAB_TOKEN')
    .addHelpText(
      'after',
      `
Examples:
  $ k8s-maturity scan ./platform-infra ./payments-api
  $ k8s-maturity scan ~/src/acme/* --format html --output report.html --format sarif --output results.sarif
  $ k8s-maturity scan --format table --format json --output org.json   # table on stdout, JSON in org.json
  $ k8s-maturity scan . --fail-below 3                      # CI gate: exit 1 below stage 3
  $ k8s-maturity scan --fail-below team:payments=3 --fail-below repo:services/api=4   # gate one team, one repository
  $ k8s-maturity scan . --cluster-snapshot cluster.json     # add a saved cluster
  $ k8s-maturity scan . --kubeconfig ~/.kube/config --context prod --context staging
  $ k8s-maturity scan --config .k8s-maturity.yaml           # teams and repositories from the configuration
  $ k8s-maturity scan --github-org acme --topic kubernetes --exclude 'acme/sandbox-*'
  $ k8s-maturity scan --gitlab-group acme/platform --gitlab-url https://gitlab.example.com

Reports: each --output writes the --format just before it; a --format without --output goes to
stdout (one at most); an --output without a --format of its own takes it from the extension
(.json .md .html .sarif .svg .txt).

A .k8s-maturity.yaml found in the current folder that lies inside a scanned folder or a git
repository is the repository's own file, read as scanned content: its teams, exemptions and
attestations apply, but its clusters and kubeconfigs, git URLs, limits and paths outside its
repository are ignored with a warning. Name it with --config to trust it. Credentials in git URLs
are passed to git without being shown or stored (docs/security.md, "Trust model").

Exit codes: 0 done, 1 a --fail-below gate failed, 2 the scan could not run.`,
    )
    .action(async (paths: string[], options) => {
      const { runScan } = await import('./scan-command.js');
      process.exitCode = await runScan(paths, { ...options, outputArguments });
    });

  program
    .command('init')
    .description('Write a commented starter .k8s-maturity.yaml (teams, repositories, clusters) from the repositories found here.')
    .option('--force', 'overwrite an existing .k8s-maturity.yaml')
    .action(async (options: { force?: boolean }) => {
      const { runInit } = await import('./init-command.js');
      process.exitCode = await runInit(options);
    });

  program
    .command('snapshot')
    .description('Save a cluster (read-only; Secrets as metadata only) to a file, for assessments without live access.')
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
    .option('--context <name>', 'context to read (default: the current context)')
    .requiredOption('-o, --output <file>', 'where to write the snapshot (JSON)')
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText('after', '\nThen: k8s-maturity scan ./repos/* --cluster-snapshot FILE')
    .action(async (options: { kubeconfig?: string; context?: string; output: string; quiet?: boolean }) => {
      const { runSnapshot } = await import('./snapshot-command.js');
      process.exitCode = await runSnapshot(options);
    });

  program
    .command('signals')
    .description('List the signals k8s-maturity detects, with what counts as evidence for each.')
    .option('--json', 'as JSON')
    .option('--config <file>', 'a .k8s-maturity.yaml whose own signals are listed too (default: the one in the current folder)')
    .action(async (options: { json?: boolean; config?: string }) => {
      const { runSignals } = await import('./signals-command.js');
      process.exitCode = await runSignals(options);
    });

  return program;
}

/** Runs the CLI and resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') return 0;
    if (code?.startsWith('commander.')) return 2;
    process.stderr.write(`k8s-maturity: ${(error as Error).message}\n`);
    if (process.env.DEBUG?.includes('k8s-maturity')) process.stderr.write(`${(error as Error).stack}\n`);
    return 2;
  }
}
