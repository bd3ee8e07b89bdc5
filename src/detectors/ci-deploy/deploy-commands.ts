/** Shell commands that change what runs in a cluster, and the tools they use. */
const DEPLOY_COMMANDS: [RegExp, string][] = [
  [/(^|[\s;&|(/'"`])helm[23]?\s+(--?[\w-]+(=\S+)?\s+)*(secrets\s+)?(upgrade|install)\s/, 'helm'],
  [/(^|[\s;&|(/'"`])(kubectl|oc)\s+(--?[\w-]+([= ][^\s-]\S*)?\s+)*(apply|create|replace|set\s+image|rollout\s+(restart|undo|resume))\b/, 'kubectl'],
  [/(^|[\s;&|(/'"`])skaffold\s+(\S+\s+)*?(run|deploy)\b/, 'skaffold'],
  [/(^|[\s;&|(/'"`])helmfile\s+(--?[\w-]+([= ][^\s-]\S*)?\s+)*(apply|sync|deploy)\b/, 'helmfile'],
  [/(^|[\s;&|(/'"`])kapp\s+(deploy|app-change\s+rollback)\b/, 'kapp'],
  [/(^|[\s;&|(/'"`])werf\s+(converge|deploy|bundle\s+apply)\b/, 'werf'],
  [/(^|[\s;&|(/'"`])(tk\s+apply|kubecfg\s+update|qbec\s+apply|garden\s+deploy|devspace\s+deploy|okteto\s+deploy)\b/, 'deploy tool'],
  [/\bkubernetesDeploy\s*\(/, 'Jenkins Kubernetes plugin'],
];

/**
 * Previews and renders: they talk to a cluster (or not) without changing it; and text that is only
 * printed. Printed text piped into kubectl (`echo "$MANIFEST" | kubectl apply -f -`) is applied.
 */
const NOT_A_DEPLOY = /--dry-run(?!=none)|--server-dry-run|\bhelm\s+(template|diff|lint)\b|^\s*(echo|printf)\s(?!.*\|\s*(kubectl|oc)\s)/;

/** The tool a command deploys with, or undefined when it deploys nothing. */
export function deployTool(text: string): string | undefined {
  if (NOT_A_DEPLOY.test(text)) return undefined;
  return DEPLOY_COMMANDS.find(([pattern]) => pattern.test(text))?.[1];
}

/** Commands that bring up a throwaway cluster: deploys next to them are tests, not delivery. */
export const EPHEMERAL_CLUSTER = /(^|[\s;&|(/])(kind\s+create\s+cluster|minikube\s+start|k3d\s+cluster\s+create|ctlptl\s+(create|apply)|microk8s\s+(start|enable)|k3s\s+server)\b|get\.k3s\.io/;

/** Actions and orbs that bring up a throwaway cluster. */
export const EPHEMERAL_CLUSTER_USE = /^[^@]*(kind|minikube|k3d|k3s|microk8s)[^@]*(@|$)/i;
