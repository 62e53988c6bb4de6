"""Anatomy of whole-page plain-text dumps (placeholder rules; see issue 2)."""

from __future__ import annotations

from . import Anatomy


def from_text(page: str) -> Anatomy:
    blocks = [b.strip() for b in page.replace("\r\n", "\n").split("\n\n") if b.strip()]
    return Anatomy(body="\n\n".join(blocks))
