"""The one resolver's speaker part (sitrep.entities.coref): who a continuing "he said",
"It added" or "the statement said" is, from the sources seen so far in the article."""

from __future__ import annotations

import pytest

from sitrep.entities import Referent, SpeakerHistory, resolve_speaker_noun, resolve_speaker_pronoun


@pytest.fixture(scope="module")
def nlp():
    from sitrep.nlp import load_nlp

    return load_nlp()


def _tok(doc, word, nth=0):
    return [t for t in doc if t.text == word][nth]


def test_a_pronoun_continues_the_last_speaker_of_its_kind(nlp):
    doc = nlp("The ministry spoke first. Anna Berg spoke next. It added a warning. She added a hope.")
    history = SpeakerHistory()
    ministry = Referent(None, "The ministry", False)
    berg = Referent("e-berg", "Anna Berg", True)
    history.add(_tok(doc, "ministry").idx, ministry, "ministry")
    history.add(_tok(doc, "Berg").idx, berg, "berg")
    assert resolve_speaker_pronoun(doc, _tok(doc, "It"), history) == ministry
    assert resolve_speaker_pronoun(doc, _tok(doc, "She"), history) == berg


def test_a_role_noun_continues_the_source_with_that_head(nlp):
    doc = nlp("A Kremlin statement spoke of talks. The statement added a date.")
    history = SpeakerHistory()
    kremlin = Referent("e-kremlin", "Kremlin", False)
    history.add(_tok(doc, "statement").idx, kremlin, "statement")
    assert resolve_speaker_noun(_tok(doc, "statement", 1), history) == kremlin
    assert resolve_speaker_noun(_tok(doc, "date"), history) is None


def test_an_unresolved_pronoun_stands_for_itself(nlp):
    doc = nlp("We added a warning.")
    assert resolve_speaker_pronoun(doc, doc[0], SpeakerHistory()) == Referent(None, "We", False)


def test_first_person_is_the_speaker_only_after_the_quotes_stage(nlp):
    # The resolver reads the quotes through the stage contract: before sitrep_quotes has run
    # there are none, so 'We' is nobody; after it, the quote's speaker.
    from sitrep.entities import is_first_person, resolve_pronoun, speaking_quote

    doc = nlp("“We will never give up our land,” said Moldovan President Maia Sandu.")
    we, our = _tok(doc, "We"), _tok(doc, "our")
    assert is_first_person(we) and is_first_person(our)
    sandu = doc._.sitrep.quotes[0].speaker
    assert sandu is not None
    assert resolve_pronoun(doc, we) == sandu and resolve_pronoun(doc, our) == sandu
    assert speaking_quote(doc, we) is doc._.sitrep.quotes[0]
    doc._.sitrep.quotes = []
    assert resolve_pronoun(doc, we) is None


def test_us_in_capitals_is_no_pronoun(nlp):
    from sitrep.entities import is_first_person

    doc = nlp("The US told us nothing.")
    assert [is_first_person(t) for t in doc if t.lower_ == "us"] == [False, True]


def test_plural_relational_nouns_name_no_one_country(nlp):
    from sitrep.entities import relational, resolve_nominal

    doc = nlp("Serbia borders Hungary. Romania praised its allies and its neighbor.")
    allies, neighbor = _tok(doc, "allies"), _tok(doc, "neighbor")
    assert relational(allies) and relational(neighbor)
    assert resolve_nominal(doc, allies) is None
    hungary = [e.id for e in doc._.sitrep.entities if e.name == "Hungary"]
    assert [resolve_nominal(doc, neighbor)] == hungary
