//! Tournament throughput: the 50-strategy deterministic round robin of
//! Axelrod-Python's reference timing (200 turns, 10 repetitions, 12,750
//! matches, full statistics), on 1 and 2 threads, and the ecological
//! simulation on its payoff matrix.
//!
//! Reference on the 2-core machine type: Axelrod-Python 15.7 s serial.
//! `benches/compare_axelrod.sh` times both tools on the same field in one run.

use criterion::{criterion_group, criterion_main, Criterion};
use dilemma::evolution::ecological_simulation;
use dilemma::game::SecurityDilemma;
use dilemma::posture::PostureTournament;
use dilemma::strategy::Registry;
use dilemma::sweep::{self, SweepConfig};
use dilemma::tournament::{GameSpec, PlayerSpec, Tournament, TournamentConfig, DEFAULT_FIELD};
use std::time::Duration;

/// The first 50 strategies of the 81-strategy reference field that dilemma
/// implements (the same list `compare_axelrod.sh` gives Axelrod-Python).
pub fn field() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/tournament_all_deterministic.json"
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let registry = Registry::builtin();
    v["players"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .filter(|p| registry.get(p).is_some())
        .take(50)
        .collect()
}

fn tournament() -> Tournament {
    let config = TournamentConfig {
        players: field().into_iter().map(PlayerSpec::Name).collect(),
        turns: 200,
        repetitions: 10,
        ..TournamentConfig::default()
    };
    Tournament::new(config, &Registry::builtin()).unwrap()
}

fn bench_tournament(c: &mut Criterion) {
    let t = tournament();
    let mut group = c.benchmark_group("tournament_50x200x10");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for threads in [1, 2] {
        group.bench_function(format!("{threads}_threads"), |b| {
            b.iter(|| {
                t.run_with_threads(Some(threads), &mut |_| {}, None)
                    .unwrap()
            })
        });
    }
    group.finish();

    let results = t.run(&mut |_| {}, None).unwrap();
    let m = &results.statistics.payoff_matrix;
    let n = m.len();
    let payoffs = ndarray::Array2::from_shape_fn((n, n), |(i, j)| m[i][j]);
    c.bench_function("ecological_50_strategies_1000_generations", |b| {
        b.iter(|| ecological_simulation(&payoffs, None, 1000).unwrap())
    });
}

/// A 21 x 21 Jervis sweep with a 20-strategy field, 100 turns, 5 repetitions
/// per point (target: under 30 s on 2 cores).
fn bench_sweep(c: &mut Criterion) {
    let mut players: Vec<String> = sweep::SECURITY_FIELD
        .iter()
        .map(|s| s.to_string())
        .collect();
    for s in DEFAULT_FIELD {
        if players.len() < 20 && !players.iter().any(|p| p == s) {
            players.push(s.to_string());
        }
    }
    assert_eq!(players.len(), 20);
    let base = TournamentConfig {
        players: players.into_iter().map(PlayerSpec::Name).collect(),
        ..sweep::jervis_base()
    };
    let config = SweepConfig::jervis(21);
    let registry = Registry::builtin();
    let mut group = c.benchmark_group("jervis_sweep_21x21_20_strategies");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("2_threads", |b| {
        b.iter(|| sweep::run_sweep(&base, &config, &registry, &|_| {}).unwrap())
    });
    group.finish();
}

/// The three-action security dilemma: the 50-strategy field plus the two
/// strategies that use H, 200 turns, 10 repetitions, with the model's
/// perception noise; beside the two-action security tournament of the same
/// 50 strategies.
fn bench_three_action(c: &mut Criterion) {
    let registry = Registry::builtin();
    let base = TournamentConfig {
        players: field().into_iter().map(PlayerSpec::Name).collect(),
        game: GameSpec::Security {
            parameters: SecurityDilemma::default(),
        },
        turns: 200,
        repetitions: 10,
        ..TournamentConfig::default()
    };
    let two = Tournament::new(base.clone(), &registry).unwrap();
    let mut players = base.players.clone();
    players.push(PlayerSpec::Name("Non-Offensive Defender".into()));
    players.push(PlayerSpec::Name("Always Defend".into()));
    let three = PostureTournament::new(
        TournamentConfig {
            players,
            three_action: true,
            ..base
        },
        &registry,
    )
    .unwrap();
    let mut group = c.benchmark_group("security_200x10");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for threads in [1, 2] {
        group.bench_function(format!("two_action_50_{threads}_threads"), |b| {
            b.iter(|| {
                two.run_with_threads(Some(threads), &mut |_| {}, None)
                    .unwrap()
            })
        });
        group.bench_function(format!("three_action_52_{threads}_threads"), |b| {
            b.iter(|| {
                three
                    .run_with_threads(Some(threads), &mut |_| {}, None)
                    .unwrap()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_tournament, bench_sweep, bench_three_action);
criterion_main!(benches);
