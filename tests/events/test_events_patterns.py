"""CAMEO verb patterns matched on the dependency parse (sitrep/events/patterns.py), on invented
sentences: particles, object heads and their phrase words, synonym sets, preposition + object,
passives, blocks, the most specific pattern winning, and times not taken for arguments."""

from __future__ import annotations

import pytest

from sitrep.events import coding, lexicon, patterns


@pytest.fixture(scope="module")
def nlp():
    import spacy

    from sitrep.nlp import MODEL

    return spacy.load(MODEL)


def verb_code(nlp, text: str, verb: str):
    doc = nlp(text)
    tok = next(t for t in doc if t.lower_ == verb)
    e = patterns.match_verb(tok, tok.lemma_.lower())
    return e.cameo if e else None


def test_particle_pattern_beats_the_bare_verb(nlp):
    # 'call off' (PETRARCH2 +CALL_OFF, 160 reduce relations); 'on Monday' is a time, not 'call on'.
    assert verb_code(nlp, "The union called off the talks on Monday.", "called") == "160"
    # (a strike called off is a concession: sitrep's 'call off a strike' row, 080)
    assert verb_code(nlp, "The union called off the strike on Monday.", "called") == "080"
    assert verb_code(nlp, "The rebels called on the army to withdraw.", "called") == "100"


def test_object_phrase_words_make_a_pattern_more_specific(nlp):
    # sitrep's 'ask for' (100) unless PETRARCH2's '(FOR {HUMANITARIAN AID})' (0233) holds.
    assert verb_code(nlp, "The envoy asked for aid.", "asked") == "100"
    assert verb_code(nlp, "The envoy asked for humanitarian aid.", "asked") == "0233"
    assert coding.plover_of("0233") == "REQUEST"


def test_synonym_set_object(nlp):
    # 'SEEK * &ASYLUM': refuge is in the set.
    assert verb_code(nlp, "The dissident sought refuge in Norway.", "sought") == "020"


def test_object_with_a_prepositional_phrase(nlp):
    # '* POLICE (TO BORDER)' (153) over '* (TO BORDER)' (154).
    assert verb_code(nlp, "The governor rushed police to the border.", "rushed") == "153"
    assert verb_code(nlp, "The governor rushed to the border.", "rushed") == "154"


def test_noun_phrase_with_of(nlp):
    # '(STATE OF EMERGENCY)' after 'lift': ease state of emergency (0814).
    assert verb_code(nlp, "The police lifted the state of emergency.", "lifted") == "0814"


def test_passive_subject_is_the_object(nlp):
    assert verb_code(nlp, "Sanctions were imposed on the company by the council.", "imposed") == "163"


def test_blocked_pattern_is_no_event(nlp):
    # 'AVERT * ATTACK [---]': averting an attack is not an attack.
    assert verb_code(nlp, "The army averted an attack on the capital.", "averted") is None


def test_according_to_is_not_an_accord(nlp):
    assert verb_code(nlp, "The talks went well, according to the envoy.", "according") is None


def test_most_specific_entry_wins_in_the_table():
    aid = lexicon.Phrase("aid", "aid", frozenset({"humanitarian"}))
    assert lexicon.best("ask", "VERB", lexicon.Frame(preps=[("for", aid)])).cameo == "0233"
    retrial = lexicon.Phrase("retrial", "retrial", frozenset())
    assert lexicon.best("ask", "VERB", lexicon.Frame(preps=[("for", retrial)])).cameo == "0213"
    assert lexicon.best("ask", "VERB", lexicon.Frame(preps=[("for", None)])).cameo == "100"


def test_word_match_plurals_stems_and_sets():
    assert lexicon.word_match("rallies", "rally")
    assert lexicon.word_match("sanctions", "sanction")
    assert lexicon.word_match("&ASYLUM", "refuge")
    assert not lexicon.word_match("attack", "attacker")
    assert not lexicon.word_match("aid", "aide")
    assert lexicon.word_match("violat", "violation")


def test_light_verb_pattern_codes_the_verb_when_the_noun_has_no_row(pipeline):
    # 'GIVE * GRANT' (071, economic aid): the verb's pattern names the act; 'grant' alone is no
    # event noun of sitrep's, so the verb carries the event and its recipient.
    from sitrep.reader import InputDoc

    rec = pipeline.extract(InputDoc(content="Norway gave Kenya a grant to build schools.", format="text"), as_body=True)
    assert [(e.plover, e.cameo, e.trigger.text, e.source.code, e.target.code) for e in rec.events] == [
        ("AID", "071", "gave", "NOR", "KEN")]


def test_build_script_reads_pattern_lines(tmp_path):
    """scripts/build_event_lexicon.py on a small invented dictionary in PETRARCH2's format."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    import build_event_lexicon as b

    assert b.parse_pattern(" * (FOR {FOREIGN HELP}) ") == ["prep:for=help+foreign"]
    assert b.parse_pattern(" * OFF {PAY TALKS} ") == ["prt:off", "obj:talks+pay"]
    assert b.parse_pattern(" &ARMY * (TO FRONT) $ ") == ["subj:&ARMY", "prep:to=front"]
    assert b.parse_pattern(" WILL NOT * ") is None
    d = tmp_path / "dict.txt"
    d.write_text("####### SYNONYM SETS #######\n\n&ARMY\n+ARMY\n+TROOPS_\n\n"
                 "####### VERB PATTERNS #######\n\n---  HURL   [---]  ---\nHURL [190]\nLOB\n"
                 "+LOB_OUT [160]\n- &ARMY * ROCKS  [183]  # HURL\n- * INSULTS  [---]  # LOB\n", encoding="utf-8")
    rows, syn = b.parse_cameo_dictionary(d)
    assert rows == [("hurl", "", "190", "own"), ("hurl", "subj:&ARMY obj:rocks", "183", "own"),
                    ("hurl", "obj:insults", "-", "block"), ("lob", "prt:out", "160", "own"),
                    ("lob", "subj:&ARMY obj:rocks", "183", "block"), ("lob", "obj:insults", "-", "own")]
    assert syn == [("&ARMY", "army"), ("&ARMY", "troops")]
