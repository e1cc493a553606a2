#!/usr/bin/env bash
# Bounded cost on hostile input: time and peak memory (max RSS, from `/usr/bin/time -v`) of
# one run on each input below, which must all stay under 1 s and 100 MiB, and grow
# linearly with the input, whatever the number of problems in it:
#   - a profile of 20,000 unknown keys (each one a problem);
#   - a profile of unknown keys filling 500 KiB (just under the size limit for a profile);
#   - a rules folder whose one rule has a 500 KB message of `25 25 …`;
#   - a rules folder with a chain of 20,000 rules, each referring to the one before;
#   - `--rules /`, which must stop at once with a message, not walk the disk.
# Every run is expected to exit 2 (bad input) except the chain, which must validate.
# Timings live here, never in tests.
# Usage: benches/bounded.sh [BINARY]   (default: a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
if [[ -z $bin ]]; then
    cargo build --release --quiet
    bin=${CARGO_TARGET_DIR:-target}/release/partner-fit
fi
bin=$(realpath "$bin")
rules=$(pwd)/rules
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" "$rules" <<'PY'
import os, shutil, sys

work, rules = sys.argv[1], sys.argv[2]
profile_head = 'format = 1\n[vendor]\nname = "Ledgerly"\n[partner]\nname = "Tallyhub"\n[market]\n'

with open(os.path.join(work, "keys-20000.toml"), "w") as f:
    f.write(profile_head)
    for i in range(20_000):
        f.write(f"k{i} = 1\n")

with open(os.path.join(work, "keys-500k.toml"), "w") as f:
    f.write(profile_head)
    size, i = len(profile_head), 0
    while size < 500 * 1024:
        line = f"unknown_key_{i:06} = 1\n"
        f.write(line)
        size += len(line)
        i += 1

def rule(id_, when, met="Met.", extra=""):
    return f'''id = "{id_}"
kind = "fit"
title = "Generated rule"
why = "Generated to measure bounded cost."
source = "benches/bounded.sh"
when = {when}
{extra}
[message]
met = "{met}"
unmet = "Unmet."
unknown = "Unknown."

[weight]
co-sell = 1

[[case]]
profile = {{ market = {{ icp_overlap_pct = 100 }} }}
expect = "met"

[[case]]
profile = {{ market = {{ icp_overlap_pct = 0 }} }}
expect = "unmet"
'''

own = '{ gt = { field = "market.icp_overlap_pct", value = 50 } }'
message = os.path.join(work, "message")
shutil.copytree(rules, message)
with open(os.path.join(message, "fit", "long-message.toml"), "w") as f:
    # A message that writes the condition's number over and over: each one is a literal
    # threshold, so every word would be a problem of its own.
    own25 = '{ gt = { field = "market.icp_overlap_pct", value = 25 } }'
    f.write(rule("fit.long-message", own25, met="25 " * (500_000 // 3)))

chain = os.path.join(work, "chain")
shutil.copytree(rules, chain)
for i in range(20_000):
    when = own if i == 0 else f'{{ all = [ {{ rule = "fit.chain-{i - 1:05}" }}, {own} ] }}'
    with open(os.path.join(chain, "fit", f"chain-{i:05}.toml"), "w") as f:
        f.write(rule(f"fit.chain-{i:05}", when))
PY

measure() {
    local label=$1 expect=$2
    shift 2
    local log=$work/time.log status=0
    /usr/bin/time -v "$@" >/dev/null 2>"$log" || status=$?
    # `time` exits with the command's status.
    if [[ $status != "$expect" ]]; then
        echo "$label: exit $status, expected $expect" >&2
        tail -20 "$log" >&2
        exit 1
    fi
    local secs kib
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ { split($2, t, ":"); print t[1] * 60 + t[2] }' "$log")
    kib=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log")
    printf '%-44s %7.2f s %8.1f MiB\n' "$label" "$secs" "$(echo "$kib / 1024" | bc -l)"
}

measure "profile, 20,000 unknown keys" 2 "$bin" assess "$work/keys-20000.toml"
measure "profile, 500 KiB of unknown keys" 2 "$bin" assess "$work/keys-500k.toml"
measure "rules, 500 KB message (validate)" 2 "$bin" rules validate "$work/message"
measure "rules, chain of 20,000 references (validate)" 0 "$bin" rules validate "$work/chain"
measure "assess --rules /" 2 "$bin" assess --rules / examples/ready-to-co-sell.toml
