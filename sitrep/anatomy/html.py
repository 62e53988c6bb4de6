"""Anatomy of HTML pages: trafilatura for body and metadata, plus what it drops.

trafilatura (precision mode) is the best open body extractor we measured, so the body is
its output. It drops two things a researcher wants: figure captions (who is in the
photo, where it was taken) and the credits line ("With reporting by Reuters, AFP"), and
its date comes from htmldate, which can pad a bare copyright year to January 1st. Those
gaps are filled here from the HTML tree; the date goes through ``dates.date_from_html``.
"""

from __future__ import annotations

import re
from typing import Optional

from . import Anatomy
from .credits import credit_line, dateline_agency, merge
from .dates import date_from_html
from ..errors import stage_failure

_WS = re.compile(r"[ \t\u00a0]+")
_CAPTION_XPATH = (
    "//figcaption"
    " | //*[contains(concat(' ', normalize-space(@class), ' '), ' caption ')]"
    " | //*[contains(concat(' ', normalize-space(@class), ' '), ' wp-caption-text ')]"
    " | //*[@itemprop='caption']"
)
_CREDIT_XPATH = "//p | //div[not(*)] | //span[not(*)] | //em | //i | //small"
_MAX_CAPTIONS = 20


def _clean(s: Optional[str]) -> str:
    return _WS.sub(" ", s or "").strip()


def _paragraphs(text: str) -> list[str]:
    return [p for p in (_clean(l) for l in (text or "").splitlines()) if p]


# libxml2 stops at 256 levels of nesting unless told otherwise (XML_PARSE_HUGE, lxml's
# huge_tree), and real pages (ad wrappers, page builders) go deeper; with it the limit is
# libxml2's own 2,048 levels. Deeper than that a page has no article text we can reach (E006).
MAX_DEPTH = 2048


def _parser(**kw):
    import lxml.html

    return lxml.html.HTMLParser(huge_tree=True, **kw)


def _tree(html: str):
    import lxml.html

    try:
        return lxml.html.fromstring(html, parser=_parser())
    except ValueError:
        # "Unicode strings with encoding declaration are not supported": an XHTML page
        # starting <?xml ... encoding="utf-8"?>. Hand lxml bytes and say what they are.
        try:
            return lxml.html.fromstring(html.encode("utf-8"), parser=_parser(encoding="utf-8"))
        except Exception:
            return None
    except Exception:  # lxml refuses some pages (e.g. only a comment); captions are optional
        return None


def captions_from_tree(tree) -> list[str]:
    out: list[str] = []
    if tree is None:
        return out
    for el in tree.xpath(_CAPTION_XPATH):
        text = _clean(el.text_content())
        if 2 < len(text) <= 500 and text not in out:
            out.append(text)
        if len(out) >= _MAX_CAPTIONS:
            break
    return out


def credits_from_tree(tree) -> tuple[list[str], list[str]]:
    """(agencies, the credit lines themselves) from short elements anywhere in the page;
    trafilatura often prunes them as boilerplate."""
    names: list[str] = []
    lines: list[str] = []
    if tree is None:
        return names, lines
    for el in tree.xpath(_CREDIT_XPATH):
        text = _clean(el.text_content())
        if not text or len(text) > 200:
            continue
        found = credit_line(text)
        if found:
            names = merge(names, found)
            if text not in lines:
                lines.append(text)
    return names, lines


_BLOCK = frozenset(
    "address article aside blockquote body dd details div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul br".split()
)
_SKIP = frozenset("script style noscript template head svg iframe button select option".split())


def page_lines(tree) -> list[str]:
    """Visible text of the page, one line per block element (what a browser's "save as
    text" would give), in one pass over the tree."""
    if tree is None:
        return []
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        line = _clean("".join(buf))
        buf.clear()
        if line:
            out.append(line)

    stack = [(tree, False)]
    while stack:
        el, closing = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        if closing:
            if tag in _BLOCK:
                flush()
            if el.tail:
                buf.append(el.tail)
            continue
        if tag in _SKIP or not tag:
            if el.tail:
                buf.append(el.tail)
            continue
        if tag in _BLOCK:
            flush()
        if el.text:
            buf.append(el.text)
        stack.append((el, True))
        for child in reversed(el):
            stack.append((child, False))
    flush()
    return out


_SENTENCE = re.compile(r"\w[^.!?。]*\w[^.!?。]*[.!?。][\"'”’)]*(\s|$)", re.U)


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _word_count(p: str) -> int:
    # Chinese and Japanese write without spaces: count two characters as a word.
    return len(p.split()) + len(_CJK.findall(p)) // 2


def has_prose(paragraphs: list[str]) -> bool:
    """At least one sentence of 5+ words, or 40+ words in all: the least an article has."""
    if sum(_word_count(p) for p in paragraphs) >= 40:
        return True
    return any(_word_count(p) >= 5 and _SENTENCE.search(p) for p in paragraphs)


def _extract(trafilatura, html: str, url: Optional[str]):
    return trafilatura.bare_extraction(
        html,
        url=url,
        favor_precision=True,
        include_comments=False,
        with_metadata=True,
        # original_date: first publication, not the last edit; extensive_search off: it
        # is what reaches for copyright years and free-text guesses.
        date_extraction_params={"original_date": True, "extensive_search": False},
    )


def from_html(html: str, url: Optional[str] = None, include_boilerplate: bool = True) -> Anatomy:
    """Body (trafilatura, precision mode, comments excluded), title, byline, guarded
    publication date, figure captions, credits and the page lines left out."""
    import trafilatura

    try:
        doc = _extract(trafilatura, html, url)
    except Exception as exc:  # lxml/trafilatura on a pathological page: report, don't crash
        raise stage_failure("html anatomy", exc, url) from None
    body_text = getattr(doc, "text", None) or "" if doc is not None else ""
    tree = _tree(html)
    if not body_text.strip() and tree is not None:
        # Nothing found: trafilatura's own parser may have cut a deeply nested page at
        # 256 levels. Hand it the tree parsed without that limit (a copy: it edits it).
        try:
            deep = _extract(trafilatura, _tree(html), url)
        except Exception:  # noqa: BLE001 - the first pass already stands
            deep = None
        if deep is not None and (getattr(deep, "text", None) or "").strip():
            doc, body_text = deep, deep.text
    paragraphs = _paragraphs(body_text)
    captions = captions_from_tree(tree)
    credits, credit_lines = credits_from_tree(tree)
    credit_set = set(credit_lines)
    # The credits line is not part of the story; neither is a caption trafilatura kept.
    caption_set = set(captions)
    paragraphs = [p for p in paragraphs if p not in credit_set and not credit_line(p) and p not in caption_set]
    for p in _paragraphs(body_text):
        found = credit_line(p)
        if found:
            credits = merge(credits, found)

    title = _clean(getattr(doc, "title", None)) or None if doc is not None else None
    # trafilatura keeps an <h1> headline as the first line; it has its own field.
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    if paragraphs:
        agency = dateline_agency(paragraphs[0])
        if agency:
            credits = merge(credits, [agency])
    if not has_prose(paragraphs):
        # trafilatura falls back on whatever text it finds (a menu, a footer); with no
        # sentence at all there is no article, and the caller reports E006.
        paragraphs = []
    byline = _clean(getattr(doc, "author", None)) or None if doc is not None else None
    published = date_from_html(html, url=url, metadata_date=getattr(doc, "date", None) if doc is not None else None,
                               search=False)

    boilerplate: list[str] = []
    if include_boilerplate:
        kept = set(paragraphs) | caption_set | credit_set | {title or ""}
        seen: set[str] = set()
        for line in page_lines(tree):
            if line not in kept and line not in seen and line not in body_text:
                seen.add(line)
                boilerplate.append(line)
    return Anatomy.from_parts(paragraphs, title=title, captions=captions, byline=byline, published=published,
                              credits=credits, boilerplate=boilerplate)
