"""Canonical entities across spellings and short forms, with names from the example pages."""

from __future__ import annotations

from marsad.extract.entities import Mention, canonicalize, skeleton


def _by_name(mentions: list[Mention]) -> dict[str, set[str]]:
    return {e.name: set(e.variants) for e in canonicalize(mentions)}


def test_two_spellings_of_blinken_are_one_person() -> None:
    assert skeleton("بلينكين") == skeleton("بلينكن")
    ents = _by_name(
        [
            Mention("p0", "أنتوني بلينكن", "PER", "وزير الخارجية الأميركي أنتوني بلينكن"),
            Mention("p0", "بلينكن", "PER"),
            Mention("p4", "أنتوني بلينكين", "PER"),
            Mention("p4", "بلينكين", "PER"),
        ]
    )
    (variants,) = ents.values()
    assert {"أنتوني بلينكن", "بلينكن", "أنتوني بلينكين", "بلينكين"} <= variants
    assert "وزير الخارجية الأميركي أنتوني بلينكن" in variants


def test_short_form_in_an_article_without_the_full_name_joins_the_one_entity_it_ends() -> None:
    ents = canonicalize(
        [
            Mention("p0", "لويغي دي مايو", "PER"),
            Mention("p4", "لويجي دي مايو", "PER"),
            Mention("p9", "دي مايو", "PER"),
        ]
    )
    assert len(ents) == 1
    assert set(ents[0].articles) == {"p0", "p4", "p9"}
    assert ents[0].name in ("لويغي دي مايو", "لويجي دي مايو")


def test_different_people_with_other_names_stay_apart() -> None:
    ents = _by_name(
        [
            Mention("p0", "سامح شكري", "PER"),
            Mention("p0", "شكري", "PER"),
            Mention("p3", "هايكو ماس", "PER"),
            Mention("p3", "ماس", "PER"),
            Mention("p1", "مايك بومبيو", "PER"),
        ]
    )
    assert ents == {
        "سامح شكري": {"سامح شكري", "شكري"},
        "هايكو ماس": {"هايكو ماس", "ماس"},
        "مايك بومبيو": {"مايك بومبيو"},
    }


def test_hamza_spelling_does_not_split_a_name() -> None:
    ents = canonicalize([Mention("p0", "عثمان إلياسو جيبو", "PER"), Mention("p4", "عثمان الياسو جيبو", "PER")])  # noqa: E501
    assert len(ents) == 1 and ents[0].type == "PER"


def test_a_surname_shared_by_two_people_is_not_guessed() -> None:
    ents = canonicalize(
        [
            Mention("a", "الباجي قائد السبسي", "PER"),
            Mention("b", "حافظ قائد السبسي", "PER"),
            Mention("c", "السبسي", "PER"),
        ]
    )
    names = {e.name for e in ents}
    assert {"الباجي قائد السبسي", "حافظ قائد السبسي"} <= names
    assert all("السبسي" not in e.variants for e in ents if len(e.name.split()) > 1)
