"""Page anatomy: split a page (plain-text dump or HTML) into its parts.

``from_text(page)`` and ``from_html(html)`` both return an :class:`Anatomy`: title,
captions, byline, publication date, credits, boilerplate lines and the clean body.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass
class Anatomy:
    body: str
    title: Optional[str] = None
    captions: list[str] = field(default_factory=list)
    byline: Optional[str] = None
    published: Optional[str] = None
    credits: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    language: Optional[str] = None
    language_confidence: Optional[float] = None
    coverage: Optional[object] = None  # record.Coverage, set by the pipeline
    notes: list[str] = field(default_factory=list)

    @classmethod
    def from_parts(cls, paragraphs: list[str], **parts: object) -> "Anatomy":
        """Both readers (text, HTML) keep body paragraphs; the body joins them with a blank
        line, which ``sitrep_paragraphs`` later reads as a sentence boundary."""
        return cls(body="\n\n".join(paragraphs), **parts)  # type: ignore[arg-type]


from .text import from_text  # noqa: E402
from .html import from_html  # noqa: E402

__all__ = ["Anatomy", "from_text", "from_html"]
from .paragraphs import mark_paragraphs  # noqa: E402,F401  (registers the sitrep_paragraphs factory)
