"""The events stage's cheaper lookups give what the plain walks gave, and the look-ups that used
to walk every mention per noun now grow with the text, not with its square (counted calls,
never timing)."""

from __future__ import annotations

import spacy
from spacy.strings import hash_string

from sitrep.entities import coref
from sitrep.entities.mentionindex import MentionIndex
from sitrep.events import lexicon
from sitrep.events.actors import OrthIndex
from sitrep.events.lexicon import BLOCK, Frame, Phrase, holds
from sitrep.reader import InputDoc

# Invented text: an organisation, a definite noun with its name's head ('the court'), an act
# and a noun that points back at it ('the attack').
PARAGRAPH = ("The International Court of Justice opened a hearing in The Hague on Monday. "
             "The court said Ghana had attacked Togo. Togo condemned the attack, a spokesman said.\n\n")


def test_name_heads_are_read_once_per_organisation_mention(pipeline, monkeypatch):
    """'the court' finds the last organisation whose name has that head from an index built
    once per doc: the name heads read are one per organisation mention (it was every mention
    before each such noun: 6, 20, 72 for 2, 4, 8 paragraphs)."""
    counts, events = [], []
    for k in (2, 4, 8):
        calls = []
        original = coref._name_head

        def counted(name: str, original=original, calls=calls) -> str:
            calls.append(name)
            return original(name)

        monkeypatch.setattr(coref, "_name_head", counted)
        rec = pipeline.extract(InputDoc(content=PARAGRAPH * k, format="text"), as_body=True)
        monkeypatch.setattr(coref, "_name_head", original)
        counts.append(len(calls))
        events.append(len(rec.events))
    assert counts == [2, 4, 8]
    assert events == [4, 8, 16]  # ASSAULT Ghana -> Togo and Togo's condemnation, per paragraph


def test_mention_groups_are_the_mentions_in_order():
    index = MentionIndex([(0, 5, "a"), (10, 15, "b"), (20, 25, "a"), (30, 35, "c")])
    groups = index.grouped("first-letter", lambda m: None if m[2] == "c" else m[2].upper())
    assert groups == {"A": [0, 2], "B": [1]}
    assert index.last_before(groups["A"], index.first_starting_at(20)) == 0
    assert index.last_before(groups["A"], index.first_starting_at(21)) == 2


def test_orth_index_gives_the_positions_a_scan_gives():
    doc = spacy.blank("en")("Smith met Jones . Smith said Jones and Smith agreed .")
    index = OrthIndex(doc)
    for word in ("Smith", "Jones", "agreed", "Brown"):
        assert index.positions(hash_string(word)) == [t.i for t in doc if t.text == word]
    assert index.positions(hash_string("Smith")) == [0, 4, 8]


def _best_by_scan(lemma: str, pos: str, frame: Frame):
    """The reference: the highest-ranked entry whose constraints all hold, over every entry."""
    top, top_key = None, ()
    for e in lexicon.load_lexicon().get((lemma, pos), []):
        if e.cons and not all(holds(c, frame) for c in e.cons):
            continue
        key = lexicon._rank(e)
        if top is None or key > top_key:
            top, top_key = e, key
    return None if top is None or top.cameo == BLOCK else top


def test_best_in_rank_order_is_the_best_of_a_full_scan():
    """best() tries entries best first and skips those whose constraints cannot hold: the
    answer is the one a scan of every entry gives, for invented frames of many verbs."""
    frames = [
        Frame(),
        Frame(objs=[Phrase("troop", "troops", frozenset({"more"}))], preps=[("to", Phrase("poland", "poland"))]),
        Frame(prts={"off"}, objs=[Phrase("strike", "strike")]),
        Frame(preps=[("for", Phrase("talk", "talks")), ("with", None)], subjs=[Phrase("minister", "minister")]),
        Frame(objs=[Phrase("aid", "aid", frozenset({"humanitarian"}))], mods={"military"}),
        Frame(prts={"over", "up"}, preps=[("against", Phrase("attack", "attacks"))]),
    ]
    verbs = sorted(k for k in lexicon.load_lexicon() if k[1] == "VERB")
    assert len(verbs) > 500
    for lemma, pos in verbs:
        for frame in frames:
            assert lexicon.best(lemma, pos, frame) == _best_by_scan(lemma, pos, frame), (lemma, frame)
