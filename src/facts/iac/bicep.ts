/**
 * Azure Bicep, read just enough to know what it declares: each `resource <name> '<type>@<api>'`
 * with its line, whether it is `existing` (a reference, not a declaration), and the property keys
 * of its body with their lines. Not parsed: expressions, loops' bodies beyond their keys,
 * conditions (`if (…)` resources count as declared), modules (`module x './aks.bicep'`), parameter
 * files, and ARM JSON templates. Comments and multi-line strings are skipped, not interpreted.
 */
import type { Repository } from '../../workspace/repository.js';
import { isProse } from '../files/paths.js';
import { memoKey } from '../../workspace/memo-key.js';

const BICEP_RESOURCES = memoKey<BicepResource[]>('bicepResources');

export interface BicepResource {
  file: string;
  line: number;
  name: string;
  /** `Microsoft.ContainerService/managedClusters`, or a child type `Microsoft.Insights/diagnosticSettings`. */
  type: string;
  apiVersion: string;
  existing: boolean;
  /** Every `key:` in the body, nested ones included, in order: the key and its line. */
  keys: { key: string; line: number; value: string }[];
}

const BICEP_FILE = /\.bicep$/i;
const RESOURCE = /^\s*resource\s+(\w+)\s+'([\w.]+\/[\w./]+)@([^']+)'\s*(existing)?\s*=/;
const KEY = /^\s*'?([\w.-]+)'?\s*:\s*(.*)$/;

export function bicepResources(repo: Repository): BicepResource[] {
  return repo.memo(BICEP_RESOURCES, () => {
    const out: BicepResource[] = [];
    for (const file of repo.filesMatching(BICEP_FILE)) {
      if (isProse(file.path)) continue;
      const text = repo.text(file.path);
      if (text !== undefined) readFile(file.path, text, out);
    }
    return out;
  });
}

function readFile(file: string, text: string, out: BicepResource[]): void {
  let current: BicepResource | undefined;
  let depth = 0;
  let inComment = false;
  let inString = false;
  text.split('\n').forEach((raw, index) => {
    let line = raw;
    if (inComment) {
      const end = line.indexOf('*/');
      if (end < 0) return;
      inComment = false;
      line = line.slice(end + 2);
    }
    if (inString) {
      // A ''' multi-line string ends on the line that holds the closing quotes.
      if (!line.includes("'''")) return;
      inString = false;
      line = line.slice(line.indexOf("'''") + 3);
    }
    if ((line.match(/'''/g) ?? []).length % 2 === 1) inString = true;
    line = line.replace(/\/\/.*$/, '');
    const start = line.indexOf('/*');
    if (start >= 0 && !line.includes('*/', start)) {
      inComment = true;
      line = line.slice(0, start);
    }
    const declared = RESOURCE.exec(line);
    if (declared && depth === 0) {
      current = { file, line: index + 1, name: declared[1]!, type: declared[2]!, apiVersion: declared[3]!, existing: declared[4] !== undefined, keys: [] };
      out.push(current);
    } else if (current && depth > 0) {
      const key = KEY.exec(line);
      if (key) current.keys.push({ key: key[1]!, line: index + 1, value: key[2]!.trim() });
    }
    // Braces inside strings ('${x}') balance themselves; only the nesting of the body matters.
    const code = line.replace(/'(?:[^'\\]|\\.)*'/g, "''");
    for (const ch of code) {
      if (ch === '{') depth++;
      else if (ch === '}') depth = Math.max(0, depth - 1);
    }
    if (depth === 0 && !declared) current = undefined;
  });
}
