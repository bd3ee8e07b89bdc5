import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'ci-deploy',
  name: 'CI job deploys to a cluster',
  kind: 'practice',
  category: 'cd',
  description:
    'A CI pipeline step (or a script or Make target a pipeline calls) that changes a cluster: `helm upgrade|install`, `kubectl apply|create|replace|set image|rollout restart`, `kubectl apply -k`, `skaffold run|deploy`, `helmfile apply|sync`, `kapp deploy`, `werf converge`, `tk apply`, Jenkins kubernetesDeploy; or a deploy action, task or orb (azure/k8s-deploy, google-github-actions/deploy-gke, Azure KubernetesManifest/Kubernetes/HelmDeploy tasks, CircleCI kubernetes/helm/aws-eks/gcp-gke deploy commands, GitLab Auto DevOps deploy templates, Bitbucket kubectl/helm/AKS pipes whose command deploys). Rendering or previewing (`helm template`, `kubectl diff`, `--dry-run`) is not a deploy, and neither is a job that deploys into a throwaway kind/minikube/k3d cluster it creates for tests.',
  remediation:
    'Let the pipeline deploy what it built: after tests pass on the main branch, a deploy job runs `helm upgrade --install` (or `kubectl apply -k overlays/<env>`) against the cluster with a scoped service account, or hand the change to Argo CD/Flux by updating the image tag in git.',
} satisfies DetectorDefinition;
