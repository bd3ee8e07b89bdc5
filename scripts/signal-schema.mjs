#!/usr/bin/env node
// Writes docs/signal.schema.json from the zod schema of signal files (run after `npm run build`).
// src/signals/json-schema.test.ts fails when the file is stale.
import { writeFileSync } from 'node:fs';
const { signalJsonSchema } = await import('../dist/signals/json-schema.js');
writeFileSync(new URL('../docs/signal.schema.json', import.meta.url), `${JSON.stringify(signalJsonSchema(), null, 2)}\n`);
