import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'chart-publishing',
  name: 'Chart publishing',
  kind: 'practice',
  description:
    'CI publishes Helm charts to a chart repository: `helm push` (OCI or ChartMuseum plugin), `helm cm-push`, `helm s3|gcs push`, chart-releaser (`cr upload`, helm/chart-releaser-action, a cr.yaml), `curl --data-binary @chart.tgz` to ChartMuseum, or packaged charts copied to S3/GCS/Artifactory after `helm package`, chart publishing actions (helm-gh-pages, helm-oci-chart-releaser), and any action handed a chart (a Chart.yaml or charts/ input) together with a chart repository\'s credentials (HELM_REPO_PASSWORD, CHARTMUSEUM_*…), such as a bump-and-release action.',
  remediation:
    'Version and publish each chart from CI: helm/chart-releaser-action to GitHub Pages, or `helm package` then `helm push chart.tgz oci://<registry>/charts`, so deployments reference a released chart version instead of a folder in git.',
} satisfies DetectorDefinition;
