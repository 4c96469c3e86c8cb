//! Fingerprints against Axelrod-Python 4.14's (tests/fixtures/
//! transformers.json, written by tests/fixtures/transformers.py) to the
//! sampling error both report, against a closed form, and for any thread
//! count.

use dilemma::fingerprint::{
    ashlock_fingerprint, transitive_fingerprint, AshlockSettings, TransitiveSettings,
};
use dilemma::strategy::Registry;
use serde_json::Value;

fn fixture() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/transformers.json"
    ))
    .expect("fixture");
    serde_json::from_str(&text).expect("valid JSON")
}

/// Whether two means agree to within four standard errors of their
/// difference (exactly, up to rounding, where both are certain).
fn agree(ours: f64, our_se: f64, theirs: f64, their_se: f64) -> bool {
    (ours - theirs).abs() <= 4.0 * (our_se * our_se + their_se * their_se).sqrt() + 1e-9
}

#[test]
fn ashlock_fingerprints_of_tft_and_wsls_agree_with_axelrod() {
    let fixture = fixture();
    let registry = Registry::builtin();
    let repetitions = fixture["repetitions"].as_u64().unwrap();
    for reference in fixture["ashlock"].as_array().unwrap() {
        let strategy = reference["strategy"].as_str().unwrap();
        let settings = AshlockSettings {
            strategy: strategy.into(),
            probe: "Tit For Tat".into(),
            step: reference["step"].as_f64().unwrap(),
            turns: reference["turns"].as_u64().unwrap(),
            repetitions,
            seed: 7,
        };
        let ours = ashlock_fingerprint(&registry, &settings, Some(2)).unwrap();
        let points = reference["points"].as_array().unwrap();
        assert_eq!(ours.points.len(), points.len(), "{strategy}: grid");
        let mut disagree = Vec::new();
        for (p, r) in ours.points.iter().zip(points) {
            assert_eq!(
                (p.x, p.y),
                (r["x"].as_f64().unwrap(), r["y"].as_f64().unwrap())
            );
            let (theirs, their_se) = (r["mean"].as_f64().unwrap(), r["se"].as_f64().unwrap());
            if !agree(p.mean, p.se, theirs, their_se) {
                disagree.push(format!(
                    "({}, {}): {} ± {} against {theirs} ± {their_se}",
                    p.x, p.y, p.mean, p.se
                ));
            }
        }
        assert!(disagree.is_empty(), "{strategy}: {disagree:#?}");
    }
}

#[test]
fn transitive_fingerprints_of_tft_and_wsls_agree_with_axelrod() {
    let fixture = fixture();
    let registry = Registry::builtin();
    let repetitions = fixture["transitive_repetitions"].as_u64().unwrap();
    for reference in fixture["transitive"].as_array().unwrap() {
        let strategy = reference["strategy"].as_str().unwrap();
        let settings = TransitiveSettings {
            strategy: strategy.into(),
            opponents: Vec::new(),
            opponents_count: 10,
            turns: reference["turns"].as_u64().unwrap(),
            repetitions,
            noise: 0.0,
            seed: 7,
        };
        let ours = transitive_fingerprint(&registry, &settings, Some(2)).unwrap();
        let names: Vec<&str> = reference["opponents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o.as_str().unwrap())
            .collect();
        assert_eq!(ours.opponents, names, "{strategy}: the default opponents");
        let n = repetitions as f64;
        let mut disagree = Vec::new();
        for (k, (rates, theirs)) in ours
            .rate
            .iter()
            .zip(reference["rate"].as_array().unwrap())
            .enumerate()
        {
            for (t, (&ours, theirs)) in rates.iter().zip(theirs.as_array().unwrap()).enumerate() {
                let theirs = theirs.as_f64().unwrap();
                let se = |r: f64| (r * (1.0 - r) / n).sqrt();
                if !agree(ours, se(ours), theirs, se(theirs)) {
                    disagree.push(format!(
                        "opponent {k}, turn {}: {ours} against {theirs}",
                        t + 1
                    ));
                }
            }
        }
        assert!(disagree.is_empty(), "{strategy}: {disagree:#?}");
    }
}

#[test]
fn a_cooperators_ashlock_fingerprint_is_three_minus_three_y() {
    // Below the diagonal the probe is Joss-Ann Tit For Tat: against a
    // cooperator Tit For Tat proposes C, so the probe defects with
    // probability y and the cooperator scores 3 (1 - y) + 0 y per turn.
    let settings = AshlockSettings {
        strategy: "Cooperator".into(),
        step: 0.25,
        turns: 100,
        repetitions: 200,
        ..AshlockSettings::default()
    };
    let fingerprint = ashlock_fingerprint(&Registry::builtin(), &settings, Some(1)).unwrap();
    let below: Vec<_> = fingerprint
        .points
        .iter()
        .filter(|p| p.x + p.y < 1.0)
        .collect();
    assert_eq!(below.len(), 10);
    for p in below {
        let expected = 3.0 - 3.0 * p.y;
        assert!(
            agree(p.mean, p.se, expected, 0.0),
            "({}, {}): {} ± {} against {expected}",
            p.x,
            p.y,
            p.mean,
            p.se
        );
    }
}

#[test]
fn fingerprints_do_not_depend_on_the_thread_count() {
    let registry = Registry::builtin();
    let settings = AshlockSettings {
        strategy: "Win-Stay Lose-Shift".into(),
        step: 0.1,
        turns: 20,
        repetitions: 5,
        ..AshlockSettings::default()
    };
    assert_eq!(
        ashlock_fingerprint(&registry, &settings, Some(1)).unwrap(),
        ashlock_fingerprint(&registry, &settings, Some(2)).unwrap()
    );
    let settings = TransitiveSettings {
        strategy: "Grudger".into(),
        opponents_count: 7,
        turns: 15,
        repetitions: 20,
        noise: 0.05,
        ..TransitiveSettings::default()
    };
    assert_eq!(
        transitive_fingerprint(&registry, &settings, Some(1)).unwrap(),
        transitive_fingerprint(&registry, &settings, Some(2)).unwrap()
    );
}

#[test]
fn bad_fingerprint_settings_are_refused() {
    let registry = Registry::builtin();
    let error = |settings: AshlockSettings| {
        ashlock_fingerprint(&registry, &settings, Some(1))
            .err()
            .unwrap()
            .to_string()
    };
    assert!(error(AshlockSettings {
        step: 0.0,
        ..Default::default()
    })
    .contains("`step`"));
    assert!(error(AshlockSettings {
        step: 0.0001,
        ..Default::default()
    })
    .contains("at least 0.001"));
    assert!(error(AshlockSettings {
        turns: 0,
        ..Default::default()
    })
    .contains("`turns`"));
    assert!(error(AshlockSettings {
        repetitions: 0,
        ..Default::default()
    })
    .contains("`repetitions`"));
    assert!(error(AshlockSettings {
        probe: "Nobody".into(),
        ..Default::default()
    })
    .contains("unknown strategy"));
}
