# Cluster add-ons owned by the platform team. Charts are pinned; upgrades go through pull requests.
provider "helm" {
  kubernetes {
    config_path    = "~/.kube/config"
    config_context = "acme-prod"
  }
}

resource "helm_release" "kube_prometheus_stack" {
  name             = "kube-prometheus-stack"
  namespace        = "monitoring"
  create_namespace = true
  repository       = "https://prometheus-community.github.io/helm-charts"
  chart            = "kube-prometheus-stack"
  version          = "58.2.2"

  values = [file("${path.module}/values/kube-prometheus-stack.yaml")]
}

resource "helm_release" "loki" {
  name       = "loki"
  namespace  = "logging"
  repository = "https://grafana.github.io/helm-charts"
  chart      = "loki-stack"
  version    = "2.10.2"

  set {
    name  = "promtail.enabled"
    value = "true"
  }
}

resource "helm_release" "external_secrets" {
  name             = "external-secrets"
  namespace        = "external-secrets"
  create_namespace = true
  repository       = "https://charts.external-secrets.io"
  chart            = "external-secrets"
  version          = "0.9.16"
}
