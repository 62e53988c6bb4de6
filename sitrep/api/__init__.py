"""REST API and web pages over a sitrep store (issue 8).

``create_app(store_url)`` returns a FastAPI app: JSON under ``/api``, server-rendered
pages everywhere else, each page with a JSON twin. The app reads the store only through
the agreed ``Store`` methods (bound parameters live there) and never opens a file by a
path that came from a request.
"""

from __future__ import annotations

from .app import ApiSettings, create_app

__all__ = ["ApiSettings", "create_app"]
