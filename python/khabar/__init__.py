"""Khabar: entities, statements, times and places from Arabic and English news articles.

The Analysis of one article is a dict with the fields of the ``khabar analyze`` CLI (the protocol
is documented in the project's README):

- ``lang``: ``"ar"`` or ``"en"``; ``date``: the reference date (``YYYY-MM-DD``) or None;
- ``entities``: ``{"id", "kind", "name", "name_en", "mentions": [{"start", "end"}], "geo"}``, and
  ``"name_ar"`` (the gazetteer's Arabic name) for a located place of a non-Arabic article;
- ``statements``: ``{"speaker", "speaker_span", "cue", "content", "direct", "date"}``, and
  ``"content_parts"`` (the quoted parts) when a quote is interrupted by its attribution;
- ``times``: ``{"start", "end", "value"}``.

Every offset is a UTF-8 *byte* range into the text: ``text.encode()[start:end].decode()``
(see :func:`span_text`).

``analyze`` and ``analyze_many`` run the Rust core compiled into this package; ``khabar.spark``
runs it over a Spark DataFrame.
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import os as _os
from itertools import islice as _islice
from typing import Any, Dict, Iterable, Iterator, Mapping, Optional, Tuple, Union

from . import _khabar

__all__ = ["analyze", "analyze_json", "analyze_many", "span_text", "__version__"]
__version__: str = _khabar.__version__

DateLike = Union[str, _dt.date, None]

# Documents handed to the Rust core at once per thread by analyze_many: enough that the threads
# rarely wait for each other at the end of a batch, few enough that results start flowing soon.
_DOCS_PER_THREAD = 64


def _iso_date(date: DateLike) -> Optional[str]:
    if date is None or isinstance(date, str):
        return date
    if isinstance(date, _dt.date):
        return date.strftime("%Y-%m-%d")
    raise TypeError(f"date must be a str (YYYY-MM-DD), a datetime.date or None, not {type(date).__name__}")


def _optional_str(value: Any, field: str) -> Optional[str]:
    if value is None or isinstance(value, str):
        return value
    raise TypeError(f"{field} must be a str or None, not {type(value).__name__}")


def analyze_json(text: str, lang: Optional[str] = None, date: DateLike = None) -> str:
    """The Analysis of one article as JSON text: the bytes ``khabar analyze`` prints (no newline).

    Same arguments and errors as :func:`analyze`.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    return _khabar.analyze_json(text, _optional_str(lang, "lang"), _iso_date(date))


def analyze(text: str, lang: Optional[str] = None, date: DateLike = None) -> Dict[str, Any]:
    """Analyse one article: entities, statements, times and places.

    Args:
        text: the article.
        lang: ``"ar"``, ``"en"``, or None / ``"auto"`` to detect it from the script.
        date: the article's publication date (``"YYYY-MM-DD"`` or a ``datetime.date``), against
            which relative times ("yesterday", أمس) are resolved; None leaves them unresolved.

    Returns:
        The Analysis as a dict, equal to what ``khabar analyze --lang L --date D`` prints.

    Raises:
        ValueError: with the CLI's one-line message, for an empty text, an unknown language, a
            date that is not a real ``YYYY-MM-DD`` date, or a text holding a lone surrogate.
        TypeError: for arguments of the wrong type.

    The GIL is released while the article is analysed.
    """
    return _json.loads(analyze_json(text, lang, date))


def _request(doc: Any) -> Tuple[Optional[str], Optional[str], Optional[str], Optional[Exception]]:
    """(text, lang, date, problem) of one document of analyze_many."""
    try:
        if not isinstance(doc, Mapping):
            raise TypeError(f"a document must be a mapping with a 'text', not {type(doc).__name__}")
        if "text" not in doc:
            raise ValueError("missing field `text`")
        text = doc["text"]
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        return text, _optional_str(doc.get("lang"), "lang"), _iso_date(doc.get("date")), None
    except (TypeError, ValueError) as problem:
        return None, None, None, problem


def analyze_many(docs: Iterable[Mapping[str, Any]], threads: Optional[int] = None) -> Iterator[Dict[str, Any]]:
    """Analyse many articles on several threads; yield their Analyses in input order.

    Args:
        docs: mappings like the CLI's ``--jsonl`` lines: ``{"id", "text", "lang"?, "date"?}``.
            ``id`` is optional and echoed as given; ``lang`` and ``date`` as in :func:`analyze`.
            Any iterable, consumed lazily a batch at a time (a generator over a huge archive is
            fine).
        threads: how many threads analyse at once; None uses every core. The GIL is released
            while they work, so other Python threads keep running.

    Yields:
        One dict per document: ``{"id": <as given>, **analysis}``, the Analysis equal to the
        CLI's ``--jsonl`` output for the same line. As in ``--jsonl``, an empty text gives an
        empty analysis.

    Raises:
        ValueError: at the first bad document (after yielding the ones before it), with the
            CLI's message prefixed by ``document N`` (1-based): an unknown language, a bad date,
            a lone surrogate, a missing ``text``.
        TypeError: for a document that is not a mapping or a text that is not a str.
    """
    if threads is not None and (isinstance(threads, bool) or not isinstance(threads, int) or threads < 1):
        raise ValueError(f"threads must be a positive int or None, not {threads!r}")
    batch_size = _DOCS_PER_THREAD * (threads or _os.cpu_count() or 1)
    it = iter(docs)
    done = 0
    while True:
        batch = list(_islice(it, batch_size))
        if not batch:
            return
        requests = [_request(doc) for doc in batch]
        results = _khabar.analyze_batch([(text, lang, date) for text, lang, date, _ in requests], threads)
        for doc, (_, _, _, problem), (ok, payload) in zip(batch, requests, results):
            done += 1
            if problem is not None:
                raise type(problem)(f"document {done}: {problem}")
            if not ok:
                raise ValueError(f"document {done}: {payload}")
            analysis = {"id": doc.get("id")}
            analysis.update(_json.loads(payload))
            yield analysis


def span_text(text: str, span: Optional[Mapping[str, int]]) -> Optional[str]:
    """The text of a span (``{"start", "end"}``, UTF-8 byte offsets) of ``text``; None for None."""
    if span is None:
        return None
    return text.encode("utf-8", "surrogatepass")[span["start"] : span["end"]].decode("utf-8", "replace")
