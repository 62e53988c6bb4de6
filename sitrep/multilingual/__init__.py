"""Records for every language: which stages run, and the record of a non-English page.

sitrep's spaCy model, gazetteer, quote cues and event lexicon are English. A page in
another language is never refused: it gets its anatomy (title, body, captions, credits,
byline, date, boilerplate — language-independent), its language and confidence, the dates
dateparser can read in that language, and the quotation-mark quotes whose marks are
universal («», „“, 「」, “”) with no speaker. ``record.coverage`` says which stages ran,
which were skipped and why, so an analyst counting events per country knows that a French
page contributed none *because nothing read it for events*, not because it had none.

Routing (``english_route``): the English stages run on English, and on undetermined text in
Latin script (a score table, a list of names: the English model is the best reader sitrep
has for it, and the record says the language was undetermined).
"""

from __future__ import annotations

from typing import Optional

from ..language import UND, LanguageGuess
from ..record import Article, Coverage, Quote, article_id, content_id
from .dates import find_times, supported
from .marks import find_quotes

ENGLISH_STAGES = ("entities", "time", "quantities", "quotes", "events", "places")
ENGLISH_MODEL = "en_core_web_sm"
# The pipeline's stages (sitrep.contract.STAGES) under the names coverage uses.
_COVERS = {"sitrep_entities": ("entities",), "sitrep_timex": ("time", "quantities"), "sitrep_quotes": ("quotes",),
           "sitrep_events": ("events",), "sitrep_places": ("places",)}


def english_route(guess: LanguageGuess) -> bool:
    """Whether the English stages read this text."""
    return guess.language == "en" or (guess.language == UND and guess.script in ("Latin", None))


def plan(guess: LanguageGuess, anatomy: bool = True) -> Coverage:
    """The stages that run on a text identified as ``guess``."""
    first = (["anatomy"] if anatomy else []) + ["language"]
    if english_route(guess):
        reason = None
        if guess.language == UND:
            reason = (f"language undetermined (confidence {guess.confidence:.2f}, {guess.script or 'no'} script): "
                      "read with the English model")
        return Coverage(ran=first + list(ENGLISH_STAGES), skipped=[], reason=reason)
    lang = guess.language
    ran = first + (["time"] if supported(lang) else []) + ["quotes"]
    skipped = [s for s in ENGLISH_STAGES if s not in ran]
    what = "undetermined or mixed language" if lang == UND else f"language {lang}"
    parts = [f"{what}: {', '.join(skipped)} need sitrep's English model ({ENGLISH_MODEL}) and were skipped"]
    parts.append(f"time expressions read by dateparser ({lang})" if "time" in ran else "no date library reads it")
    parts.append("quotes are quotation-mark spans only, with no speaker")
    return Coverage(ran=ran, skipped=skipped, reason="; ".join(parts))


def after_run(planned: Coverage, ran_stages) -> Coverage:  # noqa: ANN001
    """The coverage of an English-read record once the stages have run: a stage that failed
    (its reason is in ``record.errors``) moves from ``ran`` to ``skipped``."""
    done = {name for stage in ran_stages for name in _COVERS.get(stage, ())}
    ran = [s for s in planned.ran if s not in ENGLISH_STAGES or s in done]
    failed = [s for s in planned.ran if s in ENGLISH_STAGES and s not in done]
    if not failed:
        return planned
    reason = "; ".join(x for x in (planned.reason, f"{', '.join(failed)} failed (see errors)") if x)
    return Coverage(ran=ran, skipped=planned.skipped + failed, reason=reason)


def quotes_of(text: str) -> list[Quote]:
    out = []
    for q in find_quotes(text):
        body = text[q.start:q.end]
        out.append(Quote(id=content_id("quote", q.start, q.end, body), text=body, start=q.start, end=q.end,
                         kind="direct"))
    return out


def build_record(anat, item, coverage: Coverage, confidence: Optional[float]) -> Article:  # noqa: ANN001
    """The record of a page the English stages do not read (see the module docstring)."""
    text = anat.body
    lang = anat.language
    times = find_times(text, lang, anat.published) if "time" in coverage.ran else []
    return Article(
        id=article_id(text),
        source=item.source,
        title=anat.title,
        captions=anat.captions,
        byline=anat.byline,
        published=anat.published,
        language=lang,
        language_confidence=confidence,
        credits=anat.credits,
        boilerplate=anat.boilerplate,
        text=text,
        quotes=quotes_of(text) if "quotes" in coverage.ran else [],
        times=times,
        errors=list(anat.notes),
        input_id=item.input_id,
        coverage=coverage,
    )
