#!/usr/bin/env bash
# Times `partner-fit assess` on one profile whose partner name grows tenfold each step
# (one word, and words of ten letters), in each format, to show that wrapping and
# rendering are linear in the text's length: each tenfold step should take about ten
# times as long. Timings live here, never in tests.
# Usage: benches/long-names.sh [BINARY] [LARGEST]   (default: a release build, 16,000,000)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
if [[ -z $bin ]]; then
    cargo build --release --quiet
    bin=${CARGO_TARGET_DIR:-target}/release/partner-fit
fi
largest=${2:-16000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$bin" "$largest" "$work" <<'PY'
import re, subprocess, sys, time

binary, largest, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
base = open("examples/ready-to-co-sell.toml", encoding="utf-8").read()
print(f"{'chars':>12} {'shape':>6} " + " ".join(f"{f:>9}" for f in ("table", "table@40", "markdown", "json", "html")))
size = 16000
while size <= largest:
    for shape, name in (("word", "N" * size), ("words", ("Northwind " * (size // 10)).strip())):
        path = f"{work}/long.toml"
        text = re.sub(r'(\[partner\]\nname = )"[^"]*"', lambda m: m.group(1) + '"' + name + '"', base)
        open(path, "w", encoding="utf-8").write(text)
        times = []
        for fmt, columns in (("table", "100"), ("table", "40"), ("markdown", "100"), ("json", "100"), ("html", "100")):
            t = time.perf_counter()
            subprocess.run([binary, "assess", "--no-pager", "--format", fmt, path],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           env={"COLUMNS": columns, "NO_COLOR": "1"})
            times.append(time.perf_counter() - t)
        print(f"{size:>12,} {shape:>6} " + " ".join(f"{t:>8.2f}s" for t in times))
    size *= 10
PY
