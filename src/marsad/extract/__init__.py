"""Entities, canonical names, quotes and facts from articles."""
