#!/bin/sh
# A POS in any language can ask the sidecar over HTTP. Start it with:
#   npx credit-block serve --policy examples/policy.json
# then run this script, with a checkout request file or the built-in example:
#   sh decide.sh [request.json]
# Exit code: 0 allow, 2 review, 3 deny (like `credit-block decide`); 1 no decision (the sidecar
# is down or refused the request: offer cash, PIX or card only).
# CREDIT_BLOCK_URL (default http://127.0.0.1:8787); CREDIT_BLOCK_TOKEN, when the sidecar has tokens.
set -eu
URL="${CREDIT_BLOCK_URL:-http://127.0.0.1:8787}"

headers=$(mktemp)
config=$(mktemp)
trap 'rm -f "$headers" "$config"' EXIT
# The token goes to curl in a file of its own (mktemp: mode 0600), not on its command line,
# where any user of the machine could read it in `ps`.
if [ -n "${CREDIT_BLOCK_TOKEN:-}" ]; then
  printf 'header = "Authorization: Bearer %s"\n' "$CREDIT_BLOCK_TOKEN" > "$config"
fi

request() {
  if [ $# -gt 0 ]; then
    cat "$1"
  else
    cat <<'JSON'
{
  "customer": { "id": "C0016", "creditLimit": "2000.00" },
  "receivables": [{ "id": "T000131", "amount": "2337.37", "dueDate": "2026-10-21" }],
  "sale": { "tenders": [{ "method": "store_credit", "amount": "300.00" }, { "method": "pix", "amount": "50.00" }] }
}
JSON
  fi
}

if ! response=$(request "$@" | curl -sS -K "$config" -D "$headers" -X POST "$URL/v1/decide" \
  -H 'content-type: application/json' --data-binary @-); then
  echo "sidecar unavailable at $URL: offer cash, PIX or card only" >&2
  exit 1
fi
echo "$response"

# The decision's own outcome is the x-credit-outcome header: the body also carries an outcome
# per tender and per payment option ("outcome":"deny" for credit on a PIX-only sale that is
# allowed), so searching the body for it would misread the answer.
outcome=$(tr -d '\r' < "$headers" | awk -F': *' 'tolower($1) == "x-credit-outcome" { v = $2 } END { print v }')
case "$outcome" in
  allow) exit 0 ;;
  review) exit 2 ;;
  deny) exit 3 ;;
  *)
    status=$(tr -d '\r' < "$headers" | awk '/^HTTP\// { s = $2 } END { print s }')
    echo "no decision: the sidecar answered HTTP ${status:-?} (see the body above)" >&2
    exit 1
    ;;
esac
