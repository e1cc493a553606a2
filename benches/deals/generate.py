#!/usr/bin/env python3
"""Writes a Salesforce-shaped opportunity export for benches/deals/run.py.

    python3 benches/deals/generate.py --rows 1000000 --out deals.csv [--partners 50] [--seed 7]

One deal a row: `Opportunity ID`, `Amount` (as `$12,500.00`, the way Salesforce formats
currency), `Stage` (`Closed Won`, `Closed Lost` or an open stage), `Created Date`, `Close
Date` (month first, `3/14/2024`), `Partner Account` (empty on about 60 % of the deals,
else one of --partners names) and `Industry` (one of six, some empty). Deals with a
partner win more often and close sooner, so the comparison has something to find.
Deterministic for a given seed.
"""
import argparse
import datetime
import random

STAGES_OPEN = ["Prospecting", "Qualification", "Proposal", "Negotiation"]
INDUSTRIES = ["Manufacturing", "Retail", "Finance", "Healthcare", "Software", ""]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--partners", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    partners = [f"Partner {i:02d} Ltd" for i in range(1, args.partners + 1)]
    start = datetime.date(2022, 1, 1).toordinal()
    span = 4 * 365
    with open(args.out, "w", newline="") as out:
        out.write("Opportunity ID,Amount,Stage,Created Date,Close Date,Partner Account,Industry\r\n")
        lines = []
        for i in range(args.rows):
            with_partner = rnd.random() < 0.4
            partner = rnd.choice(partners) if with_partner else ""
            # Log-uniform from 1,000 to 1,000,000: every size band gets deals.
            amount = round(10 ** rnd.uniform(3, 6), 2)
            roll = rnd.random()
            win = 0.35 if with_partner else 0.22
            if roll < 0.15:
                stage = rnd.choice(STAGES_OPEN)
            elif roll < 0.15 + 0.85 * win:
                stage = "Closed Won"
            else:
                stage = "Closed Lost"
            created = start + rnd.randrange(span)
            cycle = rnd.randrange(5, 120 if with_partner else 180)
            close = datetime.date.fromordinal(created + cycle)
            created = datetime.date.fromordinal(created)
            industry = rnd.choice(INDUSTRIES)
            lines.append(
                f"006{i:012d},\"${amount:,.2f}\",{stage},"
                f"{created.month}/{created.day}/{created.year},"
                f"{close.month}/{close.day}/{close.year},{partner},{industry}\r\n"
            )
            if len(lines) == 65536:
                out.write("".join(lines))
                lines.clear()
        out.write("".join(lines))


if __name__ == "__main__":
    main()
