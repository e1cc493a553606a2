#!/usr/bin/env python3
"""The same normalized distinct join in polars (lazy, all columns read as text): prints
accounts per side, the overlap, and the time the query itself took (so the interpreter's
start-up and polars' import are not held against it)."""
import sys
import time

import polars as pl

FREEMAIL = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com"]


def norm(column):
    """Lowercase and trim, drop the scheme, path/query/fragment, anything up to an `@`
    (email -> domain), a port and `www.`: the steps and order of duckdb_overlap.py."""
    value = pl.col(column).str.strip_chars(" ").str.to_lowercase()
    for pattern in [r"^[a-z][a-z0-9+.-]*://", r"[/?#].*$", r"^.*@", r":.*$", r"^www\."]:
        value = value.str.replace(pattern, "")
    return value.alias("k")


def keys(path, column, exclude=()):
    frame = pl.scan_csv(path, infer_schema=False).select(norm(column))
    # `LIKE '%_._%'`: a dot with a character on each side.
    frame = frame.filter(pl.col("k").str.contains(r".\..") & ~pl.col("k").is_in(list(exclude)))
    return frame.unique()


def main():
    ours_path, theirs_path = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    ours = keys(ours_path, "Website")
    theirs = keys(theirs_path, "Email", FREEMAIL)
    ours_n, theirs_n, overlap = pl.collect_all([
        ours.select(pl.len()),
        theirs.select(pl.len()),
        ours.join(theirs, on="k").select(pl.len()),
    ])
    elapsed = time.perf_counter() - start
    print(f"ours={ours_n.item()} theirs={theirs_n.item()} overlap={overlap.item()} "
          f"query_seconds={elapsed:.3f}")


if __name__ == "__main__":
    main()
