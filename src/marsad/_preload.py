"""Imported once by the fork server of `marsad.parallel`: the stages and the NER model are loaded there,
so that every worker forked from it starts with them (seconds saved per worker, pages shared)."""

from marsad.engine import model_available
from marsad.extract.ner import default_tagger

if model_available():
    default_tagger().lexicon  # noqa: B018 (loads the model)
