"""Ctrl-C stops a long run: the work runs with the GIL released, the
calling thread raises KeyboardInterrupt, and the library's loops (the
tournament's, the solvers', the Moran simulation's, the learning
dynamics') stop promptly instead of running to their end."""

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


def interrupted(long_call: str, after: str) -> None:
    """Runs ``long_call`` (hours of work) in a child Python, sends it
    SIGINT a second after it starts, and checks that it raised
    KeyboardInterrupt and that ``after`` (a short call) then ran."""
    script = textwrap.dedent(f"""
        import sys
        import numpy as np
        import dilemma
        print("started", flush=True)
        try:
            {long_call}
        except KeyboardInterrupt:
            print("interrupted", flush=True)
            print({after}, flush=True)
            sys.exit(0)
        sys.exit(1)
    """)
    p = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "started"
    time.sleep(1.0)
    p.send_signal(signal.SIGINT)
    # Without the library's checks these runs take hours; the limit only
    # keeps a failing test from hanging.
    out, err = p.communicate(timeout=120)
    assert p.returncode == 0, err
    assert out.split()[0] == "interrupted", out


def test_sigint_interrupts_a_long_vertex_enumeration():
    # An 18x18 game with random payoffs: millions of bases.
    interrupted(
        "dilemma.solve(dilemma.Game(np.random.default_rng(1).random((18, 18)), np.random.default_rng(2).random((18, 18))))",
        "len(dilemma.solve(dilemma.Game.catalogue('stag_hunt')))",
    )


def test_sigint_interrupts_a_long_nplayer_solve():
    interrupted(
        "dilemma.solve(dilemma.Game.from_payoffs(np.random.default_rng(3).random((4, 4, 4, 4, 4))), 'liap', starts=10**5)",
        "len(dilemma.solve(dilemma.Game.catalogue('volunteers_dilemma'), 'simpdiv'))",
    )


def test_sigint_interrupts_a_long_moran_run():
    # One run among 300 types in a population of 100,000: about 10^7 steps
    # of 9 * 10^4 operations each.
    interrupted(
        "dilemma.moran(np.ones((300, 300)), 0, 1, population=100000, mutants=50000, runs=1, seed=1)",
        "dilemma.moran(np.ones((2, 2)) * 2, 0, 1, population=6, runs=10)['runs']",
    )


def test_sigint_interrupts_a_long_learning_run():
    interrupted(
        # 10^7 periods of fictitious play on a 200x200 game.
        "dilemma.learn(dilemma.Game(np.random.default_rng(5).random((200, 200))), 'fictitious', iterations=10**7, record_every=10**6, figures=False)",
        "len(dilemma.learn(dilemma.Game.catalogue('stag_hunt'), 'fictitious', iterations=5).trajectory)",
    )
