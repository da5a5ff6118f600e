{{/* The cluster profile the operator renders models with: values.cluster, the gateway's namespace defaulting to this release's. */}}
{{- define "sovereign.cluster" -}}
{{- $cluster := deepCopy .Values.cluster -}}
{{- if not $cluster.namespaces.gateway -}}
{{- $_ := set $cluster.namespaces "gateway" .Release.Namespace -}}
{{- end -}}
{{- toYaml $cluster -}}
{{- end -}}

{{/* sov.yaml of the gateway: values.gateway.config, with gateway.state (PostgreSQL) when gateway.state.url is set. */}}
{{- define "sovereign.gatewayConfig" -}}
{{- $config := fromYaml .Values.gateway.config -}}
{{- if hasKey $config "Error" -}}
{{- fail (printf "gateway.config is not YAML: %s" (get $config "Error")) -}}
{{- end -}}
{{- with .Values.gateway.state -}}
{{- if .url -}}
{{- if not .user -}}{{- fail "gateway.state.user is required with gateway.state.url" -}}{{- end -}}
{{- $state := dict "url" .url -}}
{{- if .user -}}{{- $_ := set $state "user" .user -}}{{- end -}}
{{- if .passwordSecret.name -}}{{- $_ := set $state "password" (dict "env" "SOV_STATE_PASSWORD") -}}{{- end -}}
{{- $gateway := default (dict) (get $config "gateway") -}}
{{- $_ := set $gateway "state" $state -}}
{{- $_ := set $config "gateway" $gateway -}}
{{- end -}}
{{- end -}}
{{- toYaml $config -}}
{{- end -}}

{{/* Where a pod of the chart may run and how it pulls its image: the component's nodeSelector, tolerations and affinity, and imagePullSecrets. */}}
{{- define "sovereign.scheduling" -}}
{{- with .component.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .component.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .component.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* The sov image, behind cluster.imageRegistry when one is set (as the operator pulls the models' images). */}}
{{- define "sovereign.image" -}}
{{- with .Values.cluster.imageRegistry }}{{ trimSuffix "/" . }}/{{ end }}{{ .Values.image.repository }}:{{ .Values.image.tag }}
{{- end -}}
