//! Evolution of groups (docs/model.md §20.8) against EGTtools
//! (`tests/fixtures/group_evolution.json`, written by
//! `tests/fixtures/group_evolution.py`): the n-player replicator gradient,
//! the finite population's fixation probabilities with hypergeometric group
//! sampling, the small-mutation-limit stationary distribution and, for two
//! strategies, the full chain with mutation.

use dilemma::evolution::groups::{group_replicator_velocity, GroupFermi, GroupPayoffs};
use dilemma::game::nplayer_catalogue;
use serde_json::Value;

/// Agreement with EGTtools (absolute).
const TOL: f64 = 1e-9;

fn fixture() -> Value {
    let path = format!(
        "{}/tests/fixtures/group_evolution.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn vector(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn counts(v: &Value) -> Vec<usize> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap() as usize)
        .collect()
}

/// The case's payoff table, looked up by composition (so the check does not
/// rely on the two orders agreeing).
fn table(case: &Value) -> GroupPayoffs {
    let m = case["strategies"].as_u64().unwrap() as usize;
    let n = case["group_size"].as_u64().unwrap() as usize;
    let comps: Vec<Vec<usize>> = case["compositions"]
        .as_array()
        .unwrap()
        .iter()
        .map(counts)
        .collect();
    let rows: Vec<Vec<f64>> = case["payoffs"]
        .as_array()
        .unwrap()
        .iter()
        .map(vector)
        .collect();
    let names = (0..m).map(|i| format!("s{i}")).collect();
    GroupPayoffs::from_fn(names, n, |k, i| {
        let c = comps
            .iter()
            .position(|x| x == k)
            .expect("EGTtools lists it");
        rows[i][c]
    })
    .unwrap()
}

#[test]
fn replicator_gradient_matches_egttools() {
    for case in fixture()["cases"].as_array().unwrap() {
        let p = table(case);
        for point in case["replicator"].as_array().unwrap() {
            let x = vector(&point["state"]);
            let ours = group_replicator_velocity(&p, &x);
            for (a, b) in ours.iter().zip(vector(&point["gradient"])) {
                assert!((a - b).abs() < TOL, "{}: {ours:?} vs {b}", case["name"]);
            }
        }
    }
}

#[test]
fn fixation_and_stationary_distributions_match_egttools() {
    let mut checked = 0;
    for case in fixture()["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let z = case["population"].as_u64().unwrap() as usize;
        let beta = case["beta"].as_f64().unwrap();
        let mu = case["mutation"].as_f64().unwrap_or(0.0);
        let process = GroupFermi::new(table(case), z, beta, mu).unwrap();
        let chain = process.small_mutation_limit();
        for (r, row) in case["fixation"].as_array().unwrap().iter().enumerate() {
            for (i, theirs) in vector(row).into_iter().enumerate() {
                let ours = chain.fixation[(r, i)];
                assert!(
                    (ours - theirs).abs() < TOL,
                    "{name}: ρ invader {i} resident {r}: {ours} vs {theirs}"
                );
                checked += 1;
            }
        }
        for (a, b) in chain
            .stationary
            .iter()
            .zip(vector(&case["small_mutation_stationary"]))
        {
            assert!(
                (a - b).abs() < TOL,
                "{name} SML: {:?} vs {b}",
                chain.stationary
            );
        }
        if mu > 0.0 {
            let full = process.two_strategy_chain().unwrap();
            let theirs = vector(&case["full_stationary"]);
            assert_eq!(full.len(), theirs.len());
            for (j, (a, b)) in full.iter().zip(&theirs).enumerate() {
                assert!((a - b).abs() < TOL, "{name} full chain at {j}: {a} vs {b}");
            }
        }
    }
    assert!(checked >= 17, "{checked} fixation probabilities");
}

#[test]
fn two_player_groups_reduce_to_the_pairwise_comparison_process() {
    // The catalogue's two-player public goods game as a matrix game and as
    // groups of two: the same fixation matrix and stationary distribution.
    let g = nplayer_catalogue::by_name("public_goods", &[("n".into(), 2.0), ("r".into(), 1.5)])
        .unwrap();
    let groups = GroupFermi::new(GroupPayoffs::from_stage(&g).unwrap(), 25, 0.8, 0.0).unwrap();
    let matrix = g.to_matrix_game().unwrap();
    let pair = dilemma::learning::FermiProcess::new(&matrix, 25, 0.8, 0.0).unwrap();
    let a = groups.small_mutation_limit();
    let b = dilemma::learning::small_mutation_limit(&pair);
    for (x, y) in a.fixation.iter().zip(b.fixation.iter()) {
        assert!((x - y).abs() <= 1e-12 * y.abs().max(1e-300), "{x} vs {y}");
    }
    for (x, y) in a.stationary.iter().zip(&b.stationary) {
        assert!((x - y).abs() < 1e-12);
    }
}
