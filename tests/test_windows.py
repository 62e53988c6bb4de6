"""Issue 13, case 5: long documents are processed in windows up to the reader's limit
instead of failing at spaCy's 1,000,000 characters; HTML nested 255+ levels deep is
parsed; the API's E101 message is filled in, not the template."""

from __future__ import annotations

import pytest
import spacy
from click.testing import CliRunner

from sitrep.errors import SitrepError
from sitrep.pipeline import Pipeline
from sitrep.reader import InputDoc
from sitrep.record import ErrorRecord
from sitrep.windows import split_windows


def story(i: int) -> str:
    """An invented paragraph; the numbers make each one distinct."""
    return (f"Russian forces shelled the city of Kharkiv on Tuesday, Ukrainian officials said in report {i}. "
            f"Regional governor Oleh Synehubov said {i + 3} civilians were wounded. \"We will not be "
            f"intimidated,\" Synehubov told reporters on February {i % 27 + 1}. The Kremlin denied the claim "
            f"and President Vladimir Putin said Russia would respond.")


def long_body(chars: int) -> str:
    paras, n, i = [], 0, 0
    while n < chars:
        paras.append(story(i))
        n += len(paras[-1]) + 2
        i += 1
    return "\n\n".join(paras)


def test_windows_cover_the_text_exactly_and_cut_at_paragraphs():
    body = long_body(20_000)
    parts = split_windows(body, 3000)
    assert "".join(parts) == body and len(parts) >= 7
    assert all(len(p) <= 3000 for p in parts)
    assert all(p.endswith("\n\n") for p in parts[:-1])
    # No whitespace at all: a hard cut, still exact.
    assert "".join(split_windows("x" * 10_001, 1000)) == "x" * 10_001


def test_a_windowed_document_gives_the_same_record_as_a_whole_one(pipeline):
    body = long_body(12_000)
    whole = pipeline.extract(InputDoc(content=body, format="text"), as_body=True, published="2022-05-10")
    small = Pipeline(nlp=pipeline.nlp, window_chars=3000)
    win = small.extract(InputDoc(content=body, format="text"), as_body=True, published="2022-05-10")
    assert win.text == body and win.id == whole.id and not win.errors
    assert sorted(e.name for e in win.entities) == sorted(e.name for e in whole.entities)
    assert len(win.quotes) == len(whole.quotes) >= body.count("intimidated") and len(win.times) == len(whole.times)
    assert [q.speaker_text for q in win.quotes] == [q.speaker_text for q in whole.quotes]
    for q in win.quotes:
        assert win.text[q.start:q.end] == q.text
    for e in win.entities:
        assert all(win.text[m.start:m.end] == m.text for m in e.mentions)


def test_a_document_over_spacy_max_length_is_processed(pipeline):
    """1,050,000 characters, over spaCy's max_length (which used to give E101). Real text
    in every window, padded with blank lines so the test stays cheap; the cost of long
    real text is measured in the README (limits)."""
    pad = "\n" * 95_000
    body = "\n\n".join(story(i) + pad for i in range(11))
    assert len(body) > pipeline.nlp.max_length
    rec = pipeline.extract(InputDoc(content=body, format="text"), as_body=True, published="2022-05-10")
    assert rec.text == body and not [e for e in rec.errors if "E101" in e]
    assert {"Oleh Synehubov", "Vladimir Putin", "Kharkiv"} <= {e.name for e in rec.entities}
    assert sum(q.text == "We will not be intimidated" for q in rec.quotes) == 11
    last = rec.quotes[-1]
    assert last.start > 10 * 95_000 and rec.text[last.start:last.end] == last.text


PARA = ("<p>Police in the port city arrested twelve protesters on Sunday after a march against fuel prices "
        "turned violent, a police spokesman said.</p><p>The protesters were released on bail on Monday, and "
        "the city council said it would review the use of force by officers during the march.</p>")


def deep_page(depth: int) -> str:
    return ("<html><head><title>Port city arrests</title></head><body>" + "<div>" * depth + "<article>" + PARA
            + "</article>" + "</div>" * depth + "</body></html>")


@pytest.mark.parametrize("depth", [260, 1000, 2000])
def test_deeply_nested_html_is_parsed(tmp_path, depth):
    p = tmp_path / "deep.html"
    p.write_text(deep_page(depth), encoding="utf-8")
    r = CliRunner().invoke(__import__("sitrep.cli", fromlist=["main"]).main, ["extract", str(p)])
    assert r.exit_code == 0, r.stderr
    assert "arrested twelve protesters" in __import__("json").loads(r.stdout)["text"]


def test_html_deeper_than_the_parser_limit_is_a_clear_e006(tmp_path):
    p = tmp_path / "deeper.html"
    p.write_text(deep_page(5000), encoding="utf-8")
    from sitrep.cli import main

    r = CliRunner().invoke(main, ["extract", str(p)])
    assert r.exit_code == 1 and "E006" in r.stderr and str(p) in r.stderr


def test_an_e101_reason_is_filled_in():
    err = ErrorRecord(error="page.txt: E101: stage nlp failed: ValueError: boom", code="E101", source="page.txt")
    exc = SitrepError.from_message(err.code, err.error, err.source)
    assert exc.reason == "stage nlp failed: ValueError: boom" and str(exc) == err.error


def test_the_api_reports_a_failed_stage_with_its_reason(tmp_path):
    """A real spaCy pipeline whose one component fails on every document."""
    from fastapi.testclient import TestClient

    from sitrep.api import ApiSettings, create_app

    nlp = spacy.blank("en")

    @spacy.Language.component("hostile_failing_stage")
    def failing(doc):  # noqa: ANN001, ANN202
        raise ValueError("this stage refuses every document")

    nlp.add_pipe("hostile_failing_stage")
    app = create_app(str(tmp_path / "api.db"), settings=ApiSettings(rate_per_s=None), pipeline=Pipeline(nlp=nlp))
    with TestClient(app) as client:
        r = client.post("/api/extract", json={"text": PARA.replace("<p>", "").replace("</p>", "\n"), "as_body": True})
    assert r.status_code == 422
    msg = r.json()["error"]["message"]
    assert r.json()["error"]["code"] == "E101" and "{stage}" not in msg and "{reason}" not in msg
    assert "this stage refuses every document" in msg


def test_a_body_over_the_character_limit_is_one_clear_error_record(pipeline):
    """A body over MAX_CHARS is refused before the model runs (the own stages' time and
    memory grow with one record's length; README limits), naming document, length, limit."""
    small = Pipeline(nlp=pipeline.nlp, max_chars=2000)
    bodies = [InputDoc(content=long_body(2500), source="long.txt"), InputDoc(content=story(1), source="short.txt")]
    out = list(small.extract_many(bodies, as_body=True, published="2022-05-10"))
    n = len(bodies[0].content)
    assert isinstance(out[0], ErrorRecord) and out[0].code == "E013" and out[0].source == "long.txt"
    assert out[0].error == (f"long.txt: E013: article body too long: {n} characters (limit 2000); "
                            "split the document into parts under the limit")
    assert not isinstance(out[1], ErrorRecord) and out[1].text == story(1)


def test_ingest_of_a_body_over_the_limit_is_an_error_row_and_the_run_goes_on(tmp_path, db_url):
    """The real limit: 2,000,001 characters of text is one E013 row (SQLite and PostgreSQL),
    refused before the model runs; the other file is stored."""
    from sitrep.ingest import ingest
    from sitrep.store import open_store
    from sitrep.windows import MAX_CHARS

    d = tmp_path / "in"
    d.mkdir()
    body = ("The council met on Monday. " * (MAX_CHARS // 27 + 1))[: MAX_CHARS + 1]
    (d / "big.txt").write_text(body, encoding="utf-8")
    (d / "good.txt").write_text(story(2), encoding="utf-8")
    summary = ingest([str(d)], db=db_url, as_body=True, published="2022-05-10")
    assert (summary["articles"], summary["errors"], summary["error_codes"]) == (1, 1, {"E013": 1})
    store = open_store(db_url)
    [row] = store.errors()
    assert (row["code"], row["reason"]) == ("E013", f"{d / 'big.txt'}: E013: article body too long: {MAX_CHARS + 1} "
                                            f"characters (limit {MAX_CHARS}); split the document into parts under the limit")
    store.close()
