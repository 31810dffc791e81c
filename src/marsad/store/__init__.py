"""Persistence behind one interface (SQLAlchemy Core)."""

from marsad.store.store import Store, StoreError, resolve_url

__all__ = ["Store", "StoreError", "resolve_url"]
