import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const fixturePath = fileURLToPath(new URL('./fixtures/assessment.json', import.meta.url));
const typesPath = fileURLToPath(new URL('../../src/model/types.js', import.meta.url));

describe('the hand-made assessment fixture', () => {
  it('satisfies the Assessment type at compile time, with no excess property', () => {
    // A JSON import widens "met" to string, so the JSON is checked as an object literal instead:
    // that also catches fields the type does not have (excess property checks).
    const dir = mkdtempSync(join(tmpdir(), 'k8sm-fixture-'));
    try {
      const file = join(dir, 'check.ts');
      writeFileSync(file, `import type { Assessment } from ${JSON.stringify(typesPath)};\nexport const a: Assessment = ${readFileSync(fixturePath, 'utf8')};\n`);
      const program = ts.createProgram([file], { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true, types: [] });
      const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(problems).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
