{{/* The chart name, or nameOverride. */}}
{{- define "alertpilot.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release-qualified name; components are <fullname>-<component> (at most 63 characters). */}}
{{- define "alertpilot.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 50 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "alertpilot.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object; call with (dict "root" $ "component" "ingest") or (dict "root" $). */}}
{{- define "alertpilot.labels" -}}
helm.sh/chart: {{ include "alertpilot.chart" .root }}
{{ include "alertpilot.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: alertpilot
{{- end }}

{{- define "alertpilot.selectorLabels" -}}
app.kubernetes.io/name: {{ include "alertpilot.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- if .component }}
app.kubernetes.io/component: {{ .component }}
{{- end }}
{{- end }}

{{/* The image of a component: (dict "root" $ "component" "ingest"). */}}
{{- define "alertpilot.image" -}}
{{- $svc := index .root.Values .component -}}
{{- $tag := default .root.Chart.AppVersion .root.Values.image.tag -}}
{{- if .root.Values.image.registry -}}
{{- printf "%s/%s/%s:%s" .root.Values.image.registry .root.Values.image.repository $svc.image.name $tag -}}
{{- else -}}
{{- printf "%s/%s:%s" .root.Values.image.repository $svc.image.name $tag -}}
{{- end -}}
{{- end }}

{{- define "alertpilot.authSecretName" -}}
{{- default (printf "%s-auth" (include "alertpilot.fullname" .)) .Values.auth.existingSecret }}
{{- end }}

{{- define "alertpilot.apiUsersSecretName" -}}
{{- default (printf "%s-api-users" (include "alertpilot.fullname" .)) .Values.auth.existingApiUsersSecret }}
{{- end }}

{{- define "alertpilot.notifierSecretName" -}}
{{- default (printf "%s-notifier-channels" (include "alertpilot.fullname" .)) .Values.notifier.existingSecret }}
{{- end }}

{{/* True when the notifier has channel credentials to mount. */}}
{{- define "alertpilot.notifierSecretData" -}}
{{- $c := .Values.notifier.channels -}}
{{- $data := dict -}}
{{- range $name, $key := $c.pagerduty.routingKeys }}{{ $_ := set $data (printf "alertpilot.notifier.secrets.pagerduty.routing-keys.%s" $name) $key }}{{ end -}}
{{- if $c.pagerduty.webhookSecret }}{{ $_ := set $data "alertpilot.notifier.secrets.pagerduty.webhook-secret" $c.pagerduty.webhookSecret }}{{ end -}}
{{- if $c.opsgenie.apiKey }}{{ $_ := set $data "alertpilot.notifier.secrets.opsgenie.api-key" $c.opsgenie.apiKey }}{{ end -}}
{{- range $name, $url := $c.slack.urls }}{{ $_ := set $data (printf "alertpilot.notifier.secrets.slack.urls.%s" $name) $url }}{{ end -}}
{{- if $c.slackApp.botToken }}{{ $_ := set $data "alertpilot.notifier.secrets.slack-app.bot-token" $c.slackApp.botToken }}{{ end -}}
{{- if $c.slackApp.signingSecret }}{{ $_ := set $data "alertpilot.notifier.secrets.slack-app.signing-secret" $c.slackApp.signingSecret }}{{ end -}}
{{- range $name, $url := $c.teams.urls }}{{ $_ := set $data (printf "alertpilot.notifier.secrets.teams.urls.%s" $name) $url }}{{ end -}}
{{- range $name, $url := $c.webhook.urls }}{{ $_ := set $data (printf "alertpilot.notifier.secrets.webhook.urls.%s" $name) $url }}{{ end -}}
{{- if $c.webhook.token }}{{ $_ := set $data "alertpilot.notifier.secrets.webhook.token" $c.webhook.token }}{{ end -}}
{{- if $c.email.password }}{{ $_ := set $data "spring.mail.password" $c.email.password }}{{ end -}}
{{- toJson $data -}}
{{- end }}

{{/* Prometheus selector of this release's AlertPilot series (the ServiceMonitor sets namespace and service). */}}
{{- define "alertpilot.metricsSelector" -}}
namespace="{{ .Release.Namespace }}", service=~"{{ include "alertpilot.fullname" . }}-(ingest|remediation|notifier|console)"
{{- end }}

{{/*
The console's address for people (the notifier's links to it): notifier.links.consoleUrl, else the console's Ingress
when enabled (https when it has tls), else empty.
*/}}
{{- define "alertpilot.consoleUrl" -}}
{{- if .Values.notifier.links.consoleUrl -}}
{{- .Values.notifier.links.consoleUrl -}}
{{- else if and .Values.console.enabled .Values.console.ingress.enabled -}}
{{- printf "%s://%s" (ternary "https" "http" (not (empty .Values.console.ingress.tls))) .Values.console.ingress.host -}}
{{- end -}}
{{- end }}

{{/*
The permissions of the remediation actions, as a JSON map "apiGroup|resource" -> sorted verbs:
  scope "namespaced": the targets' namespaces; scope "cluster": cluster-scoped objects (Nodes; the Pods
  of a node being drained, which live in any namespace).
Derived from the fabric8 calls of remediation-service's k8s package:
  restart   rolling().restart() = PATCH of the Deployment/StatefulSet/DaemonSet; guards GET it and LIST PDBs
  deletePod GET + DELETE of the Pod; guards GET the workload and the Pod and LIST PDBs
  scale     GET of the workload, GET + PUT (update) of its scale subresource; guards LIST PDBs
  rollback  GET of the Deployment, LIST of ReplicaSets, edit() = GET + PATCH of the Deployment; guards LIST PDBs
  failover  edit() = GET + PATCH of the Service
  cordon    edit() = GET + PATCH of the Node
The actions of issue 15 take exactly the rows of its contract (values key -> playbook action):
  scale     (HPA aware) also PATCH of the workload and its scale subresource, GET/LIST/PATCH of HPAs
  patchHpa  (patch-hpa) GET/LIST/PATCH of HorizontalPodAutoscalers
  scaleKeda (scale-keda) GET/LIST/PATCH of KEDA ScaledObjects
  runJob    (run-job) GET of the CronJob, CREATE + GET of the Job
  drain     GET + PATCH of the Node, LIST of Pods and CREATE of pods/eviction, all cluster-wide: a node runs pods of
            every namespace, and an eviction refused outside namespaces.allow would leave the node cordoned half drained
  isolate   GET of the workload, GET/CREATE/DELETE of NetworkPolicies, PATCH of one whose directions differ
  diagnose  GET of the workload, GET/LIST of Pods, GET of pods/log, LIST of Events, ReplicaSets and
            ControllerRevisions (read only)
*/}}
{{- define "alertpilot.remediationRules" -}}
{{- $a := .root.Values.remediation.actions -}}
{{- $r := dict -}}
{{- if eq .scope "namespaced" -}}
{{- if $a.restart -}}
{{- range $res := list "deployments" "statefulsets" "daemonsets" }}{{ $_ := set $r (printf "apps|%s" $res) (concat (get $r (printf "apps|%s" $res) | default list) (list "get" "patch")) }}{{ end -}}
{{- $_ := set $r "policy|poddisruptionbudgets" (list "list") -}}
{{- end -}}
{{- if $a.deletePod -}}
{{- range $res := list "deployments" "statefulsets" "daemonsets" }}{{ $_ := set $r (printf "apps|%s" $res) (append (get $r (printf "apps|%s" $res) | default list) "get") }}{{ end -}}
{{- $_ := set $r "|pods" (concat (get $r "|pods" | default list) (list "get" "delete")) -}}
{{- $_ := set $r "policy|poddisruptionbudgets" (list "list") -}}
{{- end -}}
{{- if $a.scale -}}
{{- range $res := list "deployments" "statefulsets" }}{{ $_ := set $r (printf "apps|%s" $res) (concat (get $r (printf "apps|%s" $res) | default list) (list "get" "patch")) }}{{ end -}}
{{- $_ := set $r "apps|deployments/scale" (list "get" "patch" "update") -}}
{{- $_ := set $r "apps|statefulsets/scale" (list "get" "patch" "update") -}}
{{- $_ := set $r "autoscaling|horizontalpodautoscalers" (list "get" "list" "patch") -}}
{{- $_ := set $r "policy|poddisruptionbudgets" (list "list") -}}
{{- end -}}
{{- if $a.patchHpa -}}
{{- $_ := set $r "autoscaling|horizontalpodautoscalers" (list "get" "list" "patch") -}}
{{- end -}}
{{- if $a.scaleKeda -}}
{{- $_ := set $r "keda.sh|scaledobjects" (list "get" "list" "patch") -}}
{{- end -}}
{{- if $a.runJob -}}
{{- $_ := set $r "batch|cronjobs" (list "get") -}}
{{- $_ := set $r "batch|jobs" (list "create" "get") -}}
{{- end -}}
{{- if $a.isolate -}}
{{- range $res := list "deployments" "statefulsets" "daemonsets" }}{{ $_ := set $r (printf "apps|%s" $res) (append (get $r (printf "apps|%s" $res) | default list) "get") }}{{ end -}}
{{- $_ := set $r "networking.k8s.io|networkpolicies" (list "create" "delete" "get" "patch") -}}
{{- end -}}
{{- if $a.diagnose -}}
{{- range $res := list "deployments" "statefulsets" "daemonsets" }}{{ $_ := set $r (printf "apps|%s" $res) (append (get $r (printf "apps|%s" $res) | default list) "get") }}{{ end -}}
{{- $_ := set $r "|pods" (concat (get $r "|pods" | default list) (list "get" "list")) -}}
{{- $_ := set $r "|pods/log" (list "get") -}}
{{- $_ := set $r "|events" (list "list") -}}
{{- $_ := set $r "apps|replicasets" (list "list") -}}
{{- $_ := set $r "apps|controllerrevisions" (list "list") -}}
{{- end -}}
{{- if $a.rollback -}}
{{- $_ := set $r "apps|deployments" (concat (get $r "apps|deployments" | default list) (list "get" "patch")) -}}
{{- $_ := set $r "apps|replicasets" (list "list") -}}
{{- $_ := set $r "policy|poddisruptionbudgets" (list "list") -}}
{{- end -}}
{{- if $a.failover -}}
{{- $_ := set $r "|services" (list "get" "patch") -}}
{{- end -}}
{{- else if eq .scope "cluster" -}}
{{- if or $a.cordon $a.drain -}}
{{- $_ := set $r "|nodes" (list "get" "patch") -}}
{{- end -}}
{{- if $a.drain -}}
{{- $_ := set $r "|pods" (list "list") -}}
{{- $_ := set $r "|pods/eviction" (list "create") -}}
{{- end -}}
{{- end -}}
{{- $out := dict -}}
{{- range $k, $v := $r }}{{ $_ := set $out $k ($v | uniq | sortAlpha) }}{{ end -}}
{{- toJson $out -}}
{{- end }}

{{/* Renders a rules map from alertpilot.remediationRules as RBAC rules. */}}
{{- define "alertpilot.renderRules" -}}
{{- range $key, $verbs := . }}
{{- $parts := splitList "|" $key }}
- apiGroups: [{{ index $parts 0 | quote }}]
  resources: [{{ index $parts 1 | quote }}]
  verbs: [{{ range $i, $v := $verbs }}{{ if $i }}, {{ end }}{{ $v | quote }}{{ end }}]
{{- end }}
{{- end }}

{{/*
The application.yaml of a component: (dict "root" $ "component" "ingest"). Its config value, over the alert formats
(alertFormats) for the components that read alert bodies (ingest, remediation).
*/}}
{{- define "alertpilot.applicationConfig" -}}
{{- $svc := index .root.Values .component -}}
{{- $config := deepCopy (default dict $svc.config) -}}
{{- if has .component (list "ingest" "remediation") -}}
{{- $formats := dict "max-alerts-per-request" .root.Values.alertFormats.maxAlertsPerRequest "max-value-length" .root.Values.alertFormats.maxValueLength "severities" (default dict .root.Values.alertFormats.severities) -}}
{{- $config = mergeOverwrite (dict "alertpilot" (dict "formats" $formats)) $config -}}
{{- end -}}
{{- if and (eq .component "remediation") .root.Values.remediation.clusters -}}
{{- $clusters := dict "alertpilot" (dict "remediation" (dict "kubernetes" (dict "clusters" (include "alertpilot.remediationClusters" .root | fromJson)))) -}}
{{- $config = mergeOverwrite $clusters $config -}}
{{- end -}}
{{- if and (eq .component "notifier") .root.Values.notifier.channels.slackApp.users -}}
{{- $users := dict "alertpilot" (dict "notifier" (dict "slack-app" (dict "users" .root.Values.notifier.channels.slackApp.users))) -}}
{{- $config = mergeOverwrite $users $config -}}
{{- end -}}
{{- toYaml $config -}}
{{- end }}

{{/*
The clusters the remediation service connects to when remediation.clusters lists further ones, as a JSON map for
alertpilot.remediation.kubernetes.clusters: the cluster it runs in (remediation.clusterName, through its service
account) and each listed cluster through the kubeconfig mounted from its Secret (alertpilot.remediationClusterMounts).
*/}}
{{- define "alertpilot.remediationClusters" -}}
{{- $out := dict .Values.remediation.clusterName (dict "trust-certs" false) -}}
{{- range $c := .Values.remediation.clusters -}}
{{- if eq $c.name $.Values.remediation.clusterName -}}
{{- fail (printf "remediation.clusters: %s is remediation.clusterName, the cluster the service runs in" $c.name) -}}
{{- end -}}
{{- if hasKey $out $c.name -}}
{{- fail (printf "remediation.clusters: %s is listed twice" $c.name) -}}
{{- end -}}
{{- $_ := set $out $c.name (dict "kubeconfig" (printf "/etc/alertpilot/clusters/%s/kubeconfig" $c.name) "context" (default "" $c.context)) -}}
{{- end -}}
{{- toJson $out -}}
{{- end }}

{{/*
The Secret files the remediation pods mount read-only, as a JSON list of {volume, path, secretName, key, file, what}:
each further cluster's kubeconfig (remediation.clusters) at /etc/alertpilot/clusters/<name>/kubeconfig and each
webhook token (remediation.webhookTokens) at /etc/alertpilot/webhook-tokens/<name>/token.
*/}}
{{- define "alertpilot.remediationSecretMounts" -}}
{{- $out := list -}}
{{- range $c := .Values.remediation.clusters -}}
{{- $secret := required (printf "remediation.clusters: %s needs a secretName" $c.name) $c.secretName -}}
{{- $out = append $out (dict "volume" (printf "cluster-%s" $c.name) "path" (printf "/etc/alertpilot/clusters/%s" $c.name) "secretName" $secret "key" (default "kubeconfig" $c.key) "file" "kubeconfig" "what" (printf "the kubeconfig of cluster %s" $c.name)) -}}
{{- end -}}
{{- range $t := .Values.remediation.webhookTokens -}}
{{- $secret := required (printf "remediation.webhookTokens: %s needs a secretName" $t.name) $t.secretName -}}
{{- $out = append $out (dict "volume" (printf "webhook-token-%s" $t.name) "path" (printf "/etc/alertpilot/webhook-tokens/%s" $t.name) "secretName" $secret "key" (default "token" $t.key) "file" "token" "what" (printf "the bearer token of webhook %s (tokenFile: /etc/alertpilot/webhook-tokens/%s/token)" $t.name $t.name)) -}}
{{- end -}}
{{- toJson $out -}}
{{- end }}

{{/* "true" when the remediation service signs in to Azure with the AKS workload identity, else empty. */}}
{{- define "alertpilot.azureWorkloadIdentity" -}}
{{- $azure := .Values.remediation.azure -}}
{{- if and $azure.enabled (eq $azure.credential "workload-identity") -}}true{{- end -}}
{{- end }}

{{/* "true" when the remediation service reads an Azure client secret from a mounted Secret, else empty; fails
     when client-secret is chosen without the Secret. */}}
{{- define "alertpilot.azureClientSecret" -}}
{{- $azure := .Values.remediation.azure -}}
{{- if and $azure.enabled (eq $azure.credential "client-secret") -}}
{{- if not (and $azure.clientSecret.existingSecret $azure.tenantId $azure.clientId) -}}
{{- fail "remediation.azure.credential=client-secret needs remediation.azure.tenantId, clientId and clientSecret.existingSecret" -}}
{{- end -}}
true
{{- end -}}
{{- end }}
