"""The full-library tournament: every strategy `dilemma strategies` lists,
200 turns, beside Axelrod-Python 4.14 on the strategies both libraries have.

Axelrod-Python's published full-library runs (Axelrod-Python/tournament,
run_std.py, run_noisy.py, run_probend.py) use 200 turns and 100
repetitions, with noise 0.05 or an end probability of 0.1 as the variants.
dilemma runs all three at 100 repetitions. Axelrod-Python takes minutes
per repetition on this machine type (README of the reference data: 172.5 s
for one repetition of 224 strategies), so it is timed on REPETITIONS_AXELROD
repetitions of the shared field, and dilemma on the same configuration too.

Reports wall time (the tournament's own "played in" time for dilemma, the
`play()` call for Axelrod-Python) and peak resident memory of each process.

Needs `pip install axelrod==4.14.0`. Run from the repository root:
    python3 benches/full_library.py [--skip-axelrod]
"""
import json
import re
import subprocess
import sys
import tempfile
import time

BIN = "target/release/dilemma"
REPETITIONS_AXELROD = 2


def dilemma(players, *extra):
    """Runs a tournament; returns (played-in seconds, peak RSS in MB)."""
    with tempfile.TemporaryDirectory() as out:
        proc = subprocess.run(
            ["/usr/bin/time", "-f", "peak_kb %M", BIN, "tournament", "--players",
             players, "--no-figures", "--out", out, *extra],
            capture_output=True, text=True, check=True,
        )
    text = proc.stdout + proc.stderr
    played = float(re.search(r"played in ([0-9.]+) s", text)[1])
    peak_kb = int(re.search(r"peak_kb (\d+)", text)[1])
    return played, peak_kb / 1024


def axelrod_time(names):
    """Plays Axelrod-Python's tournament of `names` in a child process."""
    script = f"""
import json, resource, time, axelrod as axl
wanted = json.loads({json.dumps(json.dumps(names))})
by_name = {{str(s()): s for s in axl.short_run_time_strategies}}
players = [by_name[n]() for n in wanted]
t = axl.Tournament(players, turns=200, repetitions={REPETITIONS_AXELROD}, seed=1)
start = time.perf_counter()
t.play(progress_bar=False, processes=None)
print(json.dumps([time.perf_counter() - start,
                  resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]))
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True,
                          text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main():
    subprocess.run(["cargo", "build", "--release", "--quiet"], check=True)
    listing = json.loads(subprocess.run([BIN, "strategies", "--format", "json"],
                                        capture_output=True, text=True, check=True).stdout)
    # `--players all` leaves out the long-running players, as Axelrod-Python's
    # published runs leave out its long_run_time strategies.
    ours = [r["name"] for r in listing
            if r["kind"] != "three-action" and not r.get("long_run_time")]
    print(f"dilemma, --players all ({len(ours)} strategies), 200 turns, 100 repetitions:")
    for label, extra in [("standard", ["--turns", "200"]),
                         ("noise 0.05", ["--turns", "200", "--noise", "0.05"]),
                         ("continuation 0.9", ["--continuation", "0.9"])]:
        secs, mb = dilemma("all", "--repetitions", "100", *extra)
        print(f"  {label:<17} {secs:8.2f} s  {mb:7.1f} MB", flush=True)
    if "--skip-axelrod" in sys.argv:
        return
    import axelrod as axl  # noqa: F401  (only to fail early when missing)
    names = {str(s()) for s in axl.short_run_time_strategies}
    shared = [n for n in ours if n in names]
    joined = ",".join(shared)
    secs, mb = dilemma(joined, "--turns", "200", "--repetitions", str(REPETITIONS_AXELROD))
    print(f"shared field ({len(shared)} strategies), 200 turns, "
          f"{REPETITIONS_AXELROD} repetitions:")
    print(f"  dilemma          {secs:8.2f} s  {mb:7.1f} MB")
    axl_secs, axl_mb = axelrod_time(shared)
    print(f"  Axelrod-Python   {axl_secs:8.2f} s  {axl_mb:7.1f} MB  "
          f"({axl_secs / secs:.0f}x dilemma's time)")


if __name__ == "__main__":
    main()
