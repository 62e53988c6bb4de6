"""Watching the news (issue 17): poll feeds and sitemaps, ingest what is new, raise alerts.

Library first; ``sitrep watch`` / ``sitrep sources`` / ``sitrep alerts`` and the web pages
are thin layers over it.

* :mod:`.urls` — canonical URLs (the key that makes every article fetched once);
* :mod:`.fetch` — the polite HTTP client (robots.txt, per-host rate, conditional GET, ...);
* :mod:`.listings` — RSS/Atom (feedparser), sitemaps, news sitemaps, sitemap indexes;
* :mod:`.sources` — source arguments and source files (per-source intervals);
* :mod:`.state` — sources, poll state, items, claims, revisions, alerts in the store;
* :mod:`.rules` — alert rules in TOML and their evaluation;
* :mod:`.deliver` — the webhook;
* :mod:`.runner` — the loop (:class:`Watcher`);
* :mod:`.status` — per-source status lines for a terminal (:class:`StatusBoard`).
"""

from .fetch import USER_AGENT, Fetcher
from .listings import Entry, Listing, parse_listing
from .rules import Rule, check_rules, load_rules, parse_rules
from .runner import DEFAULT_INTERVAL, RoundReport, Watcher
from .sources import parse_interval, parse_sources
from .state import SourceSpec, WatchState
from .status import StatusBoard
from .urls import canonical_url

__all__ = ["USER_AGENT", "Fetcher", "Entry", "Listing", "parse_listing", "Rule", "check_rules", "load_rules",
           "parse_rules", "DEFAULT_INTERVAL", "RoundReport", "Watcher", "parse_interval", "parse_sources",
           "SourceSpec", "WatchState", "StatusBoard", "canonical_url"]
