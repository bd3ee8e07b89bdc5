import type { Timeline } from '../timeline/timeline.js';

/**
 * `timeline --save`: each point recorded in the store as a backfilled assessment, so `history`,
 * `diff` and the dashboard show the past at once. A point gets the same id every time (its
 * organization and date), so saving a timeline twice records it once; and a point on a day that
 * already has a live scan of the organization is skipped: the live scan wins.
 */
export async function saveTimeline(timeline: Timeline, options: { store?: string; config?: string; quiet?: boolean }): Promise<number> {
  const { storeSettings } = await import('./store-choice.js');
  const { openStore, asStoreError } = await import('../store/open.js');
  const { recordAssessment } = await import('../store/record.js');
  const { listAssessments } = await import('../store/queries.js');
  const { sha256, whoRan } = await import('../store/run-facts.js');
  const { renderJson } = await import('../report/json.js');
  const settings = await storeSettings(options.store, options.config);
  let store;
  try {
    store = await openStore(settings.location);
  } catch (error) {
    process.stderr.write(`k8s-maturity: ${asStoreError(error, settings.location, 'could not open the store').message}\n`);
    return 2;
  }
  let recorded = 0;
  let skipped = 0;
  try {
    for (const point of timeline.points) {
      const day = point.at.slice(0, 10);
      const sameDay = await listAssessments(store, { organization: timeline.organization, since: `${day}T00:00:00.000Z`, until: `${day}T23:59:59.999Z` });
      if (sameDay.some((a) => a.kind === 'scan' || a.kind === 'merged')) {
        skipped++;
        continue;
      }
      const reportText = renderJson(point.assessment);
      // One id per organization and day: a timeline saved again the same day records nothing new.
      const stamp = `${day.replace(/-/g, '')}-000000`;
      const outcome = await recordAssessment(store, JSON.parse(reportText), reportText, {
        id: `${stamp}-b${sha256(timeline.organization).slice(0, 5)}`,
        at: point.at,
        kind: 'backfilled',
        ...(point.assessment.tool?.version ? { toolVersion: point.assessment.tool.version } : {}),
        ranBy: whoRan(),
        sources: Object.entries(point.commits).map(([name, commit]) => ({ kind: 'repository' as const, name, commit })),
      });
      if (outcome.recorded) recorded++;
      else skipped++;
    }
  } catch (error) {
    process.stderr.write(`k8s-maturity: ${asStoreError(error, settings.location, 'could not record the timeline').message}\n`);
    return 2;
  } finally {
    await store.close();
  }
  if (!options.quiet) process.stderr.write(`k8s-maturity: ${recorded} past points recorded in ${settings.location.shown} as backfilled assessments${skipped ? ` (${skipped} skipped: already recorded, or a live scan that day)` : ''}\n`);
  return 0;
}
