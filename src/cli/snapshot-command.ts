/** `k8s-maturity snapshot`: saves a cluster, read-only, with Secrets as metadata only, for offline assessments. */
export async function runSnapshot(options: { kubeconfig?: string; context?: string; output: string; quiet?: boolean }): Promise<number> {
  const cluster = await import('../sources/cluster/index.js');
  try {
    const result = await cluster.saveSnapshot({
      ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
      ...(options.context ? { context: options.context } : {}),
      output: options.output,
    });
    const total = Object.values(result.counts as Record<string, number>).reduce((a, b) => a + b, 0);
    if (!options.quiet) process.stderr.write(`saved ${total} objects of ${result.name} to ${result.output}\n`);
    for (const f of result.forbidden) process.stderr.write(`  not allowed: list ${f.group ? `${f.resource}.${f.group}` : f.resource}\n`);
    for (const w of result.warnings) process.stderr.write(`  warning: ${w.message}\n`);
    return 0;
  } catch (error) {
    if (error instanceof cluster.ClusterAccessError) {
      process.stderr.write(`k8s-maturity: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
