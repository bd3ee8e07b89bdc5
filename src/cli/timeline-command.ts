import { writeFileSync } from 'node:fs';
import { Progress } from './progress.js';
import { toolVersion } from './version.js';

export const TIMELINE_FORMATS = ['table', 'json', 'markdown', 'html'] as const;
export type TimelineFormat = (typeof TIMELINE_FORMATS)[number];

export interface TimelineCommandOptions {
  format?: TimelineFormat;
  output?: string;
  config?: string;
  since?: string;
  every?: string;
  at?: string[];
  mainBranch?: string;
  quiet?: boolean;
  /** Record each point in the store as a backfilled assessment. */
  save?: boolean;
  store?: string;
}

const INPUT_ERRORS = new Set(['ScanInputError', 'ModelError', 'ConfigError', 'CloneError', 'StoreError']);

/** `k8s-maturity timeline`: the assessment at past points, from git history. Resolves to the exit code. */
export async function runTimelineCommand(paths: string[], options: TimelineCommandOptions): Promise<number> {
  const progress = new Progress(process.stderr, !options.quiet);
  try {
    const { timelinePoints } = await import('../timeline/points.js');
    const { runTimeline } = await import('../timeline/timeline.js');
    const points = timelinePoints({ now: new Date(), ...(options.since ? { since: options.since } : {}), ...(options.every ? { every: options.every } : {}), ...(options.at ? { at: options.at } : {}) });
    const timeline = await runTimeline({
      paths,
      points,
      ...(options.config ? { config: options.config } : {}),
      ...(options.mainBranch ? { mainBranch: options.mainBranch } : {}),
      toolVersion: toolVersion(),
      onProgress: (m) => progress.update(m),
    });
    progress.done();
    const format = options.format ?? (options.output ? formatOf(options.output) : process.stdout.isTTY ? 'table' : 'json');
    const text = await render(timeline, format);
    if (options.output) writeFileSync(options.output, text);
    else process.stdout.write(text);
    if (options.save || options.store !== undefined) {
      const { saveTimeline } = await import('./timeline-save.js');
      return await saveTimeline(timeline, { ...(options.store !== undefined ? { store: options.store } : {}), ...(options.config ? { config: options.config } : {}), ...(options.quiet ? { quiet: true } : {}) });
    }
    return 0;
  } catch (error) {
    progress.done();
    if (error instanceof Error && INPUT_ERRORS.has(error.name)) {
      process.stderr.write(`k8s-maturity: ${error.message.split('\n').join('\n  ')}\n`);
      return 2;
    }
    throw error;
  }
}

function formatOf(file: string): TimelineFormat {
  const ext = file.split('.').pop()?.toLowerCase();
  return ext === 'html' || ext === 'htm' ? 'html' : ext === 'md' ? 'markdown' : ext === 'txt' ? 'table' : 'json';
}

async function render(timeline: import('../timeline/timeline.js').Timeline, format: TimelineFormat): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('../report/timeline/json.js')).renderTimelineJson(timeline);
    case 'table':
      return (await import('../report/timeline/table.js')).renderTimelineTable(timeline);
    case 'markdown':
      return (await import('../report/timeline/markdown.js')).renderTimelineMarkdown(timeline);
    case 'html':
      return (await import('../report/timeline/html.js')).renderTimelineHtml(timeline);
  }
}
