/**
 * Which scripts a command runs by path. Pipelines call their scripts in many spellings:
 * `./deploy.sh`, `bash ci/deploy.sh`, `sh -e scripts/release.sh`, `$(CURDIR)/hack/push.sh`, and,
 * in Jenkins, Azure and GitLab, through the workspace variable: `"${WORKSPACE}/build.sh"`,
 * `$WORKSPACE/ci/deploy.sh`, `$(Build.SourcesDirectory)/deploy.sh`, `$CI_PROJECT_DIR/deploy.sh`,
 * `${{ github.workspace }}/deploy.sh`. A variable before the path stands for the checkout root, so
 * the path after it is read from the repository root.
 */
const SCRIPT_CALL =
  /(?:^|[\s;&|("'=])(?:\.\/|(?:ba)?sh\s+(?:-\w+\s+)*|\$\([\w.]+\)\/|\$\{\{\s*[\w.]+\s*\}\}\/|\$\{?\w+\}?\/)?([\w./-]+\.(?:sh|bash))\b/g;

/**
 * Scripts without an extension, called by a path into a scripts folder: `./scripts/publish-chart`,
 * `bash hack/release`, `"${WORKSPACE}/ci/deploy"`. Only these folders, so that `./gradlew` or a
 * `bin/rails` stays a program; the script itself is read only when it starts with a shell shebang
 * (src/facts/ci/ci.ts, SCRIPT_WITHOUT_EXTENSION).
 */
const BARE_SCRIPT_CALL = new RegExp(
  String.raw`(?:^|[\s;&|("'=])(?:\.\/|(?:ba)?sh\s+(?:-\w+\s+)*|\$\([\w.]+\)\/|\$\{\{\s*[\w.]+\s*\}\}\/|\$\{?\w+\}?\/)?` +
    String.raw`((?:[\w.-]+\/)*(?:scripts?|bin|hack|ci|\.ci|build|tools|\.buildkite|\.github)\/(?:[\w.-]+\/)*[\w-]+)(?=$|[\s;&|)"'])`,
  'g',
);

/** Script paths the command runs, relative to the repository root where it can tell ("./" dropped). */
export function scriptsCalled(text: string): string[] {
  const out: string[] = [];
  const fromRoot = (path: string) => path.replace(/^\.\//, '').replace(/^\/+/, '');
  if (text.includes('.sh') || text.includes('.bash')) for (const match of text.matchAll(SCRIPT_CALL)) out.push(fromRoot(match[1]!));
  if (text.includes('/')) for (const match of text.matchAll(BARE_SCRIPT_CALL)) out.push(fromRoot(match[1]!));
  return out;
}

/** True when the script file at `file` is the one a call to `path` names. */
export function isScriptAt(file: string, path: string): boolean {
  return file === path || file.endsWith('/' + path) || path.endsWith('/' + file);
}
