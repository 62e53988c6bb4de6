"""When a compound actor's act is done to each other (issue 18): 'A and B met' is A -> B and
B -> A, but 'a fight joined by A and B' or 'A and B stepped up efforts' is no act between them."""

from __future__ import annotations

from spacy.tokens import Token

from .emit import RECIPROCAL_NOUNS, RECIPROCAL_VERBS
from .syntax import lemma as _lemma

# The reciprocal verbs and nouns ('disputing the islands', 'held talks') are emit's, read once there.


def pairwise(tok: Token, objs: list[Token], passive: bool) -> bool:
    """The sources of this predicate act on each other. A passive's 'by' agents act on its
    subject, not on each other; a verb reciprocal only by its type ('joined', 'stepped up')
    whose object is its own theme ('stepped up efforts') is each side's act, not a mutual one.
    A reciprocal verb ('met', 'disputed the islands', 'signed eight pacts') or an object that
    names the mutual act ('held talks') keeps the pairs."""
    if passive:
        return False
    if _lemma(tok) in RECIPROCAL_VERBS:
        return True
    return all(o.lemma_.lower() in RECIPROCAL_NOUNS for o in objs)
