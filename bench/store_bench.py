"""Store benchmark: build time, and search latency on the store and on a corpus 100 times larger.

    .venv/bin/python bench/store_bench.py [--copies 100] [--runs 3]

The large corpus repeats the seed plans as distinct documents (new ids, same text), then rebuilds both
search indexes, so every query meets 100 times as many passages and postings.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geodata.build import build_store  # noqa: E402
from geodata.search import search_passages  # noqa: E402
from geodata.store import char_tokens  # noqa: E402

QUERIES = [
    "湾", "港", "河套", "前海", "深圳", "发展", "坪山", "科技创新", "燕子湖片区", "14号线", "PCT", "5G",
    "粤港澳大湾区", "生态文明", "轨道交通", "国际化", "碳排放", "深港 合作", "高新区", "光明科学城",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def search_latencies(path: Path, rounds: int = 5) -> list[float]:
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    for query in QUERIES:  # warm the page cache, as a running viewer would be
        search_passages(db, query, 10)
    times = []
    for _ in range(rounds):
        for query in QUERIES:
            began = time.perf_counter()
            search_passages(db, query, 10)
            times.append((time.perf_counter() - began) * 1000)
    db.close()
    return times


def multiply_corpus(path: Path, copies: int) -> None:
    """Repeat every document `copies` times in total, as distinct plans, and rebuild the indexes."""
    db = sqlite3.connect(path)
    originals = [row[0] for row in db.execute("SELECT id FROM documents")]
    columns = "ordinal, section_id, kind, text, line_start, line_end"
    for copy in range(1, copies):
        for doc in originals:
            new_id = f"{doc}-x{copy}"
            db.execute(
                "INSERT INTO documents SELECT ?, title || ' (copy ' || ? || ')', level, district, period, issuer, "
                "date, kind, source_file, sha256, origin, position + ? FROM documents WHERE id = ?",
                (new_id, copy, copy * 10, doc),
            )
            db.execute(
                f"INSERT INTO passages (document_id, {columns}) SELECT ?, {columns} FROM passages "
                "WHERE document_id = ?",
                (new_id, doc),
            )
    db.execute("INSERT INTO passages_fts (passages_fts) VALUES ('rebuild')")
    db.execute("INSERT INTO passages_chars (passages_chars) VALUES ('delete-all')")
    db.executemany(
        "INSERT INTO passages_chars (rowid, chars, pairs) VALUES (?, ?, ?)",
        ((pid, *char_tokens(text)) for pid, text in db.execute("SELECT id, text FROM passages").fetchall()),
    )
    db.commit()
    db.execute("VACUUM")
    db.close()


def report(label: str, times: list[float]) -> None:
    print(f"{label:<34} median {statistics.median(times):7.2f} ms   p95 {percentile(times, 0.95):7.2f} ms"
          f"   max {max(times):7.2f} ms   ({len(times)} queries)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3, help="builds to time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "plan-map.gpkg"
        builds = []
        for _ in range(args.runs):
            began = time.perf_counter()
            build_store(store)
            builds.append(time.perf_counter() - began)
        print(f"build (5 plans + geometry + links)  median {statistics.median(builds):6.2f} s   "
              f"runs: {', '.join(f'{b:.2f}' for b in builds)}")
        with sqlite3.connect(store) as db:
            passages = db.execute("SELECT count(*) FROM passages").fetchone()[0]
        report(f"search, 1x ({passages} passages)", search_latencies(store))
        large = Path(folder) / "large.gpkg"
        shutil.copy(store, large)
        began = time.perf_counter()
        multiply_corpus(large, args.copies)
        print(f"made the {args.copies}x corpus in {time.perf_counter() - began:.1f} s "
              f"({large.stat().st_size / 1e6:.0f} MB)")
        report(f"search, {args.copies}x ({passages * args.copies} passages)", search_latencies(large))


if __name__ == "__main__":
    main()
