"""A POS written in Python asking the credit-block sidecar (standard library only).

Start the sidecar with `npx credit-block serve --policy examples/policy.json`, then:
    python3 examples/sidecar/client.py
"""
import json
import os
import sys
import urllib.error
import urllib.request

URL = os.environ.get("CREDIT_BLOCK_URL", "http://127.0.0.1:8787")


def decide(customer, receivables, tenders, timeout=2.0):
    """Returns the decision, or None if the sidecar is down (then sell à vista only)."""
    body = json.dumps({"customer": customer, "receivables": receivables, "sale": {"tenders": tenders}}).encode()
    request = urllib.request.Request(f"{URL}/v1/decide", data=body, headers={"content-type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:  # 4xx: an RFC 9457 problem naming each field
        problem = json.load(error)
        raise ValueError("; ".join(f"{i['path']}: {i['message']}" for i in problem.get("issues", []))) from None
    except OSError:
        return None


if __name__ == "__main__":
    decision = decide(
        {"id": "C0016", "creditLimit": "2000.00"},
        [{"id": "T000131", "amount": "2337.37", "dueDate": "2026-10-21"}],
        [{"method": "store_credit", "amount": "300.00"}, {"method": "pix", "amount": "50.00"}],
    )
    if decision is None:
        print("sidecar unavailable: offer cash, PIX or card only")
        sys.exit(1)
    for tender in decision["tenders"]:
        reasons = "; ".join(r["message"] for r in tender["reasons"])
        print(f"{tender['method']}/{tender['term']} {tender['amount']}: {tender['outcome']} {reasons}".rstrip())
    if decision["regularize"]:
        print(f"pay {decision['regularize']['payAtLeast']} to free the crediário")
