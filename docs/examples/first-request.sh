#!/usr/bin/env bash
# From sign-up to a first request through the gateway, with curl only, against ./bulwark up.
# The upstream is a tiny local web server this script starts (python3 -m http.server on 127.0.0.1:$UP_PORT):
# ./bulwark up allows loopback upstreams for every tenant, but never the platform's own ports.
# Addresses follow ./bulwark up's own settings (BULWARK_CP_PORT, BULWARK_GW_PORT); CP and GW override
# them with whole URLs, e.g. CP=https://cp.example.com GW=https://gw.example.com.
set -euo pipefail
CP=${CP:-http://127.0.0.1:${BULWARK_CP_PORT:-8080}}
GW=${GW:-http://127.0.0.1:${BULWARK_GW_PORT:-8000}}
SLUG=${SLUG:-demo-$RANDOM}
PASSWORD=${PASSWORD:-"a long passphrase for $SLUG"}
json() { curl -sS -H 'Content-Type: application/json' -H "Authorization: Bearer ${TOKEN:-}" "$@"; }
etag() { curl -sS -o /dev/null -D - -H "Authorization: Bearer $TOKEN" "$1" | awk 'tolower($1)=="etag:" {print $2}' | tr -d '\r'; }

# 1. Sign up: a tenant and its owner, and a session token.
TOKEN=$(json -X POST "$CP/api/v1/signup" -d "{\"tenantName\":\"Demo\",\"tenantSlug\":\"$SLUG\",\"email\":\"owner@$SLUG.test\",\"password\":\"$PASSWORD\",\"displayName\":\"Owner\"}" | jq -r .session.token)

# 2. A local upstream serving GET /live. Loopback is a private network: ./bulwark up's operator default
#    (BULWARK_LOCAL_PRIVATE_UPSTREAMS=127.0.0.0/8) allows it; the tenant only reads that setting.
UP_PORT=${UP_PORT:-8099}
UP_DIR=$(mktemp -d); echo ok >"$UP_DIR/live"
python3 -m http.server "$UP_PORT" --bind 127.0.0.1 --directory "$UP_DIR" >/dev/null 2>&1 &
UP_PID=$!; trap 'kill $UP_PID; rm -rf "$UP_DIR"' EXIT
UP="http://127.0.0.1:$UP_PORT"
json "$CP/api/v1/tenant-settings" | jq -c '{privateUpstreamCidrs}'

# 3. Publish an API from its OpenAPI document, with API-key authentication and a rate limit.
OPENAPI=$(printf 'openapi: 3.0.3\ninfo: {title: Hello, version: "1"}\npaths:\n  /live:\n    get:\n      operationId: live\n      responses: {"200": {description: ok}}\n')
API=$(json -X POST "$CP/api/v1/apis" -d "$(jq -n --arg doc "$OPENAPI" --arg base "/hello-$SLUG" --arg up "$UP" \
  '{name: "Hello", basePath: $base, openapi: $doc, upstreamUrls: [$up], allowPrivateUpstreams: true}')" | jq -r .id)
json -X PUT "$CP/api/v1/apis/$API/environments/production" -H "If-Match: $(etag "$CP/api/v1/apis/$API")" -d "{\"upstreamUrls\":[\"$UP\"],\"enabled\":true}" >/dev/null
json -X PUT "$CP/api/v1/apis/$API/policies" -H "If-Match: $(etag "$CP/api/v1/apis/$API")" -d '{"policies":[{"type":"api-key"},{"type":"rate-limit","limit":3,"periodSeconds":60}]}' >/dev/null
json -X POST "$CP/api/v1/apis/$API/lifecycle" -d '{"state":"published"}' | jq -c '{name, lifecycle}'

# 4. A plan, a developer, their application, a subscription and a key (shown once).
PLAN=$(json -X POST "$CP/api/v1/apis/$API/plans" -d '{"name":"Free","allowedOperations":[],"policies":[],"approval":"auto"}' | jq -r .id)
DEV=$(json -X POST "$CP/api/v1/developers" -d "{\"name\":\"Dana\",\"email\":\"dana@$SLUG.test\"}" | jq -r .id)
APP=$(json -X POST "$CP/api/v1/applications" -d "{\"name\":\"Dana's app\",\"developerId\":\"$DEV\"}" | jq -r .id)
json -X POST "$CP/api/v1/applications/$APP/subscriptions" -d "{\"planId\":\"$PLAN\"}" | jq -c '{status}'
KEY=$(json -X POST "$CP/api/v1/applications/$APP/keys" -d '{"label":"first key","scopes":[],"environment":"production"}' | jq -r .key)
echo "key: ${KEY:0:17}…"

# 5. Call the API through the gateway: the snapshot reaches it within a second or so.
for i in $(seq 50); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-API-Key: $KEY" "$GW/hello-$SLUG/live")
  [[ $code == 200 ]] && break; sleep 0.2
done
curl -si -H "X-API-Key: $KEY" "$GW/hello-$SLUG/live" | grep -iE '^HTTP|^ratelimit|^\{'
echo; echo "without a key:"; curl -s "$GW/hello-$SLUG/live"; echo
echo "past the limit:"; for i in 1 2 3; do curl -s -o /dev/null -w '%{http_code} ' -H "X-API-Key: $KEY" "$GW/hello-$SLUG/live"; done; echo
