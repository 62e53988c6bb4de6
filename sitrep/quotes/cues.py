"""The speech-cue lexicon: which words introduce reported speech, and how.

Kept as plain sets (lemmas) so a user can extend them at run time. Cognition verbs
(think, believe, expect) are left out on purpose: in news they mostly carry the writer's
or a crowd's belief, and attributing them as quotes cost precision on our gold set.
"""

from __future__ import annotations

# Verbs whose clause complement is what the subject said ("X said (that) ...").
SPEECH_VERBS = frozenset("""
say tell add stress warn deny claim insist confirm announce argue reiterate state note
explain report allege acknowledge admit assert declare emphasize emphasise underline
underscore write tweet post complain concede contend caution predict promise pledge vow
threaten suggest recall estimate indicate signal disclose reveal inform assure remind
comment observe recount repeat boast joke quip testify mention speculate hint forecast
conclude maintain charge counter lament reply respond answer ask demand propose agree
accuse blame urge call describe denounce condemn dismiss reject
criticise criticize praise slam mock welcome clarify affirm retort shout advise continue
""".split())

# Naming verbs ("dubbed the 'Hanoi Hilton'", "labelled") are left out: a name is not speech.

# Verbs that take their content as "of X" / "as X" rather than a clause.
OF_VERBS = frozenset({"accuse", "warn", "speak", "complain", "boast", "remind"})
# Verbs whose content may be a gerund: "denied being unfair", "admitted threatening".
GERUND_VERBS = frozenset({"deny", "admit", "acknowledge", "confirm", "report", "recall", "concede"})
AS_VERBS = frozenset({"describe", "denounce", "condemn", "dismiss", "reject", "brand",
                      "label", "characterize", "characterise", "hail", "welcome", "criticise",
                      "criticize", "slam"})

# Verbs that introduce indirect speech with a clause (ccomp). A narrower set than
# SPEECH_VERBS: "call", "welcome" or "praise" do not report a proposition.
CLAUSE_VERBS = frozenset("""
say tell add stress warn deny claim insist confirm announce argue reiterate state note
explain report allege acknowledge admit assert declare emphasize emphasise underline
underscore write tweet post complain concede contend caution predict promise pledge vow
threaten suggest recall estimate indicate signal disclose reveal inform assure remind
comment observe recount repeat boast testify mention speculate hint forecast conclude
maintain charge counter lament reply respond answer clarify affirm retort advise
""".split())

# Multi-word cue: "made clear that", "made it clear that".
MAKE_CLEAR = frozenset({"clear", "plain"})

# Nouns that make a speaker mention institutional: "A Kremlin statement", "the spokesman".
SPEAKER_NOUNS = frozenset("""
statement spokesperson spokesman spokeswoman spokespeople office ministry department
agency official source release communique communiqué readout report document memo letter
""".split())

# Heads that make "told X" a medium rather than an addressee ("told the Interfax news agency").
MEDIA_NOUNS = frozenset("""
agency newspaper paper broadcaster television tv radio channel station network magazine
outlet website site daily weekly journal programme program show podcast wire
""".split())

# Prepositional phrases that name where something was said.
MEDIUM_NOUNS = frozenset("""
interview statement briefing conference post tweet message video speech address
broadcast podcast letter op-ed article column appearance hearing session call
television radio twitter facebook telegram instagram x show programme program
""".split())
