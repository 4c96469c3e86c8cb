//! Tournaments against Axelrod-Python's reference round robins, and their
//! reproducibility.

use dilemma::game::{SecurityDilemma, SideParameters};
use dilemma::strategy::Registry;
use dilemma::tournament::{GameSpec, PlayerSpec, Tournament, TournamentConfig, TournamentResults};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn players(v: &Value) -> Vec<String> {
    v["players"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect()
}

fn config(names: &[String], repetitions: u32, noise: f64, seed: u64) -> TournamentConfig {
    TournamentConfig {
        players: names.iter().map(|n| PlayerSpec::Name(n.clone())).collect(),
        turns: 200,
        repetitions,
        noise,
        seed,
        ..TournamentConfig::default()
    }
}

fn run(config: TournamentConfig) -> TournamentResults {
    Tournament::new(config, &Registry::builtin())
        .unwrap()
        .run(&mut |_| {}, None)
        .unwrap()
}

fn run_threads(config: TournamentConfig, threads: usize) -> TournamentResults {
    Tournament::new(config, &Registry::builtin())
        .unwrap()
        .run_with_threads(Some(threads), &mut |_| {}, None)
        .unwrap()
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn matrix(v: &Value) -> Vec<Vec<f64>> {
    v.as_array().unwrap().iter().map(floats).collect()
}

fn assert_close(got: f64, want: f64, what: &str) {
    assert!(
        (got - want).abs() <= 1e-12,
        "{what}: got {got}, Axelrod-Python has {want}"
    );
}

#[test]
fn classic_round_robin_equals_axelrod_python() {
    let reference = fixture("tournament.json");
    let names = players(&reference);
    let results = run(config(&names, 1, 0.0, 1));
    let s = &results.statistics;

    // The summary, every column.
    let summary = reference["summary"].as_array().unwrap();
    assert_eq!(s.summary.len(), summary.len());
    for (got, want) in s.summary.iter().zip(summary) {
        let who = want["Name"].as_str().unwrap();
        assert_eq!(
            got.rank as u64,
            want["Rank"].as_u64().unwrap(),
            "rank of {who}"
        );
        assert_eq!(got.name, who, "name of player {}", got.original_index);
        assert_eq!(
            got.original_index as u64,
            want["Original_index"].as_u64().unwrap()
        );
        for (field, value) in [
            ("Median_score", got.median_score),
            ("Cooperation_rating", got.cooperation_rating),
            ("Wins", got.wins),
            ("Initial_C_rate", got.initial_c_rate),
            ("CC_rate", got.cc_rate),
            ("CD_rate", got.cd_rate),
            ("DC_rate", got.dc_rate),
            ("DD_rate", got.dd_rate),
            ("CC_to_C_rate", got.cc_to_c_rate),
            ("CD_to_C_rate", got.cd_to_c_rate),
            ("DC_to_C_rate", got.dc_to_c_rate),
            ("DD_to_C_rate", got.dd_to_c_rate),
        ] {
            assert_close(
                value,
                want[field].as_f64().unwrap(),
                &format!("{who} {field}"),
            );
        }
    }
    let ranked: Vec<&str> = reference["ranked_names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(s.ranked_names, ranked);

    for (got, want, what) in [
        (
            &s.payoff_matrix,
            matrix(&reference["payoff_matrix"]),
            "payoff",
        ),
        (
            &s.payoff_stddevs,
            matrix(&reference["payoff_stddevs"]),
            "payoff sd",
        ),
        (
            &s.normalised_scores,
            matrix(&reference["normalised_scores"]),
            "normalised score",
        ),
    ] {
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            for (j, (x, y)) in g.iter().zip(w).enumerate() {
                assert_close(*x, *y, &format!("{what} [{i}][{j}]"));
            }
        }
    }
    let wins: Vec<Vec<u64>> = serde_json::from_value(reference["wins"].clone()).unwrap();
    assert_eq!(s.wins, wins);
    for (got, key) in [
        (&s.good_partner_rating, "good_partner_rating"),
        (&s.eigenjesus_rating, "eigenjesus_rating"),
        (&s.eigenmoses_rating, "eigenmoses_rating"),
        (&s.cooperating_rating, "cooperating_rating"),
        (&s.initial_cooperation_rate, "initial_cooperation_rate"),
    ] {
        for (i, (x, y)) in got.iter().zip(floats(&reference[key])).enumerate() {
            assert_close(*x, y, &format!("{key}[{i}]"));
        }
    }
}

#[test]
fn result_matrices_equal_axelrod_python() {
    // tests/fixtures/result_matrices.py: 20 classic strategies, 3 repetitions.
    let reference = fixture("result_matrices.json");
    let names = players(&reference);
    let reps = reference["repetitions"].as_u64().unwrap() as u32;
    let s = run(config(&names, reps, 0.0, 1)).statistics;
    let n = names.len();
    let diffs: Vec<Vec<Vec<f64>>> =
        serde_json::from_value(reference["score_diffs"].clone()).unwrap();
    assert_eq!(s.score_diffs.len(), n);
    for (i, (got, want)) in s.score_diffs.iter().zip(&diffs).enumerate() {
        for (j, (got, want)) in got.iter().zip(want).enumerate() {
            assert_eq!(got.len(), reps as usize);
            for (r, (x, y)) in got.iter().zip(want).enumerate() {
                assert_close(*x, *y, &format!("score_diffs[{i}][{j}][{r}]"));
            }
        }
    }
    for (got, key) in [
        (&s.payoff_diffs_means, "payoff_diffs_means"),
        (&s.vengeful_cooperation, "vengeful_cooperation"),
    ] {
        for (i, (g, w)) in got.iter().zip(matrix(&reference[key])).enumerate() {
            for (j, (x, y)) in g.iter().zip(&w).enumerate() {
                assert_close(*x, *y, &format!("{key}[{i}][{j}]"));
            }
        }
    }
    let good: Vec<Vec<u64>> =
        serde_json::from_value(reference["good_partner_matrix"].clone()).unwrap();
    assert_eq!(s.good_partner_matrix, good);
    // Payoff differences are antisymmetric, and the good-partner rating is
    // the matrix's row sum over the matches against others.
    for i in 0..n {
        for j in 0..n {
            assert!((s.payoff_diffs_means[i][j] + s.payoff_diffs_means[j][i]).abs() < 1e-12);
        }
        let row: u64 = s.good_partner_matrix[i].iter().sum();
        let matches = (reps as usize * (n - 1)) as f64;
        assert_close(
            s.good_partner_rating[i],
            row as f64 / matches,
            "good partner rating",
        );
    }
}

#[test]
fn score_differences_follow_each_repetitions_payoffs_under_noise() {
    // One match per pairing and repetition: i's score difference against j
    // is i's per-turn payoff minus j's in that match, so its mean over
    // repetitions is the payoff matrix's antisymmetric part.
    let reference = fixture("result_matrices.json");
    let names = players(&reference);
    let s = run(config(&names, 4, 0.05, 7)).statistics;
    let n = names.len();
    let mut differing = 0;
    for i in 0..n {
        for j in (0..n).filter(|&j| j != i) {
            let want = s.payoff_matrix[i][j] - s.payoff_matrix[j][i];
            assert!(
                (s.payoff_diffs_means[i][j] - want).abs() < 1e-12,
                "[{i}][{j}]: {} v {want}",
                s.payoff_diffs_means[i][j]
            );
            let d = &s.score_diffs[i][j];
            differing += usize::from(d.iter().any(|x| *x != d[0]));
        }
        assert!(s.score_diffs[i][i].iter().all(|x| x.abs() < 1e-12));
    }
    assert!(differing > n, "noise should make repetitions differ");
}

#[test]
fn every_implemented_pair_of_the_81_has_axelrods_payoffs() {
    let reference = fixture("tournament_all_deterministic.json");
    let all = players(&reference);
    let registry = Registry::builtin();
    let implemented: Vec<usize> = (0..all.len())
        .filter(|&k| registry.get(&all[k]).is_some())
        .collect();
    let names: Vec<String> = implemented.iter().map(|&k| all[k].clone()).collect();
    let results = run(config(&names, 1, 0.0, 1));
    let want = matrix(&reference["payoff_matrix"]);
    let mut compared = 0;
    for (a, &i) in implemented.iter().enumerate() {
        for (b, &j) in implemented.iter().enumerate() {
            assert_close(
                results.statistics.payoff_matrix[a][b],
                want[i][j],
                &format!("{} v {}", all[i], all[j]),
            );
            compared += 1;
        }
    }
    eprintln!(
        "{} of {} strategies implemented; {compared} payoff entries equal Axelrod-Python's",
        implemented.len(),
        all.len()
    );
    assert!(
        implemented.len() >= 60,
        "only {} implemented",
        implemented.len()
    );
}

#[test]
fn noisy_round_robin_agrees_statistically() {
    // Noise 0.05, 50 repetitions: random streams differ from Axelrod-Python's,
    // so compare each player's mean normalised score. The tolerance is 4
    // combined standard errors of the two means (a false alarm for one of 20
    // players has probability about 20 x 6e-5).
    let reference = fixture("tournament_noisy.json");
    let names = players(&reference);
    let results = run(config(&names, 50, 0.05, 1));
    let theirs = matrix(&reference["normalised_scores"]);
    let mean_se = |v: &[f64]| {
        let n = v.len() as f64;
        let m = v.iter().sum::<f64>() / n;
        let var = v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0);
        (m, (var / n).sqrt())
    };
    for (i, name) in names.iter().enumerate() {
        let (m1, se1) = mean_se(&results.statistics.normalised_scores[i]);
        let (m2, se2) = mean_se(&theirs[i]);
        let tolerance = 4.0 * (se1 * se1 + se2 * se2).sqrt();
        assert!(
            (m1 - m2).abs() <= tolerance,
            "{name}: mean score {m1:.4} vs Axelrod-Python {m2:.4} (tolerance {tolerance:.4})"
        );
    }
}

#[test]
fn results_do_not_depend_on_threads_and_follow_the_seed() {
    let names: Vec<String> = [
        "Tit For Tat",
        "Win-Stay Lose-Shift",
        "Random: 0.5",
        "Grudger",
        "Generous Tit For Tat",
        "Joss",
        "Defector",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let cfg = TournamentConfig {
        perception_noise: 0.02,
        ..config(&names, 7, 0.03, 42)
    };
    let one = run_threads(cfg.clone(), 1);
    let two = run_threads(cfg.clone(), 2);
    let four = run_threads(cfg.clone(), 4);
    assert_eq!(one, two);
    assert_eq!(one, four);
    assert_eq!(one, run(cfg.clone()));
    let serial = Tournament::new(cfg.clone(), &Registry::builtin())
        .unwrap()
        .run_serial(&mut |_| {}, None)
        .unwrap();
    assert_eq!(one, serial);
    let other = run(TournamentConfig { seed: 43, ..cfg });
    assert_ne!(one.statistics.payoff_matrix, other.statistics.payoff_matrix);
}

#[test]
fn group_statistics_split_in_group_and_out_group() {
    let player = |s: &str, g: &str| PlayerSpec::Detailed {
        strategy: s.into(),
        side: Some(g.into()),
        perception_noise: None,
        paranoia: None,
        out_group_paranoia: None,
    };
    let cfg = TournamentConfig {
        players: vec![
            player("Tit For Tat", "alliance"),
            player("Grudger", "alliance"),
            player("Defector", "outsider"),
        ],
        repetitions: 1,
        ..TournamentConfig::default()
    };
    let r = run(cfg);
    let g = r.groups.unwrap();
    assert_eq!(g.in_group_payoff[0], Some(3.0));
    assert_eq!(g.in_group_cooperation[0], Some(1.0));
    // TFT v Defector: C then D for 199 turns: 199/200 per turn, 1/200 cooperation.
    assert_eq!(g.out_group_payoff[0], Some(199.0 / 200.0));
    assert_eq!(g.out_group_cooperation[0], Some(1.0 / 200.0));
    assert_eq!(g.in_group_payoff[2], None);
    assert_eq!(g.out_group_payoff[2], Some(204.0 / 200.0));
}

fn grouped(strategy: &str, group: &str) -> PlayerSpec {
    PlayerSpec::Detailed {
        strategy: strategy.into(),
        side: Some(group.into()),
        perception_noise: None,
        paranoia: None,
        out_group_paranoia: None,
    }
}

fn prisoners_dilemma(r: f64, s: f64, t: f64, p: f64) -> GameSpec {
    GameSpec::Catalogue {
        name: "prisoners_dilemma".into(),
        params: [("R", r), ("S", s), ("T", t), ("P", p)]
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect(),
    }
}

#[test]
fn tag_conditional_players_see_group_labels_in_a_tournament() {
    let cfg = TournamentConfig {
        players: vec![
            grouped("Ethnocentric", "a"),
            grouped("Parochial Reciprocator", "a"),
            grouped("Traitor", "b"),
            PlayerSpec::Name("Ethnocentric".into()),
        ],
        turns: 10,
        repetitions: 1,
        ..TournamentConfig::default()
    };
    let g = run(cfg).groups.unwrap();
    // Group a cooperates inside, defects against b and the unlabelled one.
    assert_eq!(g.in_group_cooperation[0], Some(1.0));
    assert_eq!(g.out_group_cooperation[0], Some(0.0));
    // The traitor cooperates with everyone outside its group.
    assert_eq!(g.out_group_cooperation[2], Some(1.0));
    // The unlabelled ethnocentric sees only tagged strangers.
    assert_eq!(g.out_group_cooperation[3], Some(0.0));
    let a = &g.summary[0];
    assert_eq!((a.group.as_str(), a.members.clone()), ("a", vec![0, 1]));
    assert_eq!(a.in_group_payoff, Some(3.0));
    assert_eq!(g.summary.len(), 3);
    assert_eq!(g.summary[2].group, "");
}

#[test]
fn out_group_pairs_play_the_out_group_game_and_perception() {
    let players = vec![
        grouped("Tit For Tat", "a"),
        grouped("Grudger", "a"),
        grouped("Cooperator", "b"),
    ];
    let base = TournamentConfig {
        players,
        turns: 20,
        repetitions: 2,
        ..TournamentConfig::default()
    };
    let plain = run(base.clone());
    let cfg = TournamentConfig {
        out_group_game: Some(prisoners_dilemma(4.0, 0.0, 5.0, 1.0)),
        out_group_perception_noise: Some(1.0),
        ..base.clone()
    };
    let r = run(cfg.clone());
    let g = r.groups.as_ref().unwrap();
    // In-group: the main game, no noise.
    assert_eq!(r.statistics.payoff_matrix[0][1], 3.0);
    assert_eq!(g.in_group_cooperation[0], Some(1.0));
    // Out-group: every cooperation of the Cooperator is read as a defection,
    // so TFT defects from the second turn on; payoffs are the out-group game's.
    assert_eq!(g.out_group_cooperation[0], Some(1.0 / 20.0));
    assert_eq!(r.statistics.payoff_matrix[0][2], (4.0 + 19.0 * 5.0) / 20.0);
    assert_eq!(r.statistics.payoff_matrix[2][0], 4.0 / 20.0);
    // Without out-group settings nothing changes.
    assert_eq!(plain.statistics.payoff_matrix[0][2], 3.0);
    // An asymmetric out-group game is played in both roles, the symmetric
    // in-group game once.
    let asym = TournamentConfig {
        out_group_game: Some(GameSpec::Security {
            parameters: SecurityDilemma {
                power: 0.7,
                ..SecurityDilemma::default()
            },
        }),
        ..base
    };
    let r = run(asym);
    let g = r.groups.unwrap();
    assert_eq!(g.in_group_cooperation[0], Some(1.0));
    assert!(g.out_group_cooperation[0].unwrap() > 0.0);
    // A security game's perception applies to its pairs only: the in-group
    // prisoner's dilemma has none, so in-group play stays noise-free.
    assert_eq!(r.statistics.payoff_matrix[0][1], 3.0);
}

#[test]
fn configurations_without_out_group_settings_parse_and_serialise_as_before() {
    let text = r#"
        name = "old"
        players = ["Tit For Tat", { strategy = "Paranoid", group = "x", paranoia = 0.1 }]
        turns = 10
    "#;
    let cfg: TournamentConfig = toml::from_str(text).unwrap();
    assert_eq!(cfg.out_group_game, None);
    assert_eq!(cfg.out_group_perception_noise, None);
    let json = serde_json::to_string(&cfg).unwrap();
    assert!(!json.contains("out_group"), "{json}");
    let back: TournamentConfig = serde_json::from_str(&json).unwrap();
    assert_eq!(back, cfg);
    // Out-of-range out-group settings are errors that name the field.
    let bad = TournamentConfig {
        out_group_perception_noise: Some(1.5),
        ..cfg.clone()
    };
    let err = Tournament::new(bad, &Registry::builtin()).unwrap_err();
    assert!(
        err.to_string().contains("out_group_perception_noise"),
        "{err}"
    );
    let bad = TournamentConfig {
        players: vec![
            PlayerSpec::Name("Tit For Tat".into()),
            PlayerSpec::Detailed {
                strategy: "Paranoid".into(),
                side: Some("x".into()),
                perception_noise: None,
                paranoia: None,
                out_group_paranoia: Some(-0.1),
            },
        ],
        ..cfg
    };
    let err = Tournament::new(bad, &Registry::builtin()).unwrap_err();
    assert!(err.to_string().contains("out_group_paranoia"), "{err}");
}

/// The security-community example (written to
/// /tmp/security_community.toml for the results folder).
const SECURITY_COMMUNITY: &str = r#"
[tournament]
name = "security-community"
players = [
  { strategy = "Tit For Tat", group = "alliance" },
  { strategy = "Generous Tit For Tat", group = "alliance" },
  { strategy = "Spiral Reciprocator", group = "alliance" },
  { strategy = "Paranoid", group = "outsider", out_group_paranoia = 0.2 },
]
turns = 100
repetitions = 20
seed = 1957
game = { kind = "security", parameters = { offence = 0.3, differentiation = 0.9, cooperation_value = 3.0 } }
out_group_game = { kind = "security", parameters = { offence = 0.6, differentiation = 0.2, power = 0.7 } }
"#;

#[test]
fn a_security_community_restrains_inside_and_not_across_the_group_line() {
    #[derive(serde::Deserialize)]
    struct File {
        tournament: TournamentConfig,
    }
    let cfg = toml::from_str::<File>(SECURITY_COMMUNITY)
        .unwrap()
        .tournament;
    let r = run(cfg.clone());
    let g = r.groups.clone().unwrap();
    let alliance = g.summary.iter().find(|s| s.group == "alliance").unwrap();
    let outsider = g.summary.iter().find(|s| s.group == "outsider").unwrap();
    let (coop_in, coop_out) = (
        alliance.in_group_cooperation.unwrap(),
        alliance.out_group_cooperation.unwrap(),
    );
    let (pay_in, pay_out) = (
        alliance.in_group_payoff.unwrap(),
        alliance.out_group_payoff.unwrap(),
    );
    println!(
        "alliance: restraint {coop_in:.4} inside, {coop_out:.4} across; payoff {pay_in:.4} inside, {pay_out:.4} across; outsider restraint {:.4}, payoff {:.4}",
        outsider.out_group_cooperation.unwrap(),
        outsider.out_group_payoff.unwrap()
    );
    // The community: near-full restraint inside, much less across the line,
    // where the alliance also earns less.
    assert!(coop_in > 0.9, "{coop_in}");
    assert!(coop_in > coop_out + 0.3, "{coop_in} v {coop_out}");
    assert!(pay_in > pay_out, "{pay_in} v {pay_out}");
    // Every alliance member restrains more inside than across.
    for i in alliance.members.iter().copied() {
        assert!(g.in_group_cooperation[i].unwrap() > g.out_group_cooperation[i].unwrap());
    }
    // The outsider's paranoia is part of the story: without it (and with
    // the out-group game's misperception alone) there is more restraint
    // across the line.
    let mut calm = cfg.clone();
    for p in &mut calm.players {
        if let PlayerSpec::Detailed {
            out_group_paranoia, ..
        } = p
        {
            *out_group_paranoia = None;
        }
    }
    let calm = run(calm).groups.unwrap();
    let calm_out = calm.summary[0].out_group_cooperation.unwrap();
    println!("without the outsider's paranoia: alliance restraint across {calm_out:.4}");
    assert!(calm_out > coop_out, "{calm_out} v {coop_out}");
    // Low differentiation across the line shows as spirals: the alliance's
    // armings against the outsider include ones provoked by restraints it
    // misread (ε0 (1 - δ_out) = 0.08).
    let causes = &r.statistics.pair_defection_causes;
    let spirals: u64 = alliance.members.iter().map(|&i| causes[i][3][2]).sum();
    assert!(spirals > 0);
    // Deterministic for any thread count.
    assert_eq!(run_threads(cfg.clone(), 1), run_threads(cfg, 2));
}

fn dilemma(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_dilemma"))
        .args(args)
        .output()
        .unwrap()
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dilemma-test-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn cli_writes_tables_and_a_manifest_that_reproduces_the_run() {
    let dir = temp_dir("manifest");
    let out = dir.join("first");
    let o = dilemma(&[
        "tournament",
        "--players",
        "Tit For Tat,Random: 0.3,Win-Stay Lose-Shift,Grudger",
        "--repetitions",
        "3",
        "--turns",
        "50",
        "--noise",
        "0.05",
        "--seed",
        "9",
        "--interactions",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8(o.stdout).unwrap();
    assert!(stdout.contains("Win-Stay Lose-Shift"), "{stdout}");
    let summary = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    assert!(summary.starts_with("Rank,Name,Median_score,Cooperation_rating,Wins,Initial_C_rate,Original_index,CC_rate,CD_rate,DC_rate,DD_rate,CC_to_C_rate,CD_to_C_rate,DC_to_C_rate,DD_to_C_rate\n"));
    assert_eq!(summary.lines().count(), 5);
    let interactions = std::fs::read_to_string(out.join("interactions.csv")).unwrap();
    // 10 pairings x 3 repetitions, plus the header.
    assert_eq!(interactions.lines().count(), 31);
    assert!(out.join("payoff_matrix.csv").exists());

    let again = dir.join("again");
    let o = dilemma(&[
        "tournament",
        "--manifest",
        out.join("manifest.json").to_str().unwrap(),
        "--threads",
        "1",
        "--out",
        again.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for file in [
        "results.json",
        "summary.csv",
        "payoff_matrix.csv",
        "manifest.json",
    ] {
        assert_eq!(
            std::fs::read(out.join(file)).unwrap(),
            std::fs::read(again.join(file)).unwrap(),
            "{file} differs on re-run"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cli_rejects_bad_input_with_one_line_and_exit_code_2() {
    let dir = temp_dir("bad");
    for args in [
        vec!["tournament", "--players", "Tit For Tat,No Such Strategy"],
        vec!["tournament", "--noise", "1.5"],
        vec!["tournament", "--repetitions", "0"],
        vec!["tournament", "--game", "rock_paper_scissors"],
        vec!["tournament", "--manifest", "/nonexistent/manifest.json"],
        vec!["tournament", "--three-action"],
        vec!["tournament", "--game", "security", "--param", "offence=1.2"],
        vec![
            "tournament",
            "--game",
            "security",
            "--three-action",
            "--param",
            "offence=1",
        ],
    ] {
        let mut args = args.clone();
        let out = dir.join("x");
        args.extend(["--out", out.to_str().unwrap()]);
        let o = dilemma(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(o.stderr).unwrap();
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(!out.join("summary.csv").exists());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_interrupted_run_leaves_no_table() {
    let dir = temp_dir("killed");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dilemma"))
        .args([
            "tournament",
            "--turns",
            "100000",
            "--repetitions",
            "50",
            "--interactions",
            "--threads",
            "1",
            "--out",
            dir.to_str().unwrap(),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the run has started writing (into its staging folder),
    // then kill it.
    let partial = dir.join(".dilemma-staging/.interactions.csv.tmp");
    for _ in 0..200 {
        if partial.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(partial.exists(), "the run never started");
    child.kill().unwrap();
    child.wait().unwrap();
    for file in [
        "summary.csv",
        "payoff_matrix.csv",
        "results.json",
        "interactions.csv",
    ] {
        assert!(!dir.join(file).exists(), "{file} left behind");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

mod three_action {
    //! The three-action security dilemma (R, A and the defensive posture H).

    use super::*;
    use dilemma::posture::{PostureGame, PostureResults, PostureTournament};

    fn model(offence: f64, differentiation: f64) -> SecurityDilemma {
        SecurityDilemma {
            offence,
            differentiation,
            ..SecurityDilemma::default()
        }
    }

    fn security_config(
        model: SecurityDilemma,
        players: Vec<PlayerSpec>,
        turns: u64,
        repetitions: u32,
    ) -> TournamentConfig {
        TournamentConfig {
            players,
            game: GameSpec::Security { parameters: model },
            turns,
            repetitions,
            seed: 5,
            three_action: true,
            ..TournamentConfig::default()
        }
    }

    fn names(list: &[&str]) -> Vec<PlayerSpec> {
        list.iter()
            .map(|n| PlayerSpec::Name(n.to_string()))
            .collect()
    }

    fn paranoid(name: &str, psi: f64) -> PlayerSpec {
        PlayerSpec::Detailed {
            strategy: name.into(),
            side: None,
            perception_noise: None,
            paranoia: Some(psi),
            out_group_paranoia: None,
        }
    }

    fn run3(config: TournamentConfig, threads: usize) -> PostureResults {
        PostureTournament::new(config, &Registry::builtin())
            .unwrap()
            .run_with_threads(Some(threads), &mut |_| {}, None)
            .unwrap()
    }

    #[test]
    fn results_are_identical_for_any_thread_count() {
        let mut m = model(0.6, 0.4);
        m.power = 0.65;
        let mut players = names(&[
            "Non-Offensive Defender",
            "Always Defend",
            "Tit For Tat",
            "Random: 0.4",
            "Defector",
        ]);
        players.push(paranoid("Win-Stay Lose-Shift", 0.1));
        let config = TournamentConfig {
            noise: 0.03,
            ..security_config(m, players, 60, 7)
        };
        let one = run3(config.clone(), 1);
        assert_eq!(one, run3(config.clone(), 2));
        assert_eq!(one, run3(config.clone(), 4));
        let serial = PostureTournament::new(config, &Registry::builtin())
            .unwrap()
            .run_serial(&mut |_| {}, None)
            .unwrap();
        assert_eq!(one, serial);
    }

    /// Second implementation: without H and without action noise (whose
    /// tremble differs: it may produce H), the three-action tournament of
    /// two-action strategies is the two-action security tournament.
    #[test]
    fn lifted_strategies_play_the_two_action_tournament() {
        let mut players = names(&["Tit For Tat", "Random: 0.5", "Grudger", "GTFT", "Prober"]);
        players.push(paranoid("Win-Stay Lose-Shift", 0.08));
        // Fixed turns, and random lengths (where the payoff matrix must be
        // the mean over repetitions of per-turn payoffs, as Axelrod's).
        for continuation in [None, Some(0.98)] {
            let config = TournamentConfig {
                continuation,
                ..security_config(model(0.55, 0.3), players.clone(), 100, 4)
            };
            let three = run3(config.clone(), 2);
            let two = run(TournamentConfig {
                three_action: false,
                ..config
            });
            let (a, b) = (&three.statistics, &two.statistics);
            for i in 0..a.payoff_matrix.len() {
                assert_eq!(a.postures[i][2], 0);
                for j in 0..a.payoff_matrix.len() {
                    let d = (a.payoff_matrix[i][j] - b.payoff_matrix[i][j]).abs();
                    assert!(d < 1e-12, "payoff {i} v {j} ({continuation:?}): {d}");
                    // The two-action statistics count self-play once.
                    let r = a.posture_matrix[i][j][0] / if i == j { 2 } else { 1 };
                    assert_eq!(r, b.cooperation[i][j], "restraint {i} v {j}");
                }
            }
            let causes: Vec<[u64; 3]> = b.defection_causes.clone();
            assert_eq!(a.arming_causes, causes);
        }
    }

    /// Jervis: a defensive posture that can be told apart from an offensive
    /// one makes restraint safe. A paranoid Tit For Tat that misreads the
    /// defender's restraint arms once; at δ = 1 the defender's H is seen as
    /// defensive and restraint returns, at δ = 0 the H looks like arming and
    /// the pair locks into arming and defending.
    #[test]
    fn distinguishable_defence_breaks_the_spiral() {
        let restraint = |delta: f64| {
            let mut m = model(0.3, delta);
            m.max_misperception = 0.0;
            let players = vec![
                paranoid("Tit For Tat", 0.05),
                PlayerSpec::Name("Non-Offensive Defender".into()),
            ];
            let r = run3(security_config(m, players, 200, 20), 2);
            let counts = r.statistics.posture_matrix[0][1];
            counts[0] as f64 / counts.iter().sum::<u64>() as f64
        };
        let (blind, clear) = (restraint(0.0), restraint(1.0));
        assert!(clear > 0.9, "restraint at δ = 1: {clear}");
        assert!(blind < 0.5, "restraint at δ = 0: {blind}");
    }

    /// Unequal power: each pairing is played in both roles, and the payoff
    /// matrix pools them (closed form for the defender against a defector).
    #[test]
    fn unequal_power_plays_both_roles() {
        let mut m = model(0.35, 0.7);
        m.power = 0.7;
        m.max_misperception = 0.0;
        let n = 40;
        let config = security_config(m, names(&["Non-Offensive Defender", "Defector"]), n, 2);
        let r = run3(config, 2);
        let g = PostureGame::from_security(&m).unwrap();
        assert!(!g.is_symmetric());
        let k = (n - 1) as f64;
        let as_row = g.row[0][1] + k * g.row[2][1];
        let as_col = g.col[1][0] + k * g.col[1][2];
        let expect = (as_row + as_col) / (2 * n) as f64;
        assert!((r.statistics.payoff_matrix[0][1] - expect).abs() < 1e-12);
        assert_eq!(r.statistics.match_turns[0][1], 2 * 2 * n);
    }

    #[test]
    fn group_statistics_report_restraint_inside_and_across() {
        let member = |name: &str, group: &str| PlayerSpec::Detailed {
            strategy: name.into(),
            side: Some(group.into()),
            perception_noise: None,
            paranoia: None,
            out_group_paranoia: None,
        };
        let exact = |offence: f64, differentiation: f64| SecurityDilemma {
            max_misperception: 0.0,
            ..model(offence, differentiation)
        };
        let m = exact(0.4, 0.8);
        let players = vec![
            member("Cooperator", "alliance"),
            member("Non-Offensive Defender", "alliance"),
            member("Defector", "outsider"),
        ];
        let config = TournamentConfig {
            out_group_game: Some(GameSpec::Security {
                parameters: exact(0.6, 0.2),
            }),
            ..security_config(m, players, 50, 3)
        };
        let r = run3(config, 2);
        let groups = r.groups.unwrap();
        let alliance = &groups.summary[0];
        assert_eq!(alliance.members, vec![0, 1]);
        assert_eq!(alliance.in_group_cooperation, Some(1.0));
        assert_eq!(alliance.in_group_payoff, Some(m.cooperation_value));
        // Against the outsider the defender restrains once, then defends.
        let across = (50.0 + 1.0) / 100.0;
        assert!((alliance.out_group_cooperation.unwrap() - across).abs() < 1e-12);
        let outsider = &groups.summary[1];
        assert_eq!(outsider.in_group_payoff, None);
        assert_eq!(outsider.out_group_cooperation, Some(0.0));
    }

    #[test]
    fn other_games_and_two_action_runners_are_refused() {
        let config = TournamentConfig {
            three_action: true,
            ..TournamentConfig::default()
        };
        let err = PostureTournament::new(config.clone(), &Registry::builtin()).unwrap_err();
        assert!(err.to_string().contains("security"), "{err}");
        let err = Tournament::new(config, &Registry::builtin()).unwrap_err();
        assert!(err.to_string().contains("three_action"), "{err}");
    }

    #[test]
    fn cli_sweeps_the_three_action_game_with_strategy_maps() {
        let dir = temp_dir("three-action-sweep");
        let out = dir.join("sweep");
        let o = dilemma(&[
            "sweep",
            "--three-action",
            "--players",
            "Non-Offensive Defender,Tit For Tat,Defector",
            "--axis",
            "offence=0,0.4",
            "--axis",
            "differentiation=0,1",
            "--turns",
            "30",
            "--repetitions",
            "2",
            "--ecological",
            "10",
            "--strategy-map",
            "non-offensive defender",
            "--figure-format",
            "svg",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let table = std::fs::read_to_string(out.join("sweep.csv")).unwrap();
        assert_eq!(table.lines().count(), 1 + 4 * 3);
        assert!(out.join("jervis_share_non_offensive_defender.svg").exists());
        assert!(out.join("jervis_defence.svg").exists());
        let manifest = std::fs::read_to_string(out.join("manifest.json")).unwrap();
        assert!(manifest.contains("\"Non-Offensive Defender\""));
        // Offence 1 (an infinitely dear defence) and unknown map names are
        // refused before anything runs.
        for bad in [
            vec!["--axis", "offence=0.5,1"],
            vec!["--strategy-map", "Nobody"],
        ] {
            let again = dir.join("bad");
            let mut args = vec!["sweep", "--three-action", "--out", again.to_str().unwrap()];
            args.extend(bad.iter().copied());
            let o = dilemma(&args);
            assert_eq!(o.status.code(), Some(2), "{args:?}");
            let err = String::from_utf8(o.stderr).unwrap();
            assert_eq!(err.trim_end().lines().count(), 1, "{err}");
            assert!(!again.join("sweep.csv").exists());
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn cli_runs_an_experiment_with_evolution() {
        let dir = temp_dir("three-action");
        std::fs::create_dir_all(&dir).unwrap();
        let experiment = dir.join("experiment.toml");
        std::fs::write(
            &experiment,
            r#"
[tournament]
name = "posture"
players = ["Non-Offensive Defender", "Tit For Tat", "Defector", "Always Defend"]
turns = 50
repetitions = 2
three_action = true
game = { kind = "security", parameters = { offence = 0.3, differentiation = 0.9 } }

[evolution]
generations = 50
"#,
        )
        .unwrap();
        let o = dilemma(&[
            "run",
            experiment.to_str().unwrap(),
            "--figure-format",
            "svg",
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let summary = std::fs::read_to_string(dir.join("summary.csv")).unwrap();
        assert!(summary.starts_with("Rank,Name,Median_score,Mean_score,R_rate,A_rate,H_rate"));
        assert_eq!(summary.lines().count(), 5);
        for file in [
            "ecological.csv",
            "postures.svg",
            "manifest.json",
            "results.json",
        ] {
            assert!(dir.join(file).exists(), "{file}");
        }
        // The manifest re-runs the tournament bit for bit.
        let again = dir.join("again");
        let o = dilemma(&[
            "tournament",
            "--manifest",
            dir.join("manifest.json").to_str().unwrap(),
            "--out",
            again.to_str().unwrap(),
            "--no-figures",
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(
            std::fs::read(dir.join("results.json")).unwrap(),
            std::fs::read(again.join("results.json")).unwrap()
        );
        // The moves of every match, as R/A/H strings.
        let o = dilemma(&[
            "tournament",
            "--manifest",
            dir.join("manifest.json").to_str().unwrap(),
            "--out",
            again.to_str().unwrap(),
            "--no-figures",
            "--interactions",
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let table = std::fs::read_to_string(again.join("interactions.csv")).unwrap();
        assert_eq!(table.lines().count(), 1 + 10 * 2);
        let defender_v_defector = table
            .lines()
            .find(|l| l.contains(",Non-Offensive Defender,Defector,"))
            .unwrap();
        assert!(defender_v_defector.contains(&format!(",R{},", "H".repeat(49))));
        // `dilemma plot` redraws a three-action folder.
        std::fs::remove_file(dir.join("postures.svg")).unwrap();
        let o = dilemma(&["plot", dir.to_str().unwrap(), "--format", "svg"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(dir.join("postures.svg").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// Tit For Tat's restraint against a Cooperator in the security game with
/// the game-level paranoia ψ (no player sets its own).
fn tft_restraint_with_game_paranoia(differentiation: f64, paranoia: f64) -> f64 {
    let cfg = TournamentConfig {
        players: vec![
            PlayerSpec::Name("Tit For Tat".into()),
            PlayerSpec::Name("Cooperator".into()),
        ],
        game: GameSpec::Security {
            parameters: SecurityDilemma {
                differentiation,
                paranoia: [paranoia, paranoia],
                ..SecurityDilemma::default()
            },
        },
        turns: 200,
        repetitions: 20,
        ..TournamentConfig::default()
    };
    let r = run(cfg);
    r.statistics.cooperation[0][1] as f64 / (200.0 * 20.0)
}

#[test]
fn the_games_paranoia_acts_in_tournaments() {
    // TFT copies what it perceives; the Cooperator's C is misread with
    // probability ε0 (1 - δ) + ψ (docs/model.md §5.1, §9.2), so TFT restrains
    // on a share 1 - ε0 (1 - δ) - ψ of turns after the first.
    let eps0 = SecurityDilemma::default().max_misperception;
    for (delta, psi) in [(0.2, 0.0), (0.2, 0.1), (1.0, 0.2)] {
        let expected = 1.0 - eps0 * (1.0 - delta) - psi;
        let rate = tft_restraint_with_game_paranoia(delta, psi);
        // 4000 turns: the binomial standard error is below 0.0065.
        assert!(
            (rate - expected).abs() < 0.03,
            "δ {delta}, ψ {psi}: restraint {rate}, predicted {expected}"
        );
    }
}

#[test]
fn a_games_paranoia_that_differs_by_role_is_refused_in_a_round_robin() {
    let cfg = TournamentConfig {
        game: GameSpec::Security {
            parameters: SecurityDilemma {
                paranoia: [0.1, 0.0],
                ..SecurityDilemma::default()
            },
        },
        ..TournamentConfig::default()
    };
    let err = Tournament::new(cfg, &Registry::builtin()).unwrap_err();
    assert!(err.to_string().contains("differs by role"), "{err}");
}

fn two_sides(strong: SideParameters, weak: SideParameters) -> TournamentConfig {
    let field = ["Cooperator", "Defector", "Tit For Tat"];
    TournamentConfig {
        players: field
            .iter()
            .map(|s| grouped(s, "strong"))
            .chain(field.iter().map(|s| grouped(s, "weak")))
            .collect(),
        sides: [("strong".to_string(), strong), ("weak".to_string(), weak)].into(),
        game: GameSpec::Security {
            parameters: SecurityDilemma {
                offence: 0.3,
                ..SecurityDilemma::default()
            },
        },
        turns: 50,
        repetitions: 3,
        ..TournamentConfig::default()
    }
}

fn share(power: f64) -> SideParameters {
    SideParameters {
        power: Some(power),
        ..SideParameters::default()
    }
}

#[test]
fn a_stronger_side_earns_more_against_the_same_opponents() {
    // docs/model.md §3.6: with π 0.7 / 0.3, μ = 1.4 / 0.6 and V = 0.65 at
    // θ = 0.3, so a Defector of the strong side takes 1.4 V w - c = 2.64 per
    // turn from a Cooperator of the weak side, and one of the weak side 0.56
    // from a strong Cooperator; a Cooperator loses μ_other V w.
    let r = run(two_sides(share(0.7), share(0.3)));
    let m = &r.statistics.payoff_matrix;
    let (strong_defector, weak_cooperator, weak_defector, strong_cooperator) = (1, 3, 4, 0);
    assert_close(
        m[strong_defector][weak_cooperator],
        1.4 * 0.65 * 4.0 - 1.0,
        "strong D v weak C",
    );
    assert_close(
        m[weak_defector][strong_cooperator],
        0.6 * 0.65 * 4.0 - 1.0,
        "weak D v strong C",
    );
    assert_close(
        m[weak_cooperator][strong_defector],
        -1.4 * 0.65 * 4.0,
        "weak C v strong D",
    );
    assert_close(
        m[strong_cooperator][weak_defector],
        -0.6 * 0.65 * 4.0,
        "strong C v weak D",
    );
    // The same strategies, on the two sides, against the same opponents.
    let groups = r.groups.expect("sides give group statistics");
    let across: Vec<f64> = groups
        .summary
        .iter()
        .map(|g| g.out_group_payoff.unwrap())
        .collect();
    assert!(
        across[0] > across[1] + 0.5,
        "strong {} weak {}",
        across[0],
        across[1]
    );
}

#[test]
fn a_game_level_power_cancels_out_but_a_sides_does_not() {
    // Without sides every pair plays both roles and payoffs are linear in μ
    // with μ_row + μ_col = 2: π of the game leaves the deterministic payoffs
    // as at π = 0.5 (docs/model.md §3.6).
    let at = |power: f64| {
        let mut cfg = config(&["Cooperator".into(), "Defector".into()], 1, 0.0, 0);
        cfg.game = GameSpec::Security {
            parameters: SecurityDilemma {
                offence: 0.3,
                power,
                ..SecurityDilemma::default()
            },
        };
        run(cfg).statistics.payoff_matrix
    };
    let (even, tilted) = (at(0.5), at(0.7));
    for i in 0..2 {
        for j in 0..2 {
            assert_close(tilted[i][j], even[i][j], "game-level power");
        }
    }
    let sided = run(two_sides(share(0.7), share(0.3)))
        .statistics
        .payoff_matrix;
    assert!((sided[1][3] - sided[4][0]).abs() > 1.0);
}

#[test]
fn sides_that_set_nothing_are_groups_bit_for_bit() {
    let none = SideParameters::default();
    let with_table = two_sides(none, none);
    let mut without = with_table.clone();
    without.sides.clear();
    let (a, b) = (run(with_table), run(without));
    assert_eq!(a.statistics, b.statistics);
    assert_eq!(a.groups, b.groups);
}

#[test]
fn a_sides_differentiation_and_paranoia_set_what_the_other_misreads() {
    // Tit For Tat of side "a" (paranoia 0.2) against a Cooperator of side "b"
    // (differentiation 1): "a" misreads b's restraint with ε0 (1 - 1) + 0.2.
    let cfg = TournamentConfig {
        players: vec![grouped("Tit For Tat", "a"), grouped("Cooperator", "b")],
        sides: [
            (
                "a".to_string(),
                SideParameters {
                    paranoia: Some(0.2),
                    differentiation: Some(0.0),
                    ..SideParameters::default()
                },
            ),
            (
                "b".to_string(),
                SideParameters {
                    differentiation: Some(1.0),
                    ..SideParameters::default()
                },
            ),
        ]
        .into(),
        game: GameSpec::Security {
            parameters: SecurityDilemma::default(),
        },
        turns: 200,
        repetitions: 20,
        ..TournamentConfig::default()
    };
    let r = run(cfg);
    let rate = r.statistics.cooperation[0][1] as f64 / (200.0 * 20.0);
    assert!((rate - 0.8).abs() < 0.03, "restraint {rate}, predicted 0.8");
    // Each side's defection causes are its members' (self-play included);
    // against the Cooperator, Tit For Tat's defections are all spirals.
    let groups = r.groups.unwrap();
    assert_eq!(
        groups.summary[0].defection_causes,
        r.statistics.defection_causes[0]
    );
    assert_eq!(r.statistics.pair_defection_causes[0][1][..2], [0, 0]);
    assert!(groups.summary[0].spiral_share() > 0.0);
    assert_eq!(groups.summary[1].defection_causes, [0, 0, 0]);
}

#[test]
fn bad_sides_are_refused_before_anything_runs() {
    let registry = Registry::builtin();
    let refused = |cfg: TournamentConfig, says: &str| {
        let e = Tournament::new(cfg, &registry).unwrap_err().to_string();
        assert!(e.contains(says), "expected `{says}` in: {e}");
    };
    refused(two_sides(share(1.2), share(0.3)), "sides.strong.power");
    refused(two_sides(share(0.0), share(0.3)), "sides.strong.power");
    let mut unknown = two_sides(share(0.7), share(0.3));
    unknown.players.push(grouped("Grudger", "neutral"));
    refused(unknown, "unknown side `neutral`");
    let mut empty = two_sides(share(0.7), share(0.3));
    empty.sides.insert("ghost".into(), share(0.5));
    refused(empty, "side `ghost` has no players");
    let mut not_security = two_sides(share(0.7), share(0.3));
    not_security.game = GameSpec::default();
    refused(not_security, "security game");
}

#[test]
fn repetitions_that_reuse_a_deterministic_pairings_match_give_the_played_results() {
    // A run that records the moves plays every match; one that does not
    // reuses each exactly repeating pairing's first match. Both must agree
    // bit for bit, with stochastic players, sides and noise-free perception
    // mixed in.
    let names = [
        "Tit For Tat",
        "Grudger",
        "Random: 0.5",
        "Cycle Hunter",
        "GTFT",
        "Win-Stay Lose-Shift",
        "Defector",
    ];
    let mut config = config(
        &names.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        4,
        0.0,
        11,
    );
    config.turns = 50;
    let tournament = Tournament::new(config.clone(), &Registry::builtin()).unwrap();
    let reused = tournament.run(&mut |_| {}, None).unwrap();
    let mut moves = 0;
    let played = tournament
        .run(
            &mut |_| {},
            Some(&mut |_| {
                moves += 1;
                Ok(())
            }),
        )
        .unwrap();
    assert_eq!(moves, 4 * names.len() * (names.len() + 1) / 2);
    assert_eq!(reused.statistics, played.statistics);
    // The deterministic pairings repeat; Random's do not.
    let s = &reused.statistics;
    assert!(s.score_diffs[0][1]
        .iter()
        .all(|d| *d == s.score_diffs[0][1][0]));
    let random = &s.score_diffs[2][0];
    assert!(random.iter().any(|d| *d != random[0]));
    // With noise nothing repeats exactly, and the cache is not used.
    config.noise = 0.02;
    let t = Tournament::new(config, &Registry::builtin()).unwrap();
    let reused = t.run(&mut |_| {}, None).unwrap();
    let played = t.run(&mut |_| {}, Some(&mut |_| Ok(()))).unwrap();
    assert_eq!(reused.statistics, played.statistics);
    assert!(reused.statistics.score_diffs[0][1]
        .iter()
        .any(|d| *d != reused.statistics.score_diffs[0][1][0]));
}

#[test]
fn strategies_classified_deterministic_play_the_same_match_under_any_seed() {
    // The tournament reuses a deterministic pairing's match across
    // repetitions, so a strategy that says it draws nothing must not.
    use dilemma::play::{Match, MatchConfig, StageGame};
    let registry = Registry::builtin();
    let deterministic: Vec<&str> = registry
        .names()
        .into_iter()
        .filter(|n| !registry.create(n).unwrap().classifier().stochastic)
        .collect();
    assert!(deterministic.len() > 80);
    let long_running = |n: &str| registry.get(n).unwrap().long_run_time;
    let game = StageGame::default();
    let same_under_two_seeds = |a: &str, b: &str, runner: &mut Match| {
        let moves = |seed: u64, runner: &mut Match| {
            let mut x = registry.create(a).unwrap();
            let mut y = registry.create(b).unwrap();
            runner.play(&mut *x, &mut *y, &game, seed).moves.unwrap()
        };
        let first = moves(1, runner);
        assert_eq!(first, moves(0xdead_beef, runner), "{a} v {b}");
    };
    // Every pair of the others, 100 turns.
    let mut runner = Match::new(MatchConfig::turns(100).recording(true)).unwrap();
    let quick: Vec<&str> = deterministic
        .iter()
        .copied()
        .filter(|n| !long_running(n))
        .collect();
    for (k, a) in quick.iter().enumerate() {
        for b in &quick[k..] {
            same_under_two_seeds(a, b, &mut runner);
        }
    }
    // The long-running ones (EvolvedAttention, a transformer every turn,
    // and the meta players whose teams hold it) against a few players of
    // each kind, 20 turns.
    let mut short = Match::new(MatchConfig::turns(20).recording(true)).unwrap();
    let slow: Vec<&str> = deterministic
        .iter()
        .copied()
        .filter(|n| long_running(n))
        .collect();
    assert!(slow.contains(&"EvolvedAttention"), "{slow:?}");
    for a in &slow {
        for b in ["Tit For Tat", "Alternator", "Grudger", "Prober", "Defector"] {
            same_under_two_seeds(a, b, &mut short);
        }
    }
}

#[test]
fn a_spatial_tournament_equals_axelrod_pythons() {
    // tests/fixtures/spatial.py: 20 classic strategies on a ring with chords
    // and one self-loop, 2 repetitions.
    let reference = fixture("spatial.json");
    let names = players(&reference);
    let mut config = config(&names, 2, 0.0, 1);
    config.edges = Some(serde_json::from_value(reference["edges"].clone()).unwrap());
    let t = Tournament::new(config, &Registry::builtin()).unwrap();
    let edges = reference["edges"].as_array().unwrap().len();
    assert_eq!(t.matches(), 2 * edges);
    let s = t.run(&mut |_| {}, None).unwrap().statistics;
    let ranked: Vec<String> = serde_json::from_value(reference["ranked_names"].clone()).unwrap();
    assert_eq!(s.ranked_names, ranked);
    for (got, want) in s
        .summary
        .iter()
        .zip(reference["summary"].as_array().unwrap())
    {
        let who = want["Name"].as_str().unwrap();
        assert_eq!(got.name, who);
        for (field, value) in [
            ("Median_score", got.median_score),
            ("Cooperation_rating", got.cooperation_rating),
            ("Wins", got.wins),
            ("Initial_C_rate", got.initial_c_rate),
            ("CC_rate", got.cc_rate),
            ("DD_rate", got.dd_rate),
            ("CD_to_C_rate", got.cd_to_c_rate),
            ("DC_to_C_rate", got.dc_to_c_rate),
        ] {
            assert_close(
                value,
                want[field].as_f64().unwrap(),
                &format!("{who} {field}"),
            );
        }
    }
    for (got, key) in [
        (&s.payoff_matrix, "payoff_matrix"),
        (&s.normalised_scores, "normalised_scores"),
        (&s.payoff_diffs_means, "payoff_diffs_means"),
    ] {
        for (i, (g, w)) in got.iter().zip(matrix(&reference[key])).enumerate() {
            for (j, (x, y)) in g.iter().zip(&w).enumerate() {
                assert_close(*x, *y, &format!("{key}[{i}][{j}]"));
            }
        }
    }
    for (got, key) in [
        (&s.cooperating_rating, "cooperating_rating"),
        (&s.good_partner_rating, "good_partner_rating"),
        (&s.initial_cooperation_rate, "initial_cooperation_rate"),
    ] {
        for (i, (x, y)) in got.iter().zip(floats(&reference[key])).enumerate() {
            assert_close(*x, y, &format!("{key}[{i}]"));
        }
    }
    let wins: Vec<Vec<u64>> = serde_json::from_value(reference["wins"].clone()).unwrap();
    assert_eq!(s.wins, wins);
    let good: Vec<Vec<u64>> =
        serde_json::from_value(reference["good_partner_matrix"].clone()).unwrap();
    assert_eq!(s.good_partner_matrix, good);
}

#[test]
fn spatial_tournaments_refuse_bad_edges_and_read_lattices_and_edge_files() {
    let names: Vec<String> = ["Tit For Tat", "Defector", "Grudger", "Cooperator"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let build = |edges: Vec<[usize; 2]>| {
        let mut c = config(&names, 1, 0.0, 1);
        c.edges = Some(edges);
        Tournament::new(c, &Registry::builtin()).map(|_| ())
    };
    for (edges, needle) in [
        (vec![[0, 1], [2, 4]], "player 4 of 4"),
        (vec![[0, 1], [1, 0], [2, 3]], "same pair as edges[0]"),
        (vec![[0, 1], [1, 2]], "player 3 is on no edge"),
    ] {
        let e = build(edges).unwrap_err().to_string();
        assert!(e.contains(needle), "{e}");
    }
    assert!(build(vec![[0, 1], [2, 3]]).is_ok());

    let dir = temp_dir("spatial-cli");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("ring.txt"), "# a ring\n0 1\n1 2\n2 3\n3 0\n").unwrap();
    let players = "Tit For Tat,Defector,Grudger,Cooperator";
    let from_file = dir.join("file");
    let out = dilemma(&[
        "tournament",
        "--players",
        players,
        "--edges",
        dir.join("ring.txt").to_str().unwrap(),
        "--turns",
        "20",
        "--repetitions",
        "1",
        "--no-figures",
        "--out",
        from_file.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A 2 x 2 torus is the same ring: 0-1, 0-2, 1-3, 2-3 (the players of
    // the file's ring in another order give the same pairs here).
    let lattice = dir.join("lattice");
    let out = dilemma(&[
        "tournament",
        "--players",
        "Tit For Tat,Defector,Cooperator,Grudger",
        "--lattice",
        "2x2",
        "--turns",
        "20",
        "--repetitions",
        "1",
        "--no-figures",
        "--out",
        lattice.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let payoffs = |d: &Path| {
        let v: Value =
            serde_json::from_str(&std::fs::read_to_string(d.join("results.json")).unwrap())
                .unwrap();
        let names: Vec<String> = serde_json::from_value(v["players"].clone()).unwrap();
        let m = matrix(&v["statistics"]["payoff_matrix"]);
        let mut by_name = std::collections::BTreeMap::new();
        for (i, a) in names.iter().enumerate() {
            for (j, b) in names.iter().enumerate() {
                by_name.insert((a.clone(), b.clone()), m[i][j]);
            }
        }
        by_name
    };
    assert_eq!(payoffs(&from_file), payoffs(&lattice));
    let manifest = std::fs::read_to_string(lattice.join("manifest.json")).unwrap();
    assert!(
        manifest.contains("\"edges\""),
        "the manifest records the edges"
    );

    std::fs::write(dir.join("bad.txt"), "0 1\n1 two\n").unwrap();
    for (flag, value, needle) in [
        (
            "--edges",
            dir.join("bad.txt").to_str().unwrap().to_string(),
            "bad.txt:2",
        ),
        ("--lattice", "3x2".to_string(), "one place per player"),
        ("--lattice", "2by2".to_string(), "is not ROWSxCOLS"),
    ] {
        let out = dilemma(&[
            "tournament",
            "--players",
            players,
            flag,
            &value,
            "--no-figures",
        ]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains(needle), "{err}");
    }
}

#[test]
fn the_ecological_simulation_equals_axelrod_pythons_ecosystem_from_any_population() {
    // tests/fixtures/ecosystem.py: Ecosystem(results, population=...) on the
    // 20 classic strategies' round robin, 100 generations.
    use dilemma::evolution::{evolve, EvolutionConfig, TournamentPayoffs};
    let reference = fixture("ecosystem.json");
    let names = players(&reference);
    let results = run(config(&names, 1, 0.0, 1));
    let weights: Vec<f64> = serde_json::from_value(reference["population"].clone()).unwrap();
    let payoffs =
        TournamentPayoffs::new(&results.players, &results.statistics.payoff_matrix, 200.0);
    for (label, initial) in [
        ("uniform", Default::default()),
        (
            "weighted",
            names
                .iter()
                .zip(&weights)
                .filter(|(_, w)| **w > 0.0)
                // Upper case: names are matched ignoring case.
                .map(|(n, w)| (n.to_uppercase(), *w))
                .collect(),
        ),
    ] {
        let evo = EvolutionConfig {
            generations: 100,
            moran: Vec::new(),
            initial_population: initial,
        };
        let shares = evolve(&payoffs, &evo, &mut |_| {})
            .unwrap()
            .records
            .ecological
            .unwrap()
            .shares;
        let want = matrix(&reference[label]);
        assert_eq!(shares.len(), want.len());
        for (g, (got, want)) in shares.iter().zip(&want).enumerate() {
            for (i, (x, y)) in got.iter().zip(want).enumerate() {
                assert!(
                    (x - y).abs() < 1e-12,
                    "{label} generation {g} player {i}: {x} v {y}"
                );
            }
        }
    }
}
