{{/* Chart name, truncated to the 63 characters a label allows. */}}
{{- define "plugin-io.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name: the release name, with the chart name unless it already holds it. */}}
{{- define "plugin-io.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "plugin-io.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "plugin-io.labels" -}}
helm.sh/chart: {{ include "plugin-io.chart" . }}
{{ include "plugin-io.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "plugin-io.selectorLabels" -}}
app.kubernetes.io/name: {{ include "plugin-io.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "plugin-io.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "plugin-io.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret whose keys become environment variables: the user's, or the chart's. */}}
{{- define "plugin-io.secretName" -}}
{{- default (include "plugin-io.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{/* Seconds the in-app drain phase may take: readiness delay + close window + slack. */}}
{{- define "plugin-io.drainPhaseSeconds" -}}
{{- add .Values.drain.readinessDelaySeconds .Values.drain.windowSeconds 5 }}
{{- end }}

{{/*
The grace period: preStop sleep, then the drain phase, then the HTTP graceful-shutdown phase,
plus slack for the JVM to exit. Kubernetes kills the pod when it runs out.
*/}}
{{- define "plugin-io.terminationGracePeriodSeconds" -}}
{{- if .Values.drain.terminationGracePeriodSeconds }}
{{- .Values.drain.terminationGracePeriodSeconds }}
{{- else }}
{{- add .Values.drain.preStopSleepSeconds (include "plugin-io.drainPhaseSeconds" . | int) .Values.drain.httpShutdownSeconds 5 }}
{{- end }}
{{- end }}

{{/* Settings the chart owns, which values.config cannot accidentally drop. */}}
{{- define "plugin-io.managedConfig" -}}
plugin-io:
  broker: {{ .Values.broker.type }}
  drain:
    readiness-delay: {{ printf "%ds" (int .Values.drain.readinessDelaySeconds) }}
    window: {{ printf "%ds" (int .Values.drain.windowSeconds) }}
spring:
  lifecycle:
    timeout-per-shutdown-phase: {{ printf "%ds" (max (include "plugin-io.drainPhaseSeconds" . | int) .Values.drain.httpShutdownSeconds | int) }}
server:
  shutdown: graceful
{{- if .Values.logFormat }}
logging:
  structured:
    format:
      console: {{ .Values.logFormat }}
{{- end }}
{{- end }}

{{/* Values the chart cannot render sensibly: fail with a message that says what to change. */}}
{{- define "plugin-io.validate" -}}
{{- $scaled := or (gt (int .Values.replicaCount) 1) .Values.autoscaling.enabled }}
{{- if and $scaled (ne .Values.broker.type "redis") }}
{{- fail "More than one replica (replicaCount > 1 or autoscaling.enabled) needs broker.type=redis: with the memory broker a broadcast reaches only the clients of the replica that received it." }}
{{- end }}
{{- if and (eq .Values.broker.type "redis") (not .Values.redis.url) (not .Values.redis.existingSecret) (not .Values.secrets.existingSecret) }}
{{- fail "broker.type=redis needs redis.url, redis.existingSecret, or secrets.existingSecret holding SPRING_DATA_REDIS_URL." }}
{{- end }}
{{- if and .Values.autoscaling.enabled (lt (int .Values.autoscaling.maxReplicas) (int .Values.autoscaling.minReplicas)) }}
{{- fail "autoscaling.maxReplicas must be at least autoscaling.minReplicas." }}
{{- end }}
{{- end }}
