import defaults from './eol-table.json' with { type: 'json' };

export interface EolCycle {
  /** "3.6", "14", "18.04". */
  cycle: string;
  /** ISO date the upstream project ended support. */
  eol: string;
  /**
   * Why, when the date is not the cycle's own end: an image its publisher froze (the `java` image,
   * deprecated for `openjdk` in 2016) is judged by the day it stopped getting updates.
   */
  note?: string;
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
 * The shipped end-of-life table, with an organization's own table over it (`eolTable:` in the
 * configuration). The own table adds images and cycles, and its dates win for the cycles both list;
 * the later of the two tables' dates is the one judged by. Malformed entries are dropped rather
 * than trusted, so a bad override never makes the detector throw (the configuration refuses them
 * earlier, with the reason).
 */
export function loadEolTable(override?: unknown): EolTable {
  const table = sanitize(defaults);
  if (override === undefined) return table;
  const extra = sanitize(override);
  const images = { ...table.images };
  for (const [image, cycles] of Object.entries(extra.images)) {
    const own = new Set(cycles.map((c) => c.cycle));
    images[image] = [...(images[image] ?? []).filter((c) => !own.has(c.cycle)), ...cycles];
  }
  const aliases = { ...table.aliases };
  for (const [image, words] of Object.entries(extra.aliases)) aliases[image] = { ...aliases[image], ...words };
  return { asOf: extra.asOf > table.asOf ? extra.asOf : table.asOf, images, aliases };
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
