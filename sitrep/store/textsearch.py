"""Full-text search for every language: the text both back ends index and query.

Two things break word search outside English:

- **scripts without spaces** (Chinese, Japanese; Korean attaches particles to words): a
  tokenizer that splits on spaces sees a whole sentence as one token, so no word in it can
  be found. As Lucene's CJK analyzer does, every run of such characters is indexed as
  its overlapping character bigrams ("新教师来" -> "新教 教师 师来"), and a query is turned
  into the same bigrams as a phrase, so "教师" finds the sentence and "新教师" finds exactly
  that sequence. A single-character query becomes a prefix search over the bigrams.
- **diacritics**: "Geneve" should find "Genève" and "Genève" "Geneve". SQLite's
  ``unicode61 remove_diacritics 2`` folds them in the index and the query; PostgreSQL's
  ``simple`` configuration does not, so for non-English text ``fold`` does the same in
  Python on both sides (NFKD, combining marks dropped).

English text keeps what it had: PostgreSQL's ``english`` configuration (stemming), and on
SQLite the same unicode61 tokenizer (which never touched ASCII).
"""

from __future__ import annotations

import re
import unicodedata

_DENSE_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+")
_HAS_DENSE = _DENSE_RUN


def has_dense(text: str) -> bool:
    return bool(_HAS_DENSE.search(text))


def bigrams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_form(text: str) -> str:
    """The text as indexed: each run of Chinese/Japanese/Korean characters as its bigrams."""
    if not has_dense(text):
        return text
    return _DENSE_RUN.sub(lambda m: " " + " ".join(bigrams(m.group())) + " ", text)


def _fold_char(c: str) -> str:
    if c.isascii():
        return c
    base = "".join(x for x in unicodedata.normalize("NFD", c) if not unicodedata.combining(x))
    base = unicodedata.normalize("NFC", base)
    return base if len(base) == 1 else c


def fold(text: str) -> str:
    """Diacritics removed (é -> e, ё -> е), as unicode61 remove_diacritics 2 does; one
    character for one, so offsets into the folded text are offsets into the original."""
    return "".join(_fold_char(c) for c in text)


def query_terms(q: str) -> list[tuple[str, bool, str]]:
    """A user query as a list of (phrase, is_prefix, surface): quoted phrases and single
    words; a CJK run becomes the phrase of its bigrams (a single character: a prefix);
    ``surface`` is the term as typed (for snippets)."""
    out: list[tuple[str, bool, str]] = []
    for phrase, word in re.findall(r'"([^"]+)"|(\S+)', q):
        words: list[str] = []
        prefix = False
        for w in re.findall(r"\w+", phrase or word):
            for part in re.split(f"({_DENSE_RUN.pattern})", w):
                if not part:
                    continue
                if _DENSE_RUN.fullmatch(part):
                    words.extend(bigrams(part))
                    prefix = prefix or len(part) == 1
                else:
                    words.append(part)
        if words:
            out.append((" ".join(words), prefix and len(words) == 1, " ".join(re.findall(r"\w+", phrase or word))))
    return out


def snippet(text: str, q: str, width: int = 60) -> str:
    """A window of the original text around the first query term found, the term in [ ]
    (for text indexed as bigrams, whose FTS snippet would show the bigrams)."""
    low = fold(text).lower()
    for _, _, surface in query_terms(q):
        term = fold(surface).lower()
        at = low.find(term)
        if at >= 0:
            end = at + len(term)
            lo, hi = max(0, at - width // 2), min(len(text), end + width // 2)
            return ("…" if lo else "") + text[lo:at] + "[" + text[at:end] + "]" + text[end:hi] + ("…" if hi < len(text) else "")
    return text[:width] + ("…" if len(text) > width else "")


def index_rows(rec: dict) -> list[dict]:
    """The search rows of one record: its body and each quote, with the record's language."""
    lang = rec.get("language")
    aid = rec["id"]
    rows = [{"body": rec.get("text", ""), "article_id": aid, "kind": "article", "ref": aid, "language": lang}]
    rows += [{"body": q["text"], "article_id": aid, "kind": "quote", "ref": q["id"], "language": lang}
             for q in rec.get("quotes") or []]
    return rows
