"""Issues 4 and 19 on the seed: every passage in quotation marks inside the attribution it
belongs to, with its speaker; the indirect claims. Uses the full pipeline (``seed_record``).

Since issue 19 a record is one attribution: a marked fragment inside a reported clause is
part of that clause's record (kind ``mixed``), not a record of its own."""

from __future__ import annotations

import pytest

QUOTE_MARKS = "“\"‘"

# (passage in quotation marks, kind of the attribution holding it, a word the speaker's
# resolved name must contain, speaker mention)
MARKED = [
    ("expressed his deep concern about Russia’s current hostile activity on the Ukrainian border",
     "mixed", "Johnson", "A spokesperson from Johnson’s office"),
    ("emphasized the need to find a way forward which respects both Ukraine’s territorial integrity "
     "and right to self-defense", "mixed", "Johnson", "A spokesperson from Johnson’s office"),
    ("a tragic miscalculation", "mixed", "Johnson", "Johnson"),
    ("unwillingness of NATO to adequately respond", "mixed", "Kremlin", "A Kremlin statement"),
    ("was noted", "mixed", "Kremlin", "A Kremlin statement"),
    ("ignored", "mixed", "Putin", "who"),
    ("hiding behind", "mixed", "Putin", "Putin"),
    ("contradicts the fundamental principle of the indivisibility of security", "partial", "Kremlin",
     "the statement"),
    ("chronic sabotage", "mixed", "Putin", "Putin"),
    ("unmistakable signals to the world that we stand ready", "mixed", "Kirby", "Kirby"),
    ("sum total of deterrence actions", "mixed", "Kirby", "Kirby"),
    ("It’s important that we send a strong signal to Mr. Putin and, frankly, to the world that NATO "
     "matters to the United States and it matters to our allies", "direct", "Kirby", "Kirby"),
    ("destructive steps which increase military tension and reduce scope for political decisions",
     "partial", "Moscow", "Moscow"),
    ("to the joy of the authorities in Kyiv", "mixed", "Grushko",
     "Deputy Foreign Minister Aleksandr Grushko"),
    ("As long as he is acting aggressively, we’re going to make sure we can reassure our NATO allies and "
     "Eastern Europe that we’re there and Article 5 is a sacred obligation", "direct", "Biden", "Biden"),
    ("That is planned and will take place soon", "direct", "Scholz", "Scholz"),
]


def _marked_at(text: str, passage: str) -> int:
    """Offset of the passage where it stands in quotation marks."""
    k = text.find(passage)
    while k > 0 and text[k - 1] not in QUOTE_MARKS:
        k = text.find(passage, k + 1)
    assert k > 0, f"passage not in marks: {passage!r}"
    return k


def attribution_of(record, passage: str):
    """The attribution whose content holds the marked passage (the innermost one)."""
    k = _marked_at(record.text, passage)
    held = [(p.end - p.start, q) for q in record.quotes for p in q.parts
            if p.start <= k and k + len(passage) <= p.end]
    assert held, f"no attribution holds {passage!r}"
    return min(held, key=lambda x: x[0])[1]


def _by_text(record):
    return {m[0]: attribution_of(record, m[0]) for m in MARKED}


@pytest.mark.parametrize("text,kind,speaker,mention", MARKED, ids=[m[0][:24] for m in MARKED])
def test_marked_passage_in_its_attribution(seed_record, text, kind, speaker, mention):
    q = attribution_of(seed_record, text)
    assert q.kind == kind
    assert speaker in q.speaker_text
    assert q.speaker is not None, "speaker must resolve to an entity id"
    assert q.speaker_span.text == mention
    assert seed_record.text[q.speaker_span.start:q.speaker_span.end] == mention
    for p in q.parts:
        assert seed_record.text[p.start:p.end] == p.text
        # no part covers the cue or the source
        assert not (p.start < q.cue.end and q.cue.start < p.end)
        assert not (p.start < q.speaker_span.end and q.speaker_span.start < p.end)


def test_verbatim_records_are_exactly_the_marked_passages(seed_record):
    """direct/partial records hold only words in quotation marks (verbatim content)."""
    verbatim = sorted(p.text for q in seed_record.quotes if q.kind in ("direct", "partial") for p in q.parts)
    assert verbatim == sorted(m[0] for m in MARKED if m[1] in ("direct", "partial"))
    for q in seed_record.quotes:
        if q.kind == "indirect":
            assert not any(ch in p.text for p in q.parts for ch in "“”")


def test_institutional_speaker_is_the_kremlin_entity(seed_record):
    quotes = _by_text(seed_record)
    a = quotes["was noted"]
    b = quotes["contradicts the fundamental principle of the indivisibility of security"]
    assert a.speaker == b.speaker
    assert a.cue.text == b.cue.text == "said"
    # both fragments of the statement's sentence are one attribution
    assert quotes["unwillingness of NATO to adequately respond"].id == a.id


def test_addressee_and_medium(seed_record):
    quotes = _by_text(seed_record)
    biden = quotes[MARKED[14][0]]
    assert biden.addressee.text == "a CNN reporter" and biden.cue.text == "told"
    scholz = quotes["That is planned and will take place soon"]
    assert scholz.medium.text == "in an interview on public broadcaster ZDF"
    grushko = quotes["to the joy of the authorities in Kyiv"]
    assert grushko.medium.text == "the Interfax news agency" and grushko.addressee is None
    assert quotes["hiding behind"].addressee.text == "Johnson"
    assert quotes[MARKED[11][0]].medium.text == "at a news briefing"


def _reported(record, startswith):
    found = [q for q in record.quotes if q.kind in ("indirect", "mixed") and q.text.startswith(startswith)]
    assert found, f"no reported clause starting {startswith!r}"
    return found[0]


def test_indirect_kirby_on_troops(seed_record):
    q = _reported(seed_record, "About 2,000 combat troops will deploy")
    assert q.kind == "indirect"
    assert q.text.endswith("will move to Romania")
    assert "Kirby" in q.speaker_text and q.speaker_span.text == "Pentagon spokesman John Kirby"
    assert q.cue.text == "said"


def test_mixed_grushko_to_interfax(seed_record):
    q = _reported(seed_record, "the move will narrow the room for political decisions")
    assert q.kind == "mixed"
    assert q.text.endswith("“to the joy of the authorities in Kyiv.”")
    assert "Grushko" in q.speaker_text and q.medium.text == "the Interfax news agency"


def test_russia_denies_planning_to_invade(seed_record):
    q = _reported(seed_record, "it is planning to invade")
    assert q.kind == "indirect" and q.cue.text == "denies" and q.speaker_text == "Russia"
    # "It claims ..." in the next sentence is Russia again.
    claim = _reported(seed_record, "the United States and NATO are the instigators")
    assert claim.speaker_span.text == "It" and claim.speaker == q.speaker


def test_nato_calls_demand_nonstarter(seed_record):
    q = _reported(seed_record, "the demand on expansion is a nonstarter")
    assert q.text == "the demand on expansion is a nonstarter"
    assert q.speaker_text == "NATO" and q.cue.text == "said"
    saying = _reported(seed_record, "it has an open-door policy")
    assert saying.speaker == q.speaker and saying.cue.text == "saying"


def test_pronoun_speakers_follow_the_last_speaker(seed_record):
    he = _reported(seed_record, "the United States also remains open")
    assert he.speaker_span.text == "He" and "Kirby" in he.speaker_text
    it = _reported(seed_record, "Putin accused Ukraine of")
    assert it.kind == "mixed" and it.speaker_span.text == "It" and "Kremlin" in it.speaker_text


def test_every_span_indexes_the_text(seed_record):
    text = seed_record.text
    for q in seed_record.quotes:
        assert q.parts and q.start == q.parts[0].start and q.end == q.parts[-1].end
        assert q.text == " … ".join(p.text for p in q.parts)
        for span in (*q.parts, q.speaker_span, q.cue, q.addressee, q.medium):
            if span is not None:
                assert text[span.start:span.end] == span.text
    assert len({q.id for q in seed_record.quotes}) == len(seed_record.quotes)
    assert not [e for e in seed_record.errors if "quotes" in e]
