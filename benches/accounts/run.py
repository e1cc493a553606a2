#!/usr/bin/env python3
"""Account-overlap benchmark: partner-fit against DuckDB and polars on the same messy exports.

    python3 benches/accounts/run.py [--rows 1000000] [--runs 5] [--workdir DIR]

Creates a throwaway virtual environment with DuckDB and polars (not project dependencies),
generates ours.csv and theirs.csv (generate.py), builds partner-fit --release, then times,
in the same run and alternating, `partner-fit accounts overlap`, DuckDB running the same
normalized distinct join (duckdb_overlap.py) and polars running it (polars_overlap.py),
each under /usr/bin/time -v for wall time and peak memory. Prints all three, checks that
they agree on the counts, and prints the ratios. The goals: partner-fit at most 0.5x
DuckDB's time, faster than polars, and peaking at or below DuckDB's memory. Without
--workdir everything is made in a temporary folder and removed; with it, the environment
and the files are kept and reused.
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workdir")
    args = parser.parse_args()
    if not shutil.which("/usr/bin/time"):
        sys.exit("needs /usr/bin/time (Debian package `time`)")

    work = args.workdir or tempfile.mkdtemp(prefix="partner-fit-bench-")
    os.makedirs(work, exist_ok=True)
    try:
        venv = os.path.join(work, "venv")
        python = os.path.join(venv, "bin", "python")
        if not os.path.exists(python):
            subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        probe = "import duckdb, polars; print(duckdb.__version__, polars.__version__)"
        if subprocess.run([python, "-c", probe], capture_output=True).returncode != 0:
            print("== DuckDB and polars into a throwaway environment", flush=True)
            subprocess.run([python, "-m", "pip", "install", "-q", "duckdb", "polars"], check=True)
        version, pl_version = subprocess.run([python, "-c", probe], check=True,
                                             capture_output=True, text=True).stdout.split()
        ours, theirs = os.path.join(work, "ours.csv"), os.path.join(work, "theirs.csv")
        marker = os.path.join(work, f"rows-{args.rows}")
        if not os.path.exists(marker):
            print(f"== generating {args.rows:,} x {args.rows:,} rows", flush=True)
            subprocess.run([sys.executable, os.path.join(HERE, "generate.py"),
                            "--rows", str(args.rows), "--dir", work], check=True)
            open(marker, "w").close()
        print("== building partner-fit --release", flush=True)
        subprocess.run(["cargo", "build", "--release", "--quiet",
                        "--manifest-path", os.path.join(ROOT, "Cargo.toml")], check=True)
        binary = os.path.join(ROOT, "target", "release", "partner-fit")
        sizes = [os.path.getsize(p) / 2**20 for p in (ours, theirs)]
        print(f"   ours.csv {sizes[0]:.0f} MiB, theirs.csv {sizes[1]:.0f} MiB, "
              f"{os.cpu_count()} cores, DuckDB {version}, polars {pl_version}")
        for path in (ours, theirs):  # both tools then start from a warm page cache
            with open(path, "rb") as f:
                while f.read(1 << 24):
                    pass

        pf_walls, pf_rss, db_walls, db_query, db_rss = [], [], [], [], []
        pl_walls, pl_query, pl_rss = [], [], []
        for run in range(args.runs):
            out, wall, rss = timed([binary, "accounts", "overlap", ours, theirs, "--format", "json"])
            report = json.loads(out)
            pf_walls.append(wall)
            pf_rss.append(rss)
            pf_counts = (report["ours"]["accounts"], report["theirs"]["accounts"], report["overlap"])
            out, wall, rss = timed([python, os.path.join(HERE, "duckdb_overlap.py"), ours, theirs])
            fields = dict(item.split("=") for item in out.split())
            db_walls.append(wall)
            db_rss.append(rss)
            db_query.append(float(fields["query_seconds"]))
            db_counts = (int(fields["ours"]), int(fields["theirs"]), int(fields["overlap"]))
            out, wall, rss = timed([python, os.path.join(HERE, "polars_overlap.py"), ours, theirs])
            fields = dict(item.split("=") for item in out.split())
            pl_walls.append(wall)
            pl_rss.append(rss)
            pl_query.append(float(fields["query_seconds"]))
            pl_counts = (int(fields["ours"]), int(fields["theirs"]), int(fields["overlap"]))
            print(f"   run {run + 1}: partner-fit {pf_walls[-1]:.2f} s {pf_rss[-1]:.0f} MiB, "
                  f"DuckDB {db_walls[-1]:.2f} s (query {db_query[-1]:.2f} s) {db_rss[-1]:.0f} MiB, "
                  f"polars {pl_walls[-1]:.2f} s (query {pl_query[-1]:.2f} s) {pl_rss[-1]:.0f} MiB",
                  flush=True)

        # Medians, and minimums: on a shared machine, other work only ever adds time, so the
        # fastest run of each is the fairest estimate of what the tool itself costs.
        pf, db, dq = (statistics.median(x) for x in (pf_walls, db_walls, db_query))
        plw, plq = (statistics.median(x) for x in (pl_walls, pl_query))
        pf_min, dq_min, plq_min = min(pf_walls), min(db_query), min(pl_query)
        print()
        print(f"partner-fit: accounts ours={pf_counts[0]:,} theirs={pf_counts[1]:,} "
              f"overlap={pf_counts[2]:,}")
        print(f"DuckDB:      accounts ours={db_counts[0]:,} theirs={db_counts[1]:,} "
              f"overlap={db_counts[2]:,}")
        print(f"polars:      accounts ours={pl_counts[0]:,} theirs={pl_counts[1]:,} "
              f"overlap={pl_counts[2]:,}")
        agree = pf_counts == db_counts == pl_counts
        print(f"counts agree: {'yes' if agree else 'NO'}")
        print(f"partner-fit wall {pf:.2f} s (median of {args.runs}), peak RSS {max(pf_rss):.0f} MiB")
        print(f"DuckDB      wall {db:.2f} s, query alone {dq:.2f} s, peak RSS {max(db_rss):.0f} MiB")
        print(f"polars      wall {plw:.2f} s, query alone {plq:.2f} s, peak RSS {max(pl_rss):.0f} MiB")
        print(f"fastest runs: partner-fit {pf_min:.2f} s, DuckDB query {dq_min:.2f} s, "
              f"polars query {plq_min:.2f} s")
        print(f"ratio partner-fit / DuckDB query: {pf / dq:.2f}x median, {pf_min / dq_min:.2f}x "
              f"fastest  (goal <= 0.5x)")
        print(f"ratio partner-fit / DuckDB process: {pf / db:.2f}x")
        print(f"ratio partner-fit / polars query: {pf / plq:.2f}x median, {pf_min / plq_min:.2f}x "
              f"fastest  (goal < 1x); / polars process: {pf / plw:.2f}x")
        print(f"peak memory partner-fit / DuckDB: {max(pf_rss) / max(db_rss):.2f}x, "
              f"/ polars: {max(pf_rss) / max(pl_rss):.2f}x  (goal <= 1x DuckDB)")
        if not agree:
            sys.exit(1)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
