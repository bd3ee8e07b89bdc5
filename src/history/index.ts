export { HISTORY_SIGNALS, NEEDS_TEAM_CONFIG, SHALLOW_CLONE, historyFromLog, readHistory, readHistoryAsync, readLogOnce } from './read-history.js';
export type { HistoryCache, HistoryFacts, HistoryIdentity, HistorySignal, PersonCount, ReadHistoryOptions } from './read-history.js';
export { isBot, groupPeople, normalisedName } from './identities.js';
export { isPullRequestChange } from './pull-requests.js';
export { judgeOwnership, OTHERS_SHARE, MIN_SHARE } from './ownership.js';
export { DEVELOPER_OWNED_CATEGORIES, deployCategoryOf } from './categories.js';
export type { DeployCategory } from './categories.js';
