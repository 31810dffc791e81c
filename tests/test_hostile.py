"""Hostile inputs (tests/hostile.py makes them): each is ingested beside a good file in one run; the bad
one is reported by name with a reason (or read correctly), the good one is stored whole, the exit status
follows CONTRACT.md, and memory stays bounded on the big ones. Then the text layer and the segmenter
are fuzzed for crashes and invariants."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hostile import INVISIBLE, KINDS, PARAS, TITLE, Kind, good_page, page, stored_as
from marsad.clean.segment import segment
from marsad.cli import app
from marsad.export import write_json
from marsad.model import RawPage
from marsad.store import Store
from marsad.text.dates import find_dates, publication_date
from marsad.text.normalize import clean_display, match_key, strip_bidi
from marsad.text.numbers import find_numbers
from marsad.text.tokenize import sentences, tokens

MARSAD = str(Path(sys.executable).parent / "marsad")


def export_of(db: Path) -> dict:  # type: ignore[type-arg]
    store = Store.open(str(db), create=False)
    try:
        buf = io.StringIO()
        write_json(store, buf)
        return json.loads(buf.getvalue())  # type: ignore[no-any-return]
    finally:
        store.close()


def check_reports(kind: Kind, bad: Path, stderr: str) -> None:
    """The reports name the input (or the file inside it) with the reason; nothing failed unexpectedly."""
    assert "please report this" not in stderr, stderr
    lines = stderr.lower().splitlines()
    expected = list(kind.more)
    if kind.reason is not None:
        expected.append((kind.reported or bad.name, kind.reason))
    for name, reason in expected:
        shown = name if name.isprintable() else name.encode("unicode_escape").decode()
        assert any(shown.lower() in line and reason.lower() in line for line in lines), (name, reason, stderr)


def test_the_corpus_has_at_least_30_kinds() -> None:
    assert len(KINDS) >= 30 and len({k.name for k in KINDS}) == len(KINDS)


@pytest.mark.parametrize("kind", [k for k in KINDS if k.size == "small"], ids=str)
def test_hostile_input_beside_a_good_file(kind: Kind, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    bad = kind.make(folder)
    good = good_page(tmp_path)
    db = tmp_path / "s.db"
    r = CliRunner().invoke(app, ["ingest", str(bad), str(good), "--db", str(db), "--quiet"])
    assert r.exit_code == 0, (r.stdout, r.stderr, r.exception)
    check_reports(kind, bad, r.stderr)
    export = export_of(db)
    stored_as("good.txt", TITLE, PARAS)(export)
    if kind.check is not None:
        kind.check(export)


@pytest.mark.parametrize(
    "kind", [k for k in KINDS if k.name in ("empty", "random binary", "truncated gzip")], ids=str
)
def test_only_bad_inputs_exit_non_zero(kind: Kind, tmp_path: Path) -> None:
    bad = kind.make(tmp_path)
    r = CliRunner().invoke(app, ["ingest", str(bad), "--db", str(tmp_path / "s.db"), "--quiet"])
    assert r.exit_code == 1 and "nothing could be ingested" in r.stderr
    check_reports(kind, bad, r.stderr)


def test_stories_display_neutralises_bidi_controls(tmp_path: Path) -> None:
    bidi = [k for k in KINDS if k.name.startswith("bidi")]
    inputs = [str(k.make(tmp_path)) for k in bidi]
    db = str(tmp_path / "s.db")
    assert CliRunner().invoke(app, ["ingest", *inputs, "--db", db, "--quiet"]).exit_code == 0
    r = CliRunner().invoke(app, ["stories", "--db", db])
    assert r.exit_code == 0, r.exception
    assert "الأمم المتحدة" in r.stdout and not any(m in r.stdout for m in INVISIBLE)


# --- memory on big inputs ------------------------------------------------------------------------------


def run_measured(args: list[str], folder: Path) -> tuple[int, str, int]:
    """Run marsad; (exit status, stderr, peak resident memory in MB) of that one child process."""
    err = folder / "stderr.txt"
    with err.open("wb") as stderr:
        proc = subprocess.Popen([MARSAD, *args], stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage (RUSAGE_CHILDREN sums them all)
        proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, err.read_text(encoding="utf-8"), usage.ru_maxrss // 1024


def check_big(kinds: list[Kind], tmp_path: Path, extra_mb: int) -> None:
    good = good_page(tmp_path)
    code, _, baseline = run_measured(["ingest", str(good), "--db", str(tmp_path / "base.db")], tmp_path)
    assert code == 0
    folder = tmp_path / "big"
    folder.mkdir()
    bads = [k.make(folder) for k in kinds]
    db = tmp_path / "s.db"
    code, stderr, peak = run_measured(["ingest", *map(str, bads), str(good), "--db", str(db)], tmp_path)
    assert code == 0, stderr
    for kind, bad in zip(kinds, bads, strict=True):
        check_reports(kind, bad, stderr)
    export = export_of(db)
    stored_as("good.txt", TITLE, PARAS)(export)
    for kind in kinds:
        if kind.check is not None:
            kind.check(export)
    assert peak <= baseline + extra_mb, f"peak {peak} MB, {baseline} MB without the big inputs"


def test_big_inputs_are_refused_or_read_in_bounded_memory(tmp_path: Path) -> None:
    # 60 MB page, 200 MB behind gzip, a 60 MB JSON Lines record, 1 MB on one line: together in one run
    check_big([k for k in KINDS if k.size == "big"], tmp_path, extra_mb=200)


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_huge_inputs_are_refused_in_bounded_memory(tmp_path: Path) -> None:
    check_big([k for k in KINDS if k.size == "huge"], tmp_path, extra_mb=200)


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_200_mb_on_stdin_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    big = [k for k in KINDS if k.name == "200 MB page"][0].make(tmp_path)
    err = tmp_path / "stderr.txt"
    with big.open("rb") as stdin, err.open("wb") as stderr:
        proc = subprocess.Popen(
            [MARSAD, "ingest", "-", "--db", str(tmp_path / "s.db")],
            stdin=stdin,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        _, status, usage = os.wait4(proc.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 1
    assert "stdin: input larger than the 50 MB limit" in err.read_text(encoding="utf-8")
    assert usage.ru_maxrss // 1024 < 1500


# --- fuzzing the text layer and the segmenter ----------------------------------------------------------

_WORDS = (
    "قال أكد وزير الخارجية الأمريكي بلينكن في روما أمس اليوم الثلاثاء يونيو حزيران 2021 ٢٨ السادس من فبراير "
    "عام نحو زهاء ألف مليون مليار ثلاثة وعشرون مئتين بـ الـ83 في28يونيو (رويترز) (أ.ف.ب) "
    "- – : ، . ؟ ! «» “ ” "
    '" ( ) [ ] 31/02/2021 10:30 13.5 10,000 ١٢٣ ۴۵ المصدر: اقرأ أيضا شارك تابعنا https://t.co/x a@b.co #وسم '
    "ـــ ﻻ ﷲ \u064e\u0650 \u202e \u200b \u200f \ufeff \u00a0 \t \r\n \u2028 \x85 \x00 \x1b Mr. U.S. don't "
    "غدا المقبل الماضي يناير May Dec.14 Sept. 1er mai de 2013, on Monday next last yesterday tomorrow "
    "Eylül HAZİRAN"
).split(" ")
_ALPHABET = st.characters(
    codec="utf-8", categories=("L", "M", "N", "P", "S", "Z", "Cc", "Cf"), exclude_characters="\ud800"
)
TEXT = st.lists(
    st.one_of(st.sampled_from(_WORDS), st.text(_ALPHABET, max_size=12), st.just("\n"), st.just("\n\n")),
    max_size=80,
).map(" ".join)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(TEXT)
def test_normalisation_is_idempotent(text: str) -> None:
    assert clean_display(clean_display(text)) == clean_display(text)
    assert match_key(match_key(text)) == match_key(text)
    assert not any(m in match_key(text) for m in INVISIBLE)
    assert strip_bidi(text) == strip_bidi(strip_bidi(text))


@FUZZ
@given(TEXT)
def test_tokens_and_sentences_are_pieces_of_the_text(text: str) -> None:
    for keep in (False, True):
        for tok in tokens(text, keep_punct=keep):
            assert tok and tok in text
    for sent in sentences(text):
        assert sent and sent == sent.strip() and sent in text


@FUZZ
@given(TEXT, st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
@example("غدا tomorrow next Monday on Dec.14 الخميس المقبل", date(9999, 12, 31))
@example("أمس yesterday Monday last on Dec.14 يناير الماضي", date(1, 1, 1))
def test_dates_never_crash_and_are_real_dates(text: str, ref: date) -> None:
    for m in find_dates(text, ref):
        assert isinstance(m.value, date) and m.value <= m.end_value
        assert text[m.start : m.end] == m.text
    publication_date(text)


@FUZZ
@given(TEXT)
def test_numbers_are_spans_of_the_text_with_json_values(text: str) -> None:
    for m in find_numbers(text):
        assert text[m.start : m.end] == m.text
        json.dumps(m.value, allow_nan=False)


@FUZZ
@given(TEXT, st.sampled_from(["text", "record"]), st.one_of(st.none(), st.sampled_from(_WORDS)))
def test_segmentation_never_invents_text(text: str, kind: str, title: str | None) -> None:
    page_ = RawPage(page="p", text=text, origin="p", kind=kind, title=title if kind == "record" else None)
    cleaned = clean_display(text)
    lines = [line.strip() for line in cleaned.split("\n")]
    for seg in segment(page_):
        assert seg.paragraphs
        for para in seg.paragraphs:
            assert para and any(para in line for line in lines), para
        if seg.title is not None and kind == "text":
            assert any(seg.title in line for line in lines)
        for dropped in seg.dropped:
            assert any(dropped.text in line for line in lines)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_the_whole_page_stage_never_crashes(text: str) -> None:
    from marsad.engine import EngineOptions, process_page

    result = process_page(RawPage(page="p", text=page() + text, origin="p"), EngineOptions())
    for k in result.articles:
        json.dumps([f.__dict__ for f in k.facts], ensure_ascii=False, allow_nan=False, default=sorted)
