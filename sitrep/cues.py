"""The cue lexicon: which words introduce what a source says, and how.

One table, ``sitrep/data/cues.tsv`` (word, part of speech, class, roles), read once; this
module names its subsets. It is the only cue list in sitrep, and the only reader of its
table; stage-neutral (like ``sitrep.gazetteer``), so that every stage can read it: the
entities stage for the speech verbs that make a name a person ("said Wasuge"), the quotes
stage for attribution and what is not a quote, the timex stage for reported futures ("said
he would travel on Friday") and the events stage for reported speech. Cognition verbs (think, believe,
expect) are left out of ``speech`` on purpose: in news they mostly carry the writer's or a
crowd's belief, and attributing them as quotes cost precision on our gold set.
"""

from __future__ import annotations

from .wordlists import members, table

__all__ = ["CUES", "cue_class", "SPEECH_VERBS", "CLAUSE_VERBS", "OF_VERBS", "GERUND_VERBS", "AS_VERBS",
           "MAKE_CLEAR", "SPEAKER_NOUNS", "MEDIA_NOUNS", "MEDIUM_NOUNS", "VERB_FRAMES", "OBJ_DEPS",
           "NOUN_CUES", "POLL_NOUNS", "VEHICLE_NOUNS", "ISSUER_VERBS", "SUBJECT_CONTROL", "REFERENCE_VERBS", "CIRCUMSTANCE_PREPS", "SETTING_PREPS", "DENIAL_VERBS", "LABELLING_VERBS", "NAMING_VERBS", "ADDRESSEE_VERBS",
           "CLAUSE_RANGE_CUES", "VEHICLE_GERUNDS", "QUOTING_VERBS", "cue_lemma", "record_class"]

CUES = "cues.tsv"


def _role(role: str) -> frozenset[str]:
    return members(CUES, "roles", role)


def cue_class(word: str, pos: str = "VERB") -> str | None:
    """The attribution class of a cue lemma ('accuse' -> 'accusation'), or None."""
    for row in table(CUES):
        if row["word"] == word and row["pos"] == pos:
            return None if row["class"] == "-" else row["class"]
    return None


# Verbs whose subject is a source ("X said (that) ...", "'...,' X said").
SPEECH_VERBS = _role("speech")
# Verbs that introduce indirect speech with a clause (ccomp). A narrower set than
# SPEECH_VERBS: "call", "welcome" or "praise" do not report a proposition.
CLAUSE_VERBS = _role("clause")
# Verbs that take their content as "of X" rather than a clause.
OF_VERBS = _role("of")
# Verbs whose content may be a gerund: "denied being unfair", "admitted threatening".
GERUND_VERBS = _role("gerund")
# Verbs whose content is "as X": "described it as ...".
AS_VERBS = _role("as")
# Multi-word cue: "made clear that", "made it clear that".
MAKE_CLEAR = _role("make_clear")
# Nouns that make a speaker mention institutional: "A Kremlin statement", "the spokesman".
SPEAKER_NOUNS = _role("speaker_noun")
# Heads that make "told X" a medium rather than an addressee ("told the Interfax news agency").
MEDIA_NOUNS = _role("media_noun")
# Prepositional phrases that name where something was said.
MEDIUM_NOUNS = _role("medium_noun")
# Heads that name the vehicle, not the source ("A Kremlin statement said": the Kremlin speaks,
# the statement is the medium).
VEHICLE_NOUNS = _role("vehicle_noun")
# Verbs that give a name or label ('dubbed him "Mr. P"'): class labelling.
LABELLING_VERBS = members(CUES, "class", "labelling")
# Verbs whose marked complement is a name, not speech: the labelling class and role naming
# ('referred to her as "the devil"', 'nicknamed him "X"').
NAMING_VERBS = LABELLING_VERBS | _role("naming")
# Verbs whose object is the one spoken to ('told reporters', 'briefed the press').
ADDRESSEE_VERBS = _role("addressee")
# Cues beyond the clause verbs whose content is the clause they govern ('according to X, Y').
CLAUSE_RANGE_CUES = _role("clause_range")
# Gerunds after a vehicle noun that give the noun's content ('issued a statement saying Y').
VEHICLE_GERUNDS = _role("vehicle_gerund")
# Verbs of quoting ('was quoted as saying', 'Tass quoted X as saying'): the one quoted speaks.
QUOTING_VERBS = _role("quoting")
# Denials: their bare object is a thing refused, not a claim ("rejected the offer").
DENIAL_VERBS = members(CUES, "class", "denial")
# Verbs whose subject issues the vehicle or claim they take ("issued a statement saying").
ISSUER_VERBS = _role("issuer")
# Verbs with an object whose infinitive is still the subject's act ("used the debate to
# demand ...": the user demands), against object control ("urged voters to ...").
SUBJECT_CONTROL = _role("subject_control")
# Verbs whose prepositional object is a claim only when it is more than a name ('referring
# to President X' points at someone; 'referred to the deal as a failure' claims).
REFERENCE_VERBS = _role("reference")
# Prepositions of time, place and occasion: their phrase on a cue verb is not content.
CIRCUMSTANCE_PREPS = _role("circumstance")
# Of those, the ones that head content as often as a setting: a setting only with a time,
# place or medium object ('in a speech' against 'in support of X').
SETTING_PREPS = _role("setting")


# Attributions beyond speech verbs (issue 19, ``reported.py``): lemma -> the frames its
# content comes in (clause, xcomp, obj, p:<preposition>), from the roles report, intent,
# object and p_<preposition>.
def _frames() -> dict[str, tuple[str, ...]]:
    names = {"report": "clause", "intent": "xcomp", "object": "obj", "object_as": "obj_as"}
    out: dict[str, tuple[str, ...]] = {}
    for row in table(CUES):
        if row["pos"] != "VERB":
            continue
        fr = tuple(names.get(r, "p:" + r[2:] if r.startswith("p_") else "") for r in row["roles"].split(","))
        fr = tuple(f for f in fr if f)
        if fr:
            out[row["word"]] = fr
    return out


VERB_FRAMES = _frames()
# Dependencies of a verb's right-hand children that make up an "obj" frame's content.
OBJ_DEPS = frozenset({"dobj", "dative", "oprd", "xcomp", "ccomp", "prep", "acomp", "attr", "advmod", "npadvmod"})
# Nouns whose that-clause is an attributed claim ("the allegation that Y").
NOUN_CUES = _role("claim_noun")
# Nouns for polls and documents: a colon line "Poll: Y" is the poll's.
POLL_NOUNS = _role("poll_noun")

# The record's cue classes (``record.CueClass``) from the table's finer ones.
_COARSE = {"speech": "speech", "commitment": "speech", "denial": "speech", "accusation": "accusation",
           "praise": "accusation", "request": "accusation", "labelling": "accusation", "belief": "belief"}


_RECORD_CLASS = {(r["word"], r["pos"]): _COARSE.get(r["class"], "speech") for r in table(CUES)}


def record_class(word: str, pos: str = "VERB") -> str:
    """The record's class of a verb cue: speech, accusation or belief (speech when unlisted)."""
    return _RECORD_CLASS.get((word, pos), "speech")


_VERB_WORDS = frozenset(r["word"] for r in table(CUES) if r["pos"] == "VERB")


def cue_lemma(tok) -> str:
    """The lexicon lemma of a verb token, also when the lemmatiser dropped a final e
    ('hopes', 'hoped' -> 'hop'): then the listed lemma the word form begins with."""
    lemma = tok.lemma_.lower()
    if lemma in _VERB_WORDS or tok.pos_ not in ("VERB", "AUX"):
        return lemma
    cand = lemma + "e"
    return cand if cand in _VERB_WORDS and tok.lower_.startswith(cand) else lemma
