from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "pages"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


@pytest.fixture
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is not beside the project")
    return SHARED


def page_text(name_prefix: str) -> str:
    """The text of a bundled example page by the start of its file name."""
    (path,) = EXAMPLES.glob(f"{name_prefix}*.txt")
    return path.read_text(encoding="utf-8")
