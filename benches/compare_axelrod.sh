#!/usr/bin/env bash
# Times the same 50-strategy deterministic tournament (200 turns, 10 repetitions,
# full statistics) in Axelrod-Python and in dilemma, on 1 and 2 threads, and
# prints the ratios. Needs `pip install axelrod` (4.14 was the reference).
# Usage: bash benches/compare_axelrod.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
field=$(python3 - <<'PY'
import json
d = json.load(open("tests/fixtures/tournament_all_deterministic.json"))
print(json.dumps({"players": d["players"], "classes": d["classes"]}))
PY
)
# The first 50 of the 81 that dilemma implements (as benches/tournament.rs).
implemented=$(./target/release/dilemma strategies --format json | python3 -c '
import json, sys
rows = json.load(sys.stdin)
names = set()
for r in rows:
    names.add(r["name"].lower())
    for a in r.get("aliases", []):
        names.add(a.lower())
print(json.dumps(sorted(names)))')
selection=$(python3 - "$field" "$implemented" <<'PY'
import json, sys
field = json.loads(sys.argv[1]); names = set(json.loads(sys.argv[2]))
pairs = [(p, c) for p, c in zip(field["players"], field["classes"]) if p.lower() in names or c.lower() in names][:50]
print(json.dumps(pairs))
PY
)
players=$(python3 -c 'import json,sys; print(",".join(p for p, _ in json.loads(sys.argv[1])))' "$selection")
out=$(mktemp -d)
# The tournament's own time (the "played in" line) of 15 runs per thread
# count, the two counts interleaved so that a slow spell of a shared machine
# hits both alike; the median and the best run are reported.
t1=(); t2=()
for _ in $(seq 15); do
  for threads in 1 2; do
    t=$(./target/release/dilemma tournament --players "$players" --turns 200 --repetitions 10 \
        --threads "$threads" --no-figures --out "$out/t$threads" 2>&1 >/dev/null | awk '/played in/ {print $(NF-1)}')
    if [ "$threads" = 1 ]; then t1+=("$t"); else t2+=("$t"); fi
  done
done
median() { printf '%s\n' "$@" | sort -n | sed -n 8p; }
best() { printf '%s\n' "$@" | sort -n | sed -n 1p; }
one=$(median "${t1[@]}"); two=$(median "${t2[@]}")
one_best=$(best "${t1[@]}"); two_best=$(best "${t2[@]}")
printf 'dilemma, 1 thread:  %.4f s median of 15, %.4f s best\n' "$one" "$one_best"
printf 'dilemma, 2 threads: %.4f s median of 15, %.4f s best\n' "$two" "$two_best"
printf 'speed-up on 2 threads: %.2fx (medians), %.2fx (best runs)\n' \
  "$(echo "$one / $two" | bc -l)" "$(echo "$one_best / $two_best" | bc -l)"
if python3 -c 'import axelrod' 2>/dev/null; then
  axl=$(python3 - "$selection" <<'PY'
import json, sys, time
import axelrod as axl
pairs = json.loads(sys.argv[1])
players = [getattr(axl, c)() for _, c in pairs]
t = axl.Tournament(players, turns=200, repetitions=10, seed=1)
start = time.perf_counter()
t.play(progress_bar=False, processes=None)
print(time.perf_counter() - start)
PY
)
  printf 'Axelrod-Python, serial: %.3f s\n' "$axl"
  printf 'ratio (Axelrod-Python / dilemma, 1 thread): %.0fx\n' "$(echo "$axl / $one" | bc -l)"
else
  echo "axelrod is not installed (pip install axelrod): reference 15.7 s serial on the 2-core machine type"
  printf 'ratio against the reference 15.7 s: %.0fx\n' "$(echo "15.7 / $one" | bc -l)"
fi
rm -rf "$out"
