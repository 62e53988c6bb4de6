"""Reading what a source lists: RSS/Atom feeds (feedparser), XML sitemaps, news sitemaps
and sitemap indexes (lxml, no network, no entities), and plain-text sitemaps.

``parse_listing(body, url)`` -> ``Listing(kind, entries, children, error)``: ``entries`` are
articles (link, publication date, the listing's own "updated" stamp, title); ``children``
are the sitemaps a sitemap index points to. A listing that cannot be read gives
``error`` and no entries, never an exception.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Optional
from urllib.parse import urljoin

_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")
_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(urlset|sitemapindex|rss|feed|RDF)\b")


@dataclass
class Entry:
    link: str
    published: Optional[str] = None  # YYYY-MM-DD
    stamp: Optional[str] = None  # the listing's "updated"/"lastmod": a change means a new revision
    title: Optional[str] = None


@dataclass
class Listing:
    kind: str  # feed | sitemap | sitemapindex | unknown
    entries: list[Entry] = field(default_factory=list)
    children: list[Entry] = field(default_factory=list)
    error: Optional[str] = None


def _day(value: Optional[str]) -> Optional[str]:
    m = _DATE.match(value or "")
    return m.group(1) if m else None


def _struct_day(st: Optional[time.struct_time]) -> Optional[str]:
    return time.strftime("%Y-%m-%d", st) if st else None


def sniff(body: bytes) -> str:
    m = _ROOT.search(body[:4096])
    if not m:
        return "unknown"
    root = m.group(1).decode()
    return {"urlset": "sitemap", "sitemapindex": "sitemapindex"}.get(root, "feed")


def parse_listing(body: bytes, url: str, content_type: str = "") -> Listing:
    kind = sniff(body)
    if kind in ("sitemap", "sitemapindex"):
        return _parse_sitemap(body, url, kind)
    if kind == "unknown" and content_type.startswith("text/plain"):
        return _parse_text_sitemap(body, url)
    return _parse_feed(body, url)


def _parse_feed(body: bytes, url: str) -> Listing:
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": url})
    entries = []
    for e in parsed.entries:
        link = e.get("link") or next((lk.get("href") for lk in e.get("links") or [] if lk.get("href")), None)
        if not link:
            continue
        # dict.get: FeedParserDict maps a missing "updated" to "published" (with a warning).
        published = _struct_day(dict.get(e, "published_parsed")) or _struct_day(dict.get(e, "updated_parsed"))
        stamp = dict.get(e, "updated") or dict.get(e, "published")
        entries.append(Entry(urljoin(url, link.strip()), published, stamp, e.get("title")))
    if not entries and (parsed.bozo or not parsed.get("version")):
        reason = str(parsed.get("bozo_exception") or "no RSS or Atom feed found")
        return Listing("feed", error=f"malformed feed: {reason[:200]}")
    return Listing("feed", entries=entries)


def _parse_sitemap(body: bytes, url: str, kind: str) -> Listing:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        return Listing(kind, error=f"malformed sitemap: {str(exc)[:200]}")
    out = Listing(kind)
    tag = "sitemap" if kind == "sitemapindex" else "url"
    for node in root:
        if not isinstance(node.tag, str) or etree.QName(node).localname != tag:
            continue
        fields = {}
        for child in node.iter():
            if isinstance(child.tag, str) and child is not node:
                fields.setdefault(etree.QName(child).localname, (child.text or "").strip())
        loc = fields.get("loc")
        if not loc:
            continue
        lastmod = fields.get("lastmod") or None
        # News sitemaps (<news:news>) carry the publication date and the title.
        published = _day(fields.get("publication_date")) or _day(lastmod)
        entry = Entry(urljoin(url, loc), published, lastmod or fields.get("publication_date"), fields.get("title"))
        (out.children if kind == "sitemapindex" else out.entries).append(entry)
    return out


def _parse_text_sitemap(body: bytes, url: str) -> Listing:
    lines = body.decode("utf-8", "replace").splitlines()
    links = [ln.strip() for ln in lines if ln.strip().startswith(("http://", "https://"))]
    if not links:
        return Listing("unknown", error="not a feed or a sitemap")
    return Listing("sitemap", entries=[Entry(urljoin(url, ln)) for ln in links])
