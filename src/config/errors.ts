/** The configuration file's name, and the error that says what in it to fix (shared by loading and parsing). */

export const CONFIG_FILE_NAME = '.k8s-maturity.yaml';

export type ConfigErrorCode = 'CONFIG_NOT_FOUND' | 'CONFIG_UNREADABLE' | 'CONFIG_SYNTAX' | 'CONFIG_INVALID';

/** A configuration that cannot be used. The CLI prints `message` and exits 2. */
export class ConfigError extends Error {
  readonly code: ConfigErrorCode;
  /** One line per problem, each "file: key.path: what is wrong; what to do (line N)". */
  readonly issues: string[];
  constructor(code: ConfigErrorCode, issues: string[]) {
    super(issues.join('\n'));
    this.name = 'ConfigError';
    this.code = code;
    this.issues = issues;
  }
}
