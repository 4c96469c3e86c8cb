//! Strategy transformers against Axelrod-Python 4.14 (tests/fixtures/
//! transformers.json, written by tests/fixtures/transformers.py): names as it
//! prints them and moves, move for move, for the deterministic ones; the
//! stochastic ones against their closed-form cooperation rates.

use dilemma::play::{play_match, MatchConfig, StageGame};
use dilemma::strategy::{moves_to_string, split_player_list, Registry};
use serde_json::Value;

fn fixture() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/transformers.json"
    ))
    .expect("fixture");
    serde_json::from_str(&text).expect("valid JSON")
}

#[test]
fn deterministic_transformers_match_axelrod_move_for_move() {
    let fixture = fixture();
    let registry = Registry::builtin();
    let turns = fixture["turns"].as_u64().unwrap();
    let config = MatchConfig::turns(turns).recording(true);
    let matches = fixture["matches"].as_array().unwrap();
    assert_eq!(
        matches.len(),
        21 * 8,
        "every transformed player v every opponent"
    );
    let mut differing = Vec::new();
    for m in matches {
        let spec = m["spec"].as_str().unwrap();
        let mut player = registry.create(spec).unwrap();
        assert_eq!(player.name(), m["name"].as_str().unwrap(), "name of {spec}");
        assert!(!player.classifier().stochastic, "{spec} is deterministic");
        let opponent = m["opponent"].as_str().unwrap();
        let mut other = registry.create(opponent).unwrap();
        let result =
            play_match(&mut *player, &mut *other, &StageGame::default(), &config, 0).unwrap();
        let moves = result.moves.as_ref().unwrap();
        let (ours, theirs) = (moves_to_string(&moves[0]), moves_to_string(&moves[1]));
        if ours != m["moves"].as_str().unwrap() || theirs != m["opponent_moves"].as_str().unwrap() {
            differing.push(format!(
                "{spec} v {opponent}: {ours}/{theirs}, Axelrod-Python {}/{}",
                m["moves"], m["opponent_moves"]
            ));
        }
    }
    assert!(
        differing.is_empty(),
        "{} differ: {differing:#?}",
        differing.len()
    );
}

/// The share of C that `spec` plays against `opponent` over many seeded
/// matches, and the binomial standard error of `expected` at that count.
fn cooperation(spec: &str, opponent: &str, expected: f64) -> (f64, f64) {
    let registry = Registry::builtin();
    let config = MatchConfig::turns(200).recording(true);
    let (mut cooperations, mut turns) = (0usize, 0usize);
    for seed in 0..100 {
        let mut player = registry.create(spec).unwrap();
        let mut other = registry.create(opponent).unwrap();
        let result = play_match(
            &mut *player,
            &mut *other,
            &StageGame::default(),
            &config,
            seed,
        )
        .unwrap();
        let moves = &result.moves.as_ref().unwrap()[0];
        cooperations += moves.iter().filter(|a| **a == dilemma::Action::C).count();
        turns += moves.len();
    }
    let se = (expected * (1.0 - expected) / turns as f64).sqrt();
    (cooperations as f64 / turns as f64, se)
}

#[test]
fn stochastic_transformers_cooperate_at_their_closed_form_rates() {
    // (spec, opponent, probability of C in every turn)
    let cases = [
        ("Noisy(0.1, Cooperator)", "Cooperator", 0.9),
        ("Forgiver(0.3, Defector)", "Cooperator", 0.3),
        // Tit For Tat proposes C against a cooperator: C unless the D of
        // probability 0.3 is drawn.
        ("JossAnn(0.2, 0.3, Tit For Tat)", "Cooperator", 0.7),
        // Probabilities summing past 1 are scaled: (0.6, 0.6) -> (0.5, 0.5).
        ("JossAnn(0.6, 0.6, Defector)", "Cooperator", 0.5),
        ("Mixed(0.4, Defector, Cooperator)", "Cooperator", 0.6),
    ];
    for (spec, opponent, expected) in cases {
        let (rate, se) = cooperation(spec, opponent, expected);
        assert!(
            (rate - expected).abs() < 4.0 * se,
            "{spec} v {opponent}: {rate} against {expected} (se {se})"
        );
        let registry = Registry::builtin();
        assert!(
            registry.create(spec).unwrap().classifier().stochastic,
            "{spec}"
        );
    }
}

#[test]
fn transformed_names_compose_and_join_player_lists() {
    let registry = Registry::builtin();
    let names = split_player_list(
        "Dual(Tit For Tat), JossAnn(0.1, 0.2, Omega TFT: 3, 8),Cooperator, Noisy(0.05, Initial(DD, Dual(Grudger)))",
        &registry,
    )
    .unwrap();
    assert_eq!(
        names,
        [
            "Dual(Tit For Tat)",
            "JossAnn(0.1, 0.2, Omega TFT: 3, 8)",
            "Cooperator",
            "Noisy(0.05, Initial(DD, Dual(Grudger)))"
        ]
    );
    let made: Vec<String> = names
        .iter()
        .map(|n| registry.create(n).unwrap().name().to_string())
        .collect();
    assert_eq!(
        made,
        [
            "Dual Tit For Tat",
            "Joss-Ann Omega TFT: 3, 8: (0.1, 0.2)",
            "Cooperator",
            "Noisy Initial Dual Grudger: [D, D]: 0.05"
        ]
    );
}

#[test]
fn malformed_transformed_names_are_refused_with_the_reason() {
    let registry = Registry::builtin();
    let error = |name: &str| registry.create(name).err().unwrap().to_string();
    assert!(error("Noisy(2, Tit For Tat)").contains("`2` is not a probability in [0, 1]"));
    assert!(error("Dual()").contains("takes 0 parameter(s) and then the strategy"));
    assert!(error("Noisy(Tit For Tat)").contains("takes 1 parameter(s)"));
    assert!(error("Dual(Nobody Known)").contains("unknown strategy `Nobody Known`"));
    assert!(error("Apology(DD, C, Tit For Tat)").contains("same, non-zero length"));
    assert!(error("Initial(CXD, Tit For Tat)").contains("not a sequence of C and D"));
    assert!(error("Grudge(-1, Cooperator)").contains("not a whole number"));
    assert!(!registry.resolves("Dual(Tit For Tat"));
}
