"""Anatomy of HTML pages: trafilatura for body and metadata (placeholder; see issue 2)."""

from __future__ import annotations

from . import Anatomy


def from_html(html: str, url: str | None = None) -> Anatomy:
    import trafilatura

    body = trafilatura.extract(html, url=url, favor_precision=True) or ""
    meta = trafilatura.extract_metadata(html, default_url=url)
    return Anatomy(
        body=body,
        title=getattr(meta, "title", None) if meta else None,
        byline=getattr(meta, "author", None) if meta else None,
        published=getattr(meta, "date", None) if meta else None,
    )
