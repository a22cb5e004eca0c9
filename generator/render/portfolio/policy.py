"""The Content-Security-Policy of every private page: portfolios, the committee index, team views,
the programme report and calibration packets.

The bundled base.html writes it; a repository's own theme might not. Each page is checked
after rendering, and a page whose first policy is not this one gets it as the first element
of its head (a browser enforces every policy a page has, so a theme can only narrow it).
No page loads anything from another server, so a committee's reading is reported nowhere.
"""

from __future__ import annotations

import re

PAGE_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"
# The committee index sorts and filters with its own index.js, beside it: that script only.
INDEX_POLICY = ("default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; base-uri 'none'; "
                "form-action 'none'")
_HEAD_RE = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_FIRST_ACTIVE_RE = re.compile(r"<(?:script|link|style|img|iframe|object|embed|base|meta\s+http-equiv)\b", re.IGNORECASE)


def policy_meta(policy: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'


def enforce_policy(page: str, *, scripts: bool = False) -> str:
    """`page` whose first policy, before anything it could load, is the private pages' policy."""
    meta = policy_meta(INDEX_POLICY if scripts else PAGE_POLICY)
    first = _FIRST_ACTIVE_RE.search(page)
    if first and page.startswith(meta, first.start()):
        return page
    head = _HEAD_RE.search(page)
    at = head.end() if head and (first is None or head.end() <= first.start()) else 0
    return page[:at] + meta + page[at:]
