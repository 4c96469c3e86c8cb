#!/usr/bin/env bash
# Hierarchical trust: a strong and a weak side, a paranoid weak side, and a
# missile-defence deployment, each over 20 seeds (independent replicates;
# docs/model.md §3.6, §14).
# Regenerate: bash results/hierarchical-trust/run.sh   (about a minute)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
cargo build --release --quiet
dilemma=target/release/dilemma
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

field="Tit For Tat,Generous Tit For Tat,Grudger,Spiral Reciprocator,Paranoid,Defector"
game=(--game security --param offence=0.3 --param differentiation=0.5)
declare -A cases=(
  [1-equal]="--side strong:power=0.5 --side weak:power=0.5"
  [2-hierarchy]="--side strong:power=0.7 --side weak:power=0.3"
  [3-hierarchy-paranoid-weak]="--side strong:power=0.7 --side weak:power=0.3,paranoia=0.2"
  [4-missile-defence]="--side strong:power=0.7,offence=0.6,differentiation=0.2 --side weak:power=0.3,paranoia=0.2"
)
for case in $(printf '%s\n' "${!cases[@]}" | sort); do
  for seed in $(seq 1 20); do
    # shellcheck disable=SC2086
    "$dilemma" tournament "${game[@]}" ${cases[$case]} \
      --players "strong=$field" --players "weak=$field" \
      --turns 200 --repetitions 10 --seed "$seed" --no-figures \
      --name "$case-$seed" --out "$work/$case-$seed" > /dev/null 2>&1
  done
done
python3 "$here/summarise.py" "$work" > "$here/sides.csv"
cp "$work/4-missile-defence-1/manifest.json" "$here/manifest-missile-defence-seed-1.json"
cat "$here/sides.csv"
