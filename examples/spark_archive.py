#!/usr/bin/env python3
"""A news archive through Khabar on Apache Spark: who said what, when, about whom and where.

    python examples/spark_archive.py ARCHIVE OUT [--master local[*]] [--limit N]

ARCHIVE is JSON lines (``{"id", "text", "lang"?, "date"?, ...}`` a line, gzipped or not, like
``aawsat-2015.jsonl.gz``), or Parquet (a ``.parquet`` file or a directory of them) with the same
columns. OUT receives four Parquet tables:

- ``OUT/analyses``: the archive's rows with an ``analysis`` column (the CLI's Analysis) and an
  ``analysis_error`` column (null, or why a row could not be analysed);
- ``OUT/entities``, ``OUT/statements``, ``OUT/times``: see ``khabar.spark``.

It then prints the ten most quoted speakers. On a cluster, the same script runs under
``spark-submit`` with the khabar wheel installed on the executors (see the README).
"""

from __future__ import annotations

import argparse
import os
import sys
import time


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("archive", help="JSON lines (.jsonl, .jsonl.gz) or Parquet")
    ap.add_argument("out", help="directory for the Parquet tables (overwritten)")
    ap.add_argument("--master", help="Spark master, e.g. local[2]; by default spark-submit's")
    ap.add_argument("--limit", type=int, help="analyse only the first N articles")
    ap.add_argument("--format", choices=["json", "parquet"], help="the archive's format (default: from its name)")
    args = ap.parse_args(argv)

    if args.master and args.master.startswith("local"):
        # Local workers are this interpreter's children: let them import the same khabar.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    from khabar import spark as ks

    builder = SparkSession.builder.appName("khabar-archive")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()

    started = time.perf_counter()
    fmt = args.format or ("parquet" if ".parquet" in args.archive or os.path.isdir(args.archive) else "json")
    archive = spark.read.parquet(args.archive) if fmt == "parquet" else spark.read.json(args.archive)
    if args.limit is not None:
        archive = archive.limit(args.limit)
    # A gzipped file is one partition: spread it so that every core analyses.
    cores = spark.sparkContext.defaultParallelism
    if archive.rdd.getNumPartitions() < cores:
        archive = archive.repartition(cores)

    # Analyse once: the three tables are read back from the stored analyses.
    ks.analyze(archive, error_col="analysis_error").write.mode("overwrite").parquet(f"{args.out}/analyses")
    analysed = spark.read.parquet(f"{args.out}/analyses")
    for name, table in [("entities", ks.entities), ("statements", ks.statements), ("times", ks.times)]:
        table(analysed).write.mode("overwrite").parquet(f"{args.out}/{name}")

    counts = analysed.agg(F.count("*").alias("articles"), F.count("analysis_error").alias("failed")).first()
    print(f"{counts['articles']} articles analysed ({counts['failed']} failed) in {time.perf_counter() - started:.1f} s")
    quoted = (
        spark.read.parquet(f"{args.out}/statements")
        .where(F.col("speaker").isNotNull())
        .groupBy(F.coalesce("speaker_name_en", "speaker_name").alias("speaker"))
        .agg(F.count("*").alias("statements"), F.countDistinct("doc_id").alias("articles"))
        .orderBy(F.desc("statements"), "speaker")
        .limit(10)
    )
    print("The ten most quoted speakers:")
    for row in quoted.collect():
        print(f"{row['statements']:6d} statements in {row['articles']:5d} articles  {row['speaker']}")
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
