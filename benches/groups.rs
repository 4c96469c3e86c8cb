//! Tournament of groups throughput: the default field of 20 group
//! strategies in groups of 3 (1,140 groups) on the n-player prisoner's
//! dilemma, 200 turns, 10 repetitions (11,400 matches), on 1 and 2 threads;
//! and the alliance game (two allies and an outsider, every group in its 3
//! seatings: 34,200 matches) on 2 threads.
//!
//! Target (issue 19): under 2 s on two threads of the 2-core machine type.

use criterion::{criterion_group, criterion_main, Criterion};
use dilemma::game::alliance::{AllianceSpec, BlocSpec};
use dilemma::game::SecurityDilemma;
use dilemma::tournament::groups::{GroupGameSpec, GroupTournament, GroupTournamentConfig};
use std::time::Duration;

fn bench_groups(c: &mut Criterion) {
    let t = GroupTournament::new(GroupTournamentConfig::default()).unwrap();
    assert_eq!(t.groups().len(), 1140);
    let mut alliance = AllianceSpec::plain(SecurityDilemma::default(), 3);
    alliance.blocs = vec![BlocSpec {
        name: "west".into(),
        members: vec!["1".into(), "2".into()],
    }];
    let a = GroupTournament::new(GroupTournamentConfig {
        game: GroupGameSpec::Alliance { alliance },
        ..GroupTournamentConfig::default()
    })
    .unwrap();
    let mut group = c.benchmark_group("groups_20x3_200x10");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for threads in [1, 2] {
        group.bench_function(format!("n_prisoners_dilemma_{threads}_threads"), |b| {
            b.iter(|| t.run_with_threads(Some(threads), &mut |_| {}).unwrap())
        });
    }
    group.bench_function("alliance_2_threads", |b| {
        b.iter(|| a.run_with_threads(Some(2), &mut |_| {}).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench_groups);
criterion_main!(benches);
