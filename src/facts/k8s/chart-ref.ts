// The chart reference type, apart from charts.ts so that indirect-charts.ts (which charts.ts calls) can name it.

/** A Helm chart the repository builds, depends on or installs. */
export interface ChartRef {
  /** The chart's own name, lower case, without repository or version: "kube-prometheus-stack". */
  chart: string;
  file: string;
  line: number;
  via:
    | 'chart'
    | 'chart-dependency'
    | 'helm_release'
    | 'argocd-application'
    | 'flux-helmrelease'
    | 'helmfile'
    | 'kustomize'
    | 'helm-command'
    | 'helmchart-crd'
    | 'ansible-helm'
    | 'cloudformation-helm'
    | 'manifest-url'
    | 'infra-program';
  /**
   * Where the chart comes from, when the reference says: a repository URL (helm_release
   * `repository`, Argo CD `repoURL`, the url of the HelmRepository a Flux HelmRelease names, a
   * helmfile repository), or else the repository alias as written (`istio` in `istio/base`).
   */
  repository?: string;
  /** The chart as a helm command wrote it ("oci://charts.acme.internal/platform/web"), for signal files. */
  reference?: string;
  /**
   * The values a release passes, in Helm's order (files and inline values, then settings), when
   * the reference is a release that passes any the repository holds (src/facts/k8s/chart-values.ts).
   */
  values?: Record<string, unknown>[];
}
