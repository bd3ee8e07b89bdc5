import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, '..', 'tilt', 'fixtures');

describe('podman detector', () => {
  it('finds podman build and run in a CI step', async () => {
    const result = await detectIn(detector, join(fixtures, 'platform-dev'));
    expect(places(result)).toEqual(['.github/workflows/e2e.yml:15', '.github/workflows/e2e.yml:16']);
  });

  it('ignores README mentions of podman build', async () => {
    expect((await detectIn(detector, join(fixtures, 'lookalikes'))).evidence).toEqual([]);
  });

  it('does not read "docker|podman compose" in an installer\'s help text (a here-document) as a podman run', async () => {
    // Modelled on getsentry/self-hosted install/parse-cli.sh, which install.sh sources.
    const root = writeTree({
      'install/parse-cli.sh': 'echo "${_group}Parsing command line ..."\n\nshow_help() {\n  cat <<EOF\nUsage: $0 [options]\n\nInstall Sentry with \\`docker|podman compose\\`.\n\nOptions:\n -h, --help             Show this message and exit.\nEOF\n}\n',
      'install.sh': '#!/usr/bin/env bash\nsource install/parse-cli.sh\n$CONTAINER_ENGINE compose build\n',
      // a here-document fed to a shell still holds commands
      'scripts/remote.sh': '#!/bin/sh\nssh builder <<EOF\npodman build -t acme/api .\nEOF\n',
    });
    expect(places(await detectIn(detector, root))).toEqual(['scripts/remote.sh:3']);
  });
});
