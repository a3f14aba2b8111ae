"""khabar.analyze and khabar.analyze_many against the CLI, and on inputs meant to break them."""

from __future__ import annotations

import datetime
import json
import subprocess
import threading
import time
from pathlib import Path
from typing import Dict, List

import pytest

import khabar


def _compact(analysis: Dict) -> str:
    return json.dumps(analysis, ensure_ascii=False, separators=(",", ":"))


def _gold(shared: Path) -> List[Dict]:
    docs = []
    for meta_path in sorted((shared / "corpus" / "gold").glob("*.meta.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        text_path = meta_path.with_name(meta_path.name.replace(".meta.json", ".txt"))
        if text_path.exists():
            docs.append({"path": text_path, "lang": meta.get("lang"), "date": meta.get("date")})
    assert len(docs) >= 10, "the gold documents are missing"
    return docs


def test_analyze_equals_the_cli_byte_for_byte_on_the_gold_texts(shared: Path, cli: str) -> None:
    for doc in _gold(shared):
        args = [cli, "analyze"]
        if doc["lang"]:
            args += ["--lang", doc["lang"]]
        if doc["date"]:
            args += ["--date", doc["date"]]
        expected = subprocess.run(args + [str(doc["path"])], check=True, capture_output=True).stdout.decode().rstrip("\n")
        text = doc["path"].read_text(encoding="utf-8")
        assert khabar.analyze_json(text, doc["lang"], doc["date"]) == expected, doc["path"].name
        assert _compact(khabar.analyze(text, lang=doc["lang"], date=doc["date"])) == expected, doc["path"].name


def test_a_date_object_and_auto_language_are_the_cli_defaults() -> None:
    text = "President Obama said on Monday that he will visit Cairo."
    a = khabar.analyze(text, date=datetime.date(2015, 3, 2))
    assert a == khabar.analyze(text, lang="auto", date="2015-03-02") == khabar.analyze(text, "en", "2015-03-02")
    assert a["lang"] == "en" and a["date"] == "2015-03-02"
    (cairo,) = [e for e in a["entities"] if e["name"] == "Cairo"]
    assert khabar.span_text(text, cairo["mentions"][0]) == "Cairo"
    assert cairo["geo"]["country"] == "EG"


def test_analyze_many_equals_the_cli_jsonl_and_keeps_input_order(articles: List[Dict], cli_jsonl: Dict[str, Dict]) -> None:
    results = list(khabar.analyze_many(articles, threads=2))
    assert [r["id"] for r in results] == [a["id"] for a in articles]
    for r in results:
        assert r == cli_jsonl[r["id"]], r["id"]


def test_analyze_many_on_four_threads_equals_one_thread(articles: List[Dict]) -> None:
    one = list(khabar.analyze_many(articles, threads=1))
    four = list(khabar.analyze_many(iter(articles), threads=4))
    assert len(one) == len(articles) == 500
    assert [_compact(r) for r in four] == [_compact(r) for r in one]


def test_analyze_many_yields_the_good_documents_before_the_first_bad_one() -> None:
    docs = [
        {"id": "a", "text": "Officials in Cairo spoke.", "date": "2021-01-02"},
        {"id": "b", "text": "وصل الوفد إلى عمان أمس.", "lang": "ar"},
        {"id": "c", "text": "Rome", "date": "2021-02-30"},
        {"id": "d", "text": "Paris"},
    ]
    seen = []
    with pytest.raises(ValueError, match=r'^document 3: bad date "2021-02-30"'):
        for r in khabar.analyze_many(docs, threads=2):
            seen.append(r["id"])
    assert seen == ["a", "b"]
    # As in the CLI's --jsonl: no id is fine, an empty text is an empty analysis.
    (empty,) = khabar.analyze_many([{"text": ""}])
    assert empty["id"] is None and empty["entities"] == [] and empty["statements"] == []


@pytest.mark.parametrize(
    "doc, error, message",
    [
        ({"id": 1}, ValueError, "document 1: missing field `text`"),
        ({"id": 1, "text": 5}, TypeError, "document 1: text must be a str"),
        ({"id": 1, "text": "x", "lang": "fr"}, ValueError, 'document 1: unknown language "fr"'),
        ({"id": 1, "text": "x", "date": "21-01-2015"}, ValueError, "document 1: bad date"),
        ({"id": 1, "text": "ok \ud83d then"}, ValueError, r"document 1: text is not valid UTF-8 \(at byte 3\)"),
        ("just a string", TypeError, "document 1: a document must be a mapping"),
    ],
)
def test_analyze_many_refuses_bad_documents_with_the_cli_message(doc, error, message) -> None:
    with pytest.raises(error, match="^" + message):
        list(khabar.analyze_many([doc]))


@pytest.mark.parametrize("threads", [0, -1, 1.5, True, "2"])
def test_analyze_many_refuses_a_bad_thread_count(threads) -> None:
    with pytest.raises(ValueError, match="threads"):
        list(khabar.analyze_many([{"text": "x"}], threads=threads))


@pytest.mark.parametrize(
    "text, lang, date, message",
    [
        ("", None, None, "input is empty: nothing to analyse"),
        (" \n\t\n", None, None, "input is empty: nothing to analyse"),
        ("x", "fr", None, 'unknown language "fr": use ar, en or auto'),
        ("x", None, "2015-02-30", 'bad date "2015-02-30": expected a real calendar date as YYYY-MM-DD'),
        ("x", None, "2015-2-3", 'bad date "2015-2-3": expected YYYY-MM-DD'),
        ("x", None, "yesterday", 'bad date "yesterday": expected YYYY-MM-DD'),
        ("x", None, "2015/07/21", "bad date"),
        ("\ud800", None, None, r"text is not valid UTF-8 \(at byte 0\)"),
        ("قال \udfff الوزير", None, None, r"text is not valid UTF-8 \(at byte 7\)"),
        ("a\udc80\ud800b", "en", None, r"text is not valid UTF-8 \(at byte 1\)"),
    ],
)
def test_bad_input_raises_value_error_with_the_cli_message(text, lang, date, message) -> None:
    with pytest.raises(ValueError, match="^" + message):
        khabar.analyze(text, lang, date)


@pytest.mark.parametrize("args", [(None,), (b"bytes",), ("x", 5), ("x", None, 20150721)])
def test_arguments_of_the_wrong_type_raise_type_error(args) -> None:
    with pytest.raises(TypeError):
        khabar.analyze(*args)


def test_hostile_inputs_give_an_analysis_or_a_value_error() -> None:
    sentence = "قال الرئيس الفرنسي أمس في باريس: «سنواصل». The minister said \"we will\" on Monday. "
    big = sentence * (5 * 1024 * 1024 // len(sentence.encode()) + 1)
    cases = [
        big,
        "word " * 200_000,
        ".,;:!?«»\"'()-–—…" * 1000,
        "0123456789 ٠١٢٣٤٥٦٧٨٩ " * 1000,
        "\u200f\u200e\u200b\u200d\u202eabc\u202c" * 500,
        "<script>alert(1)</script><img src=x onerror=alert(2)>",
        "nul\0bytes\0inside\0text",
        "\u064b\u0640\u0670" * 2000,
        "\U0001f600 emoji \U0001f1f8\U0001f1e6 flags",
    ]
    for i, text in enumerate(cases):
        try:
            a = khabar.analyze(text, date="2015-07-21")
        except ValueError:
            continue
        encoded = text.encode()
        for e in a["entities"]:
            for m in e["mentions"]:
                encoded[m["start"] : m["end"]].decode()  # on character boundaries
        assert isinstance(a["statements"], list), i


def test_the_gil_is_released_while_rust_works() -> None:
    text = "قال الرئيس الفرنسي أمس في باريس: «سنواصل». The minister said \"we will\" on Monday. " * 12_000
    ticks: List[float] = []
    stop = threading.Event()

    def tick() -> None:
        while not stop.is_set():
            ticks.append(time.perf_counter())

    ticker = threading.Thread(target=tick)
    ticker.start()
    try:
        time.sleep(0.05)
        start = time.perf_counter()
        khabar.analyze_json(text, date="2015-07-21")
        end = time.perf_counter()
    finally:
        stop.set()
        ticker.join()
    # Holding the GIL would freeze the ticker for the whole call; allow it the switch interval
    # (5 ms) at either end.
    margin = (end - start) / 4
    assert end - start > 0.02, "the text is too short to tell"
    assert any(start + margin < t < end - margin for t in ticks), "no Python thread ran during the analysis"
