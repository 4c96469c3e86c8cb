//! Strategies and matches against Axelrod-Python's reference histories
//! (tests/fixtures/matches.json: Axelrod-Python 4.14, 200 turns, (3,0,5,1),
//! length known to the players), plus data-family and memory-depth checks.

use dilemma::play::{play_match, Match, MatchConfig, StageGame};
use dilemma::strategy::{moves_to_string, Kind, Registry};
use dilemma::Action;
use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;

fn reference() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/matches.json"
    ))
    .expect("fixture");
    serde_json::from_str(&text).expect("valid JSON")
}

/// How many strategies the Axelrod-Python fixtures hold (matches.json and
/// tournament_all_deterministic.json): every one must be registered.
const REFERENCE_STRATEGIES: usize = 81;

/// Axelrod class name -> our registered name, for every reference strategy;
/// fails naming the reference strategies the registry lacks.
fn implemented(reg: &Registry, reference: &Value) -> BTreeMap<String, String> {
    let strategies = reference["strategies"].as_array().unwrap();
    assert_eq!(
        strategies.len(),
        REFERENCE_STRATEGIES,
        "reference strategies"
    );
    let mut map = BTreeMap::new();
    let mut missing = Vec::new();
    for s in strategies {
        let class = s["class"].as_str().unwrap();
        let name = s["name"].as_str().unwrap();
        let by_class = reg.get(class).map(|e| e.name().to_string());
        let by_name = reg.get(name).map(|e| e.name().to_string());
        if let (Some(a), Some(b)) = (&by_class, &by_name) {
            assert_eq!(a, b, "class {class} and name {name} resolve differently");
            // Registered under Axelrod's name, or under its repr with the
            // parameters (e.g. "Omega TFT: 3, 8"), which its tables print.
            assert!(
                a == name || a.starts_with(&format!("{name}: ")),
                "{a} is registered under another name than Axelrod's {name}"
            );
            map.insert(class.to_string(), a.clone());
        } else {
            assert!(
                by_class.is_none() && by_name.is_none(),
                "{class} / {name}: only one of class and name resolves"
            );
            missing.push(format!("{name} ({class})"));
        }
    }
    assert!(
        missing.is_empty(),
        "{} reference strategies are not registered: {}",
        missing.len(),
        missing.join(", ")
    );
    map
}

#[test]
fn every_implemented_pair_matches_axelrod_move_for_move() {
    let reference = reference();
    let reg = Registry::builtin();
    let map = implemented(&reg, &reference);
    let game = StageGame::default();
    let mut runner = Match::new(MatchConfig::turns(200).recording(true)).unwrap();
    let (mut matched, mut failures) = (0usize, Vec::new());
    for m in reference["matches"].as_array().unwrap() {
        let (rc, cc) = (m["row"].as_str().unwrap(), m["col"].as_str().unwrap());
        let (rn, cn) = (&map[rc], &map[cc]);
        let mut a = reg.create(rn).unwrap();
        let mut b = reg.create(cn).unwrap();
        let res = runner.play(&mut *a, &mut *b, &game, 0);
        let moves = res.moves.as_ref().unwrap();
        let (rm, cm) = (moves_to_string(&moves[0]), moves_to_string(&moves[1]));
        let scores = [
            m["row_score"].as_f64().unwrap(),
            m["col_score"].as_f64().unwrap(),
        ];
        if rm == m["row_moves"].as_str().unwrap()
            && cm == m["col_moves"].as_str().unwrap()
            && res.scores == scores
        {
            matched += 1;
        } else {
            failures.push(format!("{rn} v {cn}"));
        }
    }
    let total = reference["matches"].as_array().unwrap().len();
    println!(
        "{} of {} Axelrod-Python strategies implemented; {matched} of {total} reference pairs matched move for move",
        map.len(),
        reference["strategies"].as_array().unwrap().len()
    );
    assert!(
        failures.is_empty(),
        "{} pairs differ: {:?}",
        failures.len(),
        failures
    );
    assert_eq!(map.len(), REFERENCE_STRATEGIES);
    assert_eq!(matched, total, "every reference pair is played");
}

#[test]
fn classifiers_agree_with_axelrod() {
    let reference = reference();
    let reg = Registry::builtin();
    let map = implemented(&reg, &reference);
    let mut compared = 0;
    for s in reference["strategies"].as_array().unwrap() {
        let name = &map[s["class"].as_str().unwrap()];
        let c = reg.get(name).unwrap().classifier();
        compared += 1;
        let depth = s["memory_depth"].as_u64().map(|d| d as u32);
        // Axelrod-Python declares Once Bitten memory-12, but its grudge
        // counter makes it depend on older turns (memory_depth_is_honoured
        // finds a counterexample against a run of defections): unbounded.
        if name != "Once Bitten" {
            assert_eq!(c.memory_depth, depth, "{name}: memory depth");
        }
        assert!(
            !c.stochastic,
            "{name}: the reference strategies are deterministic"
        );
        let uses: Vec<&str> = s["makes_use_of"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(
            c.uses_match_length,
            uses.contains(&"length"),
            "{name}: uses length"
        );
        assert_eq!(c.uses_game, uses.contains(&"game"), "{name}: uses game");
    }
    // Every reference strategy's classifier is compared (81 when this floor
    // was set).
    assert!(compared >= 81, "only {compared} classifiers compared");
}

#[test]
fn tournament_players_are_all_implemented() {
    let reg = Registry::builtin();
    for class in [
        "Cooperator",
        "Defector",
        "TitForTat",
        "Grudger",
        "TitFor2Tats",
        "TwoTitsForTat",
        "SuspiciousTitForTat",
        "WinStayLoseShift",
        "Alternator",
        "Bully",
        "CyclerCCD",
        "Prober",
        "Gradual",
        "HardTitForTat",
        "GoByMajority",
        "Adaptive",
        "Handshake",
        "AntiTitForTat",
        "ForgivingTitForTat",
        "OmegaTFT",
    ] {
        assert!(reg.get(class).is_some(), "{class} missing");
    }
    // Axelrod's first tournament, all 15 entries.
    for name in [
        "Tit For Tat",
        "First by Tideman and Chieruzzi",
        "First by Nydegger",
        "First by Grofman",
        "First by Shubik",
        "First by Stein and Rapoport",
        "Grudger",
        "First by Davis",
        "First by Graaskamp",
        "First by Downing",
        "First by Feld",
        "First by Joss",
        "First by Tullock",
        "First by Anonymous",
        "Random",
    ] {
        assert!(reg.get(name).is_some(), "{name} missing");
    }
    assert!(reg.len() >= 80, "{} strategies", reg.len());
}

#[test]
fn toml_tit_for_tat_plays_as_the_builtin_one() {
    let reg = Registry::builtin();
    assert_eq!(
        reg.get("Memory-One Tit For Tat").unwrap().kind,
        Kind::MemoryOne
    );
    assert_eq!(reg.get("Tit For Tat").unwrap().kind, Kind::Builtin);
    let game = StageGame::default();
    for cfg in [
        MatchConfig::turns(200),
        MatchConfig::turns(300).with_noise(0.1),
    ] {
        let mut runner = Match::new(cfg.recording(true)).unwrap();
        // Every opponent but the long-running ones (the library meta
        // players, DBS and EvolvedAttention: seconds to minutes a match).
        let opponents = reg.entries().iter().filter(|e| !e.long_run_time);
        for (k, e) in opponents.enumerate() {
            let mut opp = e.create();
            let mut data = reg.create("Memory-One Tit For Tat").unwrap();
            let mut rust = reg.create("TFT").unwrap();
            let r1 = runner.play(&mut *data, &mut *opp, &game, k as u64);
            let r2 = runner.play(&mut *rust, &mut *opp, &game, k as u64);
            assert_eq!(r1.moves, r2.moves, "against {}", e.name());
        }
    }
}

#[test]
fn user_strategy_files_load_and_errors_name_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("mine.toml");
    std::fs::write(
        &good,
        "[[strategy]]\nname = \"My Grim\"\nkind = \"fsm\"\ndescription = \"grim trigger\"\nsource = \"me\"\ninitial_state = 0\ninitial_action = \"C\"\ntransitions = [[0, \"C\", 0, \"C\"], [0, \"D\", 1, \"D\"], [1, \"C\", 1, \"D\"], [1, \"D\", 1, \"D\"]]\n",
    )
    .unwrap();
    let mut reg = Registry::builtin();
    reg.load_file(&good).unwrap();
    let mut mine = reg.create("my grim").unwrap();
    let mut alt = reg.create("Alternator").unwrap();
    let r = play_match(
        &mut *mine,
        &mut *alt,
        &StageGame::default(),
        &MatchConfig::turns(5).recording(true),
        0,
    )
    .unwrap();
    assert_eq!(r.move_string(0).unwrap(), "CCDDD");

    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[[strategy]]\nname = \"Shaky\"\nkind = \"memory_one\"\ndescription = \"d\"\nsource = \"s\"\nfour_vector = [1, 1.3, 0, 0]\n",
    )
    .unwrap();
    let err = Registry::builtin().load_file(&bad).unwrap_err().to_string();
    assert!(
        err.contains("bad.toml")
            && err.contains("Shaky")
            && err.contains("four_vector")
            && err.contains("1.3"),
        "{err}"
    );

    let dup = dir.path().join("dup.toml");
    std::fs::write(
        &dup,
        "[[strategy]]\nname = \"tit for tat\"\nkind = \"cycle\"\ndescription = \"d\"\nsource = \"s\"\ncycle = \"C\"\n",
    )
    .unwrap();
    let err = Registry::builtin().load_file(&dup).unwrap_err().to_string();
    assert!(
        err.contains("dup.toml") && err.contains("duplicate name"),
        "{err}"
    );
}

#[test]
fn seed_strategies_are_registered_with_their_classifiers_and_sources() {
    use dilemma::strategy::Classifier;
    let reg = Registry::builtin();
    let expected = [
        (
            "Bayesian Truster",
            Classifier::deterministic(None).with_game(),
        ),
        (
            "Noise-Filtered Reciprocator",
            Classifier::deterministic(Some(5)),
        ),
        ("Ethnocentric", Classifier::deterministic(Some(0))),
        ("Humanitarian", Classifier::deterministic(Some(0))),
        ("Egoist", Classifier::deterministic(Some(0))),
        ("Traitor", Classifier::deterministic(Some(0))),
        (
            "Parochial Reciprocator",
            Classifier::stochastic(Some(1)).with_game(),
        ),
    ];
    for (name, classifier) in expected {
        let e = reg
            .get(name)
            .unwrap_or_else(|| panic!("{name} not registered"));
        assert_eq!(e.name(), name);
        assert_eq!(e.kind, Kind::Builtin, "{name}");
        assert_eq!(e.classifier(), classifier, "{name}");
        assert!(!e.source.is_empty() && !e.description.is_empty(), "{name}");
    }
    assert!(reg.get("Kydd Truster").is_some());
    assert!(reg.get("GTFT In-Group STFT Out-Group").is_some());
    assert_eq!(
        reg.create("Bayesian Truster(0.6)").unwrap().name(),
        "Bayesian Truster: 0.6"
    );
}

/// Mean cooperation of `name` against itself over `matches` matches of 200
/// turns with perception noise `e` both ways.
fn self_play_cooperation(reg: &Registry, name: &str, e: f64, matches: u64) -> f64 {
    use dilemma::play::Perception;
    let cfg =
        MatchConfig::turns(200).with_perception(Perception::symmetric(e), Perception::symmetric(e));
    let mut runner = Match::new(cfg).unwrap();
    let (mut a, mut b) = (reg.create(name).unwrap(), reg.create(name).unwrap());
    let coop: u64 = (0..matches)
        .map(|seed| {
            let r = runner.play(&mut *a, &mut *b, &StageGame::default(), seed);
            r.cooperations(0) + r.cooperations(1)
        })
        .sum();
    coop as f64 / (2 * 200 * matches) as f64
}

#[test]
fn noise_aware_strategies_cope_with_misperception_better_than_tit_for_tat() {
    let reg = Registry::builtin();
    let tft = self_play_cooperation(&reg, "Tit For Tat", 0.05, 40);
    let filtered = self_play_cooperation(&reg, "Noise-Filtered Reciprocator", 0.05, 40);
    let truster = self_play_cooperation(&reg, "Bayesian Truster", 0.05, 40);
    // TFT's echoes of misperceptions bring it towards one half.
    assert!(tft < 0.7, "TFT {tft}");
    assert!(filtered > 0.9, "noise-filtered {filtered}");
    assert!(
        filtered > tft + 0.2,
        "noise-filtered {filtered} v TFT {tft}"
    );
    assert!(truster > tft, "truster {truster} v TFT {tft}");
    // Without noise all three cooperate fully.
    for name in [
        "Tit For Tat",
        "Noise-Filtered Reciprocator",
        "Bayesian Truster",
    ] {
        assert_eq!(self_play_cooperation(&reg, name, 0.0, 2), 1.0, "{name}");
    }
}

/// Plays `name` against a fixed opponent sequence with the length unknown.
fn replay(reg: &Registry, name: &str, opp: &[Action]) -> Vec<Action> {
    let mut s = reg.create(name).unwrap();
    let mut fixed = dilemma::strategy::data::Cycle::new("fixed", opp).unwrap();
    let mut runner = Match::new(
        MatchConfig::turns(opp.len() as u64)
            .length_known(false)
            .recording(true),
    )
    .unwrap();
    let r = runner.play(&mut *s, &mut fixed, &StageGame::default(), 0);
    r.moves.unwrap()[0].clone()
}

fn moves_strategy(len: std::ops::Range<usize>) -> impl Strategy<Value = Vec<Action>> {
    prop::collection::vec(prop::bool::ANY.prop_map(Action::from_cooperation), len)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// A strategy of declared memory depth n plays the same whatever happened
    /// more than n turns ago: against two opponents whose moves differ only in
    /// an old prefix, at every later turn where both runs' last n own and
    /// opponent moves agree, the next moves agree.
    #[test]
    fn memory_depth_is_honoured(p1 in moves_strategy(0..30), p2 in moves_strategy(0..30), suffix in moves_strategy(1..40)) {
        let reg = Registry::builtin();
        for e in reg.entries() {
            let c = e.classifier();
            let Some(n) = c.memory_depth else { continue };
            if c.stochastic { continue; }
            let n = n as usize;
            // No turn of either run has n turns behind it in both: nothing
            // to compare (and deep players such as EvolvedAttention, memory
            // 200, cost a transformer pass a turn).
            if p1.len().min(p2.len()) + suffix.len() <= n { continue; }
            let o1: Vec<Action> = p1.iter().chain(&suffix).copied().collect();
            let o2: Vec<Action> = p2.iter().chain(&suffix).copied().collect();
            let m1 = replay(&reg, e.name(), &o1);
            let m2 = replay(&reg, e.name(), &o2);
            for k in 0..suffix.len() {
                let (t1, t2) = (p1.len() + k, p2.len() + k);
                if t1 < n || t2 < n { continue; }
                let same = m1[t1 - n..t1] == m2[t2 - n..t2] && o1[t1 - n..t1] == o2[t2 - n..t2];
                if same {
                    prop_assert_eq!(m1[t1], m2[t2], "{} (depth {}) at turns {} / {}", e.name(), n, t1, t2);
                }
            }
        }
    }
}

/// Axelrod-Python's `detect_cycle(history, min_size=3)` as written there: the
/// shortest prefix of length 3..=min(12, len/2) that the whole history repeats.
fn rescan_cycle(history: &[Action]) -> Option<&[Action]> {
    let max = (history.len() / 2).min(12);
    (3..=max).find_map(|i| {
        let cycle = &history[..i];
        history
            .iter()
            .enumerate()
            .all(|(j, a)| *a == cycle[j % i])
            .then_some(cycle)
    })
}

/// Axelrod-Python's `MathConstantHunter.strategy`, recounting the three
/// windows from scratch.
fn rescan_math_constant(own: &[Action], opp: &[Action]) -> Action {
    let n = own.len();
    let (oc, od) = (
        opp.iter().filter(|&&a| a == Action::C).count(),
        opp.iter().filter(|&&a| a == Action::D).count(),
    );
    if n >= 8 && oc > 0 && od > 0 {
        let count =
            |s: &[Action], a: usize, b: usize| s[a..b].iter().filter(|&&x| x == Action::C).count();
        let ratio = |a: usize, b: usize| {
            0.5 * (count(opp, a, b) + count(own, a, b)) as f64 / (b - a) as f64
        };
        let (r1, r2, r3) = (ratio(0, n / 2), ratio(n / 4, 3 * n / 4), ratio(n / 2, n));
        if (r1 - r2).abs() < 0.2 && (r1 - r3).abs() < 0.2 {
            return Action::D;
        }
    }
    Action::C
}

/// An opponent history that repeats a random cycle of length 1..=14 for a
/// random number of turns and then (usually) continues at random, or is
/// biased-random throughout: every way Cycle Hunter can or cannot fire.
fn structured_opponent(rng: &mut dilemma::strategy::MatchRng, len: usize) -> Vec<Action> {
    use rand::RngExt as _;
    let period = rng.random_range(1..=14usize);
    let cycle: Vec<Action> = (0..period)
        .map(|_| Action::from_cooperation(rng.random_bool(0.5)))
        .collect();
    let periodic_for = match rng.random_range(0..4) {
        0 => 0,
        1 => len,
        _ => rng.random_range(0..=len.min(200)),
    };
    let bias = rng.random_range(0.05..0.95);
    (0..len)
        .map(|t| {
            if t < periodic_for {
                cycle[t % period]
            } else {
                Action::from_cooperation(rng.random_bool(bias))
            }
        })
        .collect()
}

#[test]
fn incremental_hunters_play_as_a_full_rescan_every_turn() {
    use dilemma::strategy::{Context, History, MatchRng, Payoffs};
    use rand::{RngExt as _, SeedableRng};
    let reg = Registry::builtin();
    let payoffs = Payoffs::default();
    let mut rng = MatchRng::seed_from_u64(2024);
    let (mut cycle_fired, mut cycle_quiet, mut math_d, mut math_c) = (0, 0, 0, 0);
    for case in 0..60 {
        let len = if case % 10 == 0 {
            3000
        } else {
            rng.random_range(1..400)
        };
        let opp = structured_opponent(&mut rng, len);
        // Own moves are random (not the hunter's), to vary Math Constant
        // Hunter's windows; both hunters see the same history.
        let own_bias = rng.random_range(0.05..0.95);
        let own: Vec<Action> = (0..len)
            .map(|_| Action::from_cooperation(rng.random_bool(own_bias)))
            .collect();
        let mut cycle = reg.create("Cycle Hunter").unwrap();
        let mut math = reg.create("Math Constant Hunter").unwrap();
        cycle.reset();
        math.reset();
        let mut h = History::new();
        let mut found = false;
        let mut stream = MatchRng::seed_from_u64(case);
        for t in 0..len {
            let mut ctx = Context::new(&payoffs, None, &mut stream);
            let want_cycle = if found {
                Action::D
            } else {
                match rescan_cycle(h.opp()) {
                    Some(c) if c.contains(&Action::C) && c.contains(&Action::D) => {
                        found = true;
                        Action::D
                    }
                    _ => Action::C,
                }
            };
            assert_eq!(
                cycle.next_action(&h, &mut ctx),
                want_cycle,
                "Cycle Hunter, case {case}, turn {t}"
            );
            let want_math = rescan_math_constant(h.own(), h.opp());
            assert_eq!(
                math.next_action(&h, &mut ctx),
                want_math,
                "Math Constant Hunter, case {case}, turn {t}"
            );
            if want_math == Action::D {
                math_d += 1
            } else {
                math_c += 1
            }
            h.push(own[t], opp[t]);
        }
        if found {
            cycle_fired += 1
        } else {
            cycle_quiet += 1
        }
    }
    // The cases exercise both outcomes of both hunters.
    assert!(
        cycle_fired >= 10 && cycle_quiet >= 10,
        "{cycle_fired} fired, {cycle_quiet} quiet"
    );
    assert!(math_d >= 1000 && math_c >= 1000, "{math_d} D, {math_c} C");
}

#[test]
fn hunters_start_afresh_when_a_history_does_not_extend_the_last() {
    // A strategy reused without reset on a shorter history (a new match)
    // must not carry counts over: compare with a fresh copy.
    use dilemma::strategy::{Context, History, MatchRng, Payoffs};
    use rand::SeedableRng;
    let reg = Registry::builtin();
    let payoffs = Payoffs::default();
    let mut stream = MatchRng::seed_from_u64(0);
    let (c, d) = (Action::C, Action::D);
    let long = History::from_moves(
        &[c, d, c, c, d, d, c, d, c, c],
        &[c, c, d, c, c, c, d, d, d, c],
    );
    let short = History::from_moves(&[c, d, d, c, d, c, d, c, d], &[d, c, d, d, c, d, d, c, d]);
    for name in ["Math Constant Hunter", "Cycle Hunter"] {
        let mut used = reg.create(name).unwrap();
        let mut fresh = reg.create(name).unwrap();
        let mut ctx = Context::new(&payoffs, None, &mut stream);
        used.next_action(&long, &mut ctx);
        assert_eq!(
            used.next_action(&short, &mut ctx),
            fresh.next_action(&short, &mut ctx),
            "{name}"
        );
    }
}

#[test]
fn names_are_axelrods_summary_names() {
    // Axelrod-Python's tables (`write_summary`, `ranked_names`) name a player
    // by `str(player)`: its name followed by its parameters. The fixture of
    // the 81 deterministic strategies has both `.name` (players) and
    // `str(player)` (summary Name, by Original_index).
    let reference: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/tournament_all_deterministic.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let reg = Registry::builtin();
    let players = reference["players"].as_array().unwrap();
    assert_eq!(players.len(), REFERENCE_STRATEGIES, "reference players");
    let (mut checked, mut missing) = (0, Vec::new());
    for row in reference["summary"].as_array().unwrap() {
        let k = row["Original_index"].as_u64().unwrap() as usize;
        let plain = players[k].as_str().unwrap();
        let printed = row["Name"].as_str().unwrap();
        match reg.get(plain) {
            Some(e) => {
                assert_eq!(e.name(), printed, "Axelrod-Python's {plain}");
                assert_eq!(reg.get(printed).unwrap().name(), printed);
                checked += 1;
            }
            None => missing.push(plain),
        }
    }
    assert!(
        missing.is_empty(),
        "{} reference players are not registered: {}",
        missing.len(),
        missing.join(", ")
    );
    assert_eq!(checked, REFERENCE_STRATEGIES);
    // Stochastic ones, not in that fixture: str(Class()) in Axelrod-Python
    // 4.14 (GTFT with the default game).
    for (class, printed) in [
        ("Random", "Random: 0.5"),
        ("GTFT", "GTFT: 0.33"),
        ("ZDExtort2", "ZD-Extort-2: 0.1111111111111111, 0.5"),
        ("ZDGTFT2", "ZD-GTFT-2: 0.25, 0.5"),
        ("FirstByJoss", "First by Joss: 0.9"),
        ("StochasticWSLS", "Stochastic WSLS: 0.05"),
        ("SoftJoss", "Soft Joss: 0.9"),
        ("FirstByGraaskamp", "First by Graaskamp: 0.05"),
        ("FirstByFeld", "First by Feld: 1.0, 0.5, 200"),
    ] {
        assert_eq!(reg.get(class).unwrap().name(), printed, "{class}");
    }
    // Parametrised forms are named the same way: str(Random(0.3)),
    // str(GTFT(0.125)).
    assert_eq!(reg.create("Random(0.3)").unwrap().name(), "Random: 0.3");
    assert_eq!(reg.create("GTFT: 0.125").unwrap().name(), "GTFT: 0.12");
}

#[test]
fn every_listed_name_is_accepted_back_alone_and_in_a_joined_list() {
    use dilemma::strategy::split_player_list;
    let reg = Registry::builtin();
    let names = reg.names();
    for name in &names {
        let s = reg.create(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(s.name(), *name);
    }
    assert!(
        names.iter().any(|n| n.contains(", ")),
        "no name with a comma"
    );
    // As `strategies --format json | jq -r '.[].name' | paste -sd,` would
    // join them, and with spaces after the commas.
    for sep in [",", ", "] {
        let list = names.join(sep);
        let split = split_player_list(&list, &reg).unwrap();
        assert_eq!(split, names, "joined with {sep:?}");
    }
}

#[test]
fn player_lists_keep_names_with_commas_and_name_the_unknown_entry() {
    use dilemma::strategy::{split_player_list, split_player_list_with};
    let reg = Registry::builtin();
    let split = |list: &str| split_player_list(list, &reg);
    assert_eq!(
        split("Tit For Tat,Omega TFT: 3, 8,Grumpy: Nice, 10, -10, Random: 0.3,GTFT(0.1),").unwrap(),
        [
            "Tit For Tat",
            "Omega TFT: 3, 8",
            "Grumpy: Nice, 10, -10",
            "Random: 0.3",
            "GTFT(0.1)"
        ]
    );
    // A parametrised form with two numbers.
    assert_eq!(
        split("Noise-Filtered Reciprocator: 3, 0.9, Omega TFT").unwrap(),
        ["Noise-Filtered Reciprocator: 3, 0.9", "Omega TFT"]
    );
    let err = split("Tit For Tat,No Such Strategy,Grudger")
        .unwrap_err()
        .to_string();
    assert!(err.contains("`No Such Strategy`"), "{err}");
    let err = split("Omega TFT: 3, 9").unwrap_err().to_string();
    assert!(err.contains("`Omega TFT: 3`"), "{err}");
    let err = split("Tit For Tat,Random: 1.5").unwrap_err().to_string();
    assert!(
        err.contains("Random: 1.5") && err.contains("probability"),
        "{err}"
    );
    // Names the registry does not know, accepted by the caller.
    assert_eq!(
        split_player_list_with("Always Defend, Tit For Tat", &reg, |n| n == "Always Defend")
            .unwrap(),
        ["Always Defend", "Tit For Tat"]
    );
}
