//! Turns per second of the match engine: Tit For Tat v Tit For Tat, WSLS v
//! Random(0.5) with noise 0.05, and a lookup-table strategy (Winner12) v
//! Gradual. Axelrod-Python's bare match loop does about 203k turns/s (TFT v
//! TFT) on the 2-core reference machine.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dilemma::play::{Match, MatchConfig, StageGame};
use dilemma::strategy::Registry;
use std::hint::black_box;

fn bench_pair(c: &mut Criterion, label: &str, a: &str, b: &str, cfg: MatchConfig) {
    let reg = Registry::builtin();
    let mut sa = reg.create(a).unwrap();
    let mut sb = reg.create(b).unwrap();
    let game = StageGame::default();
    let mut runner = Match::new(cfg).unwrap();
    let turns = match cfg.length {
        dilemma::play::MatchLength::Turns(n) => n,
        dilemma::play::MatchLength::Continuation(_) => unreachable!(),
    };
    let mut group = c.benchmark_group("match");
    group.throughput(Throughput::Elements(turns));
    let mut seed = 0u64;
    group.bench_function(label, |bench| {
        bench.iter(|| {
            seed += 1;
            black_box(
                runner
                    .play(&mut *sa, &mut *sb, &game, black_box(seed))
                    .scores,
            )
        })
    });
    group.finish();
}

fn matches(c: &mut Criterion) {
    bench_pair(
        c,
        "tft_v_tft_1000",
        "Tit For Tat",
        "Tit For Tat",
        MatchConfig::turns(1000),
    );
    bench_pair(
        c,
        "tft_v_tft_200",
        "Tit For Tat",
        "Tit For Tat",
        MatchConfig::turns(200),
    );
    bench_pair(
        c,
        "wsls_v_random_noise_0.05_1000",
        "Win-Stay Lose-Shift",
        "Random",
        MatchConfig::turns(1000).with_noise(0.05),
    );
    bench_pair(
        c,
        "winner12_v_gradual_1000",
        "Winner12",
        "Gradual",
        MatchConfig::turns(1000),
    );
}

criterion_group!(benches, matches);
criterion_main!(benches);
