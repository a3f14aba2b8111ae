"""Build the wheel and install it into this interpreter before any test imports khabar.

The tests compare the package with the CLI (`target/debug/khabar`, built here if missing) on the
shared corpora (`../shared` beside the checkout, or KHABAR_SHARED).

    .venv/bin/python -m pytest python/tests      # what `scripts/dev.sh test` runs

KHABAR_WHEEL=path/to.whl installs that wheel instead of building one.
"""

from __future__ import annotations

import glob
import gzip
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Dict, List

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("KHABAR_SHARED", ROOT.parent / "shared"))
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))


def _run(cmd: List[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, check=True, **kw)


def _install(wheel: str) -> None:
    _run([sys.executable, "-m", "pip", "install", "--quiet", "--no-index", "--force-reinstall", "--no-deps", wheel])


def pytest_sessionstart(session: pytest.Session) -> None:
    if os.environ.get("KHABAR_WHEEL"):
        if not os.path.isfile(os.environ["KHABAR_WHEEL"]):
            pytest.exit(f"KHABAR_WHEEL={os.environ['KHABAR_WHEEL']} is not a wheel file", returncode=2)
        _install(os.environ["KHABAR_WHEEL"])
        return
    out = tempfile.mkdtemp(prefix="khabar-wheel-")
    try:
        _run([sys.executable, "-m", "maturin", "build", "--release", "--quiet", "-m", str(ROOT / "python" / "Cargo.toml"), "--out", out])
        (wheel,) = glob.glob(os.path.join(out, "khabar-*.whl"))
        _install(wheel)
    finally:
        shutil.rmtree(out, ignore_errors=True)


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.fail(f"the test data is missing: expected {SHARED} (../shared beside the checkout, or KHABAR_SHARED)")
    return SHARED


@pytest.fixture(scope="session")
def cli() -> str:
    """The CLI the package must agree with (the debug build `cargo test` leaves behind)."""
    _run(["cargo", "build", "--quiet", "--bin", "khabar"], cwd=ROOT)
    return str(TARGET / "debug" / "khabar")


@pytest.fixture(scope="session")
def articles(shared: Path) -> List[Dict]:
    """The first 500 articles of the 2015 Asharq Al-Awsat archive, as the archive has them."""
    with gzip.open(shared / "corpus" / "news" / "aawsat-2015.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in itertools.islice(f, 500)]


@pytest.fixture(scope="session")
def cli_jsonl(cli: str, articles: List[Dict]) -> Dict[str, Dict]:
    """The CLI's `--jsonl` Analysis of each of the 500 articles, by id."""
    lines = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles)
    out = _run([cli, "analyze", "--jsonl", "-"], input=lines.encode(), capture_output=True).stdout
    results = [json.loads(line) for line in out.decode().splitlines()]
    assert len(results) == len(articles)
    return {r["id"]: r for r in results}
