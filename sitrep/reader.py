"""Reading documents: bytes -> checked text, format detection, jsonl lines, file walking.

Every refusal is an ``InputError`` naming the document and the reason, so a batch can
record it and go on.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

from .errors import Errors, InputError

MAX_BYTES = 20 * 1024 * 1024  # a news page is rarely over 2 MB; 20 MB is a runaway file

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".warc.gz", ".arc.gz"}


@dataclass
class InputDoc:
    """One document to extract. ``content`` is text or HTML, already decoded."""

    content: str
    source: Optional[str] = None
    format: str = "auto"  # auto | text | html
    input_id: Optional[str] = None
    published: Optional[str] = None
    url: Optional[str] = None
    extra: dict = field(default_factory=dict)


_CHARSET_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-:]+)""", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode(data: bytes, doc: str = "<input>", max_bytes: int = MAX_BYTES) -> str:
    """Bytes to text, refusing what is not a readable text document."""
    if len(data) > max_bytes:
        raise InputError(Errors.E005, doc, size=len(data), limit=max_bytes)
    if not data:
        raise InputError(Errors.E001, doc)
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            # A UTF-16 mark followed by an odd byte count or broken pairs: not text.
            raise InputError(Errors.E004, doc) from None
    else:
        if b"\x00" in data[:65536]:
            raise InputError(Errors.E003, doc)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # An HTML page may declare its charset; trust a declaration, never a guess:
            # a wrong guess silently corrupts every name in the article.
            m = _CHARSET_META.search(data[:4096])
            if not m:
                raise InputError(Errors.E004, doc) from None
            try:
                text = data.decode(m.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                raise InputError(Errors.E004, doc) from None
    return check_text(text, doc)


def check_text(text: str, doc: str = "<input>", max_bytes: int = MAX_BYTES) -> str:
    if text == "":
        raise InputError(Errors.E001, doc)
    if len(text) > max_bytes:
        raise InputError(Errors.E005, doc, size=len(text.encode("utf-8")), limit=max_bytes)
    if not text.strip():
        raise InputError(Errors.E002, doc)
    sample = text[:65536]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise InputError(Errors.E003, doc)
    # Returned as given: offsets index the input exactly. Pages are NFC-normalised by the
    # pipeline before their body is fixed (``normalise_page``); a body given as such
    # (``--as-body``) is never changed.
    return text


def normalise_page(text: str) -> str:
    """The one normalisation a page gets before anatomy fixes ``record.text``: NFC."""
    return unicodedata.normalize("NFC", text)


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2048].lower()
    return head.startswith("<!doctype html") or head.startswith("<html") or (
        "<body" in head or "<head" in head or bool(re.search(r"<(p|div|article|meta)[\s>]", head))
    )


def parse_jsonl_line(line: str, lineno: int, source: str) -> InputDoc:
    """One ``{"id", "text" or "html", "published"?, "url"?}`` line."""
    doc = f"{source}:{lineno}"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(Errors.E008, doc, reason=f"not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise InputError(Errors.E008, doc, reason="not a JSON object")
    input_id = obj.get("id")
    if input_id is not None:
        doc = f"{source}:{lineno} (id {input_id})"
    if isinstance(obj.get("html"), str):
        content, fmt = obj["html"], "html"
    elif isinstance(obj.get("text"), str):
        content, fmt = obj["text"], "text"
    else:
        raise InputError(Errors.E008, doc, reason='no "text" or "html" string field')
    published = obj.get("published")
    if published is not None and not isinstance(published, str):
        raise InputError(Errors.E008, doc, reason='"published" must be a string YYYY-MM-DD')
    return InputDoc(
        content=content,
        source=obj.get("source") or obj.get("url") or doc,
        format=fmt,
        input_id=None if input_id is None else str(input_id),
        published=published,
        url=obj.get("url"),
    )


def format_for_path(path: Path) -> str:
    name = path.name.lower()
    if any(name.endswith(s) for s in WARC_SUFFIXES):
        return "warc"
    if name.endswith(".gz"):  # page.html.gz: the format of what is inside
        return format_for_path(Path(path.name[:-3]))
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return "auto"


def iter_paths(inputs: list[str]) -> Iterator[Path]:
    """Files, folders (recursive, sorted) and globs, each file once, in a stable order."""
    seen: set[Path] = set()
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            candidates = _walk(p)
        elif p.exists():
            candidates = [p]
        else:
            # glob.glob, not Path.glob: absolute patterns (/data/*.html) must work too.
            import glob as _glob

            candidates = (sorted(Path(x) for x in _glob.glob(item, recursive=True) if Path(x).is_file())
                          if any(c in item for c in "*?[") else [p])
        for c in candidates:
            key = c.resolve() if c.exists() else c
            if key not in seen:
                seen.add(key)
                yield c


def _walk(root: Path) -> list[Path]:
    """Every file under ``root`` (sorted), plus every folder that could not be listed:
    iter_documents turns such a folder into an E010 error row instead of skipping it in
    silence. Symbolic links to folders are not followed (a link loop is a hostile tree)."""
    import os

    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        if exc.filename:
            found.append(Path(exc.filename))

    for dirpath, _dirs, files in os.walk(root, onerror=unreadable):
        for name in files:
            x = Path(dirpath) / name
            if not name.startswith(".") and x.is_file():
                found.append(x)
    return sorted(found)


def gunzip(data: bytes, doc: str, max_bytes: int = MAX_BYTES) -> bytes:
    """Unpack a gzip-compressed page (saved pages and web archives often are): every
    member (``cat a.gz b.gz`` is one valid gzip file), refusing one that unpacks past the
    size limit instead of filling memory (a gzip bomb) and one that is cut short."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    import zlib

    out: list[bytes] = []
    size, pos = 0, 0
    while pos < len(data):
        if not data[pos:].strip(b"\x00"):
            break  # zero padding after the last member
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            chunk = d.decompress(data[pos:], max_bytes + 1 - size)
        except zlib.error:
            raise InputError(Errors.E003, doc) from None  # not gzip after all: binary content
        size += len(chunk)
        out.append(chunk)
        if size > max_bytes or d.unconsumed_tail:
            raise InputError(Errors.E005, doc, size=f"more than {max_bytes}", limit=max_bytes)
        if not d.eof:
            raise InputError(Errors.E010, doc, reason=f"truncated gzip: the member at byte {pos} ends early "
                                                f"(the file ends at byte {len(data)})")
        pos = len(data) - len(d.unused_data)
    return b"".join(out)


def gzip_problem(fh, chunk: int = 1 << 20) -> Optional[tuple[int, str]]:
    """Read a gzip stream to its end without keeping it: None when every member is
    complete, else ``(byte offset of the bad member, reason)``. For archives too large to
    unpack in memory (``.warc.gz``, ``.jsonl.gz``): a reader that stops at a truncated
    member would otherwise store a partial file as whole."""
    import zlib

    pos = start = 0  # compressed bytes consumed / where the current member starts
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    fed = False
    while True:
        buf = fh.read(chunk)
        if not buf:
            break
        while buf:
            if not fed and not buf.strip(b"\x00"):
                pos += len(buf)  # zero padding between or after members
                break
            fed = True
            try:
                d.decompress(buf, 1 << 20)
            except zlib.error as exc:
                return start, f"corrupt gzip data in the member at byte {start} ({exc})"
            if d.eof:
                pos += len(buf) - len(d.unused_data)
                buf = d.unused_data
                start, fed = pos, False
                d = zlib.decompressobj(16 + zlib.MAX_WBITS)
            elif d.unconsumed_tail:
                pos += len(buf) - len(d.unconsumed_tail)
                buf = d.unconsumed_tail
            else:
                pos += len(buf)
                buf = b""
    if fed:
        return start, f"truncated gzip: the member at byte {start} ends early (the file ends at byte {pos})"
    return None


def open_lines(p: Path):
    """A binary line reader over a plain or gzip-compressed file (``.jsonl.gz``)."""
    fh = open(p, "rb")
    if fh.read(2) == b"\x1f\x8b":
        import gzip

        fh.seek(0)
        return gzip.GzipFile(fileobj=fh, mode="rb")
    fh.seek(0)
    return fh


def _folder_problem(p: Path) -> str:
    import os

    try:
        os.listdir(p)
    except OSError as exc:
        return f"a folder that cannot be listed ({exc.strerror or exc})"
    return "a folder, not a file"


def read_file(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(Errors.E005, str(path), size=size, limit=max_bytes)
        return path.read_bytes()
    except OSError as exc:
        raise InputError(Errors.E010, str(path), reason=exc.strerror or str(exc)) from None


def iter_documents(
    path: str, input_format: str = "auto", max_bytes: int = MAX_BYTES, stdin=None
) -> Iterator[InputDoc | InputError]:
    """Every document in one input (a file, or ``-`` for stdin), as InputDoc or the
    InputError that explains why it cannot be read. Never raises for bad content, so a
    caller can record the failure and go on."""
    if path == "-":
        import sys

        stream = stdin if stdin is not None else sys.stdin.buffer
        if input_format == "jsonl":
            # Stream line by line: a batch on stdin may be far larger than one document's
            # limit, and each line is checked against the limit on its own.
            lines = (raw.decode("utf-8", errors="replace") for raw in stream)
            yield from iter_jsonl_lines(lines, "<stdin>", max_bytes)
            return
        data, name, fmt = stream.read(max_bytes + 1), "<stdin>", input_format
    else:
        p = Path(path)
        fmt = input_format if input_format != "auto" else format_for_path(p)
        name = str(p)
        if p.is_dir():
            yield InputError(Errors.E010, name, reason=_folder_problem(p))
            return
        if fmt == "warc":
            from .warc import iter_warc

            yield from iter_warc(p, max_bytes=max_bytes)
            return
        if fmt == "jsonl":
            yield from _iter_jsonl_file(p, max_bytes)
            return
        try:
            data = gunzip(read_file(p, max_bytes), name, max_bytes)
        except InputError as exc:
            yield exc
            return
    if fmt == "jsonl":
        yield from iter_jsonl_lines(_lines(data.decode("utf-8", errors="replace")), name, max_bytes)
        return
    try:
        text = decode(data, name, max_bytes)
    except InputError as exc:
        yield exc
        return
    yield InputDoc(content=text, source=name, format=fmt if fmt in ("text", "html") else "auto")


def _lines(text: str) -> list[str]:
    """JSON lines end at "\\n" only: ``str.splitlines`` would also cut at U+2028, U+0085 or a
    form feed, which JSON allows raw inside a string."""
    return [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]


def _iter_jsonl_file(p: Path, max_bytes: int) -> Iterator[InputDoc | InputError]:
    try:
        fh = open_lines(p)
    except OSError as exc:
        yield InputError(Errors.E010, str(p), reason=exc.strerror or str(exc))
        return
    with fh:
        lines = (raw.decode("utf-8", errors="replace") for raw in fh)
        try:
            yield from iter_jsonl_lines(lines, str(p), max_bytes)
        except (EOFError, OSError, zlib.error) as exc:  # a cut or corrupt .jsonl.gz: the lines read so far stand
            yield InputError(Errors.E010, str(p), reason=gzip_reason(p, exc))


def gzip_reason(p: Path, exc: BaseException) -> str:
    """Why a gzip file could not be read to its end, naming the byte offset."""
    try:
        with open(p, "rb") as raw:
            found = gzip_problem(raw)
    except OSError as err:
        return err.strerror or str(err)
    return found[1] if found else f"unreadable gzip data ({exc})"


def iter_jsonl_lines(lines, name: str, max_bytes: int) -> Iterator[InputDoc | InputError]:
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            if len(line) > max_bytes:
                raise InputError(Errors.E005, f"{name}:{lineno}", size=len(line), limit=max_bytes)
            yield parse_jsonl_line(line, lineno, name)
        except InputError as exc:
            exc.input_id = _peek_id(line)
            yield exc


def _peek_id(line: str) -> Optional[str]:
    m = re.search(r'"id"\s*:\s*"?([^",}]+)', line[:2000])
    return m.group(1) if m else None
