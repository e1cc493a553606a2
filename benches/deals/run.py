#!/usr/bin/env python3
"""Deal-comparison benchmark: `partner-fit deals compare` against DuckDB running the same
matched comparison in SQL (duckdb_compare.py), on the same generated export, in one run.

    python3 benches/deals/run.py [--rows 1000000] [--small 100000] [--runs 3] [--workdir DIR]

Generates a Salesforce-shaped export of --rows opportunities across 50 partners and one of
--small rows (generate.py), builds partner-fit --release, then times both tools on each
file in turn, alternating, under /usr/bin/time -v for wall time and peak memory. Checks
that both agree on every count of every partner (deals, open, won, lost, matched with and
without, unmatched, cells, won on each matched side) and on the medians, and prints the
ratios. The goals: partner-fit at most 0.5x DuckDB's time and at most its peak memory, and
time linear in rows from --small to --rows. Needs DuckDB for Python (`pip install duckdb`)
and /usr/bin/time. Without --workdir the files go to a temporary folder that is removed.
Exits 1 when the counts disagree.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
COUNTS = ["deals", "open", "won", "lost", "with", "without", "unmatched", "cells",
          "with_won", "without_won"]
MEDIANS = ["with_size", "without_size", "with_cycle", "without_cycle"]


def timed(cmd):
    """Runs cmd under /usr/bin/time -v: (stdout, wall seconds, peak RSS in MiB)."""
    proc = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr}")
    wall = re.search(r"Elapsed \(wall clock\) time .*: (?:(\d+):)?(\d+):([\d.]+)", proc.stderr)
    hours, minutes, seconds = wall.groups()
    wall_s = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr).group(1))
    return proc.stdout, wall_s, rss_kb / 1024


def partner_fit_counts(report):
    """partner-fit's JSON as duckdb_compare.py's per-partner dictionary."""
    def won(figure):
        return round(figure["value"] * figure["deals"]) if figure["status"] == "measured" else None

    def value(figure):
        return figure["value"] if figure["status"] == "measured" else None

    out = {}
    for p in report["partners"]:
        d, m = p["deals"], p["matching"]
        out[p["partner"]] = {
            "deals": d["total"], "open": d["open"], "won": d["won"], "lost": d["lost"],
            "with": m["with"], "without": m["without"], "unmatched": m["unmatched"],
            "cells": m["cells"],
            "with_won": won(p["win_rate"]["with"]), "without_won": won(p["win_rate"]["without"]),
            "with_size": value(p["deal_size"]["with"]),
            "without_size": value(p["deal_size"]["without"]),
            "with_cycle": value(p["cycle_days"]["with"]),
            "without_cycle": value(p["cycle_days"]["without"]),
        }
    return out


def disagreements(pf, db):
    """Every count that differs, and every median that differs by more than a cent."""
    found = []
    for name in sorted(set(pf) | set(db)):
        a, b = pf.get(name), db.get(name)
        if a is None or b is None:
            found.append(f"{name}: only in {'DuckDB' if a is None else 'partner-fit'}")
            continue
        for key in COUNTS:
            if a[key] != b[key]:
                found.append(f"{name} {key}: partner-fit {a[key]}, DuckDB {b[key]}")
        for key in MEDIANS:
            if a[key] is not None and b[key] is not None and abs(a[key] - b[key]) > 0.01:
                found.append(f"{name} {key}: partner-fit {a[key]}, DuckDB {b[key]}")
    return found


def measure(binary, python, path, runs):
    """Both tools on `path`, alternating: medians of wall time, peak memory, agreement."""
    pf_walls, pf_rss, db_walls, db_query, db_rss = [], [], [], [], []
    for run in range(runs):
        out, wall, rss = timed([binary, "deals", "compare", path, "--format", "json"])
        pf = partner_fit_counts(json.loads(out))
        pf_walls.append(wall)
        pf_rss.append(rss)
        out, wall, rss = timed([python, os.path.join(HERE, "duckdb_compare.py"), path])
        result = json.loads(out)
        db = result["partners"]
        db_walls.append(wall)
        db_rss.append(rss)
        db_query.append(result["query_seconds"])
        print(f"   run {run + 1}: partner-fit {pf_walls[-1]:.2f} s {pf_rss[-1]:.0f} MiB, "
              f"DuckDB {db_walls[-1]:.2f} s (query {db_query[-1]:.2f} s) {db_rss[-1]:.0f} MiB",
              flush=True)
    return {
        "pf": statistics.median(pf_walls), "pf_min": min(pf_walls), "pf_rss": max(pf_rss),
        "db": statistics.median(db_walls), "dq": statistics.median(db_query),
        "dq_min": min(db_query), "db_rss": max(db_rss),
        "partners": len(pf), "disagree": disagreements(pf, db),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir")
    parser.add_argument("--python", default=sys.executable,
                        help="a Python with duckdb installed (default: this one)")
    args = parser.parse_args()
    if not shutil.which("/usr/bin/time"):
        sys.exit("needs /usr/bin/time (Debian package `time`)")
    probe = subprocess.run([args.python, "-c", "import duckdb; print(duckdb.__version__)"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        sys.exit("needs DuckDB for Python: pip install duckdb (or --python PATH)")
    work = args.workdir or tempfile.mkdtemp(prefix="partner-fit-deals-bench-")
    os.makedirs(work, exist_ok=True)
    try:
        files = {}
        for rows in (args.small, args.rows):
            path = os.path.join(work, f"deals-{rows}.csv")
            if not os.path.exists(path):
                print(f"== generating {rows:,} opportunities", flush=True)
                subprocess.run([sys.executable, os.path.join(HERE, "generate.py"),
                                "--rows", str(rows), "--out", path + ".part"], check=True)
                os.replace(path + ".part", path)
            files[rows] = path
        print("== building partner-fit --release", flush=True)
        subprocess.run(["cargo", "build", "--release", "--quiet",
                        "--manifest-path", os.path.join(ROOT, "Cargo.toml")], check=True)
        target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
        binary = os.path.join(target, "release", "partner-fit")
        print(f"   {os.cpu_count()} cores, DuckDB {probe.stdout.strip()}", flush=True)
        results = {}
        for rows, path in files.items():
            with open(path, "rb") as f:  # both tools then start from a warm page cache
                while f.read(1 << 24):
                    pass
            size = os.path.getsize(path) / 2**20
            print(f"== {rows:,} opportunities ({size:.0f} MiB)", flush=True)
            results[rows] = measure(binary, args.python, path, args.runs)

        print()
        ok = True
        for rows, r in results.items():
            agree = not r["disagree"]
            ok &= agree
            print(f"{rows:,} opportunities, {r['partners']} partners: counts and medians agree: "
                  f"{'yes' if agree else 'NO'}")
            for line in r["disagree"][:20]:
                print(f"   {line}")
            print(f"   partner-fit wall {r['pf']:.2f} s (median of {args.runs}), "
                  f"peak RSS {r['pf_rss']:.0f} MiB")
            print(f"   DuckDB      wall {r['db']:.2f} s, query alone {r['dq']:.2f} s, "
                  f"peak RSS {r['db_rss']:.0f} MiB")
            print(f"   ratio partner-fit / DuckDB query: {r['pf'] / r['dq']:.2f}x median, "
                  f"{r['pf_min'] / r['dq_min']:.2f}x fastest  (goal <= 0.5x); "
                  f"/ DuckDB process: {r['pf'] / r['db']:.2f}x")
            print(f"   peak memory partner-fit / DuckDB: {r['pf_rss'] / r['db_rss']:.2f}x  "
                  f"(goal <= 1x)")
        small, large = results[args.small], results[args.rows]
        scale = args.rows / args.small
        print(f"linearity: {args.rows:,} rows took {large['pf'] / small['pf']:.1f}x the time of "
              f"{args.small:,} ({scale:.0f}x the rows; DuckDB query "
              f"{large['dq'] / small['dq']:.1f}x)")
        if not ok:
            sys.exit(1)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
