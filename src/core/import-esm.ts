/**
 * Imports an ES module package (the Kubernetes client) at run time.
 *
 * The CLI runs as one script compiled through V8's code cache (bin/k8s-maturity.cjs), and code
 * restored from that cache cannot call `import()` itself (Node gives it no loader). The launcher,
 * loaded by Node as a file, lends its own `import()` through this global; anywhere else (tests, the
 * unbundled modules, a library user) the plain `import()` below is used.
 */
type ImportEsm = (specifier: string) => Promise<unknown>;

export function importEsm<T>(specifier: string): Promise<T> {
  const lent = (globalThis as { __k8sMaturityImport?: ImportEsm }).__k8sMaturityImport;
  return (lent ? lent(specifier) : import(specifier)) as Promise<T>;
}
