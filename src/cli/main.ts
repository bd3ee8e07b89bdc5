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

// Long because it is a list: each command's options and help text, declared where commander reads them.
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
    .option('--save', 'record the assessment in the store (docs/store.md); also store.save: true in the configuration')
    .option('--store <url>', 'the store: sqlite:PATH, a path, or postgres://… (default: store: in the configuration, $K8S_MATURITY_STORE, then $XDG_DATA_HOME/k8s-maturity/store.db)')
    .option('--baseline <file>', 'compare with an earlier JSON report: the Markdown report opens with what changed')
    .option('--fail-on-regression', 'with --baseline: exit 1 when a stage or capability went down or an anti-pattern appeared')
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
    // Sharded scans (docs/scale.md): each shard records its repositories; `merge` assembles them.
    .option('--shard <I/N>', 'scan only shard I of N (from 0; auto/N reads JOB_COMPLETION_INDEX of a Kubernetes Indexed Job) and record each repository in the store')
    .option('--run <id>', 'with --shard: the run the shards belong to, assembled by `merge --run ID`')
    .option('--merge', 'with --shard: the last shard of the run to finish merges it and records the assessment (no merge Job needed)')
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
  $ k8s-maturity scan . --save                              # remember it: then \`history\` and \`diff\`
  $ k8s-maturity scan . --baseline base.json --format markdown   # a pull-request comment: what this change moves
  $ k8s-maturity scan --github-org acme --topic kubernetes --exclude 'acme/sandbox-*'
  $ k8s-maturity scan --gitlab-group acme/platform --gitlab-url https://gitlab.example.com
  $ k8s-maturity scan --github-org acme --shard auto/8 --run nightly-42 --store postgres://k8sm@db/k8sm

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
    .command('timeline')
    .description('Reconstruct the assessment at past points from git history: how the stage moved, per team and repository, and when each capability arrived.')
    .argument('[paths...]', 'repository folders or git URLs (default: the repositories of .k8s-maturity.yaml, else the current folder)')
    .addOption(new Option('-f, --format <format>', 'table, json, markdown or html (default: table on a terminal, json when piped)').choices(['table', 'json', 'markdown', 'html']))
    .option('-o, --output <file>', 'write the report to a file (its extension picks the format when --format is absent)')
    .option('-c, --config <file>', 'organization configuration (teams, repositories, model overrides)')
    .option('--since <window>', 'how far back: a window like 2y or 18m, or a date (default: 2y)')
    .option('--every <window>', 'the step between points, e.g. 90d, 4w, 6m (default: 90d)')
    .option('--at <date>', 'assess at this date instead (YYYY-MM-DD; repeatable)', collect)
    .option('--main-branch <name>', 'the branch to follow when the configuration does not name one (default: HEAD, main or master)')
    .option('--save', 'record each point in the store as a backfilled assessment (history, diff and serve show the past at once)')
    .option('--store <url>', 'the store for --save (default: the configuration\'s store:, K8S_MATURITY_STORE, else the local SQLite file)')
    .option('-q, --quiet', 'no progress line on stderr')
    .addHelpText(
      'after',
      `
Each point assesses every repository at the last commit of its main branch on or before that date,
read from git objects (the work tree and index are never touched), with the same detectors and model
as scan. Clusters are not part of past points. A repository that did not exist yet is absent.

Examples:
  $ k8s-maturity timeline --config .k8s-maturity.yaml               # the last two years, quarterly
  $ k8s-maturity timeline ./platform-infra --since 3y --every 6m
  $ k8s-maturity timeline . --at 2025-01-01 --at 2025-07-01 --format json
  $ k8s-maturity timeline --config .k8s-maturity.yaml --output journey.html
  $ k8s-maturity timeline --config .k8s-maturity.yaml --save -q > /dev/null && k8s-maturity serve`,
    )
    .action(async (paths: string[], options) => {
      const { runTimelineCommand } = await import('./timeline-command.js');
      process.exitCode = await runTimelineCommand(paths, options);
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

  addMemoryCommands(program);
  addMergeCommand(program);

  return program;
}

const STORE_HELP = 'the store: sqlite:PATH, a path, or postgres://… (default: store: in the configuration, $K8S_MATURITY_STORE, then $XDG_DATA_HOME/k8s-maturity/store.db)';

function choice<T extends string>(values: readonly T[]) {
  return (value: string): T => {
    if (!(values as readonly string[]).includes(value)) throw new InvalidArgumentError(`choose one of ${values.join(', ')}`);
    return value as T;
  };
}

/**
 * history, diff and store: the commands that read and keep recorded assessments (docs/store.md).
 * Long because it is a list of declarations, like buildProgram.
 */
function addMemoryCommands(program: Command): void {
  program
    .command('serve')
    .description('A read-only dashboard over the recorded assessments: the stage over time, teams, repositories, changes.')
    .option('--store <url>', STORE_HELP)
    .option('-c, --config <file>', 'configuration whose store: is used (default: ./.k8s-maturity.yaml if present)')
    .option('--host <address>', 'address to listen on (default: 127.0.0.1; any other needs a token)')
    .option('--port <n>', 'port to listen on (default: 8080; 0 picks a free one)')
    .option('--token-file <file>', 'a file holding the token every request must carry (or K8S_MATURITY_TOKEN); required off loopback')
    .option('-q, --quiet', 'do not print the address')
    .addHelpText(
      'after',
      `
Pages: / (organization), /teams/NAME, /repositories/PATH, /changes?from=&to=, /assessments; each
has a JSON twin under /api/ and tables a CSV export. With a token, open /?token=TOKEN once (it is
kept in a cookie) or send Authorization: Bearer TOKEN.

Examples:
  $ k8s-maturity serve                                       # http://127.0.0.1:8080/
  $ k8s-maturity serve --store postgres://k8sm@db/k8sm --host 0.0.0.0 --token-file /run/secrets/token`,
    )
    .action(async (options) => {
      const { runServe } = await import('./serve-command.js');
      process.exitCode = await runServe(options);
    });

  program
    .command('history')
    .description('Stage over time for the organization, a team or a repository, from the recorded assessments.')
    .option('--store <url>', STORE_HELP)
    .option('-c, --config <file>', 'configuration whose store: is used (default: ./.k8s-maturity.yaml if present)')
    .option('--org <name>', 'only this organization')
    .option('--team <name>', 'the stages of this team')
    .option('--repo <path>', 'the stages of this repository (as the reports name it)')
    .option('--since <window>', 'only assessments in this window: 90d, 26w, 1y or a date YYYY-MM-DD')
    .addOption(new Option('-f, --format <format>', 'table, json or csv (default: table on a terminal, json when piped)').argParser(choice(['table', 'json', 'csv'] as const)))
    .option('--no-color', 'no colour in the table')
    .action(async (options) => {
      const { runHistory } = await import('./history-command.js');
      process.exitCode = await runHistory(options);
    });

  program
    .command('diff')
    .description('What changed between two assessments: stages, capabilities, signals and regressions.')
    .argument('[from]', 'a recorded assessment (id, start of an id, date YYYY-MM-DD, latest) or a JSON report file (default: the one before the latest)')
    .argument('[to]', 'the same (default: the latest)')
    .option('--store <url>', STORE_HELP)
    .option('-c, --config <file>', 'configuration whose store: is used (default: ./.k8s-maturity.yaml if present)')
    .option('--org <name>', 'only assessments of this organization')
    .option('--fail-on-regression', 'exit 1 when a stage or capability went down, an anti-pattern appeared or a coverage fell')
    .addOption(new Option('-f, --format <format>', 'table, json or markdown (default: table on a terminal, json when piped)').argParser(choice(['table', 'json', 'markdown'] as const)))
    .option('--no-color', 'no colour in the table')
    .addHelpText('after', '\nExit codes: 0 done, 1 a regression with --fail-on-regression, 2 the diff could not run.')
    .action(async (from: string | undefined, to: string | undefined, options) => {
      const { runDiff } = await import('./diff-command.js');
      process.exitCode = await runDiff([from, to].filter((v): v is string => v !== undefined), options);
    });

  const store = program.command('store').description('The store of recorded assessments: push spooled reports, prune, show where it is.');
  store
    .command('push')
    .description('Record JSON reports or spool files (default: every report `scan --save` could not record yet).')
    .argument('[files...]', 'spool files or JSON reports')
    .option('--store <url>', STORE_HELP)
    .option('-c, --config <file>', 'configuration whose store: is used')
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (files: string[], options) => {
      const { runPush } = await import('./save-command.js');
      process.exitCode = await runPush(files, options);
    });
  store
    .command('prune')
    .description('Delete the assessments outside the retention: --keep 400d (a window) or --keep 100 (the newest kept); default store.keep.')
    .option('--keep <window|count>', 'a window like 400d or 1y, or how many of the newest assessments to keep')
    .option('--store <url>', STORE_HELP)
    .option('-c, --config <file>', 'configuration whose store: and store.keep are used')
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (options) => {
      const { runPrune } = await import('./store-command.js');
      process.exitCode = await runPrune(options);
    });
  store
    .command('info')
    .description('Where the store is, its schema version and what it holds.')
    .option('--store <url>', STORE_HELP)
    .option('-c, --config <file>', 'configuration whose store: is used')
    .option('--json', 'as JSON')
    .action(async (options) => {
      const { runInfo } = await import('./store-command.js');
      process.exitCode = await runInfo(options);
    });
}

/** `merge`: the organization assembled from a sharded run's records (docs/scale.md). */
function addMergeCommand(program: Command): void {
  const outputArguments: OutputArgument[] = [];
  program
    .command('merge')
    .description('Assess the organization from the shards of a run (scan --shard I/N --run ID), as one process would, and record it.')
    .requiredOption('--run <id>', 'the run id the shards were given')
    .option('--store <url>', STORE_HELP)
    .option('-c, --config <file>', 'the configuration the shards used (teams, model overrides, clusters; default: ./.k8s-maturity.yaml if present)')
    .option('--wait <duration>', 'wait up to this long (90s, 10m, 2h) for shards still running or not yet started')
    .addOption(
      new Option('-f, --format <format>', `report format: ${FORMATS.join(', ')} (repeatable; default: table on a terminal, json when piped)`).argParser((value: string, previous: string[] = []) => {
        if (!isFormat(value)) throw new InvalidArgumentError(`choose one of ${FORMATS.join(', ')}`);
        outputArguments.push({ kind: 'format', value });
        return [...previous, value];
      }),
    )
    .option('-o, --output <file>', 'write the report of the --format just before it to FILE', (value: string, previous: string[] = []) => {
      outputArguments.push({ kind: 'output', value });
      return collect(value, previous);
    })
    .option('-q, --quiet', 'no progress line on stderr')
    .option('--no-color', 'no colour in the table')
    .addHelpText(
      'after',
      `
Examples:
  $ k8s-maturity merge --run nightly-42 --store postgres://k8sm@db/k8sm --wait 30m --format json --output org.json

Exit codes: 0 merged and recorded, 1 shards still missing (each is named), 2 the merge could not run.`,
    )
    .action(async (options) => {
      const { runMerge } = await import('./merge-command.js');
      process.exitCode = await runMerge({ ...options, outputArguments });
    });
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
    // Store commands: a URL's password never reaches the terminal, whatever failed.
    const { redactStoreUrl } = await import('../store/location.js');
    process.stderr.write(`k8s-maturity: ${redactStoreUrl((error as Error).message)}\n`);
    if (process.env.DEBUG?.includes('k8s-maturity')) process.stderr.write(`${(error as Error).stack}\n`);
    return 2;
  }
}
