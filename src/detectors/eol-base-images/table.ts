import defaults from './eol-table.json' with { type: 'json' };

export interface EolCycle {
  /** "3.6", "14", "18.04". */
  cycle: string;
  /** ISO date the upstream project ended support. */
  eol: string;
}

export interface EolTable {
  /** The date the table judges by: a cycle is end of life when its eol is on or before it. */
  asOf: string;
  /** By image name as written without registry and tag ("alpine", "mcr.microsoft.com/dotnet/aspnet"). */
  images: Record<string, EolCycle[]>;
  /** Tag words that name a cycle, by image: { debian: { stretch: "9" } }. */
  aliases: Record<string, Record<string, string>>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The shipped end-of-life table, optionally overridden (a configuration may add images or bring
 * dates forward). Entries of the override replace the shipped entries of the same image; malformed
 * entries are dropped rather than trusted, so a bad override never makes the detector throw.
 */
export function loadEolTable(override?: unknown): EolTable {
  const table = sanitize(defaults);
  if (override === undefined) return table;
  const extra = sanitize(override);
  return {
    asOf: extra.asOf !== '' ? extra.asOf : table.asOf,
    images: { ...table.images, ...extra.images },
    aliases: { ...table.aliases, ...extra.aliases },
  };
}

function sanitize(input: unknown): EolTable {
  const table: EolTable = { asOf: '', images: {}, aliases: {} };
  if (!isObject(input)) return table;
  if (typeof input.asOf === 'string' && ISO_DATE.test(input.asOf)) table.asOf = input.asOf;
  if (isObject(input.images)) {
    for (const [image, cycles] of Object.entries(input.images)) {
      if (!Array.isArray(cycles)) continue;
      table.images[image.toLowerCase()] = cycles.filter(
        (c): c is EolCycle => isObject(c) && typeof c.cycle === 'string' && c.cycle !== '' && typeof c.eol === 'string' && ISO_DATE.test(c.eol),
      );
    }
  }
  if (isObject(input.aliases)) {
    for (const [image, words] of Object.entries(input.aliases)) {
      if (!isObject(words)) continue;
      const map: Record<string, string> = {};
      for (const [word, cycle] of Object.entries(words)) if (typeof cycle === 'string') map[word.toLowerCase()] = cycle;
      table.aliases[image.toLowerCase()] = map;
    }
  }
  return table;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
