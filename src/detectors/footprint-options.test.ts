import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../test/helpers/fixtures.js';
import { footprintDetector } from './footprint-detector.js';
import { definitionOf } from './signal-definition.js';

/** A user's signal file with the footprint keys under test: the format built-in signals use too. */
const shipit = (more: Record<string, unknown>, footprint: Record<string, unknown>) =>
  footprintDetector({ definedIn: '.k8s-maturity.yaml (signals[0])', definition: { id: 'shipit', name: 'ShipIt', description: 'The shipit CLI deploys.', ...more, footprint } });

describe('footprint options', () => {
  it('counts command words only where the program runs, also as a $(SHIPIT) Makefile variable', async () => {
    const root = writeTree({
      Makefile: 'SHIPIT ?= ./bin/shipit\n\ndeploy:\n\t$(SHIPIT) deploy --env prod\n\nhelp:\n\t@echo "make deploy runs shipit deploy"\n\ninstall:\n\tbrew install shipit\n',
      '.github/workflows/cd.yml': 'on: push\njobs:\n  cd:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make deploy\n      - run: shipit deploy --env staging\n',
    });
    const result = await detectIn(shipit({}, { commands: ['shipit deploy'] }), root);
    expect(places(result).sort()).toEqual(['.github/workflows/cd.yml:7', 'Makefile:4']);
  });

  it('shows what a configuration matched ({match}) and counts hack/ only for usedInTests', async () => {
    const root = writeTree({ 'hack/shipit.yaml': '# local\napiVersion: shipit.acme.io/v2\nenvironments: [dev]\n' });
    const configs = [{ name: 'shipit.yaml', matches: ['/^apiVersion:\\s*shipit\\.acme\\.io\\/\\S+/'], detail: 'ShipIt configuration ({match})' }];
    expect((await detectIn(shipit({}, { configs }), root)).evidence).toEqual([]);
    const result = await detectIn(shipit({ usedInTests: true }, { configs }), root);
    expect(result.evidence).toEqual([{ file: 'hack/shipit.yaml', line: 2, detail: 'ShipIt configuration (apiVersion: shipit.acme.io/v2) (signal defined in .k8s-maturity.yaml (signals[0]))' }]);
  });

  it('gives the cluster inventory the admission webhooks a footprint names', () => {
    const definition = definitionOf({ definedIn: 'x', definition: { id: 'shipit', name: 'ShipIt', description: 'x', footprint: { webhooks: ['shipit-injector*'] } } });
    expect(definition.cluster?.webhooks?.test('shipit-injector-cfg')).toBe(true);
    expect(definition.cluster?.webhooks?.test('istio-sidecar-injector')).toBe(false);
  });

  it('never counts a printed command or a notCommands line, whatever the pattern form', async () => {
    const root = writeTree({
      'scripts/release.sh': '#!/bin/sh\nset -eu\necho "shipit deploy failed for $ENV" >&2\nkubectl -n shipit deploy status\nshipit deploy --env "$ENV"\n',
    });
    const footprint = { commands: ['/(^|[\\s;&|(/])shipit\\s+deploy\\b/'], notCommands: ['/(-n|--namespace)[\\s=]shipit\\s/'] };
    expect(places(await detectIn(shipit({}, footprint), root))).toEqual(['scripts/release.sh:5']);
  });

  it('gives the cluster inventory the delivery labels and agent DaemonSets a footprint names', () => {
    const definition = definitionOf({ definedIn: 'x', definition: { id: 'shipit', name: 'ShipIt', description: 'x', footprint: { labels: [{ key: 'shipit.acme.io/release', what: 'deployed by ShipIt' }], daemonSets: ['acme/shipit-agent'] } } });
    expect(definition.cluster?.labels).toEqual([{ key: 'shipit.acme.io/release', what: 'deployed by ShipIt' }]);
    expect(definition.cluster?.daemonSetImages?.test('registry.acme.io/acme/shipit-agent')).toBe(true);
    expect(definition.cluster?.daemonSetImages?.test('acme/shipit-agent-sidecar')).toBe(false);
  });
});
