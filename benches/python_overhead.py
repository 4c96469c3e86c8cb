"""The Python layer's overhead on the default tournament: the package's
``dilemma.Tournament().run()`` (with its summary DataFrame) against the
command line's ``dilemma tournament --no-figures`` on the same
configuration, interleaved rounds, medians.

Usage: python benches/python_overhead.py [ROUNDS] (from the repository root,
with the package installed and target/release/dilemma built).
"""

import json
import re
import statistics
import subprocess
import sys
import tempfile
import time

import dilemma

rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 9
binary = "target/release/dilemma"
cli_wall, cli_played, py_run, py_native, py_process = [], [], [], [], []
config = dilemma.Tournament().config
with tempfile.TemporaryDirectory() as tmp:
    dilemma.Tournament().run()  # warm: the thread pool, the page cache
    for _ in range(rounds):
        t = time.perf_counter()
        done = subprocess.run([binary, "tournament", "--no-figures", "--out", f"{tmp}/cli"],
                              capture_output=True, text=True, check=True)
        cli_wall.append(time.perf_counter() - t)
        cli_played.append(float(re.search(r"played in ([0-9.]+) s", done.stderr).group(1)))

        t = time.perf_counter()
        results = dilemma.Tournament().run()
        results.summary
        py_run.append(time.perf_counter() - t)

        t = time.perf_counter()
        dilemma._dilemma.run_tournament(json.dumps(config))
        py_native.append(time.perf_counter() - t)

        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import dilemma; dilemma.Tournament().run().summary"],
                       check=True, cwd=tmp)
        py_process.append(time.perf_counter() - t)

med = statistics.median
print(f"{rounds} interleaved rounds, medians:")
print(f"  CLI process (dilemma tournament --no-figures):   {med(cli_wall):.3f} s  (matches played in {med(cli_played):.3f} s)")
print(f"  Python run() + summary, in a running process:    {med(py_run):.3f} s  "
      f"({100 * (med(py_run) / med(cli_wall) - 1):+.1f}% of the CLI process, "
      f"{100 * (med(py_run) / med(cli_played) - 1):+.1f}% of its matches)")
print(f"  of which the native call (matches, files as text): {med(py_native):.3f} s")
print(f"  Python process (import, run, summary):          {med(py_process):.3f} s  "
      f"({100 * (med(py_process) / med(cli_wall) - 1):+.1f}% of the CLI process)")
