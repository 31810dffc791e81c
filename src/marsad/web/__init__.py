"""The web UI and REST API (FastAPI): `create_app(db)` builds the application `marsad serve` runs."""

from __future__ import annotations

from marsad.web.app import create_app

__all__ = ["create_app"]
