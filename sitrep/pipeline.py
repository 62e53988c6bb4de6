"""The one way data flows: read -> anatomy -> entities -> time -> quotes -> events -> places.

``extract()`` does one document; ``Pipeline.extract_many()`` streams many through one
loaded model (``nlp.pipe``); ``annotate_batch()`` is the pure function ingest and the
Dask runner share (dicts in, dicts out), through ``annotate_batch_safely()`` (one bad
document costs one error row, not its batch).
"""

from __future__ import annotations

from typing import Iterable, Iterator, Optional, Union

from spacy.language import Language
from spacy.tokens import Doc

from . import anatomy as _anatomy
from . import deps
from .contract import PIPELINE, doc_text
from .dates import day_problem
from .errors import ConfigError, Errors, InputError, SitrepError, stage_failure
from .nlp import MODEL, load_nlp
from . import multilingual
from .language import identify
from .reader import InputDoc, check_text, looks_like_html, normalise_page
from .record import Article, ErrorRecord, article_id
from .windows import MAX_CHARS, PRERUN_KEY, WINDOW_CHARS, run_own, windowed_doc


Result = Union[Article, ErrorRecord]


def _check_date(value: Optional[str], doc: str) -> Optional[str]:
    if value is None or value == "":
        return None
    value = value.strip()[:10]
    problem = day_problem(value)
    if problem:
        raise ConfigError(Errors.E302, doc, reason=f"published must be a real day YYYY-MM-DD: {problem}")
    return value


class Pipeline:
    """A loaded model plus the page-reading steps. Build one per process and reuse it."""

    def __init__(self, model: str = MODEL, nlp: Optional[Language] = None, batch_size: int = 16,
                 window_chars: int = WINDOW_CHARS, max_chars: int = MAX_CHARS) -> None:
        deps.check()  # one E306 naming a missing package, not an E101 per document
        self.nlp = nlp if nlp is not None else load_nlp(model)
        self.batch_size = batch_size
        self.line_weights: Optional[dict] = None  # a text-dump line model other than the shipped one
        # Bodies longer than this are annotated in windows (sitrep/windows.py).
        self.window_chars = min(window_chars, self.nlp.max_length)
        self.max_chars = max_chars  # a longer body is an E013 error record (sitrep/windows.py)

    def make_doc(self, body: str) -> Doc:
        if len(body) <= self.window_chars:
            return self.nlp.make_doc(body)
        return windowed_doc(self.nlp, body, PIPELINE, self.window_chars)

    # -- page -> (anatomy, body) ------------------------------------------------
    def prepare(self, item: InputDoc, as_body: bool = False, published: Optional[str] = None) -> tuple[_anatomy.Anatomy, str]:
        name = item.source or item.input_id or "<input>"
        content = check_text(item.content, name)
        fmt = item.format
        if fmt == "auto":
            fmt = "html" if looks_like_html(content) else "text"
        if as_body:
            # The caller says this is already the clean body: keep it byte for byte.
            anat = _anatomy.Anatomy(body=content)
        elif fmt == "html":
            anat = _anatomy.from_html(normalise_page(content), url=item.url)
            if not anat.body.strip():
                raise InputError(Errors.E006, name)
        else:
            anat = _anatomy.from_text(normalise_page(content), url=item.url, weights=self.line_weights)
            if not anat.body.strip():
                raise InputError(Errors.E009, name)
        if len(anat.body) > self.max_chars:
            raise InputError(Errors.E013, name, chars=len(anat.body), limit=self.max_chars)
        # Every language is read (no refusal): the guess decides which stages run.
        guess = identify(anat.body)
        anat.language, anat.language_confidence = guess.language, guess.confidence
        anat.coverage = multilingual.plan(guess, anatomy=not as_body)
        # Reference date: an explicit one (jsonl field or --published) wins over the page's.
        anat.published = _check_date(item.published or published or anat.published, name)
        return anat, anat.body

    # -- assembling the record ----------------------------------------------------
    @staticmethod
    def to_article(doc: Doc, anat: _anatomy.Anatomy, item: InputDoc) -> Article:
        text = doc_text(doc)  # the stages' shared copy: Doc.text re-joins every token
        aid = article_id(text)
        # The headline's events come first (sitrep_events built them from the headline's Doc).
        events = list(doc._.sitrep.title_events or []) + list(doc._.sitrep.events or [])
        errors = list(anat.notes) + list(doc._.sitrep.errors or [])
        tdoc = doc._.sitrep.title_doc
        if tdoc is not None:
            errors += [f"(title) {e}" for e in tdoc._.sitrep.errors or []]
            doc._.sitrep.title_doc = None  # free the headline's Doc with the record
        return Article(
            id=aid,
            source=item.source,
            title=anat.title,
            captions=anat.captions,
            byline=anat.byline,
            published=doc._.sitrep.published,
            language=anat.language,
            language_confidence=anat.language_confidence,
            credits=anat.credits,
            boilerplate=anat.boilerplate,
            text=text,
            entities=doc._.sitrep.entities or [],
            place_mentions=doc._.sitrep.place_mentions or [],
            quotes=doc._.sitrep.quotes or [],
            events=events,
            times=doc._.sitrep.times or [],
            quantities=doc._.sitrep.quantities or [],
            errors=errors,
            input_id=item.input_id,
            coverage=multilingual.after_run(anat.coverage, doc._.sitrep.ran),
        )

    def _run(self, docs: list[Doc]) -> dict[int, BaseException]:
        """Run the components over docs in place; returns {id(doc): exception} for docs that failed.

        spaCy raises for a whole batch when one doc is unprocessable (over ``max_length``,
        say); then each doc is run alone so only the bad one is lost, with its reason.
        """
        failed: dict[int, BaseException] = {}
        if not docs:
            return failed
        for d in [d for d in docs if d.user_data.get(PRERUN_KEY)]:
            # A long document: the model ran window by window; sitrep's components now.
            try:
                run_own(self.nlp, d, PIPELINE)
            except Exception as exc:  # noqa: BLE001 - becomes the document's error record
                failed[id(d)] = exc
        docs = [d for d in docs if not d.user_data.get(PRERUN_KEY)]
        if not docs:
            return failed
        try:
            for _ in self.nlp.pipe(docs, batch_size=self.batch_size):
                pass
        except Exception:  # noqa: BLE001 - narrowed below, per document
            for d in docs:
                try:
                    self.nlp(d)
                except Exception as exc:  # noqa: BLE001 - becomes the document's error record
                    failed[id(d)] = exc
        return failed

    def extract_many(
        self, items: Iterable[InputDoc], as_body: bool = False, published: Optional[str] = None
    ) -> Iterator[Result]:
        """Records (or error records) in input order; a bad document never stops the stream."""
        pending: list[tuple[InputDoc, Optional[_anatomy.Anatomy], Optional[Doc], Optional[ErrorRecord]]] = []

        def flush() -> Iterator[Result]:
            docs = [d for _, _, d, _ in pending if d is not None]
            # Headlines first: the body's sitrep_events reads its headline's finished Doc.
            self._run([d._.sitrep.title_doc for d in docs if d._.sitrep.title_doc is not None])
            done = self._run(docs)
            for item, anat, doc, err in pending:
                if err is None and id(doc) in done:
                    err = error_record(stage_failure("nlp", done[id(doc)], _name(item)), item)
                if err is not None:
                    yield err
                    continue
                if doc is None:  # a language the English stages do not read
                    yield multilingual.build_record(anat, item, anat.coverage, anat.language_confidence)
                    continue
                yield self.to_article(doc, anat, item)
            pending.clear()

        for item in items:
            try:
                anat, body = self.prepare(item, as_body=as_body, published=published)
                if "entities" not in anat.coverage.ran:
                    pending.append((item, anat, None, None))
                    if len(pending) >= self.batch_size:
                        yield from flush()
                    continue
                doc = self.make_doc(body)
                # spaCy's tokenizer is lossless (doc.text == body): hand the stages the string
                # so none has to re-join every token to rebuild it.
                doc._.sitrep.text = body
                doc._.sitrep.published = anat.published
                doc._.sitrep.title = anat.title
                if anat.title and not as_body:
                    tdoc = self.nlp.make_doc(anat.title)
                    tdoc._.sitrep.published = anat.published
                    doc._.sitrep.title_doc = tdoc
                pending.append((item, anat, doc, None))
            except SitrepError as exc:
                pending.append((item, None, None, error_record(exc, item)))
            except Exception as exc:  # noqa: BLE001 - a bug in a page stage costs one document, with its reason
                pending.append((item, None, None, error_record(stage_failure("anatomy", exc, _name(item)), item)))
            if len(pending) >= self.batch_size:
                yield from flush()
        yield from flush()

    def extract(self, item: InputDoc, as_body: bool = False, published: Optional[str] = None) -> Article:
        """One document; raises ``InputError`` for bad input."""
        result = next(self.extract_many([item], as_body=as_body, published=published))
        if isinstance(result, ErrorRecord):
            # The exception of the record's own class: a stage failure stays an ExtractionError.
            raise SitrepError.from_message(result.code, result.error, result.source)
        return result


def _name(item: InputDoc) -> str:
    return item.source or item.input_id or "<input>"


def error_record(exc: SitrepError, item: InputDoc) -> ErrorRecord:
    """The error record that stands for ``item`` in batch output."""
    return ErrorRecord(error=str(exc), code=exc.code, source=item.source, input_id=item.input_id)


_default: Optional[Pipeline] = None


def get_pipeline() -> Pipeline:
    global _default
    if _default is None:
        _default = Pipeline()
    return _default


def extract(
    content: str,
    *,
    source: Optional[str] = None,
    published: Optional[str] = None,
    input_format: str = "auto",
    as_body: bool = False,
    url: Optional[str] = None,
) -> Article:
    """Extract one article record from text or HTML (the library's front door)."""
    item = InputDoc(content=content, source=source, format=input_format, published=published, url=url)
    return get_pipeline().extract(item, as_body=as_body)


def annotate_batch(records: list[dict], as_body: bool = False, published: Optional[str] = None) -> list[dict]:
    """Pure batch function shared by ``ingest`` and the Dask runner.

    Each input dict: ``{"content", "source"?, "format"?, "id"?, "published"?, "url"?}``.
    Each output dict is an Article (``model_dump``) or an ErrorRecord, in input order.
    """
    items = [
        InputDoc(
            content=r["content"],
            source=r.get("source"),
            format=r.get("format", "auto"),
            input_id=r.get("id"),
            published=r.get("published"),
            url=r.get("url"),
        )
        for r in records
    ]
    return [res.model_dump(mode="json") for res in get_pipeline().extract_many(items, as_body=as_body, published=published)]


def failed_row(record: dict, exc: BaseException) -> dict:
    """The E101 error record for one input dict whose batch function raised ``exc``."""
    name = record.get("source") or record.get("id") or "<input>"
    err = stage_failure("pipeline", exc, name)
    return ErrorRecord(error=str(err), code=err.code, source=record.get("source"),
                       input_id=record.get("id")).model_dump(mode="json")


def annotate_batch_safely(records: list[dict], annotate=None, **options) -> list[dict]:  # noqa: ANN001
    """``annotate(records, **options)`` (default :func:`annotate_batch`), one result per
    record, never raising for a bad document: local ``ingest`` and the Dask runner both
    call this.

    If the batch call raises (or returns the wrong number of results), each record is
    redone alone, so one poisonous document costs one E101 error row, never its
    batch-mates. A ``SitrepError`` from the batch call (a missing model, a bad option) is
    not about one document and is raised.
    """
    if not records:
        return []
    if annotate is None:
        annotate = annotate_batch
    try:
        out = annotate(records, **options)
        if len(out) == len(records):
            return out
    except SitrepError:
        raise
    except Exception:  # noqa: BLE001 - narrowed to the document below
        pass
    rows = []
    for record in records:
        try:
            one = annotate([record], **options)
            rows.append(one[0] if len(one) == 1 else failed_row(record, ValueError(f"{len(one)} results for 1 document")))
        except Exception as exc:  # noqa: BLE001 - becomes this document's error row
            rows.append(failed_row(record, exc))
    return rows
