#!/usr/bin/env bash
# Times `partner-fit rules validate` on generated rule folders, to show validation grows
# linearly with the number of rules: the shipped rules plus N independent rules (N = 1,000
# and 4,000), and plus a chain of N rules each referring to the one before (N = 1,000 and
# 2,000). Every generated rule has a met and an unmet case, which validation runs.
# Prints each time and the ratio between the two sizes, measured in this run.
# Usage: benches/validate.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
target=${CARGO_TARGET_DIR:-target}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" "$target/release/partner-fit" <<'PY'
import os, shutil, subprocess, sys, time

work, binary = sys.argv[1], sys.argv[2]

def folder(name, count, chained):
    root = os.path.join(work, name)
    shutil.copytree("rules", root)
    family = os.path.join(root, "fit")
    for i in range(count):
        own = f'{{ gt = {{ field = "market.icp_overlap_pct", value = {i % 100} }} }}'
        when = own
        if chained and i > 0:
            when = f'{{ all = [ {{ rule = "fit.generated-{i - 1:05}" }}, {own} ] }}'
        # Met needs every rule down the chain met: an overlap above all their bars.
        met, unmet = (100, 0) if chained else (i % 100 + 1, 0)
        with open(os.path.join(family, f"generated-{i:05}.toml"), "w") as f:
            f.write(f'''id = "fit.generated-{i:05}"
kind = "fit"
title = "Generated rule {i}"
why = "Generated to time validation."
source = "benches/validate.sh"
when = {when}

[weight]
co-sell = 1

[[case]]
profile = {{ market = {{ icp_overlap_pct = {met} }} }}
expect = "met"

[[case]]
profile = {{ market = {{ icp_overlap_pct = {unmet} }} }}
expect = "unmet"
''')
    return root

def timed(root):
    best = None
    for _ in range(3):
        t = time.perf_counter()
        done = subprocess.run([binary, "rules", "validate", root], capture_output=True, text=True)
        elapsed = time.perf_counter() - t
        if done.returncode != 0:
            sys.exit(f"{root} did not validate:\n{done.stderr[:2000]}")
        best = elapsed if best is None else min(best, elapsed)
    return best

for label, small, large, chained in [
    ("independent rules", 1000, 4000, False),
    ("chain of references", 1000, 2000, True),
]:
    a = timed(folder(f"{label[:5]}-{small}", small, chained))
    b = timed(folder(f"{label[:5]}-{large}", large, chained))
    print(f"{label}: {small:,} in {a*1e3:7.1f} ms, {large:,} in {b*1e3:7.1f} ms "
          f"({b/a:4.1f}x the time for {large/small:.0f}x the rules; best of 3)")
PY
