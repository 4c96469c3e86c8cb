//! Versus and classifier tests for strategies that had none. The expected
//! moves of the deterministic strategies, the classifiers and the rules of the
//! stochastic ones are taken from Axelrod-Python 4.14 (`axl.Match` against
//! `axl.MockPlayer`, 20 turns, length announced; `axl.Classifiers`; the
//! four-vectors in `axelrod/strategies/*.py`), not from this crate.
//!
//! None of these strategies uses the match length (in either library), so
//! announcing the length in [`versus`] as Axelrod-Python's `Match` does makes
//! no difference; the Axelrod-Python moves were also checked to be the same
//! prefixes in 25-turn matches.

use super::context::{unit_f64, MatchRng};
use super::core::Classifier;
use super::registry::Registry;
use super::scripted::test_util::versus_test;
use super::scripted::versus;
use crate::Action::{self, C, D};
use rand::SeedableRng;

// ---------------------------------------------------------------------------
// Deterministic strategies: moves against fixed opponents, from Axelrod-Python
// (`axl.Match((player, axl.MockPlayer(actions=...)), turns=20)`).
// ---------------------------------------------------------------------------

#[test]
fn versus_e() {
    versus_test("$e$", "C", "CDDDDDDDDDDDDDDDDDDD");
    versus_test("$e$", "D", "CCCCCCCCCCCCCCCCCCCC");
    versus_test("$e$", "CD", "CDCCCCCCCCCCCCCDCCCC");
    versus_test("$e$", "CCDCDDDCCD", "CDDCCCCCCCCCCCCCCCCC");
}

#[test]
fn versus_memory_one_tit_for_tat() {
    versus_test("Memory-One Tit For Tat", "C", "CCCCCCCCCCCCCCCCCCCC");
    versus_test("Memory-One Tit For Tat", "D", "CDDDDDDDDDDDDDDDDDDD");
    versus_test("Memory-One Tit For Tat", "CD", "CCDCDCDCDCDCDCDCDCDC");
    versus_test(
        "Memory-One Tit For Tat",
        "CCDCDDDCCD",
        "CCCDCDDDCCDCCDCDDDCC",
    );
}

#[test]
fn versus_win_stay_lose_shift() {
    versus_test("Win-Stay Lose-Shift", "C", "CCCCCCCCCCCCCCCCCCCC");
    versus_test("Win-Stay Lose-Shift", "D", "CDCDCDCDCDCDCDCDCDCD");
    versus_test("Win-Stay Lose-Shift", "CD", "CCDDCCDDCCDDCCDDCCDD");
    versus_test("Win-Stay Lose-Shift", "CCDCDDDCCD", "CCCDDCDCCCDDDCCDCDDD");
}

#[test]
fn versus_suspicious_tit_for_tat() {
    versus_test("Suspicious Tit For Tat", "C", "DCCCCCCCCCCCCCCCCCCC");
    versus_test("Suspicious Tit For Tat", "D", "DDDDDDDDDDDDDDDDDDDD");
    versus_test("Suspicious Tit For Tat", "CD", "DCDCDCDCDCDCDCDCDCDC");
    versus_test(
        "Suspicious Tit For Tat",
        "CCDCDDDCCD",
        "DCCDCDDDCCDCCDCDDDCC",
    );
}

#[test]
fn versus_anti_tit_for_tat() {
    versus_test("Anti Tit For Tat", "C", "CDDDDDDDDDDDDDDDDDDD");
    versus_test("Anti Tit For Tat", "D", "CCCCCCCCCCCCCCCCCCCC");
    versus_test("Anti Tit For Tat", "CD", "CDCDCDCDCDCDCDCDCDCD");
    versus_test("Anti Tit For Tat", "CCDCDDDCCD", "CDDCDCCCDDCDDCDCCCDD");
}

#[test]
fn versus_bully() {
    versus_test("Bully", "C", "DDDDDDDDDDDDDDDDDDDD");
    versus_test("Bully", "D", "DCCCCCCCCCCCCCCCCCCC");
    versus_test("Bully", "CD", "DDCDCDCDCDCDCDCDCDCD");
    versus_test("Bully", "CCDCDDDCCD", "DDDCDCCCDDCDDCDCCCDD");
}

#[test]
fn versus_cycler_ccd() {
    versus_test("Cycler CCD", "C", "CCDCCDCCDCCDCCDCCDCC");
    versus_test("Cycler CCD", "D", "CCDCCDCCDCCDCCDCCDCC");
    versus_test("Cycler CCD", "CD", "CCDCCDCCDCCDCCDCCDCC");
    versus_test("Cycler CCD", "CCDCDDDCCD", "CCDCCDCCDCCDCCDCCDCC");
}

#[test]
fn versus_cycler_ddc() {
    versus_test("Cycler DDC", "C", "DDCDDCDDCDDCDDCDDCDD");
    versus_test("Cycler DDC", "D", "DDCDDCDDCDDCDDCDDCDD");
    versus_test("Cycler DDC", "CD", "DDCDDCDDCDDCDDCDDCDD");
    versus_test("Cycler DDC", "CCDCDDDCCD", "DDCDDCDDCDDCDDCDDCDD");
}

#[test]
fn versus_cycler_cccd() {
    versus_test("Cycler CCCD", "C", "CCCDCCCDCCCDCCCDCCCD");
    versus_test("Cycler CCCD", "D", "CCCDCCCDCCCDCCCDCCCD");
    versus_test("Cycler CCCD", "CD", "CCCDCCCDCCCDCCCDCCCD");
    versus_test("Cycler CCCD", "CCDCDDDCCD", "CCCDCCCDCCCDCCCDCCCD");
}

#[test]
fn versus_cycler_cccccd() {
    versus_test("Cycler CCCCCD", "C", "CCCCCDCCCCCDCCCCCDCC");
    versus_test("Cycler CCCCCD", "D", "CCCCCDCCCCCDCCCCCDCC");
    versus_test("Cycler CCCCCD", "CD", "CCCCCDCCCCCDCCCCCDCC");
    versus_test("Cycler CCCCCD", "CCDCDDDCCD", "CCCCCDCCCCCDCCCCCDCC");
}

#[test]
fn versus_cycler_cccdcd() {
    versus_test("Cycler CCCDCD", "C", "CCCDCDCCCDCDCCCDCDCC");
    versus_test("Cycler CCCDCD", "D", "CCCDCDCCCDCDCCCDCDCC");
    versus_test("Cycler CCCDCD", "CD", "CCCDCDCCCDCDCCCDCDCC");
    versus_test("Cycler CCCDCD", "CCDCDDDCCD", "CCCDCDCCCDCDCCCDCDCC");
}

#[test]
fn versus_fortress3() {
    versus_test("Fortress3", "C", "DDDDDDDDDDDDDDDDDDDD");
    versus_test("Fortress3", "D", "DDCDDCDDCDDCDDCDDCDD");
    versus_test("Fortress3", "CD", "DDDDDDDDDDDDDDDDDDDD");
    versus_test("Fortress3", "CCDCDDDCCD", "DDDDDDCDDDDDDDDDCDDD");
}

#[test]
fn versus_fortress4() {
    versus_test("Fortress4", "C", "DDDDDDDDDDDDDDDDDDDD");
    versus_test("Fortress4", "D", "DDDCDDDCDDDCDDDCDDDC");
    versus_test("Fortress4", "CD", "DDDDDDDDDDDDDDDDDDDD");
    versus_test("Fortress4", "CCDCDDDCCD", "DDDDDDDCCCDDDDDDDCCC");
}

#[test]
fn versus_predator() {
    versus_test("Predator", "C", "CDDDDDDDDDDDDDDDDDDD");
    versus_test("Predator", "D", "CDDCDDDDDDDDDDDDDDDD");
    versus_test("Predator", "CD", "CDDDDDDDDDDDDDDDDDDD");
    versus_test("Predator", "CCDCDDDCCD", "CDDDDDCDCDDCDDCDDDDD");
}

#[test]
fn versus_pun1() {
    versus_test("Pun1", "C", "DCCCCCCCCCCCCCCCCCCC");
    versus_test("Pun1", "D", "DCDCDCDCDCDCDCDCDCDC");
    versus_test("Pun1", "CD", "DCDCDCDCDCDCDCDCDCDC");
    versus_test("Pun1", "CCDCDDDCCD", "DCCCCCDCCCDCCCCCDCCC");
}

#[test]
fn versus_raider() {
    versus_test("Raider", "C", "DDDDDDDDDDDDDDDDDDDD");
    versus_test("Raider", "D", "DDCCDDDDDDDDDDDDDDDD");
    versus_test("Raider", "CD", "DDCDDDDDDDDDDDDDDDDD");
    versus_test("Raider", "CCDCDDDCCD", "DDDDDDCCCCDCCDCDDDCC");
}

#[test]
fn versus_ripoff() {
    versus_test("Ripoff", "C", "DCDCDCDCDCDCDCDCDCDC");
    versus_test("Ripoff", "D", "DCDDDDDDDDDDDDDDDDDD");
    versus_test("Ripoff", "CD", "DCCCDCDCDCDCDCDCDCDC");
    versus_test("Ripoff", "CCDCDDDCCD", "DCDCCDDDCCDCCDCDDDCC");
}

#[test]
fn versus_solutionb1() {
    versus_test("SolutionB1", "C", "DDCCCCCCCCCCCCCCCCCC");
    versus_test("SolutionB1", "D", "DDDDDDDDDDDDDDDDDDDD");
    versus_test("SolutionB1", "CD", "DDCCCCCCCCCCCCCCCCCC");
    versus_test("SolutionB1", "CCDCDDDCCD", "DDCCCCCCCCCCCCCCCCCC");
}

#[test]
fn versus_thumper() {
    versus_test("Thumper", "C", "CCCCCCCCCCCCCCCCCCCC");
    versus_test("Thumper", "D", "CDDDDDDDDDDDDDDDDDDD");
    versus_test("Thumper", "CD", "CCDDDDDDDDDDDDDDDDDD");
    versus_test("Thumper", "CCDCDDDCCD", "CCCDDDDDDCDDCDDDDDDC");
}

#[test]
fn versus_tf1() {
    versus_test("TF1", "C", "CCDCDDCCDCDDCCDCDDCC");
    versus_test("TF1", "D", "CCDDDDDDDDDDDDDDDDDD");
    versus_test("TF1", "CD", "CCDDDDDDDCDDDDDCDDDD");
    versus_test("TF1", "CCDCDDDCCD", "CCDCCDDDCDDDCCDDDDDD");
}

#[test]
fn versus_tf2() {
    versus_test("TF2", "C", "CDCDCCDCDCCDCDCCDCDC");
    versus_test("TF2", "D", "CDDDDDDDDDDDDDDDDDDD");
    versus_test("TF2", "CD", "CDDCDDDDDDDDDDDDDDDD");
    versus_test("TF2", "CCDCDDDCCD", "CDCDDDDDDDDDDCCDDDCD");
}

#[test]
fn versus_tf3() {
    versus_test("TF3", "C", "CCCCCCCCCCCCCCCCCCCC");
    versus_test("TF3", "D", "CCDDDDDDDDDDDDDDDDDD");
    versus_test("TF3", "CD", "CCCDDDDDDDDDDDDDDDDD");
    versus_test("TF3", "CCDCDDDCCD", "CCCCDDCCDCDDDDDDDDDD");
}

#[test]
fn versus_evolvedlookerup2_2_2() {
    versus_test("EvolvedLookerUp2_2_2", "C", "CCCCCCCCCCCCCCCCCCCC");
    versus_test("EvolvedLookerUp2_2_2", "D", "CCDDDDDDDDDDDDDDDDDD");
    versus_test("EvolvedLookerUp2_2_2", "CD", "CCCDDDCDDDCDDDCDDDCD");
    versus_test("EvolvedLookerUp2_2_2", "CCDCDDDCCD", "CCCDCCCCCCDCDCDCDCDD");
}

#[test]
fn versus_winner12() {
    versus_test("Winner12", "C", "CCCCCCCCCCCCCCCCCCCC");
    versus_test("Winner12", "D", "CCDDDDDDDDDDDDDDDDDD");
    versus_test("Winner12", "CD", "CCDDCCDDCCDDCCDDCCDD");
    versus_test("Winner12", "CCDCDDDCCD", "CCCDDCDDDDCCCDDCDDDD");
}

#[test]
fn versus_winner21() {
    versus_test("Winner21", "C", "DCCCCCCCCCCCCCCCCCCC");
    versus_test("Winner21", "D", "DCDDDDDDDDDDDDDDDDDD");
    versus_test("Winner21", "CD", "DCDDDDDDDDDDDDDDDDDD");
    versus_test("Winner21", "CCDCDDDCCD", "DCCDDDDDDCDDCDDDDDDC");
}

// ---------------------------------------------------------------------------
// Stochastic strategies: cases that hold for every seed (checked in
// Axelrod-Python over 200 seeds, here over 50), then the rule itself.
// ---------------------------------------------------------------------------

/// Asserts that `name` plays `expected` against `opponent` for every seed in
/// `0..50`.
fn versus_every_seed(name: &str, opponent: &str, expected: &str) {
    let mut s = Registry::builtin().create(name).unwrap();
    let opp = super::scripted::parse_moves(opponent).unwrap();
    for seed in 0..50 {
        let got = versus(&mut *s, &opp, expected.len(), seed);
        assert_eq!(
            super::scripted::moves_to_string(&got),
            expected,
            "{name} versus {opponent}, seed {seed}"
        );
    }
}

/// A fixed, irregular opponent sequence: `turns` moves, each D with
/// probability 1/2, from the stream of seed 20_240_611.
fn irregular_opponent(turns: usize) -> Vec<Action> {
    let mut rng = MatchRng::seed_from_u64(20_240_611);
    (0..turns)
        .map(|_| if unit_f64(&mut rng) < 0.5 { D } else { C })
        .collect()
}

/// Number of turns of the frequency checks.
const TURNS: usize = 100_000;
/// Tolerance of the frequency checks, in binomial standard errors: a correct
/// strategy fails one of them with probability about 6e-7.
const SE: f64 = 5.0;

/// Checks that `count` cooperations out of `n` trials fit probability `p`:
/// exactly when `p` is 0 or 1, else within [`SE`] standard errors
/// `sqrt(n p (1 - p))` of `n p`.
fn assert_frequency(what: &str, count: usize, n: usize, p: f64) {
    let (k, n_f) = (count as f64, n as f64);
    if p <= 0.0 || p >= 1.0 {
        assert_eq!(k, n_f * p, "{what}: {count} C of {n}, expected p = {p}");
    } else {
        let se = (n_f * p * (1.0 - p)).sqrt();
        assert!(
            (k - n_f * p).abs() <= SE * se,
            "{what}: {count} C of {n} ({:.4}), expected p = {p:.4} within {SE} s.e. ({:.4})",
            k / n_f,
            SE * se / n_f
        );
    }
}

/// Checks a memory-one rule: against [`irregular_opponent`] over [`TURNS`]
/// turns (seed 1), the frequency of C after each state of the last turn (own
/// move first: CC, CD, DC, DD) fits `four_vector`, each state being visited at
/// least 1000 times; and over 1000 one-turn matches (seeds 0..1000) the first
/// move is C with probability `first_c`.
fn assert_memory_one(name: &str, four_vector: [f64; 4], first_c: f64) {
    let mut s = Registry::builtin().create(name).unwrap();
    let opp = irregular_opponent(TURNS);
    let moves = versus(&mut *s, &opp, TURNS, 1);
    let (mut visits, mut coops) = ([0usize; 4], [0usize; 4]);
    for t in 1..TURNS {
        let state = (moves[t - 1] as usize) << 1 | opp[t - 1] as usize;
        visits[state] += 1;
        coops[state] += usize::from(moves[t] == C);
    }
    for (i, label) in ["CC", "CD", "DC", "DD"].iter().enumerate() {
        assert!(
            visits[i] >= 1000,
            "{name}: state {label} visited only {} times",
            visits[i]
        );
        assert_frequency(
            &format!("{name} after {label}"),
            coops[i],
            visits[i],
            four_vector[i],
        );
    }
    let firsts = (0..1000)
        .filter(|&seed| versus(&mut *s, &[], 1, seed)[0] == C)
        .count();
    assert_frequency(&format!("{name} first move"), firsts, 1000, first_c);
}

#[test]
fn random_cooperates_half_the_time_whatever_the_history() {
    // Axelrod-Python `Random(p=0.5)`: `random_choice(0.5)` every turn,
    // the first included; memory depth 0.
    assert_memory_one("Random", [0.5; 4], 0.5);
}

#[test]
fn first_by_anonymous_cooperates_half_the_time_whatever_the_history() {
    // Axelrod-Python `FirstByAnonymous`: each turn r = uniform(3, 7) / 10,
    // then `random_choice(r)`: P(C) = E[r] = 1/2 every turn, the first
    // included, whatever the history.
    assert_memory_one("First by Anonymous", [0.5; 4], 0.5);
}

#[test]
fn zd_extort_2_plays_its_four_vector() {
    // Axelrod-Python `ZDExtort2`: `LRPlayer` with phi = 1/9, s = 1/2, l = P;
    // for (R, P, S, T) = (3, 1, 0, 5): p1 = 1 - phi (1 - s)(R - l) = 8/9,
    // p2 = 1 - phi (s (l - S) + T - l) = 1/2, p3 = phi (l - S + s (T - l))
    // = 1/3, p4 = phi (1 - s)(l - P) = 0; first move C.
    assert_memory_one("ZD-Extort-2", [8.0 / 9.0, 0.5, 1.0 / 3.0, 0.0], 1.0);
}

#[test]
fn zd_extort_2_never_returns_to_c_against_all_d() {
    // p4 = 0: against Defector, once it defects it defects for good, so its
    // moves are C^k D^(n-k) with k >= 1 (first move C).
    let mut s = Registry::builtin().create("ZD-Extort-2").unwrap();
    for seed in 0..50 {
        let m = super::scripted::moves_to_string(&versus(&mut *s, &[D], 40, seed));
        let k = m.find('D').unwrap_or(m.len());
        assert!(k >= 1, "seed {seed}: {m}");
        assert!(m[k..].chars().all(|c| c == 'D'), "seed {seed}: {m}");
    }
}

#[test]
fn spiral_reciprocator_plays_soft_joss() {
    // This project's strategy (gamma = 0.1): C first and after the opponent's
    // C, C with probability gamma after its D: the four-vector
    // (1, 0.1, 1, 0.1), which is Axelrod-Python's `SoftJoss(q = 0.9)`
    // (1, 1 - q, 1, 1 - q) with first move C.
    versus_every_seed("Spiral Reciprocator", "C", "CCCCCCCCCCCCCCCCCCCC");
    assert_memory_one("Spiral Reciprocator", [1.0, 0.1, 1.0, 0.1], 1.0);
}

#[test]
fn soft_joss_plays_its_four_vector() {
    // Axelrod-Python `SoftJoss(q = 0.9)`: (1, 1 - q, 1, 1 - q), first C.
    versus_every_seed("Soft Joss", "C", "CCCCCCCCCCCCCCCCCCCC");
    assert_memory_one("Soft Joss", [1.0, 0.1, 1.0, 0.1], 1.0);
}

#[test]
fn first_by_joss_plays_its_four_vector() {
    // Axelrod-Python `FirstByJoss(p = 0.9)`: (p, 0, p, 0), first C.
    versus_every_seed("First by Joss", "D", "CDDDDDDDDDDDDDDDDDDD");
    assert_memory_one("First by Joss", [0.9, 0.0, 0.9, 0.0], 1.0);
}

#[test]
fn firm_but_fair_plays_its_four_vector() {
    // Axelrod-Python `FirmButFair`: (1, 0, 1, 2/3), first C.
    versus_every_seed("Firm But Fair", "C", "CCCCCCCCCCCCCCCCCCCC");
    versus_every_seed("Firm But Fair", "CD", "CCDCDCDCDCDCDCDCDCDC");
    assert_memory_one("Firm But Fair", [1.0, 0.0, 1.0, 2.0 / 3.0], 1.0);
}

#[test]
fn stochastic_wsls_plays_its_four_vector() {
    // Axelrod-Python `StochasticWSLS(ep = 0.05)`: (1 - ep, ep, ep, 1 - ep),
    // first C.
    assert_memory_one("Stochastic WSLS", [0.95, 0.05, 0.05, 0.95], 1.0);
}

// ---------------------------------------------------------------------------
// Classifiers, from Axelrod-Python's `axl.Classifiers` on an instance
// (memory_depth inf -> None; "length" / "game" in makes_use_of).
// ---------------------------------------------------------------------------

/// (our name, Axelrod-Python class, memory depth, stochastic, uses length,
/// uses game). "Memory-One Tit For Tat" is compared with
/// `MemoryOnePlayer((1, 0, 1, 0), C)`, "Cycler CCCDCD" with
/// `Cycler("CCCDCD")`, and "Spiral Reciprocator", which is this project's
/// and has no Axelrod-Python class, with `SoftJoss(0.9)`, whose rule it
/// follows (see `spiral_reciprocator_plays_soft_joss`).
type ClassifierRow = (&'static str, &'static str, Option<u32>, bool, bool, bool);

const AXELROD_CLASSIFIERS: &[ClassifierRow] = &[
    ("$e$", "e", None, false, false, false),
    (
        "Memory-One Tit For Tat",
        "MemoryOnePlayer",
        Some(1),
        false,
        false,
        false,
    ),
    (
        "Win-Stay Lose-Shift",
        "WinStayLoseShift",
        Some(1),
        false,
        false,
        false,
    ),
    (
        "Suspicious Tit For Tat",
        "SuspiciousTitForTat",
        Some(1),
        false,
        false,
        false,
    ),
    (
        "Anti Tit For Tat",
        "AntiTitForTat",
        Some(1),
        false,
        false,
        false,
    ),
    ("Bully", "Bully", Some(1), false, false, false),
    ("Cycler CCD", "CyclerCCD", Some(2), false, false, false),
    ("Cycler DDC", "CyclerDDC", Some(2), false, false, false),
    ("Cycler CCCD", "CyclerCCCD", Some(3), false, false, false),
    (
        "Cycler CCCCCD",
        "CyclerCCCCCD",
        Some(5),
        false,
        false,
        false,
    ),
    ("Cycler CCCDCD", "Cycler", Some(5), false, false, false),
    ("Fortress3", "Fortress3", Some(2), false, false, false),
    ("Fortress4", "Fortress4", Some(3), false, false, false),
    ("Predator", "Predator", None, false, false, false),
    ("Pun1", "Pun1", None, false, false, false),
    ("Raider", "Raider", None, false, false, false),
    ("Ripoff", "Ripoff", Some(3), false, false, false),
    ("SolutionB1", "SolutionB1", Some(2), false, false, false),
    ("Thumper", "Thumper", None, false, false, false),
    ("TF1", "TF1", None, false, false, false),
    ("TF2", "TF2", None, false, false, false),
    ("TF3", "TF3", None, false, false, false),
    (
        "EvolvedLookerUp2_2_2",
        "EvolvedLookerUp2_2_2",
        None,
        false,
        false,
        false,
    ),
    ("Winner12", "Winner12", Some(2), false, false, false),
    ("Winner21", "Winner21", Some(2), false, false, false),
    ("Random", "Random", Some(0), true, false, false),
    (
        "First by Anonymous",
        "FirstByAnonymous",
        Some(0),
        true,
        false,
        false,
    ),
    ("ZD-Extort-2", "ZDExtort2", Some(1), true, false, true),
    (
        "Spiral Reciprocator",
        "SoftJoss",
        Some(1),
        true,
        false,
        false,
    ),
    ("First by Joss", "FirstByJoss", Some(1), true, false, false),
    ("Firm But Fair", "FirmButFair", Some(1), true, false, false),
    (
        "Stochastic WSLS",
        "StochasticWSLS",
        Some(1),
        true,
        false,
        false,
    ),
    ("Soft Joss", "SoftJoss", Some(1), true, false, false),
];

#[test]
fn classifiers_agree_with_axelrod() {
    let registry = Registry::builtin();
    let mut differ = Vec::new();
    for &(name, class, memory_depth, stochastic, uses_match_length, uses_game) in
        AXELROD_CLASSIFIERS
    {
        let ours = registry
            .get(name)
            .unwrap_or_else(|| panic!("{name}"))
            .classifier();
        let theirs = Classifier {
            memory_depth,
            stochastic,
            uses_match_length,
            uses_game,
        };
        if ours != theirs {
            differ.push(format!(
                "{name} ({class}): ours {ours:?}, Axelrod {theirs:?}"
            ));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}
