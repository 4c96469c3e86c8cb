#!/usr/bin/env bash
# Same-machine, same-time speed comparison of this tree against an older commit:
# builds the older commit's `play` and `tournament` benches in a temporary git
# worktree, then runs the two builds' benches interleaved ROUNDS times (short
# criterion runs) and prints every estimate, sorted. On a shared machine with slow
# spells, compare the best (lowest) estimates of each side: a single criterion run
# against numbers measured on another day says little.
#
#   bash benches/ab_compare.sh COMMIT [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
old_commit=${1:?usage: bash benches/ab_compare.sh COMMIT [ROUNDS]}
rounds=${2:-3}
old=$(mktemp -d)/old
git worktree add -q --detach "$old" "$old_commit"
trap 'git worktree remove --force "$old"' EXIT

# Older commits have no `bench` feature; this tree needs it.
features() { grep -q '^bench = ' "$1/Cargo.toml" && echo "--features bench" || true; }
executable() { # DIR BENCH: build the bench and print its executable's path
  (cd "$1" && CARGO_TARGET_DIR="$1/target" cargo bench $(features "$1") --bench "$2" --no-run 2>&1 |
    sed -n 's/.*Executable .*(\(.*\))$/\1/p' | tail -1)
}
declare -A play tournament
for side in old new; do
  dir=$([ $side = old ] && echo "$old" || pwd)
  play[$side]="$dir/$(executable "$dir" play)"
  tournament[$side]="$dir/$(executable "$dir" tournament)"
done
short="--warm-up-time 1 --measurement-time 2 --noplot"
for _ in $(seq "$rounds"); do
  for side in old new; do
    for f in tournament_50x200x10/1_threads tournament_50x200x10/2_threads; do
      ${tournament[$side]} --bench "^$f\$" $short 2>&1 | grep -v '%' |
        awk -v s=$side -v f=$f '/time:/ {print f, s, $4, $5}'
    done
    ${play[$side]} --bench 'tft_v_tft_1000$' $short 2>&1 | grep -v '%' |
      awk -v s=$side '/time:/ {print "match/tft_v_tft_1000", s, $5, $6}'
  done
done | sort
