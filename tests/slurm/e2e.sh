#!/usr/bin/env bash
# End-to-end test on a real Slurm cluster of one node, this machine: a
# 21 x 21 Jervis sweep with replicates submitted by `dilemma slurm --submit`
# as an 8-task job array plus a merge job that depends on it; the merged
# tables must equal a single-machine run's byte for byte.
#
# Installs Debian's slurm-wlm and munge when missing (needs root and the
# Debian archive), starts munged, slurmctld and slurmd directly (no
# systemd), with every state file, socket and log in a temporary folder,
# and stops the daemons it started on exit. Usage: tests/slurm/e2e.sh
# [path/to/dilemma] (default: target/release/dilemma, built if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
TIMEOUT=${DILEMMA_E2E_TIMEOUT:-900}

say() { echo "== slurm e2e: $*"; }

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  if [ "$(id -u)" != 0 ]; then
    echo "slurm e2e: slurm-wlm and munge are missing and this is not root: cannot install them" >&2
    exit 1
  fi
  say "installing slurm-wlm and munge"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq slurm-wlm munge >/dev/null
fi

BIN=${1:-$ROOT/target/release/dilemma}
if [ ! -x "$BIN" ]; then
  say "building the release binary"
  cargo build --release --quiet
fi
BIN=$(readlink -f "$BIN")

T=$(mktemp -d /tmp/dilemma-slurm-e2e.XXXXXX)
chmod 700 "$T"
PIDS=()
cleanup() {
  local rc=$?
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ "$rc" != 0 ]; then
    echo "slurm e2e failed; logs:" >&2
    for f in "$T"/*.log "$T"/sharded/slurm/*.log; do
      [ -f "$f" ] && { echo "--- $f" >&2; tail -n 30 "$f" >&2; }
    done
  fi
  rm -rf "$T"
  exit "$rc"
}
trap cleanup EXIT INT TERM

HOST=$(hostname -s)
CPUS=$(nproc)
MEM=$(awk '/MemTotal/ { print int($2 / 1024 / 2) }' /proc/meminfo)
# Ports of this test alone, away from a site's own Slurm (6817, 6818).
PORT=$((20000 + RANDOM % 20000))

say "munge"
mkdir -p "$T/munge"
chmod 700 "$T/munge"
dd if=/dev/urandom of="$T/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$T/munge/munge.key"
SOCKET=$T/munge/munge.socket
munged --foreground --force --key-file="$T/munge/munge.key" --socket="$SOCKET" \
  --pid-file="$T/munge/munged.pid" --log-file="$T/munged.log" --seed-file="$T/munge/seed" \
  >"$T/munged.out.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do [ -S "$SOCKET" ] && break; sleep 0.2; done
[ -S "$SOCKET" ] || { echo "munged did not start" >&2; exit 1; }

say "slurmctld and slurmd on $HOST ($CPUS CPUs, port $PORT)"
mkdir -p "$T/state" "$T/spool"
cat >"$T/slurm.conf" <<CONF
ClusterName=dilemmae2e
SlurmctldHost=$HOST
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
AuthType=auth/munge
AuthInfo=socket=$SOCKET
CredType=cred/munge
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
MinJobAge=3600
NodeName=$HOST CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=e2e Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$T/slurm.conf
slurmctld -D -i -f "$SLURM_CONF" >"$T/slurmctld.out.log" 2>&1 &
PIDS+=($!)
slurmd -D -N "$HOST" -f "$SLURM_CONF" >"$T/slurmd.out.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do
  state=$(sinfo -h -n "$HOST" -o %t 2>/dev/null || true)
  case "$state" in idle*|mix*|alloc*) break ;; esac
  sleep 0.3
done
sinfo -h -n "$HOST" -o %t | grep -Eq '^(idle|mix|alloc)' \
  || { echo "the node did not come up: $(sinfo 2>&1)" >&2; exit 1; }

say "the single-machine run"
cat >"$T/jervis.toml" <<TOML
[tournament]
name = "jervis-e2e"
players = ["Tit For Tat", "Generous Tit For Tat", "Win-Stay Lose-Shift", "Grudger",
           "Cooperator", "Defector", "Spiral Reciprocator", "Deterrence Hard-liner",
           "Paranoid", "Reassurer", "Relative-gains Maximiser"]
game = { kind = "security" }
turns = 100
repetitions = 5
replicates = 3
noise = 0.01
seed = 7

[sweep]
axes = [
  { parameter = "offence", from = 0.0, to = 1.0, steps = 21 },
  { parameter = "differentiation", from = 0.0, to = 1.0, steps = 21 },
]
TOML
env -u SLURM_ARRAY_TASK_ID "$BIN" run "$T/jervis.toml" --out "$T/single" --no-figures >/dev/null

say "submitting 8 shards and the merge"
(cd "$T" && "$BIN" slurm jervis.toml --shards 8 --cpus 1 --time 30 --out sharded --no-figures --submit) \
  | tee "$T/submit.txt"
ARRAY=$(sed -n 's/^submitted the array as job \([0-9]*\) and the merge as job \([0-9]*\)$/\1/p' "$T/submit.txt")
MERGE=$(sed -n 's/^submitted the array as job \([0-9]*\) and the merge as job \([0-9]*\)$/\2/p' "$T/submit.txt")
[ -n "$ARRAY" ] && [ -n "$MERGE" ] || { echo "no job ids in the submission's output" >&2; exit 1; }

say "waiting for jobs $ARRAY (array) and $MERGE (merge), at most $TIMEOUT s"
start=$SECONDS
while [ -n "$(squeue -h -j "$ARRAY,$MERGE" -o %i 2>/dev/null)" ]; do
  if [ $((SECONDS - start)) -gt "$TIMEOUT" ]; then
    squeue >&2 || true
    scancel "$ARRAY" "$MERGE" 2>/dev/null || true
    echo "slurm e2e: the jobs did not finish within $TIMEOUT s" >&2
    exit 1
  fi
  sleep 2
done
merge_state=$(scontrol show job "$MERGE" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -n 1)
say "merge job: ${merge_state:-gone} after $((SECONDS - start)) s"
[ "${merge_state:-COMPLETED}" = COMPLETED ] || { echo "the merge job ended $merge_state" >&2; exit 1; }

for f in sweep.csv sweep_intervals.csv world_differences.csv manifest.json; do
  cmp "$T/single/$f" "$T/sharded/$f" || { echo "slurm e2e: $f differs" >&2; exit 1; }
done
shards=$(ls -d "$T"/sharded/shards/shard-*-of-8 | wc -l)
[ "$shards" = 8 ] || { echo "slurm e2e: $shards shard folders, not 8" >&2; exit 1; }
say "merged sweep.csv ($(wc -l <"$T/sharded/sweep.csv") lines) and the other tables equal the single run byte for byte"
echo "slurm e2e: passed"
