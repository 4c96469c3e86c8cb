//! Equilibrium solvers: all equilibria of the reference timing games (numpy
//! `default_rng(seed).random((m, m))` for A then B, seeds 5000-5002, stored in
//! `tests/fixtures/timing_games.json`), the zero-sum LP of random 50x50 and
//! 200x200 games, all equilibria of Gambit's n-player reference games, and
//! the logit QRE branch of the timing games (traced from
//! λ = 0 to its limit, which is polished and verified); `python3
//! benches/qre_pygambit.py` times pygambit's `logit_solve` on the same games.
//! Measured on the 2-core machine: the 10x10 branch with its limit 3.9 ms,
//! pygambit 17.0.0b2 13.7 ms (6x6: 0.32 ms against 2.6 ms).
//!
//! Reference times on this 2-core machine type (shared/reference/README.md),
//! all equilibria: 6x6 Gambit enummixed 2.5 ms, nashpy 0.16 s; 8x8 58 ms /
//! 3.1 s; 10x10 0.25 s / 67.6 s. Zero-sum LP with microlp: 0.7 ms / 43 ms.

use criterion::{criterion_group, criterion_main, Criterion};
use dilemma::equilibrium::qre::{logit_solve, trace_branch, TraceOptions};
use dilemma::equilibrium::{
    lemke_howson, lemke_howson_all, solve_zero_sum, support_enumeration, vertex_enumeration,
};
use dilemma::MatrixGame;
use ndarray::Array2;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::hint::black_box;

fn timing_games() -> Vec<(String, MatrixGame)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/timing_games.json"
    );
    let text = std::fs::read_to_string(path).expect("timing_games.json");
    let data: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let matrix = |v: &serde_json::Value| {
        let rows: Vec<Vec<f64>> = serde_json::from_value(v.clone()).expect("matrix");
        Array2::from_shape_fn((rows.len(), rows[0].len()), |(i, j)| rows[i][j])
    };
    data["games"]
        .as_array()
        .expect("games")
        .iter()
        .map(|g| {
            let game = MatrixGame::new(matrix(&g["A"]), matrix(&g["B"])).expect("game");
            (g["size"].as_str().expect("size").to_string(), game)
        })
        .collect()
}

fn all_equilibria(c: &mut Criterion) {
    let mut group = c.benchmark_group("all_equilibria");
    group.sample_size(20);
    for (size, game) in timing_games() {
        group.bench_function(format!("vertex_enumeration_{size}"), |b| {
            b.iter(|| vertex_enumeration(black_box(&game)).expect("solves"))
        });
        group.bench_function(format!("support_enumeration_{size}"), |b| {
            b.iter(|| support_enumeration(black_box(&game)).expect("solves"))
        });
        group.bench_function(format!("lemke_howson_all_labels_{size}"), |b| {
            b.iter(|| lemke_howson_all(black_box(&game)).expect("solves"))
        });
    }
    group.finish();
}

/// Degenerate and large games: vertex enumeration of a random 14x14 game with
/// a pure tie (one degenerate vertex; trying every basis took 79 s on this
/// machine before the lexicographic search), Lemke-Howson from every label on
/// a random 50x50 game, and from label 0 (the CLI's default) on a random
/// 200x200 game (every label: more than 300 s).
fn large_and_degenerate(c: &mut Criterion) {
    let mut group = c.benchmark_group("large_and_degenerate");
    group.sample_size(10);
    let mut rng = ChaCha8Rng::seed_from_u64(14);
    let mut a = Array2::from_shape_fn((14, 14), |_| rng.random_range(0.0..1.0));
    let b = Array2::from_shape_fn((14, 14), |_| rng.random_range(0.0..1.0));
    a[(0, 0)] = 1.0;
    a[(1, 0)] = 1.0;
    let tied = MatrixGame::new(a, b).expect("game");
    group.bench_function("vertex_enumeration_degenerate_14x14", |bch| {
        bch.iter(|| vertex_enumeration(black_box(&tied)).expect("solves"))
    });
    let mut rng = ChaCha8Rng::seed_from_u64(50);
    let a = Array2::from_shape_fn((50, 50), |_| rng.random_range(0.0..1.0));
    let b = Array2::from_shape_fn((50, 50), |_| rng.random_range(0.0..1.0));
    let big = MatrixGame::new(a, b).expect("game");
    group.bench_function("lemke_howson_all_labels_50x50", |bch| {
        bch.iter(|| lemke_howson_all(black_box(&big)).expect("solves"))
    });
    let mut rng = ChaCha8Rng::seed_from_u64(200);
    let a = Array2::from_shape_fn((200, 200), |_| rng.random_range(0.0..1.0));
    let b = Array2::from_shape_fn((200, 200), |_| rng.random_range(0.0..1.0));
    let huge = MatrixGame::new(a, b).expect("game");
    group.bench_function("lemke_howson_label_0_200x200", |bch| {
        bch.iter(|| lemke_howson(black_box(&huge), 0).expect("solves"))
    });
    group.finish();
}

fn zero_sum(c: &mut Criterion) {
    let mut group = c.benchmark_group("zero_sum_lp");
    group.sample_size(10);
    for n in [50usize, 200] {
        let mut rng = ChaCha8Rng::seed_from_u64(2026 + n as u64);
        let a = Array2::from_shape_fn((n, n), |_| rng.random_range(-1.0..1.0));
        let game = MatrixGame::zero_sum(a).expect("game");
        group.bench_function(format!("{n}x{n}"), |b| {
            b.iter(|| solve_zero_sum(black_box(&game)).expect("solves"))
        });
    }
    group.finish();
}

/// n-player games: every equilibrium of Gambit's random 3x3x3 and
/// 2x2x2x2x2 reference games by support enumeration, and one by simplicial
/// subdivision. Measured on this 2-core machine type: all equilibria 41 ms
/// (seed 5004, 5 equilibria), 28 ms (seed 5005), 25 ms (the five-player
/// game); simpdiv 2.5 ms, 0.27 ms, 0.25 ms. pygambit's `enumpoly_solve` on
/// the same 3x3x3 games: 22 ms and 13 ms (shared/reference/nplayer.json,
/// pygambit 16.7), 28.5 ms and 17 ms (`benches/pygambit_enumpoly.py`,
/// pygambit 17.0.0b2, here); it lists 4 and 1 equilibria. The global
/// Newton method (one ray, seed 1) by `benches/pygambit_gnm.py` (the
/// command's time less an empty run's): 0.9 ms (seed 5004), 1.6 ms (seed
/// 5005), 6.6 ms (the five-player game), against pygambit 16.7's
/// `gnm_solve` 3.4 ms, 5.1 ms (it finds nothing) and 46.8 ms.
fn nplayer(c: &mut Criterion) {
    use dilemma::equilibrium::nplayer::gnm::{gnm, GnmOptions};
    use dilemma::equilibrium::nplayer::simpdiv::{simplicial_subdivision, SimpdivOptions};
    use dilemma::equilibrium::nplayer::{solve_nplayer, NPlayerMethod, NPlayerOptions};
    use dilemma::game::{nfg, AnyGame};
    let mut group = c.benchmark_group("nplayer");
    group.sample_size(10);
    for name in [
        "nplayer_3x3x3_seed5004",
        "nplayer_3x3x3_seed5005",
        "nplayer_2x2x2x2x2_seed5009",
    ] {
        let path = format!(
            "{}/tests/fixtures/nplayer/{name}.nfg",
            env!("CARGO_MANIFEST_DIR")
        );
        let AnyGame::Many(game) = nfg::read_any_file(&path).expect("reference file") else {
            panic!("{name} has more than two players");
        };
        let options = NPlayerOptions::default();
        group.bench_function(format!("all_equilibria_{name}"), |b| {
            b.iter(|| {
                solve_nplayer(black_box(&game), NPlayerMethod::All, &options).expect("solves")
            })
        });
        group.bench_function(format!("simpdiv_{name}"), |b| {
            b.iter(|| {
                simplicial_subdivision(black_box(&game), &SimpdivOptions::default())
                    .expect("solves")
            })
        });
        group.bench_function(format!("gnm_{name}"), |b| {
            b.iter(|| gnm(black_box(&game), &GnmOptions::default()).expect("solves"))
        });
    }
    group.finish();
}

/// The logit QRE's principal branch: the trace alone, and the trace with the
/// limit polished and verified (what `solve --method logit` computes).
fn logit_branch(c: &mut Criterion) {
    let mut group = c.benchmark_group("logit_qre");
    group.sample_size(20);
    for (size, game) in timing_games() {
        group.bench_function(format!("trace_{size}"), |b| {
            b.iter(|| trace_branch(black_box(&game), &TraceOptions::default()).expect("traces"))
        });
        group.bench_function(format!("branch_and_limit_{size}"), |b| {
            b.iter(|| logit_solve(black_box(&game), &[]).expect("solves"))
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    all_equilibria,
    large_and_degenerate,
    zero_sum,
    nplayer,
    logit_branch
);
criterion_main!(benches);
