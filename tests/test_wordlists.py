"""The word-list tables under sitrep/data/ and their one loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep import cues
from sitrep.wordlists import alternation, members, table

ROLES = {"speech", "clause", "of", "gerund", "as", "make_clear", "speaker_noun", "media_noun", "medium_noun",
         # issue 19: attributions beyond speech verbs
         "report", "intent", "object", "object_as", "p_for", "p_on", "p_to", "p_about", "p_of", "claim_noun", "poll_noun",
         "vehicle_noun", "issuer", "p_against", "subject_control", "reference", "circumstance",
         # issue 12: lists that were inline in rule code
         "addressee", "naming", "clause_range", "vehicle_gerund", "setting", "quoting"}
CLASSES = {"speech", "accusation", "praise", "request", "commitment", "denial", "labelling", "belief", "-"}


def test_cue_table_is_well_formed():
    rows = table(cues.CUES)
    assert len(rows) > 150
    keys = [(r["word"], r["pos"]) for r in rows]
    assert len(keys) == len(set(keys)), "one row per (word, pos)"
    for r in rows:
        assert r["pos"] in {"VERB", "NOUN", "ADJ", "ADP"}, r
        # a preposition row only marks circumstance phrases (some only with a setting), and
        # only prepositions do
        assert (r["pos"] == "ADP") == (r["roles"] in ("circumstance", "circumstance,setting")), r
        assert r["class"] in CLASSES, r
        assert set(r["roles"].split(",")) <= ROLES, r
        # a noun's roles are noun roles, a verb's are verb roles
        if r["pos"] == "VERB":
            assert not set(r["roles"].split(",")) & {"speaker_noun", "media_noun", "medium_noun", "make_clear",
                                                     "claim_noun", "poll_noun", "vehicle_noun"}, r
        else:
            assert "issuer" not in r["roles"].split(","), r
        if "issuer" in r["roles"].split(",") and "speech" not in r["roles"].split(","):
            assert r["word"] not in cues.SPEECH_VERBS, r


def test_cue_subsets():
    assert {"say", "tell", "accuse"} <= cues.SPEECH_VERBS
    assert "say" in cues.CLAUSE_VERBS and "praise" not in cues.CLAUSE_VERBS
    assert cues.CLAUSE_VERBS - cues.SPEECH_VERBS == set()
    assert "statement" in cues.SPEAKER_NOUNS and "statement" in cues.MEDIUM_NOUNS
    assert "dub" not in cues.SPEECH_VERBS  # naming is not speech
    assert "statement" in cues.VEHICLE_NOUNS and "issue" in cues.ISSUER_VERBS and "issue" not in cues.SPEECH_VERBS
    assert cues.cue_class("accuse") == "accusation"
    assert cues.cue_class("say") == "speech"
    assert cues.cue_class("statement", "NOUN") is None
    assert cues.cue_class("photosynthesise") is None


def test_members_and_bad_table(tmp_path, monkeypatch):
    assert members(cues.CUES, "roles", "make_clear") == {"clear", "plain"}
    assert cues.QUOTING_VERBS == {"quote", "cite"} and "quote" not in cues.SPEECH_VERBS
    import sitrep.wordlists as wl

    bad = tmp_path / "bad.tsv"
    bad.write_text("# comment\na\tb\nx\n", encoding="utf-8")
    monkeypatch.setattr(wl, "data_path", lambda name: bad)
    wl.table.cache_clear()
    try:
        with pytest.raises(ValueError, match="bad.tsv:3: 1 cells, header has 2"):
            wl.table("bad.tsv")
    finally:
        wl.table.cache_clear()


def test_attribution_frames_and_record_classes():
    assert cues.VERB_FRAMES["believe"] == ("clause",)
    assert "xcomp" in cues.VERB_FRAMES["want"] and "p:for" in cues.VERB_FRAMES["call"]
    assert {"allegation", "claim"} <= cues.NOUN_CUES and "poll" in cues.POLL_NOUNS
    assert cues.record_class("believe") == "belief"
    assert cues.record_class("praise") == cues.record_class("criticize") == "accusation"
    assert cues.record_class("say") == cues.record_class("deny") == "speech"


def test_title_and_timex_tables():
    from sitrep.entities import titles
    from sitrep.entities.resolve import HONORIFICS
    from sitrep.timex import quantities
    from sitrep.timex.words import timex_phrases, timex_words

    rows = table("title_words.tsv")
    sets = {"head", "mod", "mod_not_alone", "head_not_alone", "female", "male", "honorific", "institution",
            "common_role", "chrome"}
    assert {r["set"] for r in rows} == sets
    pairs = [(r["set"], r["word"]) for r in rows]
    assert len(pairs) == len(set(pairs)) and all(w == w.lower() and w.strip() == w for _, w in pairs)
    assert titles.title_words("head_not_alone") == {"deputy", "head", "chief", "general"}
    assert titles.title_words("mod_not_alone") <= titles.TITLE_MODS
    assert titles.title_words("head_not_alone") <= titles.TITLE_HEADS
    assert {"spokeswoman", "mrs."} <= titles.title_words("female") and "mr." in titles.title_words("male")
    assert HONORIFICS == set(titles.title_words("honorific")) and "dame" in HONORIFICS
    # the role nouns of entity_words.tsv join the heads
    assert "professor" in titles.TITLE_HEADS and "president" in titles.TITLE_HEADS
    assert timex_words("percent") == {"percent", "per cent", "%", "pct", "percentage"}
    assert timex_phrases("quantity_exact") == ("exactly", "precisely", "a total of")
    assert list(quantities.CUES) == ["approx", "more_than", "less_than", "at_least", "at_most", "exact"]
    assert all(quantities.CUES.values())
    assert {"set", "slate", "due"} <= timex_words("schedule") and "poise" in timex_words("future_head")


def test_titles_read_from_the_table_on_an_invented_sentence():
    import spacy

    from sitrep.entities.titles import is_title_head, is_title_word

    assert is_title_word("Deputy") and not is_title_head("Deputy")  # a head only with another word
    assert is_title_word("Spokeswoman") and is_title_head("spokeswoman")
    assert not is_title_word("state") and is_title_word("foreign")
    nlp = spacy.blank("en")
    assert nlp("x").vocab is not None  # the table loads without a model


# Inline lists of words that remain in rule code. Empty since issue 12 moved the last ones (units,
# scale abbreviations, cue subsets, acronym particles, stem endings; then the word -> value tables
# of timex and anatomy) to sitrep/data/; it may only stay empty: a new word list or table goes to
# sitrep/data/ (read through sitrep.wordlists).
KNOWN_INLINE: set[tuple[str, str]] = set()


def _inline_word_lists(root=None) -> set[tuple[str, str]]:
    """(file, first content word) of every literal set/list/tuple of 3+ strings in the rule code of
    entities, timex, quotes and events holding a content word (not a stop word, a spaCy label, a
    closed-class preposition, a gazetteer kind or a modality label), and of every dict literal (at
    module level or inside a function) of 3+ string keys, one a content word, whose values are all
    constants (a word -> value table: MONTHS, VAGUE, "the following" -> +1) there and in anatomy (whose month table was one; its feature names are a list still
    inline, and its word alternations are read from anatomy_words.tsv). ``root``: the project to scan (default this one)."""
    import ast
    import re
    from pathlib import Path

    from spacy.glossary import GLOSSARY
    from spacy.lang.en.stop_words import STOP_WORDS

    closed = {"near", "inside", "outside", "throughout", "across", "toward", "towards", "via", "versus", "vs",
              "shall", "wo", "upon", "despite", "amid", "onto", "within", "without", "'ll"}
    kinds = {"country", "capital", "adm1", "adm2", "city", "continent", "region", "sea", "metonym", "demonym",
             "igo", "media", "place", "org", "subj", "obj"}
    # the record's modality labels (events/modality.py ranks them): a closed vocabulary of the record, not words read
    modality = {"asserted", "reported", "planned", "hypothetical", "negated", "denied"}
    grammar = STOP_WORDS | {k.lower() for k in GLOSSARY} | closed | kinds | modality

    def content(s: str) -> bool:
        w = s.lower().rstrip(".")
        return (s == s.lower() and bool(re.fullmatch(r"[a-z][a-z' -]*", w))
                and not all(x in grammar for x in w.split()))

    def constant(v: ast.expr) -> bool:  # 2, "P1D", -1, ("S", True)
        if isinstance(v, ast.UnaryOp) and isinstance(v.op, ast.USub):
            v = v.operand
        return isinstance(v, ast.Constant) or (isinstance(v, ast.Tuple) and all(isinstance(e, ast.Constant) for e in v.elts))

    root = Path(root) if root else Path(__file__).resolve().parents[1]
    found = set()
    for stage in ("entities", "timex", "quotes", "events", "anatomy"):
        for path in sorted((root / "sitrep" / stage).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for value in ast.walk(tree):
                if (not isinstance(value, ast.Dict) or not value.keys or None in value.keys
                        or not all(map(constant, value.values))):
                    continue
                keys = [k.value for k in value.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
                words = [k for k in keys if content(k)]
                if len(keys) >= 3 and words:
                    found.add((str(path.relative_to(root)), words[0]))
            if stage == "anatomy":
                continue  # tables only (see above)
            exports = {id(n.value) for n in ast.walk(tree) if isinstance(n, (ast.Assign, ast.AugAssign))
                       and any(isinstance(t, ast.Name) and t.id == "__all__"
                               for t in (n.targets if isinstance(n, ast.Assign) else [n.target]))}
            for node in ast.walk(tree):
                if id(node) in exports or not isinstance(node, (ast.Set, ast.List, ast.Tuple)):
                    continue
                strs = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                words = [s for s in strs if content(s)]
                if len(strs) >= 3 and words:
                    found.add((str(path.relative_to(root)), words[0]))
    return found


def test_issue_12_sets_hold_the_lists_that_were_inline():
    """The lists moved out of rule code keep their exact members (outputs unchanged)."""
    from sitrep.entities.context import words as entity_words
    from sitrep.events.words import words as event_words
    from sitrep.timex.words import timex_words

    assert cues.ADDRESSEE_VERBS == {"tell", "inform", "assure", "remind", "warn", "ask", "brief", "urge"}
    assert cues.NAMING_VERBS == cues.LABELLING_VERBS | {"refer", "nickname", "title", "name"}
    assert cues.CLAUSE_RANGE_CUES == {"accord", "according", "make", "accuse", "describe", "denounce"}
    assert cues.VEHICLE_GERUNDS == {"say", "claim", "state", "warn", "argue"}
    # the rows added for these roles are not cues of their own: no speech, no frame, no class
    for w in ("accord", "according", "brief", "name", "nickname", "title"):
        assert w not in cues.SPEECH_VERBS and w not in cues.VERB_FRAMES and cues.cue_class(w) is None, w
    assert entity_words("sides_prep") == {"against", "over", "to", "with", "by", "beat", "versus", "vs", "vs."}
    assert entity_words("acronym_skip") == {"of", "the", "and", "for", "on", "in", "de", "la", "al"}
    assert event_words("stem_ending") == {"e", "es", "ed", "ing", "ion", "ions", "ation", "ations", "ement", "ements"}
    assert timex_words("count_cue") == {"to", "and", "or", "about", "some", "nearly", "over", "than", "around",
                                        "least", "almost", "roughly"}
    assert timex_words("not_habitual") == {"be", "say", "tell", "begin", "start", "open", "close", "end"}
    assert timex_words("couple") == {"couple of", "a couple of", "couple", "a couple"}
    assert timex_words("the_unit") == {"week", "weekend", "month", "year", "decade", "quarter"}
    assert timex_words("anchored_dir") == {"earlier", "before", "later"}
    assert timex_words("forward_dir") == {"later", "from now", "hence"}
    assert timex_words("scale_letter") == {"m", "b", "k"} < timex_words("scale_suffix")
    assert timex_words("scale_suffix") == {"m", "mn", "bn", "b", "k", "tn"}
    assert timex_words("future_aux") == {"will", "'ll", "shall", "wo"}


def test_no_new_inline_word_list_in_rule_code():
    found = _inline_word_lists()
    assert found - KNOWN_INLINE == set(), "word lists belong in sitrep/data/ (read through sitrep.wordlists)"
    assert KNOWN_INLINE - found == set(), "moved to data: take it off KNOWN_INLINE"


def test_the_scan_finds_word_tables_and_lists(tmp_path):
    """The scan flags an inline word -> value dict (as MONTHS was) and a word list, not a dict of
    labels, codes or grammar words, nor a dict built from data."""
    stage = tmp_path / "sitrep" / "timex"
    stage.mkdir(parents=True)
    (stage / "rules.py").write_text(
        'MONTHS = {"january": 1, "jan": 1, "february": 2}\n'
        'DEICTIC = {"today": 0, "yesterday": -1, "tomorrow": 1}\n'
        'UNIT = {"second": ("S", True), "minute": ("M", True), "hour": ("H", True)}\n'
        'NOUNS = ["troop", "soldier", "tank"]\n'
        'RANK = {"asserted": 0, "reported": 1, "planned": 2}\n'
        'CODES = {"04": 1, "05": 2, "06": 3}\n'
        'PRONOUNS = {"he": "m", "him": "m", "she": "f"}\n'
        'BUILT = {w: 1 for w in timex_words("unit_plural")}\n'
        'LOOKUP = {"day": DAY, "week": WEEK, "month": MONTH}\n'
        'def f():\n    return {"next": 1, "previous": -1, "prior": -1}[x]\n'
        'def g():\n    return {"last": -1, "this": 0, "next": 1}.get(x)\n', encoding="utf-8")
    # f's table is flagged by its first content word ("previous"); g's words are all grammar (stop words)
    assert _inline_word_lists(tmp_path) == {("sitrep/timex/rules.py", w) for w in ("january", "today", "second", "troop",
                                                                                    "previous")}


# Every table moved to sitrep/data/timex_values.tsv: (table, size, a few exact entries). The values
# keep their Python types (type(...) is checked: 2000000.0 is a float, 24 an int).
TIMEX_TABLES = {
    "month": (24, {"january": 1, "jan": 1, "sept": 9, "may": 5, "dec": 12}),
    "weekday": (16, {"monday": 1, "tues": 2, "thurs": 4, "sun": 7}),
    "unit": (13, {"second": "S", "night": "D", "fortnight": "W", "decade": "DE", "century": "CE", "weekend": "WE"}),
    "season": (8, {"fall": "FA", "autumn": "FA", "wintertime": "WI"}),
    "part_of_day": (5, {"morning": "MO", "night": "NI", "tonight": "NI"}),
    "set_adverb": (13, {"daily": "P1D", "hourly": "PT1H", "nightly": "XXXX-XX-XXTNI", "fortnightly": "P2W"}),
    "ref": (21, {"now": "PRESENT_REF", "the past": "PAST_REF", "the days ahead": "FUTURE_REF"}),
    "deictic": (6, {"today": 0, "yesterday": -1, "day before yesterday": -2, "day after tomorrow": 2}),
    "stretch_unit": (6, {"day": "P1D", "decade": "P1DE", "century": "P1CE"}),
    "range_unit": (6, {"hours": "PTXH", "years": "PXY", "decades": "PXDE"}),
    "number_unit": (20, {"zero": 0, "nineteen": 19}),
    "number_ten": (8, {"twenty": 20, "ninety": 90}),
    "number_scale": (11, {"hundred": 100, "k": 1_000, "m": 1_000_000, "bn": 1_000_000_000, "tn": 1_000_000_000_000}),
    "currency_symbol": (8, {"$": "USD", "us$": "USD", "€": "EUR", "₴": "UAH"}),
    "currency_noun": (17, {"roubles": "RUB", "hryvnia": "UAH", "renminbi": "CNY"}),
    "vague": (7, {"dozens": 24, "tens": 20, "thousands": 2000, "millions": 2e6, "billions": 2e9}),
    # v2: the dicts that were inline inside normalise.py's and anatomy.py's functions
    "step": (9, {"last": -1, "past": -1, "previous": -1, "preceding": -1, "prior": -1, "next": 1, "coming": 1,
                 "following": 1, "same": 0}),
    "quarter": (4, {"first": 1, "second": 2, "third": 3, "fourth": 4}),
}


def test_timex_values_hold_the_tables_that_were_inline():
    from importlib import import_module

    from sitrep import dates
    from sitrep.timex.words import timex_values, timex_words

    # by module name: sitrep.timex exports a function normalise, which hides the module of that name
    page_dates, anchor, detect, normalise, numbers, quantities = (import_module(f"sitrep.{m}") for m in (
        "anatomy.dates", "timex.anchor", "timex.detect", "timex.normalise", "timex.numbers", "timex.quantities"))

    rows = table("timex_values.tsv")
    assert {r["table"] for r in rows} == set(TIMEX_TABLES)
    assert {r["type"] for r in rows} == {"int", "float", "str"}
    for which, (size, some) in TIMEX_TABLES.items():
        got = timex_values(which)
        assert len(got) == size, which
        for word, value in some.items():
            assert got[word] == value and type(got[word]) is type(value), (which, word)
    assert [type(v).__name__ for v in timex_values("vague").values()] == ["int"] * 4 + ["float"] * 2 + ["int"]
    assert list(timex_values("month"))[:4] == ["january", "jan", "february", "feb"]  # the table's order
    # the rules read these tables, one dict each (the month table is shared with the page-date reader)
    assert normalise.MONTHS is dates.MONTHS is timex_values("month") and page_dates.MONTHS is dates.MONTHS
    assert not hasattr(page_dates, "_MONTHS")
    assert normalise.WEEKDAYS is timex_values("weekday") and normalise.SEASONS is timex_values("season")
    assert normalise.PARTS_OF_DAY is anchor.PART_CODE is timex_values("part_of_day")
    assert normalise.UNIT["hour"] == ("H", True) and normalise.UNIT["quarter"] == ("Q", False)
    assert {w for w, (_, clock) in normalise.UNIT.items() if clock} == timex_words("clock_unit") == {"second", "minute", "hour"}
    assert list(normalise.UNIT) == list(timex_values("unit"))
    assert numbers.UNITS["seven"] == 7 and numbers.TENS["forty"] == 40 and quantities.SCALES is numbers.SCALES
    assert quantities.CURRENCY_NOUNS["yen"] == "JPY" and quantities.CURRENCY_SYMBOLS["£"] == "GBP"
    assert quantities.VAGUE is timex_values("vague")
    assert detect._UNIT_LETTER is timex_values("stretch_unit") and detect._RANGE_VALUE is timex_values("range_unit")
    assert anchor.STEPS is timex_values("step") and detect._FUTURE_AUX is timex_words("future_aux")
    # the month and weekday patterns are built from the tables: every word they match is a key
    assert dates.MONTH_RE == rf"(?P<mon>{alternation(dates.MONTHS)})\.?" and "sept|" in dates.MONTH_RE
    assert normalise._MONTH_RE is dates.MONTH_RE and normalise._WD_RE.startswith("(?P<wd>wednesday|saturday|thursday|")


def test_alternation_is_longest_first_then_alphabetical_and_escaped():
    from sitrep.wordlists import alternation

    assert alternation({"mar", "march", "may", "a.m."}) == r"march|a\.m\.|mar|may"
    with pytest.raises(ValueError):
        alternation(set())


def test_values_reader_types_and_refuses_a_repeated_word(tmp_path, monkeypatch):
    import sitrep.wordlists as wl

    files = {"typed.tsv": "# comment\nword\ttable\tvalue\ttype\na\tt\t2\tint\nb\tt\t2.0\tfloat\nc\tt\t2\tstr\nd\tu\tx\tstr\n",
             "twice.tsv": "word\ttable\tvalue\ttype\na\tt\t2\tint\na\tt\t3\tint\n"}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(wl, "data_path", lambda name: tmp_path / name)
    # names no shipped table has, so the cached tables of the rules (shared dicts) are left alone
    got = wl.values("typed.tsv", "t")
    assert got == {"a": 2, "b": 2.0, "c": "2"} and [type(v) for v in got.values()] == [int, float, str]
    assert wl.values("typed.tsv", "u") == {"d": "x"} and wl.values("typed.tsv", "none") == {}
    with pytest.raises(ValueError, match="twice.tsv: 'a' twice in table t"):
        wl.values("twice.tsv", "t")


# sitrep/data/anatomy_words.tsv: the word alternations that were inline regexes in anatomy/lines.py and
# credits.py (issue 12), set -> (size, a few exact members).
ANATOMY_SETS = {
    "chrome": (45, {"cookie", "cookies", "sign in", "log in", "login", "terms of service", "most viewed", "home"}),
    "chrome_symbol": (1, {"©"}),
    "byline": (6, {"by", "von", "par", "por", "di", "door"}),
    "month_prefix": (12, {"jan", "may", "sep", "dec"}),
    "comment_head": (22, {"leave a reply", "top rated comments", "comentários", "kommentar", "댓글", "コメント"}),
    "comment_count": (5, {"comment", "comments", "response", "responses", "replies"}),
    "comment_stem": (1, {"комментари"}),
    "credit_qualifier": (2, {"additional", "further"}),
    "credit_noun": (8, {"reporting", "material", "contribution", "contributions"}),
    "credit_participle": (4, {"compiled", "written", "edited", "reported"}),
    "credit_label": (3, {"source", "sources", "agencies"}),
    "credit_prep": (2, {"by", "from"}),
    "role_qualifier": (1, {"additional"}),
    "role": (7, {"reporting", "writing", "editing", "research", "compiled", "written", "edited"}),
    "not_agency": (4, {"file", "updated", "video", "update"}),
    "not_agency_part": (1, {"photo"}),
    # v2: text.py's patterns and the NER chrome words of entities/components.py
    "byline_name": (7, {"by", "written by", "words by", "von", "par", "por", "di"}),
    "caption_mark": (14, {"photo", "photograph", "file photo", "getty images", "ap photo", "reuters/", "handout"}),
    "photo_credit": (5, {"photo", "image", "picture", "file photo", "photo credit"}),
    "photo_label": (4, {"photo", "image", "picture", "photo credit"}),
    "stock_agency": (2, {"getty images", "shutterstock"}),
    "wire_photo": (6, {"reuters", "afp", "ap", "epa", "anadolu", "xinhua"}),
    "chromey": (17, {"share", "sign in", "follow", "comment", "comments", "read more", "home"}),
    "chromey_symbol": (5, {"|", "»", "›", "•", "©"}),
    "share_widget": (4, {"copy link", "copied", "click", "tap"}),
    "ner_chrome": (19, {"leave a reply", "leave a comment", "log in", "login", "terms of use", "enjoy"}),
}


def test_anatomy_words_hold_the_alternations_that_were_inline():
    from sitrep.anatomy import credits, lines
    from sitrep.anatomy.words import ANATOMY_WORDS, anatomy_words

    rows = table(ANATOMY_WORDS)
    assert {s for r in rows for s in r["set"].split(",")} == set(ANATOMY_SETS)
    words = [r["word"] for r in rows]
    assert len(words) == len(set(words)), "one row per word (a word in several sets lists them comma-separated)"
    assert all(w == w.lower() and w.strip() == w and "  " not in w for w in words)
    for which, (size, some) in ANATOMY_SETS.items():
        assert len(anatomy_words(which)) == size and some <= anatomy_words(which), which
    # the role words a credited name loses are credit words (a role is only stripped where a credit can stand)
    assert anatomy_words("role") <= anatomy_words("credit_noun") | anatomy_words("credit_participle")
    # the month prefixes are the English months' first three letters, whatever the timex month table holds
    from sitrep.timex.words import timex_values
    assert anatomy_words("month_prefix") == {m[:3] for m in timex_values("month")}
    # the compiled patterns read the sets
    assert lines._CHROME.search("Sign up for our newsletter") and lines._CHROME.search("© 2024")
    assert not lines._CHROME.search("signed up") and lines._BYLINE.match("Door Anna Berg")
    assert lines._COMMENTS.match("[12] Комментарии") and lines._COMMENTS.match("12 responses")
    assert credits.credit_line("(Further material from Lars Holm in Oslo; editing by Anna Berg)") == [
        "Lars Holm", "Anna Berg"]
    assert credits.dateline_agency("OSLO (Updated) - The port closed.") is None


def test_anatomy_words_v2_are_the_words_text_and_entities_match():
    from sitrep.anatomy import text
    from sitrep.anatomy.words import anatomy_words
    from sitrep.entities import components
    from sitrep.entities.context import words as entity_words

    # the smaller chrome sets are chrome words but for the ones chrome does not hold
    assert anatomy_words("chromey") - anatomy_words("chrome") == {"follow"}
    assert anatomy_words("ner_chrome") - anatomy_words("chrome") == {"leave a reply", "leave a comment", "enjoy"}
    assert anatomy_words("photo_label") < anatomy_words("photo_credit")
    assert anatomy_words("wire_photo") - anatomy_words("caption_mark") == {"reuters", "ap", "anadolu", "xinhua"}
    # the compiled patterns read the sets (invented lines)
    assert text._byline("Words by Lars Holm") == "Lars Holm" and text._byline("Door Anna Berg") is None
    assert text._CAPTION_MARK.search("A ferry leaves Oslo. Handout") and not text._CAPTION_MARK.search("Reuters/ said")
    assert text._PHOTO_CREDIT.search("Ferries in Oslo (Photo credit: Ivo Kralj)")
    assert text._PHOTO_CREDIT.search("Picture: Lars Holm") and text._PHOTO_CREDIT.search("Oslo port / Shutterstock")
    assert text._WIRE_PHOTO.search("A ferry in Oslo. XINHUA/Li Wen") and not text._WIRE_PHOTO.search("Xinhua/Li Wen")
    assert text._CHROMEY.search("Follow") and text._CHROMEY.search("Oslo › Ports") and not text._CHROMEY.search("Followers")
    assert text._NOT_HEADLINE.search("Tap to see the ferries of Oslo") and not text._NOT_HEADLINE.search("Tapestry of Oslo")
    assert components._CHROME.search("Enjoy Oslo") and not components._CHROME.search("Enjoyment")
    assert entity_words("short_form") == components._SHORT_OK == {"US", "UK", "UN", "EU", "AP"}


def test_setting_prepositions_are_circumstance_prepositions():
    assert cues.SETTING_PREPS == {"in", "on", "from"}
    assert cues.SETTING_PREPS < cues.CIRCUMSTANCE_PREPS


def test_every_shipped_data_file_is_credited_in_notice():
    # The package ships only its authors' data and tables derived from open sources, each
    # named in NOTICE: a new file under sitrep/data/ without a NOTICE line fails here.
    root = Path(__file__).resolve().parents[1]
    notice = (root / "NOTICE").read_text(encoding="utf-8")
    shipped = sorted(p.name for p in (root / "sitrep" / "data").iterdir()
                     if p.suffix in (".tsv", ".json", ".txt"))
    assert len(shipped) >= 20
    assert [n for n in shipped if n not in notice] == []


def test_no_data_table_repeats_a_row():
    # A repeated row is a merge slip: harmless to a set, but in a ranked lexicon it hides
    # which copy a later edit should change.
    data = Path(__file__).resolve().parents[1] / "sitrep" / "data"
    for path in sorted(data.glob("*.tsv")):
        rows = [line.rstrip("\n") for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")]
        repeated = sorted({r for r in rows if rows.count(r) > 1})
        assert not repeated, f"{path.name} repeats {repeated[:5]}"
