#!/usr/bin/env bash
# Times `partner-fit assess` end to end, in one run, against two baselines:
#   1. one profile: partner-fit against the floor of a process that only reads and parses
#      the same TOML file (target: within 2x of the floor);
#   2. 1,000 profiles: one invocation against 1,000 separate runs (target: 20x faster).
# Prints ratios measured in this run, with the compared commands run in turn so that drift
# in the machine's speed weighs on both sides alike. Timings live here, never in tests.
# Usage: benches/assess.sh [PROFILE] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:-examples/ready-to-co-sell.toml}
runs=${2:-200}
cargo build --release --quiet
cargo build --release --quiet --example parse-floor
target=${CARGO_TARGET_DIR:-target}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$profile" "$runs" "$work" "$target" <<'PY'
import os, re, shutil, statistics, subprocess, sys, time

profile, runs, work, target = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
# Both binaries are timed as copies: here, a binary straight from the linker started
# measurably slower than a copy of itself (the floor and partner-fit alike), so copying
# both keeps that out of the ratios.
bin_, floor = os.path.join(work, "partner-fit"), os.path.join(work, "parse-floor")
shutil.copy2(os.path.join(target, "release", "partner-fit"), bin_)
shutil.copy2(os.path.join(target, "release", "examples", "parse-floor"), floor)
devnull = subprocess.DEVNULL

def run(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=devnull, stderr=devnull)
    return time.perf_counter() - t

def interleaved_medians(cmds, n):
    """Runs the commands in turn, n rounds, so that drift in the machine's speed during
    the run weighs on all of them alike; returns each one's median wall time."""
    for _ in range(5):  # warm the page cache
        for cmd in cmds:
            run(cmd)
    times = [[] for _ in cmds]
    for _ in range(n):
        for i, cmd in enumerate(cmds):
            times[i].append(run(cmd))
    return [statistics.median(t) for t in times]

floor_t, table_t, json_t = interleaved_medians(
    [
        [floor, profile],
        [bin_, "assess", profile],
        [bin_, "assess", profile, "--format", "json"],
    ],
    runs,
)
print(f"one profile ({profile}), median of {runs} runs:")
print(f"  floor (read + parse TOML)   {floor_t*1e3:7.2f} ms")
print(f"  assess --format table       {table_t*1e3:7.2f} ms   {table_t/floor_t:5.2f}x the floor")
print(f"  assess --format json        {json_t*1e3:7.2f} ms   {json_t/floor_t:5.2f}x the floor")

# 1,000 profiles: copies of the example with varied answers, so no two are identical.
text = open(profile, encoding="utf-8").read()
paths = []
for i in range(1000):
    varied = re.sub(r"icp_overlap_pct = \d+", f"icp_overlap_pct = {i % 101}", text)
    varied = re.sub(r"named_overlap_accounts = \d+", f"named_overlap_accounts = {i % 30}", varied)
    path = os.path.join(work, f"partner-{i:04}.toml")
    open(path, "w", encoding="utf-8").write(varied)
    paths.append(path)

one = [bin_, "assess", *paths, "--format", "json"]
run(one)  # warm the page cache
one_times = [run(one)]
t = time.perf_counter()
for path in paths:
    subprocess.run([bin_, "assess", path, "--format", "json"], stdout=devnull, stderr=devnull)
many_t = time.perf_counter() - t
one_times += [run(one) for _ in range(4)]
one_t = statistics.median(one_times)
print("1,000 profiles:")
print(f"  one invocation (median of 5) {one_t*1e3:6.1f} ms")
print(f"  1,000 separate runs         {many_t*1e3:7.1f} ms   one invocation is {many_t/one_t:5.1f}x faster")
PY
