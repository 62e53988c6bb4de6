"""Delivering alerts: a JSON POST to a webhook, retried with backoff.

``post_alert(client, url, alert)`` tries up to ``tries`` times within one call (waits of
``backoff``, 2x``backoff``, ... seconds, or the receiver's Retry-After when it is short); an
alert that still did not go through stays ``pending`` in the store and is tried again at
later polls (``next_try``: ``RETRY_LATER`` seconds, doubling every ``TRIES_PER_POLL``
attempts, or the receiver's longer Retry-After), ``MAX_ATTEMPTS`` POSTs in all, before it is
marked ``failed``. A 4xx other than 408/429 is a refusal: ``failed`` at once.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Optional

import httpx

from .fetch import USER_AGENT, parse_retry_after

MAX_ATTEMPTS = 8  # POSTs over all polls
TRIES_PER_POLL = 3
RETRY_LATER = 60.0  # seconds before a later poll may try again (doubles)
MAX_WAIT_IN_CALL = 10.0  # a longer Retry-After ends this call; a later poll tries again


@dataclass
class Delivery:
    delivered: bool
    attempts: int  # POSTs made in this call
    error: Optional[str] = None  # the last failure
    refused: bool = False  # the receiver refused it for good (4xx)
    retry_after: Optional[float] = None  # the receiver's Retry-After (seconds), when longer than a wait here


def payload(alert: dict) -> dict:
    """What the webhook receives (stable field names; ``id`` lets a receiver drop repeats)."""
    keep = ("id", "rule", "kind", "window", "value", "threshold", "message", "event_ids", "quote_ids", "created_at")
    return {"type": "sitrep.alert", "alert": {k: alert.get(k) for k in keep}}


def post_alert(client: httpx.Client, url: str, alert: dict, tries: int = TRIES_PER_POLL, backoff: float = 0.5,
               stop: Optional[threading.Event] = None) -> Delivery:
    """POST one alert, up to ``tries`` times."""
    stop = stop or threading.Event()
    error = None
    attempt = 0
    for attempt in range(1, tries + 1):
        wait = backoff * 2 ** (attempt - 1)
        try:
            r = client.post(url, json=payload(alert), headers={"User-Agent": USER_AGENT})
            if 200 <= r.status_code < 300:
                return Delivery(True, attempt)
            error = f"HTTP {r.status_code}"
            if 400 <= r.status_code < 500 and r.status_code not in (408, 429):
                return Delivery(False, attempt, error, refused=True)  # retrying will not help
            asked = parse_retry_after(r.headers.get("retry-after"))
            if asked is not None and asked > MAX_WAIT_IN_CALL:
                return Delivery(False, attempt, error, retry_after=asked)
            wait = max(wait, asked or 0.0)
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {str(exc)[:200] or 'connection failed'}"
        if attempt < tries and stop.wait(wait):
            break
    return Delivery(False, attempt, error)


def next_try(now: float, total_attempts: int, delivery: Delivery) -> Optional[float]:
    """When a later poll should POST an undelivered alert again, or None: give up (failed)."""
    if delivery.delivered or delivery.refused or total_attempts >= MAX_ATTEMPTS:
        return None
    later = now + RETRY_LATER * 2 ** max(0, total_attempts // TRIES_PER_POLL - 1)
    return max(later, now + (delivery.retry_after or 0.0))
