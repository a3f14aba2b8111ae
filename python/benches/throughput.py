#!/usr/bin/env python3
"""Articles per second on one corpus, four ways, in one run (the figures in BENCHMARKS.md):

1. the CLI, ``khabar analyze --jsonl --jobs 1`` (one process for the whole corpus);
2. the CLI with ``--jobs 2``;
3. ``khabar.analyze_many`` in this process (all cores);
4. Spark ``local[2]`` running ``khabar.spark.analyze`` into Spark's no-op sink, its start-up
   (JVM, session, Python workers importing khabar) timed apart from the analysis.

    cargo build --release && .venv/bin/python python/benches/throughput.py [--corpus FILE.jsonl.gz] [--passes 3]

Needs the wheel installed in the interpreter that runs it (``maturin build --release`` then
``pip install``). Each figure is the median of the passes; the load average is printed with them,
and CPU seconds beside wall-clock ones (they do not depend on what else the machine runs).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Tuple

ROOT = Path(__file__).resolve().parents[2]


def cpu_seconds() -> float:
    """CPU time of this process (all its threads) and its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def median_seconds(passes: int, run) -> Tuple[float, float]:
    """Median wall-clock seconds and median CPU seconds of `passes` runs."""
    walls, cpus = [], []
    for _ in range(passes):
        c0, t0 = cpu_seconds(), time.perf_counter()
        run()
        walls.append(time.perf_counter() - t0)
        cpus.append(cpu_seconds() - c0)
    return statistics.median(walls), statistics.median(cpus)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "news" / "aawsat-2015.jsonl.gz"))
    ap.add_argument("--cli", default=str(ROOT / "target" / "release" / "khabar"))
    ap.add_argument("--passes", type=int, default=3)
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="khabar-bench-"))
    try:
        corpus = work / "corpus.jsonl"
        opener = gzip.open if args.corpus.endswith(".gz") else open
        with opener(args.corpus, "rb") as src, open(corpus, "wb") as dst:
            shutil.copyfileobj(src, dst)
        docs = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
        n = len(docs)
        words = sum(len(d["text"].split()) for d in docs)
        print(f"corpus: {args.corpus}: {n} articles, {words:,} words, {corpus.stat().st_size / 1e6:.1f} MB")
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")

        rows = []
        for jobs in (1, 2):
            def cli() -> None:
                with open(corpus, "rb") as f:
                    subprocess.run([args.cli, "analyze", "--jsonl", "--jobs", str(jobs)], stdin=f, stdout=subprocess.DEVNULL, check=True)

            rows.append((f"CLI --jobs {jobs}", median_seconds(args.passes, cli)))

        import khabar

        t0 = time.perf_counter()
        khabar.analyze("قال الوزير أمس في القاهرة إن المحادثات ستستأنف.")
        warm = time.perf_counter() - t0
        for threads in (1, 2):
            def many() -> None:
                for _ in khabar.analyze_many(docs, threads=threads):
                    pass

            rows.append((f"analyze_many, {threads} thread{'s' if threads > 1 else ''}", median_seconds(args.passes, many)))

        spark_start, spark_warm, spark_run = spark_figures(corpus, n, args.passes)
        rows.append(("Spark local[2], once started", spark_run))

        base = rows[0][1][0]
        print("\n| way | seconds | articles/s | vs --jobs 1 | CPU seconds |\n|---|---:|---:|---:|---:|")
        for name, (secs, cpu) in rows:
            cpu_text = f"{cpu:.2f}" if cpu else "–"
            print(f"| {name} | {secs:.2f} | {n / secs:,.0f} | {base / secs:.2f}× | {cpu_text} |")
        jobs1, jobs2, spark_secs = rows[0][1][0], rows[1][1][0], rows[-1][1][0]
        print(f"\ntargets (issue #14): --jobs 2 is {jobs1 / jobs2:.2f}× --jobs 1 (≥ 1.8×: {'met' if jobs1 / jobs2 >= 1.8 else 'not met'}); "
              f"Spark once started takes {spark_secs / jobs2:.2f}× the time of --jobs 2 (≤ 1.5×: {'met' if spark_secs / jobs2 <= 1.5 else 'not met'})")
        print(f"start-up: Python module + first analysis (resources decoded) {warm * 1000:.0f} ms; Spark session "
              f"{spark_start:.1f} s, then the first job (Python workers start, import khabar) {spark_warm:.1f} s")
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def spark_figures(corpus: Path, n: int, passes: int):
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    t0 = time.perf_counter()
    from pyspark.sql import SparkSession

    from khabar import spark as ks

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("khabar-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        # JSON lines split into 8 partitions without a shuffle, so both cores stay busy to the end.
        .config("spark.sql.files.maxPartitionBytes", str(corpus.stat().st_size // 8 + 1))
        .config("spark.sql.files.openCostInBytes", "0")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    started = time.perf_counter() - t0
    archive = spark.read.schema("id string, text string, lang string, date string").json(str(corpus))

    t0 = time.perf_counter()
    ks.analyze(archive.limit(8).repartition(2)).write.format("noop").mode("overwrite").save()
    warm = time.perf_counter() - t0

    def run() -> None:
        ks.analyze(archive).write.format("noop").mode("overwrite").save()

    steady, _ = median_seconds(passes, run)
    spark.stop()
    # The work is done in the JVM and its Python workers, whose CPU time this process cannot see.
    return started, warm, (steady, 0.0)


if __name__ == "__main__":
    sys.exit(main())
