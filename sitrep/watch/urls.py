"""Canonical URLs: one key per article, whatever link a feed used to point at it.

``canonical_url("HTTP://Example.COM:80/news/a/?utm_source=rss&id=7#top")`` ->
``"http://example.com/news/a?id=7"``: scheme and host lower-cased, default port dropped,
tracking parameters (``utm_*``, ``fbclid``, ``gclid``, ...) and the fragment removed, the
remaining query sorted, a trailing slash dropped (except the root ``/``), percent-escapes
upper-cased and dot segments resolved. Two links with the same canonical form are the same
article and are fetched once.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

# Parameters that say who sent the reader, never which article it is.
TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "ga_", "hsa_")
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "twclid", "igshid", "mkt_tok", "_hsenc", "_hsmi",
    "ref_src", "cmpid", "ocid", "spm", "wt_mc", "at_medium", "at_campaign", "s_cid", "ito", "ncid", "cmp",
})
DEFAULT_PORTS = {"http": 80, "https": 443}
_PCT = re.compile(r"%[0-9a-fA-F]{2}")
# Characters kept as they are in a path (RFC 3986 pchar minus what must stay escaped).
_PATH_SAFE = "/:@!$&'()*+,;=-._~"


def is_tracking(name: str) -> bool:
    n = name.lower()
    return n in TRACKING_PARAMS or n.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """The canonical form of an http(s) URL (see the module docstring).

    Raises ``ValueError`` for anything that is not an absolute http(s) URL with a host.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"not an absolute http(s) URL: {url[:200]!r}")
    host = parts.hostname.lower().rstrip(".")
    try:
        port = parts.port
    except ValueError:
        raise ValueError(f"bad port in URL: {url[:200]!r}") from None
    netloc = host if ":" not in host else f"[{host}]"  # IPv6 literal
    if port is not None and port != DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    path = parts.path or "/"
    path = posixpath.normpath(path) if path != "/" else "/"
    if parts.path.endswith("/") and path != "/":
        path = path.rstrip("/")  # "/news/a/" and "/news/a" are one article
    if path.startswith("//"):
        path = "/" + path.lstrip("/")
    path = quote(unquote(path), safe=_PATH_SAFE)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking(k)]
    query.sort()
    return urlunsplit((scheme, netloc, path, urlencode(query, quote_via=quote), ""))


def host_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL: the unit of robots.txt and of the rate limit."""
    parts = urlsplit(url)
    netloc = parts.hostname or ""
    if parts.port and parts.port != DEFAULT_PORTS.get(parts.scheme.lower()):
        netloc += f":{parts.port}"
    return f"{parts.scheme.lower()}://{netloc.lower()}"


def fetch_url(link: str) -> str:
    """The URL to request for a listed link: the link as the publisher wrote it (its path,
    trailing slash and port kept, since a server may answer only that form) without the
    tracking parameters and the fragment."""
    parts = urlsplit(link.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking(k)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(query, quote_via=quote), ""))
