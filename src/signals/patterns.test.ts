import { describe, expect, it } from 'vitest';
import { commandPattern, namePattern, patternProblem } from './patterns.js';

describe('signal patterns', () => {
  it('refuses regular expressions that can backtrack catastrophically, and says why', () => {
    expect(patternProblem('/(a+)+$/')).toMatch(/quantified group/);
    expect(patternProblem('/^(\\w*\\s?)*$/')).toMatch(/quantified group/);
    expect(patternProblem('/((ab)+c)*/')).toMatch(/quantified group/);
    expect(patternProblem('/(a)\\1/')).toMatch(/back-references/);
    expect(patternProblem('/(?<!-n )argocd/')).toMatch(/lookaround/);
    expect(patternProblem('/[/')).toMatch(/not a valid regular expression/);
    expect(patternProblem('')).toMatch(/empty pattern/);
  });

  it('accepts optional groups, classes and plain globs', () => {
    expect(patternProblem('/(^|\\/)openzipkin\\/zipkin(-slim)?$/')).toBeUndefined();
    expect(patternProblem('/^(py[-_]zipkin|opentelemetry-exporter-zipkin([-_][\\w-]+)?)$/i')).toBeUndefined();
    expect(patternProblem('/[(a+)+]/')).toBeUndefined(); // inside a class, nothing is quantified
    expect(patternProblem('datadog/*')).toBeUndefined();
  });

  it('matches globs whole: * stays within a path segment, ** crosses, {a,b} picks one', () => {
    const image = namePattern('datadog/*', { tail: true });
    expect(image.test('datadog/agent')).toBe(true);
    expect(image.test('mirror/datadog/agent')).toBe(true);
    expect(image.test('datadog/agent/extra')).toBe(false);
    expect(image.test('notdatadog/agent')).toBe(false);
    const chart = namePattern('victoria-metrics-{single,cluster}');
    expect(['victoria-metrics-single', 'victoria-metrics-cluster', 'victoria-metrics-agent'].map((c) => chart.test(c))).toEqual([true, true, false]);
    expect(namePattern('oci://charts.acme.internal/**').test('oci://charts.acme.internal/platform/web')).toBe(true);
  });

  it('matches command words where the command starts, whatever the spacing and the path', () => {
    const shipit = commandPattern('shipit deploy');
    expect(shipit.test('shipit deploy --env prod')).toBe(true);
    expect(shipit.test('./bin/shipit   deploy')).toBe(true);
    expect(shipit.test('make build && shipit deploy')).toBe(true);
    expect(shipit.test('shipit-cli deploy')).toBe(false);
    expect(shipit.test('shipit deployer')).toBe(false);
    expect(shipit.test('myshipit deploy')).toBe(false);
    expect(commandPattern('helm * oci://charts.acme.internal/*').test('helm pull oci://charts.acme.internal/web')).toBe(true);
  });

  it('lets options stand between the command words, as CLIs accept them before a subcommand', () => {
    const conftest = commandPattern('conftest test');
    expect(conftest.test('helm template "${chart}" | conftest -p ci/helm-conftest-policies test -')).toBe(true);
    expect(conftest.test('conftest --policy=policy/ test deploy/')).toBe(true);
    expect(conftest.test('conftest -p policy/ verify')).toBe(false);
    expect(conftest.test('conftest --no-color pull https://example.com/test')).toBe(false);
  });
});
