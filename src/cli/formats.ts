/** The report formats of `scan`; their own module so that commands need not import the command line. */
export const FORMATS = ['table', 'json', 'markdown', 'html', 'sarif', 'badge'] as const;
export type Format = (typeof FORMATS)[number];
