#!/bin/sh
# A POS in any language can ask the sidecar over HTTP. Start it with:
#   npx credit-block serve --policy examples/policy.json
# then run this script. Exit code: 0 allow, 2 review, 3 deny (like `credit-block decide`).
set -eu
URL="${CREDIT_BLOCK_URL:-http://127.0.0.1:8787}"

response=$(curl -sS -X POST "$URL/v1/decide" \
  -H 'content-type: application/json' \
  --data @- <<'JSON'
{
  "customer": { "id": "C0016", "creditLimit": "2000.00" },
  "receivables": [{ "id": "T000131", "amount": "2337.37", "dueDate": "2026-10-21" }],
  "sale": { "tenders": [{ "method": "store_credit", "amount": "300.00" }, { "method": "pix", "amount": "50.00" }] }
}
JSON
)
echo "$response"
case "$response" in
  *'"outcome":"deny"'*) exit 3 ;;
  *'"outcome":"review"'*) exit 2 ;;
  *) exit 0 ;;
esac
