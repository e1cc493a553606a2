#!/usr/bin/env python3
"""Writes two messy CRM exports for the account-overlap benchmark.

ours.csv   - an accounts export: BOM, CRLF, quoted names with commas, websites written
             every way people write them (case, scheme, www., paths, query strings,
             padding), blanks and N/A, duplicates.
theirs.csv - a contacts export: LF, emails (mixed case, some at free mail domains),
             quoted notes with embedded line breaks, blanks, duplicates.

Only messiness that both partner-fit and the DuckDB query normalize is generated, so both
must report the same counts. Deterministic for a given --rows and --seed.
"""
import argparse
import os
import random

TLDS = ["com", "io", "co.uk", "de", "net", "ai", "fr"]
FREEMAIL = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com"]
SUFFIXES = ["Inc", "Inc.", "LLC", "Ltd", "GmbH", "S.A.", "", "", ""]
INDUSTRIES = ["Software", "Retail", "Banking, Insurance", "Health", "Logistics"]


def domain(i):
    return f"company{i}.{TLDS[i % len(TLDS)]}"


def messy_website(rng, d):
    r = rng.random()
    if r < 0.03:
        return ""
    if r < 0.04:
        return "N/A"
    host = d if rng.random() < 0.5 else "www." + d
    scheme = rng.choice(["", "", "http://", "https://", "HTTPS://"])
    path = rng.choice(["", "", "/", "/about", "/en/pricing?utm_source=crm&x=1", "#top"])
    value = scheme + host + path
    if rng.random() < 0.3:
        value = value.upper() if rng.random() < 0.5 else value.title()
    if rng.random() < 0.1:
        value = "  " + value + " "
    return value


def quoted(value):
    return '"' + value.replace('"', '""') + '"'


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dir", default=".")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    n = args.rows
    # Ours draws from companies [0, 1.2n), theirs from [0.8n, 2.0n): a real overlap.
    ours_pool, theirs_lo = int(n * 1.2), int(n * 0.8)

    with open(os.path.join(args.dir, "ours.csv"), "w", encoding="utf-8-sig", newline="") as f:
        f.write("Account ID,Account Name,Website,Owner,Industry,Created\r\n")
        for row in range(n):
            i = rng.randrange(ours_pool)
            name = f"Company {i} {rng.choice(SUFFIXES)}".strip()
            name = quoted(name.replace(" Inc", ", Inc")) if rng.random() < 0.2 else name
            website = messy_website(rng, domain(i))
            if "," in website or '"' in website:
                website = quoted(website)
            industry = rng.choice(INDUSTRIES)
            industry = quoted(industry) if "," in industry else industry
            f.write(f"A{row:08d},{name},{website},owner{row % 97}@example.com,{industry},"
                    f"2024-{1 + row % 12:02d}-{1 + row % 28:02d}\r\n")

    with open(os.path.join(args.dir, "theirs.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("Contact ID,First Name,Last Name,Email,Notes\n")
        for row in range(n):
            i = theirs_lo + rng.randrange(int(n * 1.2))
            r = rng.random()
            if r < 0.03:
                email = ""
            elif r < 0.08:
                email = f"person{row}@{rng.choice(FREEMAIL)}"
            else:
                host = domain(i)
                email = f"first.last{row % 50}@{host}"
                if rng.random() < 0.3:
                    email = email.upper()
            notes = rng.choice(["", "met at summit", quoted("called twice,\nwants demo"), "renewal Q3"])
            f.write(f"C{row:08d},First{row % 300},Last{row % 700},{email},{notes}\n")


if __name__ == "__main__":
    main()
