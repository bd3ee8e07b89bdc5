import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { loadAssessment } from '../../test/report/load-fixture.js';
import { artifactUri, renderSarif } from './sarif.js';

// The official SARIF 2.1.0 schema (draft-04), vendored from an npm package: see test/report/sarif-schema/README.md.
const schema = JSON.parse(readFileSync(new URL('../../test/report/sarif-schema/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
// Both are CommonJS with a `default` property; under NodeNext the default import is module.exports.
const Ajv = AjvDraft04.default;
const addFormats = ajvFormats.default;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }) // the schema's language pattern is not valid with the u flag;
addFormats(ajv);
const validate = ajv.compile(schema);

interface Log {
  runs: { tool: { driver: { name: string; version: string; informationUri: string; rules: { id: string; name: string; help: { text: string; markdown: string }; defaultConfiguration: { level: string }; properties: { tags: string[] } }[] } }; results: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number } } }[]; partialFingerprints: Record<string, string> }[] }[];
}

function where(log: Log): string[] {
  return log.runs[0]!.results.map((r) => `${r.ruleId} ${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine}`);
}

describe('renderSarif', () => {
  it('is valid against the official SARIF 2.1.0 schema', () => {
    const log = JSON.parse(renderSarif(loadAssessment()));
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // …and the validator does reject what is not SARIF.
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });

  it('reports anti-patterns and containers without probes at their file lines, prefixed by repository', () => {
    const log = JSON.parse(renderSarif(loadAssessment())) as Log;
    expect(where(log)).toEqual([
      'K8SM001 examples/storefront-web/deploy/secret.yaml:1',
      'K8SM002 examples/storefront-web/Dockerfile:1',
      'K8SM003 examples/platform-infra/apps/status-page/deployment.yaml:19',
      'K8SM004 examples/platform-infra/apps/oauth2-proxy/deployment.yaml:21',
      'K8SM004 examples/platform-infra/apps/status-page/deployment.yaml:18',
    ]);
    for (const r of log.runs[0]!.results) {
      expect(r.locations[0]!.physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(Object.values(r.partialFingerprints)[0]).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('leaves out cluster-only evidence, which has no file to annotate', () => {
    const text = renderSarif(loadAssessment());
    expect(text).not.toContain('db-credentials');
  });

  it('describes every rule with help and the fix, and names the tool and its version', () => {
    const log = JSON.parse(renderSarif(loadAssessment())) as Log;
    const driver = log.runs[0]!.tool.driver;
    expect(driver.name).toBe('k8s-maturity');
    expect(driver.version).toBe('0.1.0');
    expect(driver.rules.map((r) => r.id)).toEqual(['K8SM001', 'K8SM002', 'K8SM003', 'K8SM004', 'K8SM005']);
    for (const rule of driver.rules) {
      expect(rule.help.markdown).toContain('**Fix:**');
      expect(rule.properties.tags.length).toBeGreaterThan(0);
    }
    expect(log.runs[0]!.results[0]!.level).toBe('error');
  });

  it('keeps paths repository-relative when one repository is scanned', () => {
    const a = loadAssessment();
    a.repositories = a.repositories.filter((r) => r.path === 'examples/storefront-web');
    a.capabilities = [];
    a.teams = [];
    const log = JSON.parse(renderSarif(a)) as Log;
    expect(where(log)).toEqual(['K8SM001 deploy/secret.yaml:1', 'K8SM002 Dockerfile:1']);
    expect(validate(log)).toBe(true);
  });

  it('normalizes repository paths to relative, forward-slashed URIs', () => {
    expect(artifactUri('./examples\\payments-api/', 'deploy/api.yaml', true)).toBe('examples/payments-api/deploy/api.yaml');
    expect(artifactUri('.', 'a b.yaml', true)).toBe('a%20b.yaml');
    expect(artifactUri('/srv/repo', 'x.yaml', true)).toBe('file:///srv/repo/x.yaml');
  });
});
