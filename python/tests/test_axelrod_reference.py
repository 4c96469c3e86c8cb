"""The package against the Axelrod-Python reference fixtures of
tests/fixtures (payoffs to 1e-12), as tests/suite/tournament.rs checks the
library."""

from __future__ import annotations

import numpy as np

import dilemma
from conftest import fixture

TOL = 1e-12


def test_classic_round_robin_equals_axelrod_python():
    ref = fixture("tournament.json")
    results = dilemma.Tournament(ref["players"], turns=ref["turns"], repetitions=ref["repetitions"],
                                 noise=ref["noise"], seed=ref["seed"]).run()
    summary = results.summary
    assert len(summary) == len(ref["summary"])
    for (_, got), want in zip(summary.iterrows(), ref["summary"]):
        assert got["Name"] == want["Name"]
        assert got["Rank"] == want["Rank"]
        assert got["Original_index"] == want["Original_index"]
        for column in ["Median_score", "Cooperation_rating", "Wins", "Initial_C_rate", "CC_rate", "CD_rate",
                       "DC_rate", "DD_rate", "CC_to_C_rate", "CD_to_C_rate", "DC_to_C_rate", "DD_to_C_rate"]:
            assert abs(got[column] - want[column]) <= TOL, (want["Name"], column)
    assert results.ranking == ref["ranked_names"]
    assert np.max(np.abs(results.payoff_matrix.to_numpy() - np.array(ref["payoff_matrix"]))) <= TOL
    pairs = results.pairs
    stddevs = pairs["payoff_stddev"].to_numpy().reshape(len(ref["players"]), -1)
    assert np.max(np.abs(stddevs - np.array(ref["payoff_stddevs"]))) <= TOL
    table = results.players_table
    for key in ["good_partner_rating", "eigenjesus_rating", "eigenmoses_rating", "cooperating_rating",
                "initial_cooperation_rate"]:
        assert np.max(np.abs(table[key].to_numpy() - np.array(ref[key]))) <= TOL, key


def test_every_implemented_pair_has_axelrods_payoffs():
    ref = fixture("tournament_all_deterministic.json")
    known = {n.lower() for n in dilemma.strategies()["name"]}
    aliases = {a.lower() for row in dilemma.strategies()["aliases"].dropna() for a in row}
    implemented = [k for k, n in enumerate(ref["players"]) if n.lower() in known | aliases]
    assert len(implemented) >= 60
    names = [ref["players"][k] for k in implemented]
    results = dilemma.Tournament(names, turns=200, repetitions=1, seed=1).run()
    want = np.array(ref["payoff_matrix"])[np.ix_(implemented, implemented)]
    assert np.max(np.abs(results.payoff_matrix.to_numpy() - want)) <= TOL


def test_matches_equal_axelrod_python():
    ref = fixture("matches.json")
    game = ref["game"]
    payoffs = (game["R"], game["S"], game["T"], game["P"])
    # Every one of the 81 reference strategies is registered (by its
    # Axelrod-Python class name or name), so every match is played.
    checked = 0
    for m in ref["matches"]:
        got = dilemma.play(m["row"], m["col"], turns=ref["turns"], payoffs=payoffs)
        assert got.moves == (m["row_moves"], m["col_moves"]), (m["row"], m["col"])
        assert abs(got.scores[0] - m["row_score"]) <= TOL and abs(got.scores[1] - m["col_score"]) <= TOL
        checked += 1
    assert checked == len(ref["matches"]) == 3321


def test_neutral_moran_fixation_is_the_mutants_share():
    # A closed form: with equal payoffs every individual is equally fit, so
    # a mutant lineage fixes with probability mutants / population.
    for population, mutants in [(4, 1), (10, 3), (25, 24)]:
        p = dilemma.fixation_probability((2.0, 2.0, 2.0, 2.0), population, mutants)
        assert abs(p - mutants / population) <= 1e-12
