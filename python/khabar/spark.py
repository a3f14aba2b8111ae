"""Khabar on Apache Spark: analyse a DataFrame of articles, then query entities, statements, times.

    from khabar import spark as ks
    analysed = ks.analyze(df)                   # df has "id" and "text" (and "lang", "date")
    ks.entities(analysed).groupBy("name_en").count()
    ks.statements(analysed)                     # who said what, when
    ks.times(analysed)

The analysis runs in Spark's Python workers with ``mapInArrow``: each Arrow batch of rows is one
call into the Rust core, and its results come back as one Arrow batch (JSON parsed by Arrow's C++
reader against :data:`ANALYSIS_SCHEMA`), never a Python object per row. The ``analysis`` column is
the Analysis of ``khabar analyze`` (and :func:`khabar.analyze`) as a struct.

Requires pyspark (3.5 or later), pyarrow and pandas (``pip install "khabar[spark]"``); the wheel
must be installed where the executors run (``spark-submit --py-files`` cannot carry a compiled
extension: see the project's README).
"""

from __future__ import annotations

import io
from typing import Iterator, List, Optional, Tuple

import pyarrow as pa
import pyarrow.json as pa_json
from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from . import _iso_date, _khabar

__all__ = ["ANALYSIS_SCHEMA", "analyze", "entities", "statements", "times"]

def _struct(*fields: Tuple[str, T.DataType]) -> T.StructType:
    return T.StructType([T.StructField(name, type_) for name, type_ in fields])


_SPAN = _struct(("start", T.LongType()), ("end", T.LongType()))

#: The Analysis as a Spark type: the fields of the CLI's JSON (offsets are UTF-8 byte ranges).
ANALYSIS_SCHEMA = _struct(
    ("lang", T.StringType()),
    ("date", T.StringType()),
    (
        "entities",
        T.ArrayType(
            _struct(
                ("id", T.StringType()),
                ("kind", T.StringType()),
                ("name", T.StringType()),
                ("name_en", T.StringType()),
                ("name_ar", T.StringType()),
                ("mentions", T.ArrayType(_SPAN)),
                ("geo", _struct(("lat", T.DoubleType()), ("lon", T.DoubleType()), ("country", T.StringType()), ("kind", T.StringType()))),
            )
        ),
    ),
    (
        "statements",
        T.ArrayType(
            _struct(
                ("speaker", T.StringType()),
                ("speaker_span", _SPAN),
                ("cue", _SPAN),
                ("content", _SPAN),
                ("content_parts", T.ArrayType(_SPAN)),
                ("direct", T.BooleanType()),
                ("date", T.StringType()),
            )
        ),
    ),
    ("times", T.ArrayType(_struct(("start", T.LongType()), ("end", T.LongType()), ("value", T.StringType())))),
)


def _arrow_type(spark_type: T.DataType) -> pa.DataType:
    from pyspark.sql.pandas.types import to_arrow_type

    return to_arrow_type(spark_type)


def _column(batch: pa.RecordBatch, name: Optional[str]) -> List[Optional[object]]:
    if name is None or name not in batch.schema.names:
        return [None] * batch.num_rows
    return batch.column(name).to_pylist()


def _analyse_batches(
    batches: Iterator[pa.RecordBatch],
    text_col: str,
    lang_col: Optional[str],
    date_col: Optional[str],
    output_col: str,
    error_col: Optional[str],
    threads: int,
) -> Iterator[pa.RecordBatch]:
    analysis_type = _arrow_type(ANALYSIS_SCHEMA)
    parse = pa_json.ParseOptions(explicit_schema=pa.schema(list(analysis_type)), unexpected_field_behavior="ignore")
    for batch in batches:
        texts = _column(batch, text_col)
        langs = _column(batch, lang_col)
        dates = [_iso_date(d) for d in _column(batch, date_col)]
        results = _khabar.analyze_batch(list(zip(texts, langs, dates)), threads)
        errors: List[Optional[str]] = [
            None if ok else (message or f"{text_col} is null") for ok, message in results
        ]
        if error_col is None:
            for row, error in enumerate(errors):
                if error is not None:
                    raise ValueError(f"row {row} of a batch: {error}")
        # A failed row parses as {} and is then masked out: the analysis of that row is null.
        lines = "\n".join(json if ok else "{}" for ok, json in results).encode("utf-8")
        table = pa_json.read_json(
            io.BytesIO(lines),
            read_options=pa_json.ReadOptions(use_threads=False, block_size=max(len(lines) + 1, 1 << 20)),
            parse_options=parse,
        )
        analysis = pa.StructArray.from_arrays(
            [table.column(f.name).combine_chunks() for f in analysis_type],
            fields=list(analysis_type),
            mask=pa.array([e is not None for e in errors], pa.bool_()),
        )
        columns = list(batch.columns) + [analysis]
        names = list(batch.schema.names) + [output_col]
        if error_col is not None:
            columns.append(pa.array(errors, pa.string()))
            names.append(error_col)
        yield pa.RecordBatch.from_arrays(columns, names=names)


def analyze(
    df: DataFrame,
    text_col: str = "text",
    lang_col: Optional[str] = "lang",
    date_col: Optional[str] = "date",
    output_col: str = "analysis",
    error_col: Optional[str] = None,
    threads: int = 1,
) -> DataFrame:
    """``df`` with a column ``output_col`` holding each row's Analysis (:data:`ANALYSIS_SCHEMA`).

    Args:
        df: one article a row.
        text_col: the article's text.
        lang_col: its language (``ar``, ``en``, ``auto`` or null), used if the column exists.
        date_col: its publication date (a ``YYYY-MM-DD`` string or a date), used if it exists.
        output_col: the name of the new struct column.
        error_col: None: a bad row (a null text, a bad date, an unknown language) fails the job
            with the CLI's message. A column name: bad rows get a null analysis and the message
            in this new column (like the CLI's ``--keep-going``).
        threads: Rust threads per Python worker; keep 1 and let Spark run a task per core.

    One call into the Rust core per Arrow batch (``spark.sql.execution.arrow.maxRecordsPerBatch``
    rows, 10,000 by default).
    """
    fields = list(df.schema.fields) + [T.StructField(output_col, ANALYSIS_SCHEMA)]
    if error_col is not None:
        fields.append(T.StructField(error_col, T.StringType()))

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        return _analyse_batches(batches, text_col, lang_col, date_col, output_col, error_col, threads)

    return df.mapInArrow(run, T.StructType(fields))


def _slice(utf8: Column, span: Column) -> Column:
    """The text of a byte span, cut from the text encoded as UTF-8 (Spark's substring of a
    string counts characters; of binary, bytes)."""
    return F.when(span.isNotNull(), F.decode(utf8.substr(span["start"] + 1, span["end"] - span["start"]), "UTF-8"))


def entities(analysed: DataFrame, id_col: str = "id", analysis_col: str = "analysis") -> DataFrame:
    """One row per entity per document: ``doc_id, entity_id, kind, name, name_en, mentions``
    (how many times it is mentioned), ``lat, lon, country`` (null unless it is a located place)."""
    e = analysed.select(F.col(id_col).alias("doc_id"), F.explode(F.col(analysis_col)["entities"]).alias("e"))
    return e.select(
        "doc_id",
        F.col("e.id").alias("entity_id"),
        F.col("e.kind").alias("kind"),
        F.col("e.name").alias("name"),
        F.col("e.name_en").alias("name_en"),
        F.size("e.mentions").alias("mentions"),
        F.col("e.geo.lat").alias("lat"),
        F.col("e.geo.lon").alias("lon"),
        F.col("e.geo.country").alias("country"),
    )


def statements(analysed: DataFrame, id_col: str = "id", text_col: str = "text", analysis_col: str = "analysis") -> DataFrame:
    """One row per statement: ``doc_id, statement`` (its index in the article), ``speaker`` (entity
    id or null), ``speaker_name`` and ``speaker_name_en`` (the entity's names; for a speaker that
    is not an entity, the words that stand for it, such as "a spokesman"), ``speaker_text`` (the
    speaker as written at this statement), ``cue``, ``content`` (texts), ``content_parts`` (the texts
    of a quote interrupted by its attribution, in order; null when what was said is one stretch),
    ``direct``, ``date``."""
    s = analysed.select(
        F.col(id_col).alias("doc_id"),
        F.encode(F.col(text_col), "UTF-8").alias("utf8"),
        F.col(analysis_col)["entities"].alias("entities"),
        F.posexplode(F.col(analysis_col)["statements"]).alias("statement", "s"),
    )
    utf8, st = F.col("utf8"), F.col("s")
    speaker = F.get(F.filter("entities", lambda e: e["id"] == st["speaker"]), 0)
    speaker_text = _slice(utf8, st["speaker_span"])
    return s.select(
        "doc_id",
        "statement",
        st["speaker"].alias("speaker"),
        F.coalesce(speaker["name"], speaker_text).alias("speaker_name"),
        speaker["name_en"].alias("speaker_name_en"),
        speaker_text.alias("speaker_text"),
        _slice(utf8, st["cue"]).alias("cue"),
        _slice(utf8, st["content"]).alias("content"),
        F.transform(st["content_parts"], lambda part: _slice(utf8, part)).alias("content_parts"),
        st["direct"].alias("direct"),
        st["date"].alias("date"),
    )


def times(analysed: DataFrame, id_col: str = "id", text_col: str = "text", analysis_col: str = "analysis") -> DataFrame:
    """One row per time expression: ``doc_id, text`` (as written), ``value`` (ISO: a day, month,
    year, week or ``start/end``), ``start, end`` (UTF-8 byte offsets)."""
    t = analysed.select(
        F.col(id_col).alias("doc_id"),
        F.encode(F.col(text_col), "UTF-8").alias("utf8"),
        F.explode(F.col(analysis_col)["times"]).alias("t"),
    )
    return t.select(
        "doc_id",
        _slice(F.col("utf8"), F.struct(F.col("t.start").alias("start"), F.col("t.end").alias("end"))).alias("text"),
        F.col("t.value").alias("value"),
        F.col("t.start").alias("start"),
        F.col("t.end").alias("end"),
    )
