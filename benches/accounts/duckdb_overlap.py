#!/usr/bin/env python3
"""The same normalized distinct join in DuckDB: prints accounts per side, the overlap, and
the time the query itself took (so DuckDB's interpreter start-up is not held against it)."""
import sys
import time

import duckdb

FREEMAIL = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com"]

# Lowercase and trim, drop the scheme, path/query/fragment, anything up to an `@` (email ->
# domain), a port and `www.`; keep values that still look like a domain.
NORMALIZE = """
CREATE MACRO norm(v) AS regexp_replace(regexp_replace(regexp_replace(regexp_replace(
    regexp_replace(lower(trim(v)), '^[a-z][a-z0-9+.-]*://', ''),
    '[/?#].*$', ''), '^.*@', ''), ':.*$', ''), '^www\\.', '');
"""

QUERY = """
WITH ours AS (
    SELECT DISTINCT norm("Website") AS k FROM read_csv(?, header = true, all_varchar = true)
    WHERE norm("Website") LIKE '%_._%'
), theirs AS (
    SELECT DISTINCT norm("Email") AS k FROM read_csv(?, header = true, all_varchar = true)
    WHERE norm("Email") LIKE '%_._%' AND norm("Email") NOT IN ({freemail})
)
SELECT (SELECT count(*) FROM ours), (SELECT count(*) FROM theirs),
       (SELECT count(*) FROM ours JOIN theirs USING (k))
"""


def main():
    ours, theirs = sys.argv[1], sys.argv[2]
    con = duckdb.connect()
    con.execute(NORMALIZE)
    freemail = ", ".join(f"'{d}'" for d in FREEMAIL)
    start = time.perf_counter()
    ours_n, theirs_n, overlap = con.execute(QUERY.format(freemail=freemail), [ours, theirs]).fetchone()
    elapsed = time.perf_counter() - start
    print(f"ours={ours_n} theirs={theirs_n} overlap={overlap} query_seconds={elapsed:.3f}")


if __name__ == "__main__":
    main()
