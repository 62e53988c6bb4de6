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
from .reader import InputDoc, check_text, decode, gzip_problem

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:]+)", re.I)


def _is_html(content_type: str) -> bool:
    ct = content_type.lower()
    return "text/html" in ct or "application/xhtml" in ct


def iter_warc(path: Path, max_bytes: int) -> Iterator[InputDoc | InputError]:
    """Every HTML response of the archive, then an error naming the file and the byte
    offset when the archive is damaged: a record shorter than its Content-Length (a WARC
    cut in half), a gzip member cut short, or a file that is no WARC at all."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield InputError(Errors.E010, str(path), reason=exc.strerror or str(exc))
        return
    with fh:
        # A truncated gzip member is dropped by warcio without a word: check the members
        # first (one streaming pass) and trust no record from the damaged one on.
        bad_gzip = None
        if fh.read(2) == b"\x1f\x8b":
            fh.seek(0)
            bad_gzip = gzip_problem(fh)
        fh.seek(0)
        n = 0
        offset = 0
        try:
            it = ArchiveIterator(fh)
            for n, rec in enumerate(it, 1):
                doc = _record_doc(path, n, rec, max_bytes)
                remaining = getattr(rec.raw_stream, "limit", 0)
                if remaining:
                    rec.raw_stream.read()  # what is there, so the count below is exact
                    remaining = getattr(rec.raw_stream, "limit", 0)
                # (get_record_offset reads the record to its end: only after the content.)
                offset = it.get_record_offset()
                if bad_gzip and offset >= bad_gzip[0]:
                    break
                if remaining:
                    yield InputError(Errors.E010, str(path), reason=(
                        f"truncated WARC: the record at byte {offset} has {rec.length - remaining} of its "
                        f"{rec.length} bytes"))
                    return
                if doc is not None:
                    yield doc
        except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on a damaged file
            yield InputError(Errors.E010, str(path), reason=f"not a readable WARC file after {n} records, at byte "
                                                        f"{offset} ({type(exc).__name__}: {str(exc)[:200]})")
            return
        if bad_gzip:
            yield InputError(Errors.E010, str(path), reason=f"{bad_gzip[1]}; the records before it were read")
        elif n == 0:
            yield InputError(Errors.E010, str(path), reason="not a WARC file (no WARC record in it)")


def _record_doc(path: Path, n: int, rec, max_bytes: int):  # noqa: ANN001
    """The InputDoc (or InputError) of one record, None for a record that is no document."""
    if rec.rec_type != "response" or rec.http_headers is None:
        return None
    ctype = rec.http_headers.get_header("Content-Type") or ""
    if not _is_html(ctype):
        return None
    url = rec.rec_headers.get_header("WARC-Target-URI")
    name = url or f"{path}#{n}"
    # Read one byte past the limit: enough to refuse a runaway page without holding all of it.
    data = rec.content_stream().read(max_bytes + 1)
    try:
        text = _decode(data, ctype, name, max_bytes)
    except InputError as exc:
        return exc
    # input_id is for ids the user gave (jsonl); the URL names a WARC page.
    return InputDoc(content=text, source=name, format="html", url=url, input_id=None, published=None)


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
