"""Sentence vectors: quantised codes, summed event vectors, cross-language nearness."""

from __future__ import annotations

import numpy as np

from marsad.group import semantic


def test_a_text_without_letters_has_no_vector() -> None:
    assert semantic.embed(["", "  12 345 ..."]) == ["", ""]
    assert semantic.unit("") is None


def test_codes_are_unit_vectors_close_to_the_encoders() -> None:
    (code,) = semantic.embed(["The coalition met in Rome."])
    v = semantic.unit(code)
    assert v is not None and v.shape == (semantic.DIMS,)
    assert abs(float(np.linalg.norm(v)) - 1.0) < 1e-5
    assert len(code) < 700  # int8, base64


def test_the_same_text_gives_the_same_code_every_time() -> None:
    texts = ["التحالف الدولي يتعهد هزيمة دائمة لداعش", "Un séisme frappe le nord du Japon"]
    assert semantic.embed(texts) == semantic.embed(texts) == [semantic.embed([t])[0] for t in texts]


def test_a_report_is_nearer_its_translation_than_another_happening() -> None:
    ar, en, other = (
        semantic.unit(c)
        for c in semantic.embed([
            "غرق قارب مهاجرين في بحر إيجه قبالة السواحل التركية ومقتل خمسة أشخاص",
            "A migrant boat sank in the Aegean Sea off the Turkish coast, killing five people",
            "The central bank raised interest rates by half a point on Thursday",
        ])
    )  # fmt: skip
    assert ar is not None and en is not None and other is not None
    assert float(ar @ en) > 0.5 > float(ar @ other) + 0.2


def test_an_events_sum_adds_members_and_merges() -> None:
    a, b = semantic.embed(["first report of the flood", "second report of the flood"])
    one = semantic.add_member("", a)
    both = semantic.add_member(one, b)
    merged = semantic.add_total(semantic.add_member("", a), semantic.add_member("", b))
    assert np.allclose(semantic.total(both), semantic.total(merged), atol=1e-2)
    ua, ub = semantic.unit(a), semantic.unit(b)
    assert ua is not None and ub is not None
    assert np.allclose(semantic.total(both), ua + ub, atol=1e-2)
    assert semantic.add_member(both, "") == both
