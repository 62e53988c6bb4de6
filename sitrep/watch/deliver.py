"""Delivering alerts: a JSON POST to a webhook, retried with backoff.

``post_alert(client, url, alert)`` tries ``tries`` times within one call (waits of
``backoff``, 2x``backoff``, ... seconds, or the receiver's Retry-After); an alert that still
did not go through stays ``pending`` in the store and is tried again at later polls (with a
growing delay, ``MAX_ATTEMPTS`` in all) before it is marked ``failed``.
"""

from __future__ import annotations

import threading
from typing import Optional

import httpx

from .fetch import USER_AGENT, parse_retry_after

MAX_ATTEMPTS = 8  # over all polls
RETRY_LATER = 60.0  # seconds before the next poll may try again (doubles)


def payload(alert: dict) -> dict:
    """What the webhook receives (stable field names; ``id`` lets a receiver drop repeats)."""
    keep = ("id", "rule", "kind", "window", "value", "threshold", "message", "event_ids", "quote_ids", "created_at")
    return {"type": "sitrep.alert", "alert": {k: alert.get(k) for k in keep}}


def post_alert(client: httpx.Client, url: str, alert: dict, tries: int = 3, backoff: float = 0.5,
               stop: Optional[threading.Event] = None) -> tuple[bool, int, Optional[str], bool]:
    """POST one alert; returns (delivered, attempts made, last error, refused for good)."""
    stop = stop or threading.Event()
    error = None
    for attempt in range(1, tries + 1):
        wait = backoff * 2 ** (attempt - 1)
        try:
            r = client.post(url, json=payload(alert), headers={"User-Agent": USER_AGENT})
            if 200 <= r.status_code < 300:
                return True, attempt, None, False
            error = f"HTTP {r.status_code}"
            wait = max(wait, parse_retry_after(r.headers.get("retry-after")) or 0.0)
            if 400 <= r.status_code < 500 and r.status_code not in (408, 429):
                return False, attempt, error, True  # the receiver refuses it: retrying will not help
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {str(exc)[:200] or 'connection failed'}"
        if attempt < tries and stop.wait(min(wait, 60.0)):
            break
    return False, attempt, error, False
