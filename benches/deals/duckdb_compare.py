#!/usr/bin/env python3
"""The matched comparison of `partner-fit deals compare`, in DuckDB SQL, on the export
generate.py writes. Prints one JSON object: per partner, the counts partner-fit reports
(deals, open, won, lost, matched with and without, unmatched, cells, won of each matched
side) and the medians of won deals' amount and cycle on each side, plus query_seconds.

    python3 benches/deals/duckdb_compare.py deals.csv

Same rules as rules/deals.toml: size bands below 10,000 / 50,000 / 250,000 and above;
segment compared without case (an empty one is a segment of its own); half-years of the
close date; a partner's closed deal is matched when a closed deal without a partner shares
its cell, and the matched deals without are those of the partner's matched cells.
"""
import json
import sys
import time

import duckdb

SQL = r"""
WITH raw AS (
  SELECT
    trim(coalesce("Partner Account", '')) AS partner,
    CAST(replace(replace("Amount", '$', ''), ',', '') AS DOUBLE) AS amount,
    CASE WHEN lower("Stage") LIKE 'closed won%' THEN 'won'
         WHEN lower("Stage") LIKE 'closed lost%' THEN 'lost'
         ELSE 'open' END AS outcome,
    strptime("Created Date", '%m/%d/%Y')::DATE AS created,
    strptime("Close Date", '%m/%d/%Y')::DATE AS closed,
    lower(coalesce("Industry", '')) AS seg
  FROM read_csv(?, header = true, all_varchar = true)
), deals AS (
  SELECT *,
    CASE WHEN amount < 10000 THEN 0 WHEN amount < 50000 THEN 1
         WHEN amount < 250000 THEN 2 ELSE 3 END AS band,
    (year(closed) * 12 + month(closed) - 1) // 6 AS period,
    date_diff('day', created, closed) AS cycle
  FROM raw
), controls AS (
  SELECT * FROM deals WHERE partner = '' AND outcome <> 'open'
), control_cells AS (
  SELECT band, seg, period, count(*) AS n, count(*) FILTER (outcome = 'won') AS w
  FROM controls GROUP BY ALL
), totals AS (
  SELECT partner, count(*) AS deals,
    count(*) FILTER (outcome = 'open') AS open,
    count(*) FILTER (outcome = 'won') AS won,
    count(*) FILTER (outcome = 'lost') AS lost
  FROM deals WHERE partner <> '' GROUP BY partner
), matched_with AS (
  SELECT d.* FROM deals d SEMI JOIN control_cells c USING (band, seg, period)
  WHERE d.partner <> '' AND d.outcome <> 'open'
), partner_cells AS (
  SELECT DISTINCT partner, band, seg, period FROM matched_with
), with_side AS (
  SELECT partner, count(*) AS with_n, count(*) FILTER (outcome = 'won') AS with_won,
    median(amount) FILTER (outcome = 'won') AS with_size,
    median(cycle) FILTER (outcome = 'won' AND cycle >= 0) AS with_cycle
  FROM matched_with GROUP BY partner
), without_side AS (
  SELECT p.partner, count(*) AS without_n, count(*) FILTER (c.outcome = 'won') AS without_won,
    count(DISTINCT (p.band, p.seg, p.period)) AS cells,
    median(c.amount) FILTER (c.outcome = 'won') AS without_size,
    median(c.cycle) FILTER (c.outcome = 'won' AND c.cycle >= 0) AS without_cycle
  FROM partner_cells p JOIN controls c USING (band, seg, period) GROUP BY p.partner
)
SELECT t.partner, t.deals, t.open, t.won, t.lost,
  coalesce(w.with_n, 0), coalesce(o.without_n, 0),
  t.won + t.lost - coalesce(w.with_n, 0), coalesce(o.cells, 0),
  coalesce(w.with_won, 0), coalesce(o.without_won, 0),
  w.with_size, o.without_size, w.with_cycle, o.without_cycle
FROM totals t LEFT JOIN with_side w USING (partner) LEFT JOIN without_side o USING (partner)
ORDER BY t.partner
"""

KEYS = ["deals", "open", "won", "lost", "with", "without", "unmatched", "cells",
        "with_won", "without_won", "with_size", "without_size", "with_cycle", "without_cycle"]


def main():
    path = sys.argv[1]
    start = time.perf_counter()
    rows = duckdb.connect().execute(SQL, [path]).fetchall()
    seconds = time.perf_counter() - start
    partners = {row[0]: dict(zip(KEYS, row[1:])) for row in rows}
    print(json.dumps({"query_seconds": seconds, "partners": partners}))


if __name__ == "__main__":
    main()
