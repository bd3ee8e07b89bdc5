export { HISTORY_SIGNALS, NEEDS_TEAM_CONFIG, SHALLOW_CLONE, isBot, isPullRequestChange, readHistory, readHistoryAsync } from './read-history.js';
export type { HistoryFacts, HistoryIdentity, HistorySignal, PersonCount, ReadHistoryOptions } from './read-history.js';
export { DEVELOPER_OWNED_CATEGORIES, deployCategoryOf } from './categories.js';
export type { DeployCategory } from './categories.js';
