#!/usr/bin/env bash
# Chain gangs and passed bucks, evolved: the field of run.sh evolving in groups of
# three (two allies, one outsider; seats rotate) in a finite population of 50 with
# pairwise-comparison imitation (β = 1), small-mutation limit, across θ, 10 seeds
# each (docs/model.md §20.8, §14).
# Regenerate: bash results/chain-gangs-passed-bucks/evolve.sh   (a few minutes)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
cargo build --release --quiet
dilemma=target/release/dilemma
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

field="Chain Ganger,Buck Passer,Bloc Reciprocator,Balancer,TFT (all),Grim,Defector,Cooperator"
for theta in 0.1 0.3 0.5 0.7 0.9; do
  for seed in $(seq 1 10); do
    "$dilemma" groups --game alliance --bloc west=1,2 --param offence="$theta" \
      --players "$field" --turns 200 --repetitions 5 --noise 0.02 --seed "$seed" \
      --evolve fixation --population 50 --intensity 1 --no-figures \
      --name "evolve-$theta-$seed" --out "$work/evolve-$theta-$seed" > /dev/null
  done
done
python3 "$here/summarise_evolution.py" "$work" "$here"
cp "$work/evolve-0.9-1/manifest.json" "$here/manifest-evolve-theta-0.9-seed-1.json"
cat "$here/evolution-by-offence.csv"
