{{- define "bulwark.securityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
{{- end -}}
{{- define "bulwark.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}
{{- /* Redis TLS files, the same paths in both planes, each plane's own Secret behind them. */ -}}
{{- define "bulwark.redisTlsEnv" -}}
{{- if .Values.tls.redis.enabled }}
- {name: BULWARK_REDIS_TLS_CA_FILE, value: /etc/bulwark/tls/redis-ca.crt}
{{- if .Values.tls.redis.clientCertificate }}
- {name: BULWARK_REDIS_TLS_CERT_FILE, value: /etc/bulwark/tls/redis-client.crt}
- {name: BULWARK_REDIS_TLS_KEY_FILE, value: /etc/bulwark/tls/redis-client.key}
{{- end }}
{{- end }}
{{- end -}}
{{- define "bulwark.secretEnv" -}}
- name: {{ .env }}
  valueFrom:
    secretKeyRef: {name: {{ .secret }}, key: {{ .key }}}
{{- end -}}
