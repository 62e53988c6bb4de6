"""Every language gets a record (issue 14): language identification, the coverage note,
quotation-mark quotes and dates in other languages, English tables read as English."""

import json

import pytest
from click.testing import CliRunner

import sitrep
from sitrep.cli import main
from sitrep.language import UND, identify
from sitrep.multilingual.dates import find_times
from sitrep.multilingual.marks import find_quotes

from multilingual_fixtures import PAGES, SCORE_TABLE, TENNIS_TABLE

SKIPPED = ["entities", "quantities", "events", "places"]


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_page_in_another_language_gives_a_record(lang):
    page, head, first, last, _ = PAGES[lang]
    rec = sitrep.extract(page, published="2022-02-03")
    assert rec.language == lang and rec.language_confidence >= 0.9
    assert rec.title == head
    assert rec.text.startswith(first) and rec.text.endswith(last)
    assert rec.text.count("\n\n") == 2  # the three paragraphs, none of the chrome
    assert len(rec.boilerplate) == 6
    assert rec.coverage.ran == ["anatomy", "language", "time", "quotes"]
    assert rec.coverage.skipped == SKIPPED
    assert f"language {lang}: entities, quantities, events, places need sitrep's English model" in rec.coverage.reason
    assert rec.entities == [] and rec.events == [] and rec.errors == []
    # The one quotation in each page, found by its marks, with no speaker.
    assert len(rec.quotes) == 1 and rec.quotes[0].speaker is None
    q = rec.quotes[0]
    assert rec.text[q.start:q.end] == q.text and q.kind == "direct"


def test_dates_and_quotes_of_the_french_page():
    rec = sitrep.extract(PAGES["fr"][0], published="2022-02-03")
    assert [(t.text, t.value) for t in rec.times] == [("mardi", "2022-02-01"), ("novembre", "2022-11")]
    assert rec.quotes[0].text == " chaque litre compte pour les agriculteurs de la vallée "


def test_cli_prints_language_and_coverage(tmp_path):
    p = tmp_path / "ru.txt"
    p.write_text(PAGES["ru"][0], encoding="utf-8")
    r = CliRunner().invoke(main, ["extract", str(p), "--published", "2022-02-03"])
    assert r.exit_code == 0, r.stderr
    rec = json.loads(r.stdout)
    assert rec["language"] == "ru" and rec["coverage"]["skipped"] == SKIPPED
    assert [t["value"] for t in rec["times"]] == ["2022-01-30"]
    assert rec["quotes"][0]["text"].startswith("вертолёт доставит продукты")


def test_english_record_says_every_stage_ran():
    rec = sitrep.extract("Police in the port city arrested twelve protesters on Sunday after a march against fuel "
                         "prices turned violent, a police spokesman said.", published="2024-05-06")
    assert rec.language == "en" and rec.language_confidence > 0.9
    assert rec.coverage.ran == ["anatomy", "language", "entities", "time", "quantities", "quotes", "events", "places"]
    assert rec.coverage.skipped == [] and rec.coverage.reason is None
    body = sitrep.extract("The minister resigned on Friday after a week of protests in the capital.", as_body=True)
    assert body.coverage.ran[0] == "language"  # --as-body: no anatomy


def test_english_score_table_gives_a_record():
    rec = sitrep.extract(SCORE_TABLE)
    assert rec.language == "en"
    assert rec.text.endswith("Aston Villa 1 Leeds United 1") and "Arsenal 2 Chelsea 1" in rec.text
    assert "entities" in rec.coverage.ran and rec.coverage.skipped == []
    assert ("Saturday, March 5", "2022-03-05") in [(t.text, t.value) for t in rec.times]


def test_english_results_table_gives_entities_and_dates():
    rec = sitrep.extract(TENNIS_TABLE, published="2022-03-09")
    assert rec.language == "en"
    countries = {e.name: e.country for e in rec.entities if e.country}
    assert countries == {"Italy": "ITA", "Czech Republic": "CZE", "Germany": "DEU", "France": "FRA",
                         "Poland": "POL", "Spain": "ESP"}
    assert ("Wednesday", "2022-03-09") in [(t.text, t.value) for t in rec.times]


def test_identify_languages_and_undetermined():
    assert identify("Le président a déclaré mardi que les négociations reprendraient.").language == "fr"
    assert identify("总统周二表示，谈判将恢复。").language == "zh"  # short Chinese is not English
    assert identify("Вибух у Києві").language == "uk"
    assert identify("12:45 — 3-1 (2-0)").language == UND  # no words
    assert identify("Huelga general").language == UND  # too close to call: no guess
    mixed = ("The president said the talks would resume next week in Geneva after a pause.\n\n"
             "Президент заявил, что переговоры возобновятся на следующей неделе в Женеве.")
    assert identify(mixed).language == UND and identify(mixed).script == "Cyrillic"


def test_undetermined_cyrillic_is_not_read_with_the_english_model():
    mixed = ("The president said the talks would resume next week in Geneva after a pause.\n\n"
             "Президент заявил, что переговоры возобновятся на следующей неделе в Женеве.")
    rec = sitrep.extract(mixed, as_body=True)
    assert rec.language == UND and rec.coverage.skipped == ["entities", "time", "quantities", "events", "places"]
    assert rec.coverage.reason.startswith("undetermined or mixed language")


def test_a_failed_stage_is_not_reported_as_run():
    from sitrep.multilingual import after_run, plan
    from sitrep.language import LanguageGuess

    planned = plan(LanguageGuess("en", 0.99, "Latin"))
    cov = after_run(planned, ["sitrep_ner_fixes", "sitrep_timex", "sitrep_entities", "sitrep_quotes", "sitrep_places"])
    assert cov.skipped == ["events"] and "events" not in cov.ran and cov.reason == "events failed (see errors)"
    assert after_run(planned, ["sitrep_timex", "sitrep_entities", "sitrep_quotes", "sitrep_events",
                               "sitrep_places"]) == planned


def test_universal_quotation_marks():
    text = "Il a dit « non » et elle „ja“, 「好」, “yes” and \"maybe\".\n« unclosed"
    assert [text[q.start:q.end] for q in find_quotes(text)] == [" non ", "ja", "好", "yes", "maybe"]
    nested = "Он сказал: «Это „наш“ мост»."
    assert [nested[q.start:q.end] for q in find_quotes(nested)] == ["Это „наш“ мост"]


def test_dates_need_a_date_word_and_trim_prepositions():
    de = "Der Minister sagte am Dienstag, die Gespräche würden am 15. März 2022 in Genf fortgesetzt."
    assert [(t.text, t.value) for t in find_times(de, "de", "2022-02-03")] == [
        ("Dienstag", "2022-02-01"), ("15. März 2022", "2022-03-15")]
    ru = "Переговоры возобновятся 15 марта в Женеве, после 3 недель паузы."
    assert [(t.text, t.value) for t in find_times(ru, "ru", "2022-02-03")] == [("15 марта", "2022-03-15")]
    # Relative expressions need a publication date: never resolved against today.
    assert find_times("Il est parti mardi.", "fr", None) == []
    assert find_times("Il est parti mardi.", "xx", "2022-02-03") == []
