"""Extractive multi-document summaries of events, every sentence cited."""
