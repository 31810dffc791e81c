"""The named-entity tagger: the packaged CRF on sentences of the sample pages, CoNLL in and out, and the
fast scorer against python-crfsuite itself."""

from __future__ import annotations

import io
from pathlib import Path

import pycrfsuite
import pytest

from marsad.extract import ner
from marsad.extract.ner import (
    TAGS,
    CrfScorer,
    CrfWeights,
    Tagger,
    default_tagger,
    doc_features,
    ner_conll,
    read_conll,
    spans,
)
from marsad.extract.ner_features import Featurizer, Lexicon, strip_clitics
from marsad.text.tokenize import tokens


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return default_tagger()


def _entities(tagger: Tagger, sentence: str) -> set[tuple[str, str]]:
    words = tokens(sentence, keep_punct=True)
    return {(" ".join(words[a:b]), kind) for a, b, kind in tagger.entities(words)}


# Sentences from the sample pages (examples/pages), with the entities the model finds in them.
SAMPLES = [
    (
        "وقال وزير الخارجية الأمريكي أنتوني بلينكن، الذي استضاف الاجتماع مع نظيره الإيطالي: إن الدول "
        "الـ83 الأعضاء بالتحالف حققت نجاحا كبيرا.",
        {("أنتوني بلينكن", "PERS")},
    ),
    (
        "أكد التحالف الدولي الذي تقوده الولايات المتحدة لهزيمة «داعش»، في بيان ختامي على أثر اجتماع "
        "لأعضائه الـ83 في روما، أمس.",
        {("الولايات المتحدة", "LOC"), ("روما", "LOC")},
    ),
    (
        "وحذر الأمين العام لجامعة الدول العربية أحمد أبو الغيط من عودة شبكات «تنظيم داعش» وخلاياه النائمة.",
        {("لجامعة الدول العربية", "ORG"), ("أحمد أبو الغيط", "PERS")},
    ),
    (
        "يستضيف وزير الخارجية الأميركي مايك بومبيو في السادس من فبراير (شباط)، اجتماعاً للتحالف الدولي.",
        {("مايك بومبيو", "PERS")},
    ),
    (
        "ولفت إلى أن التنظيم لا يزال قادرا على شن هجمات كبيرة في العراق وسوريا.",
        {("العراق", "LOC"), ("وسوريا", "LOC")},
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), SAMPLES)
def test_packaged_model_finds_the_entities_of_sample_sentences(
    tagger: Tagger, sentence: str, expected: set[tuple[str, str]]
) -> None:
    assert expected <= _entities(tagger, sentence)


def test_tags_are_bio_tags_one_per_token(tagger: Tagger) -> None:
    words = tokens(SAMPLES[0][0], keep_punct=True)
    tags = tagger.tag(words)
    assert len(tags) == len(words)
    assert set(tags) <= set(TAGS)
    assert tagger.tag([]) == []
    assert tagger.tag_sentences([words, [], words]) == [tags, [], tags]


def test_spans_start_a_new_entity_at_a_stray_inside_tag() -> None:
    assert spans(["B-PERS", "I-PERS", "O", "I-LOC", "I-ORG"]) == [
        (0, 2, "PERS"),
        (3, 4, "LOC"),
        (4, 5, "ORG"),
    ]


def test_ner_conll_writes_token_gold_predicted(tmp_path: Path) -> None:
    conll = tmp_path / "in.txt"
    conll.write_bytes(
        "\u200eوقال O\r\nوزير O\r\nالخارجية O\r\nأنتوني B-PERS\r\nبلينكن I-PERS extra\r\n. O\r\n"
        "\r\nفي O\r\n O\r\nروما B-LOC\r\n".encode()
    )
    out = io.StringIO()
    ner_conll(str(conll), out)
    lines = [line.split() for line in out.getvalue().splitlines()]
    assert [len(parts) for parts in lines] == [3] * 9
    assert [parts[:2] for parts in lines] == [
        ["وقال", "O"], ["وزير", "O"], ["الخارجية", "O"], ["أنتوني", "B-PERS"], ["بلينكن", "I-PERS"],
        [".", "O"], ["في", "O"], ["_", "O"], ["روما", "B-LOC"],
    ]  # fmt: skip
    assert all(parts[2] in TAGS for parts in lines)
    assert [parts[2] for parts in lines[3:5]] == ["B-PERS", "I-PERS"]


def test_read_conll_cuts_sentences_at_full_stops_and_blank_lines(tmp_path: Path) -> None:
    conll = tmp_path / "in.txt"
    conll.write_text("أ O\n. O\nب B-PER\n\nج\tI-ORG\tB-LOC\n", encoding="utf-8")
    assert list(read_conll(conll)) == [[("أ", "O"), (".", "O")], [("ب", "B-PERS")], [("ج", "I-ORG")]]


def test_clitics_are_stripped_longest_first() -> None:
    assert strip_clitics("وبالعراق")[0] == "عراق"
    assert strip_clitics("لبنان")[:1] == ["بنان"]  # a candidate only: the tagger weighs it


def test_fast_scorer_equals_crfsuite(tmp_path: Path) -> None:
    train = [
        (
            ["وقال", "الرئيس", "جاك", "شيراك", "في", "باريس", "."],
            ["O", "O", "B-PERS", "I-PERS", "O", "B-LOC", "O"],
        ),
        (["وزارة", "الخارجية", "في", "روما", "."], ["B-ORG", "I-ORG", "O", "B-LOC", "O"]),
        (["التقى", "شيراك", "نظيره", "في", "روما", "."], ["O", "B-PERS", "O", "O", "B-LOC", "O"]),
    ]
    lexicon = Lexicon(
        {"LOC": frozenset({"روما", "باريس"})}, {"ORG": frozenset({"وزاره خارجيه"})}, {"روما": "1/2"}
    )
    feat = Featurizer(lexicon)
    words = [w for w, _ in train]
    # document features from the gold tags stand in for a first pass
    docs = doc_features([[feat.word(t).base for t in s] for s in words], [t for _, t in train], 5)
    assert docs[2][1] == ["d=PERS"]  # شيراك was a person two sentences before
    trainer = pycrfsuite.Trainer(verbose=False)
    for (sent, tags), doc in zip(train, docs, strict=True):
        trainer.append([f + d for f, d in zip(feat.sentence(sent), doc, strict=True)], tags)
    trainer.set_params({"c2": 0.01, "max_iterations": 50, "feature.possible_transitions": True})
    trainer.train(str(tmp_path / "m.crfsuite"))
    reference = pycrfsuite.Tagger()
    reference.open(str(tmp_path / "m.crfsuite"))
    weights = CrfWeights.from_crfsuite(reference)
    weights.save(tmp_path / "w.tsv.gz")
    with open(tmp_path / "w.tsv.gz", "rb") as raw:
        loaded = CrfWeights.load(raw)
    tests = [*words, ["في", "باريس", "قال", "شيراك"], ["روما"], ["وزارة", "الخارجية", "جاك"]]
    extra = [*docs, [[], [], [], ["d=PERS"]], [["d=LOC"]], [[], [], []]]
    expected = [
        reference.tag([f + d for f, d in zip(feat.sentence(s), e, strict=True)])
        for s, e in zip(tests, extra, strict=True)
    ]
    for w in (weights, loaded):
        assert CrfScorer(w).decode(tests, feat, extra) == expected
    # a word cache that is forgotten between sentences, and one that grows its table, decode the same
    small = CrfScorer(weights)
    small._table = small._table[:2]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ner, "_CACHE", 3)
        mp.setattr(ner, "_BATCH", 1)
        assert small.decode(tests, feat, extra) == expected
        assert small.decode(tests, feat, extra) == expected
