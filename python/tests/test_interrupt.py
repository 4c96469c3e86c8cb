"""Ctrl-C stops a long run: the tournament runs with the GIL released and
the calling thread raises KeyboardInterrupt."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time


def test_sigint_interrupts_a_long_tournament():
    script = textwrap.dedent("""
        import sys, dilemma
        print("started", flush=True)
        try:
            # Hours of work: it can only end by the interrupt.
            dilemma.Tournament(turns=100000, repetitions=100000).run(threads=1)
        except KeyboardInterrupt:
            print("interrupted", flush=True)
            # A run after the interrupt works again (the cancel flag is cleared).
            r = dilemma.Tournament(["Tit For Tat", "Defector"], turns=5, repetitions=1).run()
            print(len(r.summary), flush=True)
            sys.exit(0)
        sys.exit(1)
    """)
    p = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "started"
    time.sleep(1.0)
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=120)
    assert p.returncode == 0, err
    assert out.split() == ["interrupted", "2"]
