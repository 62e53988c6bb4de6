"""Corpus commands (issue 7): ingest, quotes, events, search, dyad, actors, export."""

from __future__ import annotations
