"""examples/spark_archive.py on 500 archive articles and an English one in Spark local[2], checked against the CLI.

Spark runs offline: local mode, no packages fetched, the UI off, bound to the loopback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import pyarrow.parquet as pq
import pytest

from khabar import span_text

ROOT = Path(__file__).resolve().parents[2]


# An English article whose quote is interrupted by its attribution: its statement has content_parts.
ENGLISH = [
    {
        "id": "en-interrupted-quote",
        "lang": "en",
        "date": "2015-11-18",
        "text": "Hillary Clinton spoke in Ohio. \u201cThis election matters,\u201d she said on Monday. \u201cIt matters more than any other in our lifetime.\u201d",
    }
]


@pytest.fixture(scope="module")
def spark_articles(articles: List[Dict]) -> List[Dict]:
    return articles + ENGLISH


@pytest.fixture(scope="module")
def spark_cli(cli: str, cli_jsonl: Dict[str, Dict]) -> Dict[str, Dict]:
    """The CLI's Analysis of every article given to Spark, by id."""
    lines = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ENGLISH)
    out = subprocess.run([cli, "analyze", "--jsonl", "-"], input=lines.encode(), capture_output=True, check=True).stdout
    return {**cli_jsonl, **{r["id"]: r for r in map(json.loads, out.decode().splitlines())}}


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory, spark_articles: List[Dict]) -> Dict[str, List[Dict]]:
    work = tmp_path_factory.mktemp("spark")
    archive = work / "aawsat-500.jsonl"
    archive.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in spark_articles), encoding="utf-8")
    env = dict(
        os.environ,
        PYSPARK_PYTHON=sys.executable,
        PYSPARK_DRIVER_PYTHON=sys.executable,
        SPARK_LOCAL_IP="127.0.0.1",
        PYSPARK_SUBMIT_ARGS="--conf spark.ui.enabled=false --conf spark.driver.host=127.0.0.1 pyspark-shell",
    )
    run = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "spark_archive.py"), str(archive), str(work / "out"), "--master", "local[2]"],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    assert f"{len(spark_articles)} articles analysed (0 failed)" in run.stdout, run.stdout
    assert "The ten most quoted speakers:" in run.stdout
    return {name: pq.read_table(work / "out" / name).to_pylist() for name in ["analyses", "entities", "statements", "times"]}


def test_one_analysis_per_article_equal_to_the_cli(tables: Dict[str, List[Dict]], spark_articles: List[Dict], spark_cli: Dict[str, Dict]) -> None:
    rows = tables["analyses"]
    assert sorted(r["id"] for r in rows) == sorted(a["id"] for a in spark_articles)
    for row in rows:
        assert row["analysis_error"] is None, row["id"]
        expected = {k: v for k, v in spark_cli[row["id"]].items() if k != "id"}
        # The CLI leaves content_parts out when what was said is one stretch; Arrow reads it as null.
        for s in expected["statements"]:
            s.setdefault("content_parts", None)
        # Likewise name_ar, given only to the located places of a non-Arabic article.
        for e in expected["entities"]:
            e.setdefault("name_ar", None)
        # Equal as values: a field the CLI prints that ANALYSIS_SCHEMA lacks fails here.
        assert row["analysis"] == expected, row["id"]


def _sorted(rows: List[Dict], keys: List[str]) -> List[str]:
    """Rows as comparable text (None and numbers do not sort together), in a stable order."""
    return sorted(json.dumps([r[k] for k in keys], ensure_ascii=False) for r in rows)


def test_the_entities_table(tables: Dict[str, List[Dict]], spark_articles: List[Dict], spark_cli: Dict[str, Dict]) -> None:
    expected = []
    for a in spark_articles:
        for e in spark_cli[a["id"]]["entities"]:
            geo = e["geo"] or {}
            expected.append(
                {
                    "doc_id": a["id"],
                    "entity_id": e["id"],
                    "kind": e["kind"],
                    "name": e["name"],
                    "name_en": e["name_en"],
                    "mentions": len(e["mentions"]),
                    "lat": geo.get("lat"),
                    "lon": geo.get("lon"),
                    "country": geo.get("country"),
                }
            )
    keys = list(expected[0])
    assert _sorted(tables["entities"], keys) == _sorted(expected, keys)


def test_the_statements_table(tables: Dict[str, List[Dict]], spark_articles: List[Dict], spark_cli: Dict[str, Dict]) -> None:
    expected = []
    for a in spark_articles:
        analysis = spark_cli[a["id"]]
        names = {e["id"]: e for e in analysis["entities"]}
        for i, s in enumerate(analysis["statements"]):
            speaker = names.get(s["speaker"])
            speaker_text = span_text(a["text"], s["speaker_span"])
            expected.append(
                {
                    "doc_id": a["id"],
                    "statement": i,
                    "speaker": s["speaker"],
                    "speaker_name": speaker["name"] if speaker else speaker_text,
                    "speaker_name_en": speaker["name_en"] if speaker else None,
                    "speaker_text": speaker_text,
                    "cue": span_text(a["text"], s["cue"]),
                    "content": span_text(a["text"], s["content"]),
                    "content_parts": [span_text(a["text"], p) for p in s["content_parts"]] if s.get("content_parts") else None,
                    "direct": s["direct"],
                    "date": s["date"],
                }
            )
    assert len(expected) > 500, "the archive should hold many statements"
    keys = list(expected[0])
    assert _sorted(tables["statements"], keys) == _sorted(expected, keys)
    parts = [r["content_parts"] for r in tables["statements"] if r["doc_id"] == "en-interrupted-quote"]
    assert parts == [["This election matters", "It matters more than any other in our lifetime"]], parts


def test_the_times_table(tables: Dict[str, List[Dict]], spark_articles: List[Dict], spark_cli: Dict[str, Dict]) -> None:
    expected = [
        {"doc_id": a["id"], "text": span_text(a["text"], t), "value": t["value"], "start": t["start"], "end": t["end"]}
        for a in spark_articles
        for t in spark_cli[a["id"]]["times"]
    ]
    keys = list(expected[0])
    assert _sorted(tables["times"], keys) == _sorted(expected, keys)
