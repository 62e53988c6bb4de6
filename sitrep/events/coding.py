"""CAMEO code -> PLOVER 2 event type, mode and Goldstein score.

The table ``sitrep/data/cameo_codes.tsv`` is derived (``scripts/build_event_lexicon.py``)
from the CAMEO code list with GDELT's Goldstein scores and PLOVER's CAMEO2PLOVER-2021
mapping, so the pairs sitrep emits are exactly the published ones; CAMEO 02 (appeals), which
that mapping leaves out, is PLOVER 2's REQUEST ("all requests").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..wordlists import table


@dataclass(frozen=True)
class Code:
    cameo: str
    name: str
    goldstein: Optional[float]
    plover: str
    mode: Optional[str]


@lru_cache(maxsize=1)
def load_codes() -> dict[str, Code]:
    out: dict[str, Code] = {}
    for r in table("cameo_codes.tsv"):
        g = r["goldstein"]
        out[r["code"]] = Code(r["code"], r["name"], float(g) if g else None, r["plover"], r["mode"] or None)
    return out


def code(cameo: str) -> Optional[Code]:
    """The coding of a CAMEO code, or None when PLOVER 2 has no event type for it."""
    c = load_codes().get(cameo)
    if c is None or not c.plover:
        return None
    return c


def plover_of(cameo: str) -> Optional[str]:
    c = code(cameo)
    return c.plover if c else None


# PLOVER's own conventions, for comparing with PLOVER-coded data. sitrep keeps the act and its
# modality apart ('plans to travel to Moscow' = CONSULT, planned); PLOVER folds them into one
# type: promised cooperation is AGREE, refused cooperation is REJECT.
# Promised concessions and withdrawals are agreements too (CAMEO 035, intent to yield), and a
# hostile act announced for the future is a threat (PLOVER's THREATEN: "would blockade",
# "plans to impose restrictions").
FUTURE_AS_AGREE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
FUTURE_AS_THREATEN = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST"})
_REFUSED_AS_REJECT = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}


def plover_view(plover: str, modality: str) -> str:
    """The PLOVER 2 type a PLOVER coder would give an event sitrep codes (type, modality)."""
    if modality == "planned" and plover in FUTURE_AS_AGREE:
        return "AGREE"
    if modality == "planned" and plover in FUTURE_AS_THREATEN:
        return "THREATEN"
    if modality == "negated" and plover in _REFUSED_AS_REJECT:
        return "REJECT"
    return plover


# CAMEO codes an intention or a threat rather than the act: a promised visit is 036 (express
# intent to meet), a threatened attack 138 (threaten with military force). Longest prefix wins.
_INTENT = {"04": "036", "05": "032", "06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
           "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334", "08": "035",
           "081": "0351", "083": "0353", "084": "0354", "085": "0354", "086": "0355", "087": "0356"}
_THREAT = {"12": "130", "14": "133", "16": "131", "161": "1313", "163": "1312", "17": "137", "172": "132",
           "18": "1383", "19": "138", "190": "1384", "191": "1381", "192": "1382", "20": "1385"}


def cameo_view(cameo: Optional[str], modality: str, threatened: bool = False) -> Optional[str]:
    """The CAMEO code a CAMEO coder gives an act sitrep codes as (cameo, modality).

    Promised cooperation (modality ``planned``, CAMEO 04-08) is an intention (03x); a hostile
    act (12, 14, 16-20) announced for the future ("will impose sanctions") or that is the
    content of a threat or a warning ('threatened to attack', ``threatened``) is a threat
    (13x), as PLOVER codes it THREATEN. Everything else keeps its code.
    """
    if not cameo:
        return cameo
    table = None
    if modality == "planned" and cameo[:2] in ("04", "05", "06", "07", "08"):
        table = _INTENT
    elif (threatened or modality == "planned") and cameo[:2] in ("12", "14", "16", "17", "18", "19", "20"):
        table = _THREAT
    if table is None:
        return cameo
    for n in (len(cameo), 3, 2):
        hit = table.get(cameo[:n])
        if hit:
            return hit
    return cameo


def intent_code(inner: Optional[str]) -> str:
    """The CAMEO code of a commitment or readiness to an act ('is prepared to hold talks',
    'vowed to fight'), as a CAMEO coder gives it: an intention to meet is 036, to cooperate
    03x, a hostile act announced this way is a threat (13x: 'is prepared to impose martial
    law' 1383-like codes from :func:`cameo_view`); anything else, or no act, is 030."""
    if not inner:
        return "030"
    if inner[:2] == "04":
        return "036"
    seen = cameo_view(inner, "planned")
    return seen if seen != inner else "030"
