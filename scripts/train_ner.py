"""Train the packaged named-entity CRF and write its word lists, reproducibly, from the shared data.

    .venv/bin/python scripts/train_ner.py [--data ../shared/data] [--out src/marsad/resources/ner]

Writes into `--out`: `model.crfsuite`, `gaz_<name>.txt` (one word key a line) and `phrase_<name>.txt`
(multi-word names). Sources:
- `ner/anercorp_train.txt` (ANERcorp): the training sentences, and the `t<TYPE>` lists of words that are
  mostly inside entities of that type there;
- `ner/Aligned*Gazetteer.txt` (ANERgazet): person, location and organisation names;
- babel (CLDR): Arabic names of countries, regions and time-zone cities.
Training is deterministic (L-BFGS from zero weights, data in file order); the same data gives the same model.
"""

from __future__ import annotations

import argparse
import sys
import time
import zoneinfo
from pathlib import Path

import babel
from babel.dates import get_timezone_location

from marsad.extract.ner import TrainOptions, fit, read_conll
from marsad.extract.ner_features import Lexicon, gazetteer_keys

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "marsad" / "resources" / "ner"


def babel_places() -> list[str]:
    """Arabic names of countries, regions and cities that CLDR knows."""
    locale = babel.Locale("ar")
    names = [name for code, name in locale.territories.items() if code not in ("ZZ", "001")]
    for tz in sorted(zoneinfo.available_timezones()):
        try:
            city = get_timezone_location(tz, locale="ar", return_city=True)
        except (LookupError, ValueError):
            continue
        names.append(city)
    # "الكونغو - كينشاسا": keep the parts
    return [part.strip() for name in names for part in name.split(" - ")]


def anergazet(path: Path) -> list[str]:
    """Names of one ANERgazet list, without its `====` / `****` section markers."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not set(line.strip()) <= set("=*")]


def static_lexicon(data: Path = DATA) -> Lexicon:
    """Gazetteers that do not come from the training sentences."""
    ner = data / "ner"
    sources = {
        "PERS": anergazet(ner / "AlignedPersGazetteer.txt"),
        "LOC": anergazet(ner / "AlignedLocGazetteer.txt") + babel_places(),
        "ORG": anergazet(ner / "AlignedOrgGazetteer.txt"),
    }
    gaz, phrases = {}, {}
    for kind, names in sources.items():
        words, ps = gazetteer_keys(names)
        gaz[kind] = words
        phrases[kind] = ps
    return Lexicon(gaz, phrases)


def load_train(data: Path = DATA) -> list[list[tuple[str, str]]]:
    return list(read_conll(data / "ner" / "anercorp_train.txt"))


def save_lexicon(lexicon: Lexicon, out: Path) -> None:
    for old in [*out.glob("gaz_*.txt"), *out.glob("phrase_*.txt")]:
        old.unlink()
    for name, words in lexicon.gazetteers.items():
        (out / f"gaz_{name}.txt").write_text("".join(w + "\n" for w in sorted(words)), encoding="utf-8")
    for name, phrases in lexicon.phrases.items():
        (out / f"phrase_{name}.txt").write_text("".join(p + "\n" for p in sorted(phrases)), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    sentences = load_train(args.data)
    full = fit(sentences, static_lexicon(args.data), args.out / "model.crfsuite", TrainOptions())
    save_lexicon(full, args.out)
    size = (args.out / "model.crfsuite").stat().st_size
    print(f"trained on {len(sentences)} sentences in {time.perf_counter() - start:.0f} s; model {size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
