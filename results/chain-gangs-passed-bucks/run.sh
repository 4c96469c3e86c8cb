#!/usr/bin/env bash
# Chain gangs and passed bucks: two allied states facing one outsider, across
# the offence-defence balance θ, 10 seeds each (independent replicates;
# docs/model.md §20, §14).
# Regenerate: bash results/chain-gangs-passed-bucks/run.sh   (about a minute)
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
      --name "theta-$theta-$seed" --out "$work/theta-$theta-$seed" > /dev/null
  done
done
python3 "$here/summarise.py" "$work" "$here"
cp "$work/theta-0.9-1/manifest.json" "$here/manifest-theta-0.9-seed-1.json"
cat "$here/by-offence.csv"
