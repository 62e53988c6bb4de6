import json

import pytest
from pydantic import ValidationError

from sitrep.record import Article, article_id, json_schema, make_span


def test_article_id_ignores_whitespace_layout():
    assert article_id("A  b\r\nc ") == article_id("A b c")
    assert article_id("A b c") != article_id("A b d")


def test_span_text_is_slice():
    s = make_span("Hello world", 6, 11)
    assert s.text == "world" and s.field == "text"


def test_unknown_field_is_rejected():
    with pytest.raises(ValidationError):
        Article(id="x", text="t", bogus=1)


def test_schema_names_contract_fields():
    schema = json_schema()
    props = schema["properties"]
    for name in ["id", "source", "title", "captions", "byline", "published", "credits", "boilerplate",
                 "text", "entities", "quotes", "events", "times", "quantities", "errors"]:
        assert name in props, name
    defs = schema["$defs"]
    assert {"speaker", "speaker_span", "speaker_text", "cue", "addressee", "medium", "kind"} <= set(defs["Quote"]["properties"])
    assert {"plover", "cameo", "goldstein", "source", "target", "modality", "date", "location", "quantity", "evidence"} <= set(defs["Event"]["properties"])
    json.dumps(schema)
