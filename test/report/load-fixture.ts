import { readFileSync } from 'node:fs';
import type { Assessment } from '../../src/model/types.js';

/** The hand-made "acme" assessment (typed by test/report/fixture.test.ts), a fresh copy each call. */
export function loadAssessment(): Assessment {
  return JSON.parse(readFileSync(new URL('./fixtures/assessment.json', import.meta.url), 'utf8')) as Assessment;
}

/** Web URLs for two of the three repositories: the golden file shows linked and plain evidence. */
export const WEB_URLS: Record<string, string> = {
  'examples/payments-api': 'https://github.com/acme/payments-api/blob/HEAD',
  'examples/storefront-web': 'https://github.com/acme/storefront-web/blob/HEAD',
};

export const HOSTILE = '<img src=x onerror=alert(1)>';

/** The fixture with a hostile repository path and hostile details everywhere they can appear. */
export function hostileAssessment(): Assessment {
  const a = loadAssessment();
  const evil = `examples/${HOSTILE}`;
  a.organization = `acme ${HOSTILE}`;
  a.repositories[0]!.path = evil;
  a.teams[0]!.name = `payments ${HOSTILE}`;
  for (const c of a.capabilities) {
    for (const e of c.evidence) {
      if ('file' in e) {
        e.repository = evil;
        e.file = `deploy/${HOSTILE}.yaml`;
        e.detail = `${HOSTILE} [x](javascript:alert(1)) | **bold**`;
      }
    }
    c.reason = HOSTILE;
  }
  a.roadmap[0]!.title = `Fix ${HOSTILE}`;
  a.roadmap[0]!.places.push({ repository: evil, file: `${HOSTILE}.yaml`, line: 3, note: HOSTILE });
  a.warnings.push({ file: HOSTILE, message: `<script>alert(1)</script>`, repository: evil });
  return a;
}
