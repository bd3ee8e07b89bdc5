{{- define "payments-api.fullname" -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- define "payments-api.selectorLabels" -}}
app.kubernetes.io/name: payments-api
{{- end }}
{{- define "payments-api.labels" -}}
{{ include "payments-api.selectorLabels" . }}
team: payments
{{- end }}
