//! Figures end to end: every figure renders to SVG for a small result set,
//! PNG output is byte-identical across runs, PDF is a PDF, the files land
//! where asked, and `dilemma plot` redraws a results folder.

use dilemma::evolution::ecological_simulation;
use dilemma::figure::{
    self, data, evolution, games, security, tournament, Figure, FigureOptions, ImageFormat,
};
use dilemma::game::{catalogue, SecurityDilemma};
use dilemma::strategy::Registry;
use dilemma::tournament::{PlayerSpec, Tournament, TournamentConfig, TournamentResults};
use ndarray::Array2;
use std::process::Command;

fn small_results() -> TournamentResults {
    let config = TournamentConfig {
        players: [
            "Cooperator",
            "Defector",
            "Tit For Tat",
            "Suspicious Tit For Tat",
        ]
        .iter()
        .map(|s| PlayerSpec::Name(s.to_string()))
        .collect(),
        turns: 20,
        repetitions: 2,
        ..TournamentConfig::default()
    };
    Tournament::new(config, &Registry::builtin())
        .unwrap()
        .run(&mut |_| {}, None)
        .unwrap()
}

/// Whether the SVG has a text element reading exactly `text`.
fn has_text(svg: &str, text: &str) -> bool {
    svg.contains(&format!(">\n{text}\n</text>"))
}

fn assert_svg(f: &Figure, must_contain: &[&str]) {
    assert!(
        f.svg.starts_with("<svg width=\""),
        "{}: {}",
        f.name,
        &f.svg[..60]
    );
    assert!(
        f.svg.contains("in\" height=\""),
        "{} is not sized in inches",
        f.name
    );
    assert!(f.svg.trim_end().ends_with("</svg>"), "{}", f.name);
    for s in must_contain {
        assert!(f.svg.contains(s), "{} lacks `{s}`", f.name);
    }
}

#[test]
fn every_figure_renders_to_svg() {
    let r = small_results();
    let set = figure::tournament_figure_set(&r).unwrap();
    let names: Vec<&str> = set.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "score_distribution",
            "payoff_heat_map",
            "wins",
            "cooperation_vs_score"
        ]
    );
    for f in &set {
        assert_svg(f, &["Suspicious Tit For Tat"]);
    }
    // Four players: the heat map is annotated with its values.
    assert!(has_text(&set[1].svg, "5.00"));

    let s = &r.statistics;
    let m = Array2::from_shape_fn((4, 4), |(i, j)| s.payoff_matrix[i][j]);
    let eco = ecological_simulation(&m, None, 50).unwrap();
    let stack = data::stacked_shares(&r.players, &eco.shares, 7).unwrap();
    assert_svg(
        &evolution::ecological_figure(&stack).unwrap(),
        &["Generation", "Tit For Tat"],
    );

    let sim = vec![data::SimulatedFixation {
        population: 10,
        probability: 0.3,
        standard_error: 0.02,
    }];
    let curve = data::moran_curve(
        "Tit For Tat",
        "Defector",
        [60.0, 19.0, 24.0, 20.0],
        1,
        2..=20,
        sim,
    )
    .unwrap();
    assert_svg(
        &evolution::moran_figure(&[curve]).unwrap(),
        &["Population size N", "Simulated"],
    );

    let pd = catalogue::prisoners_dilemma_default();
    assert_svg(
        &evolution::phase_line_figure(&data::phase_line(&pd, 51).unwrap()).unwrap(),
        &["dx/dt"],
    );
    let rps = catalogue::rock_paper_scissors();
    let portrait = data::simplex_portrait(&rps, 6, 0.1, 50).unwrap();
    assert_svg(
        &evolution::simplex_figure(&portrait).unwrap(),
        &["Unstable rest point"],
    );

    let sh = catalogue::stag_hunt(4.0, 0.0, 3.0, 2.0).unwrap();
    assert_svg(
        &games::best_response_figure(&data::best_response_diagram(&sh).unwrap()).unwrap(),
        &["Nash equilibrium"],
    );

    let axis = data::unit_grid(11);
    let map = data::class_map(&SecurityDilemma::default(), &axis, &axis).unwrap();
    assert_svg(
        &security::jervis_class_figure(&map).unwrap(),
        &["Stag hunt", "Prisoner&apos;s dilemma"],
    );
    assert!(has_text(
        &security::jervis_class_figure(&map).unwrap().svg,
        "4"
    ));
    let grid = data::ParameterGrid {
        values: axis
            .iter()
            .map(|d| axis.iter().map(|o| d * (1.0 - o)).collect())
            .collect(),
        offence: axis.clone(),
        differentiation: axis,
        label: "Mutual cooperation rate".into(),
    };
    assert_svg(
        &security::jervis_heat_map_figure(&grid, "jervis_cooperation").unwrap(),
        &["Mutual cooperation rate"],
    );
}

#[test]
fn png_is_reproducible_and_pdf_is_pdf() {
    let r = small_results();
    let f = tournament::wins_figure(&data::wins(&r)).unwrap();
    let a = f.to_png(72).unwrap();
    let b = tournament::wins_figure(&data::wins(&r))
        .unwrap()
        .to_png(72)
        .unwrap();
    assert_eq!(a, b);
    assert_eq!(&a[..8], b"\x89PNG\r\n\x1a\n");
    // 3.5 in wide at 72 dpi.
    assert_eq!(u32::from_be_bytes(a[16..20].try_into().unwrap()), 252);
    assert!(f.to_pdf().unwrap().starts_with(b"%PDF"));
}

#[test]
fn tournament_figures_write_files_and_plot_redraws() {
    let r = small_results();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ecological.csv"),
        "generation,a,b\n0,0.5,0.5\n1,0.7,0.3\n",
    )
    .unwrap();
    let options = FigureOptions {
        formats: vec![ImageFormat::Svg, ImageFormat::Pdf],
        dpi: 72,
    };
    let written = figure::tournament_figures(&r, dir.path(), &options).unwrap();
    assert_eq!(written.len(), 10);
    assert!(dir.path().join("ecological.pdf").is_file());
    assert!(dir.path().join("payoff_heat_map.svg").is_file());

    // `dilemma plot` redraws from results.json alone.
    std::fs::write(
        dir.path().join("results.json"),
        serde_json::to_string(&r).unwrap(),
    )
    .unwrap();
    std::fs::remove_file(dir.path().join("wins.svg")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dilemma"))
        .args([
            "plot",
            dir.path().to_str().unwrap(),
            "--format",
            "svg",
            "--dpi",
            "72",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("wins.svg").is_file());

    // A folder without results: one line, exit status 2.
    let empty = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dilemma"))
        .args(["plot", empty.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no results.json") && err.lines().count() == 1,
        "{err}"
    );

    // The class map of the security-dilemma model.
    let out = Command::new(env!("CARGO_BIN_EXE_dilemma"))
        .args([
            "plot",
            "--jervis-classes",
            "--grid",
            "21",
            "--format",
            "svg",
            "--out",
        ])
        .arg(empty.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(empty.path().join("jervis_classes.svg").is_file());
}
