"""The word-list tables under sitrep/data/ and their one loader."""

from __future__ import annotations

import pytest

from sitrep.quotes import cues
from sitrep.wordlists import members, table

ROLES = {"speech", "clause", "of", "gerund", "as", "make_clear", "speaker_noun", "media_noun", "medium_noun",
         # issue 19: attributions beyond speech verbs
         "report", "intent", "object", "p_for", "p_on", "p_to", "p_about", "p_of", "claim_noun", "poll_noun",
         "vehicle_noun", "issuer", "p_against", "subject_control", "reference", "circumstance"}
CLASSES = {"speech", "accusation", "praise", "request", "commitment", "denial", "labelling", "belief", "-"}


def test_cue_table_is_well_formed():
    rows = table(cues.CUES)
    assert len(rows) > 150
    keys = [(r["word"], r["pos"]) for r in rows]
    assert len(keys) == len(set(keys)), "one row per (word, pos)"
    for r in rows:
        assert r["pos"] in {"VERB", "NOUN", "ADJ", "ADP"}, r
        # a preposition row only marks circumstance phrases, and only prepositions do
        assert (r["pos"] == "ADP") == (r["roles"] == "circumstance"), r
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
