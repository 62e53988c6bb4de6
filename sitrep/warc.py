"""WARC input (issue 7): the HTML responses of a web crawl, one document each.

Only ``response`` records whose HTTP Content-Type is HTML are documents: request,
metadata, revisit and non-HTML responses (images, scripts, PDFs) are skipped silently,
since a crawl is mostly those. A response that is HTML but unreadable (too large, binary,
bad encoding) becomes an ``InputError`` naming the URL, so the batch records it and goes on.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from .errors import Errors, InputError
from .reader import InputDoc, check_text, decode

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:]+)", re.I)


def _is_html(content_type: str) -> bool:
    ct = content_type.lower()
    return "text/html" in ct or "application/xhtml" in ct


def iter_warc(path: Path, max_bytes: int) -> Iterator[InputDoc | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield InputError(Errors.E010, str(path), reason=exc.strerror or str(exc))
        return
    with fh:
        try:
            for n, rec in enumerate(ArchiveIterator(fh), 1):
                if rec.rec_type != "response" or rec.http_headers is None:
                    continue
                ctype = rec.http_headers.get_header("Content-Type") or ""
                if not _is_html(ctype):
                    continue
                url = rec.rec_headers.get_header("WARC-Target-URI")
                name = url or f"{path}#{n}"
                # Read one byte past the limit: enough to refuse a runaway page without
                # holding all of it.
                data = rec.content_stream().read(max_bytes + 1)
                try:
                    text = _decode(data, ctype, name, max_bytes)
                except InputError as exc:
                    yield exc
                    continue
                yield InputDoc(
                    content=text, source=name, format="html", url=url,
                    # input_id is for ids the user gave (jsonl); the URL names a WARC page.
                    input_id=None, published=None,
                )
        except ArchiveLoadFailed as exc:
            yield InputError(Errors.E010, str(path), reason=f"not a readable WARC file ({exc})")


def _decode(data: bytes, content_type: str, name: str, max_bytes: int) -> str:
    m = _CHARSET.search(content_type)
    if m and m.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        # The server's declared charset is a declaration, which the reader trusts.
        try:
            if len(data) > max_bytes:
                raise InputError(Errors.E005, name, size=len(data), limit=max_bytes)
            return check_text(data.decode(m.group(1)), name, max_bytes)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, name, max_bytes)
