"""CAMEO code -> PLOVER 2 event type, mode and Goldstein score.

The table ``sitrep/data/cameo_codes.tsv`` is derived (``scripts/build_event_lexicon.py``)
from the CAMEO code list with GDELT's Goldstein scores and PLOVER's CAMEO2PLOVER-2021
mapping, so the pairs sitrep emits are exactly the published ones.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional


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
    with resources.files("sitrep").joinpath("data", "cameo_codes.tsv").open(encoding="utf-8") as fh:
        for r in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"):
            g = r["goldstein"]
            out[r["code"]] = Code(r["code"], r["name"], float(g) if g not in ("", None) else None,
                                  r["plover"], r["mode"] or None)
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
_FUTURE_AS_AGREE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
_REFUSED_AS_REJECT = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}


def plover_view(plover: str, modality: str) -> str:
    """The PLOVER 2 type a PLOVER coder would give an event sitrep codes (type, modality)."""
    if modality == "planned" and plover in _FUTURE_AS_AGREE:
        return "AGREE"
    if modality == "negated" and plover in _REFUSED_AS_REJECT:
        return "REJECT"
    return plover
