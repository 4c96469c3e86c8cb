//! Figures end to end: every figure renders to SVG for a small result set,
//! PNG output is byte-identical across runs, PDF is a PDF, the files land
//! where asked, and `dilemma plot` redraws a results folder.

use dilemma::evolution::ecological_simulation;
use dilemma::figure::{
    self, data, evolution, games, security, tournament, Figure, FigureOptions, ImageFormat,
};
use dilemma::game::{catalogue, SecurityDilemma};
use dilemma::strategy::Registry;
use dilemma::sweep::{Axis, SweepConfig, SweepManifest, SweepRow};
use dilemma::tournament::{GameSpec, PlayerSpec, Tournament, TournamentConfig, TournamentResults};
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
        matches_played: false,
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
        range: None,
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
    let pdf = f.to_pdf().unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    // Text is drawn as glyph outlines: the PDF embeds no font, and it holds
    // more drawing than the figure's bars alone (the outlines of its labels).
    assert!(
        !pdf.windows(5).any(|w| w == b"/Font"),
        "the PDF embeds a font"
    );
    let bare = dilemma::figure::Figure {
        name: "bare".into(),
        svg: "<svg xmlns='http://www.w3.org/2000/svg' width='252' height='180'/>".into(),
    };
    assert!(pdf.len() > bare.to_pdf().unwrap().len() + 2000);
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
        color_range: None,
    };
    let written = figure::tournament_figures(&r, dir.path(), &options).unwrap();
    assert_eq!(written.len(), 8);
    assert!(dir.path().join("payoff_heat_map.svg").is_file());
    assert!(
        !dir.path().join("ecological.svg").exists(),
        "the tournament's figures are drawn from the results given, not from files"
    );

    // `dilemma plot` redraws from results.json, and the ecological table
    // beside it.
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
    assert!(dir.path().join("ecological.svg").is_file());

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

/// A text element of an SVG: position and size in SVG units, anchor,
/// whether rotated, and its text.
#[derive(Debug, Clone)]
struct Text {
    x: f64,
    y: f64,
    size: f64,
    anchor: String,
    rotated: bool,
    text: String,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(tag[start..end].to_string())
}

/// Every text element of an SVG drawn by the figure module.
fn texts(svg: &str) -> Vec<Text> {
    svg.split("<text")
        .skip(1)
        .map(|chunk| {
            let tag_end = chunk.find('>').unwrap();
            let tag = &chunk[..tag_end];
            let body_end = chunk.find("</text>").unwrap();
            let num = |n: &str| attr(tag, n).unwrap().parse::<f64>().unwrap();
            Text {
                x: num("x"),
                y: num("y"),
                size: num("font-size"),
                anchor: attr(tag, "text-anchor").unwrap(),
                rotated: tag.contains("rotate("),
                text: chunk[tag_end + 1..body_end]
                    .trim()
                    .replace("&apos;", "'")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&"),
            }
        })
        .collect()
}

/// SVG units per point in the figures.
const UNITS_PER_PT: f64 = 4.0;

fn all_players() -> Vec<String> {
    Registry::builtin()
        .names()
        .into_iter()
        .map(str::to_string)
        .collect()
}

#[test]
fn heat_map_labels_of_all_111_players_scale_and_do_not_overlap() {
    // The first 111 registered players (the whole registry when this test
    // was written): with the 197 of the full Axelrod-Python library the map
    // labels at most 40 players per axis, more than two skipped between
    // labels, which this test's density check does not allow.
    let names: Vec<String> = all_players().into_iter().take(111).collect();
    assert!(names.len() >= 100, "{} strategies", names.len());
    let n = names.len();
    let grid = data::HeatGrid {
        rows: names.clone(),
        columns: names.clone(),
        values: (0..n)
            .map(|r| (0..n).map(|c| ((r * 7 + c * 3) % 11) as f64).collect())
            .collect(),
        range: (0.0, 10.0),
    };
    let f = tournament::payoff_heat_map_figure(&grid, figure::ANNOTATE_MAX_PLAYERS).unwrap();
    let shown: Vec<String> = names
        .iter()
        .map(|s| figure::text::math_to_unicode(s).into_owned())
        .collect();
    let labels: Vec<Text> = texts(&f.svg)
        .into_iter()
        .filter(|t| shown.contains(&t.text))
        .collect();
    let mut rows: Vec<&Text> = labels.iter().filter(|t| !t.rotated).collect();
    let mut cols: Vec<&Text> = labels.iter().filter(|t| t.rotated).collect();
    // Enough labels to find one's way (at most two players skipped between
    // labels at this size), all at one size between the floor and 7 pt.
    assert!(
        rows.len() >= n / 3 && cols.len() >= n / 3,
        "{} {}",
        rows.len(),
        cols.len()
    );
    let size = labels[0].size;
    assert!(labels.iter().all(|t| t.size == size));
    assert!(
        (tournament::HEAT_LABEL_MIN_PT * UNITS_PER_PT..7.0 * UNITS_PER_PT).contains(&size),
        "label font {} pt",
        size / UNITS_PER_PT
    );
    // Neighbouring labels at least one line (font size) apart.
    rows.sort_by(|a, b| a.y.total_cmp(&b.y));
    cols.sort_by(|a, b| a.x.total_cmp(&b.x));
    for w in rows.windows(2) {
        assert!(w[1].y - w[0].y >= size, "rows {:?} {:?}", w[0], w[1]);
    }
    for w in cols.windows(2) {
        assert!(w[1].x - w[0].x >= size, "columns {:?} {:?}", w[0], w[1]);
    }
    // The best-ranked player is always labelled.
    assert!(rows.iter().any(|t| t.text == shown[0]));

    // Four players: every label, at the full 7 pt.
    let r = small_results();
    let small = tournament::payoff_heat_map_figure(&data::payoff_heat_map(&r), 12).unwrap();
    let small_labels: Vec<Text> = texts(&small.svg)
        .into_iter()
        .filter(|t| r.players.contains(&t.text))
        .collect();
    assert_eq!(small_labels.len(), 8);
    assert!(small_labels.iter().all(|t| t.size == 7.0 * UNITS_PER_PT));
}

/// The bottom axis of a plot: the canvas x of its "0.0" and "1.0" tick
/// labels and their y.
fn bottom_ticks(svg: &str) -> (f64, f64, f64) {
    let ticks: Vec<Text> = texts(svg)
        .into_iter()
        .filter(|t| t.anchor == "middle" && (t.text == "0.0" || t.text == "1.0"))
        .collect();
    let at = |s: &str| ticks.iter().find(|t| t.text == s).unwrap().clone();
    let (a, b) = (at("0.0"), at("1.0"));
    (a.x, b.x, a.y)
}

#[test]
fn cooperation_key_goes_below_the_plot_with_many_players() {
    let names = all_players();
    let points: Vec<data::ScatterPoint> = names
        .iter()
        .enumerate()
        .map(|(k, n)| data::ScatterPoint {
            name: n.clone(),
            rank: k + 1,
            x: (k % 10) as f64 / 9.0,
            y: 1.0 + (k % 7) as f64 * 0.5,
        })
        .collect();
    let big = tournament::cooperation_score_figure(&points).unwrap();
    let small = tournament::cooperation_score_figure(&points[..4]).unwrap();
    let (x0, x1, y_axis) = bottom_ticks(&big.svg);
    // The x range is 1.08 wide: the frame is at least the minimum width.
    let frame_w = (x1 - x0) * 1.08;
    assert!(
        frame_w >= tournament::COOPERATION_MIN_FRAME_IN * 288.0,
        "frame {} in wide",
        frame_w / 288.0
    );
    // The plot keeps its height: the axis sits where it does with 4 players.
    let (_, _, y_small) = bottom_ticks(&small.svg);
    assert_eq!(y_axis, y_small);
    // Every key entry, all below the axis.
    let key: Vec<Text> = texts(&big.svg)
        .into_iter()
        .filter(|t| t.text.contains("  "))
        .collect();
    assert_eq!(key.len(), names.len());
    assert!(key.iter().all(|t| t.y > y_axis), "key beside the plot");
    // Few players: the key beside the plot, level with it.
    let small_key: Vec<Text> = texts(&small.svg)
        .into_iter()
        .filter(|t| t.text.contains("  "))
        .collect();
    assert_eq!(small_key.len(), 4);
    assert!(small_key.iter().all(|t| t.y < y_small));
}

#[test]
fn latex_names_are_drawn_as_greek_letters() {
    let config = TournamentConfig {
        players: ["$\\pi$", "$\\phi$", "$e$", "Tit For Tat"]
            .iter()
            .map(|s| PlayerSpec::Name(s.to_string()))
            .collect(),
        turns: 10,
        repetitions: 1,
        ..TournamentConfig::default()
    };
    let r = Tournament::new(config, &Registry::builtin())
        .unwrap()
        .run(&mut |_| {}, None)
        .unwrap();
    for f in figure::tournament_figure_set(&r).unwrap() {
        let all: Vec<String> = texts(&f.svg).into_iter().map(|t| t.text).collect();
        for name in ["π", "ϕ", "e"] {
            assert!(
                all.iter()
                    .any(|t| t == name || t.ends_with(&format!("  {name}"))),
                "{} lacks {name}: {all:?}",
                f.name
            );
        }
        assert!(
            !f.svg.contains("\\pi") && !f.svg.contains('$'),
            "{}",
            f.name
        );
        for c in all.iter().flat_map(|t| t.chars()) {
            assert!(
                figure::text::font_has_glyph(c),
                "{}: no glyph for {c}",
                f.name
            );
        }
    }
    // Axis and colour-bar labels too: θ, δ, ψ, μ, λ and a subscript.
    let axis = data::unit_grid(3);
    let grid = data::ParameterGrid {
        values: vec![vec![0.5; 3]; 3],
        offence: axis.clone(),
        differentiation: axis,
        label: "$\\psi_i$ at $\\mu = \\lambda$".into(),
        range: None,
    };
    let f = security::jervis_heat_map_figure(&grid, "greek").unwrap();
    assert!(has_text(&f.svg, "ψᵢ at μ = λ"), "{}", f.svg);
    assert!(f.svg.contains('θ') && f.svg.contains('δ'));
}

/// A sweep's rows over `axes` (name, values) with the last axis varying
/// fastest, two strategies per point and field values from `value(point)`.
fn sweep_rows(axes: &[(&str, Vec<f64>)], value: impl Fn(&[f64]) -> f64) -> Vec<SweepRow> {
    let grid = SweepConfig {
        axes: axes
            .iter()
            .map(|(n, v)| Axis::values(n, v.clone()))
            .collect(),
        ..SweepConfig::jervis(2)
    };
    let mut rows = Vec::new();
    for (k, point) in grid.points().unwrap().into_iter().enumerate() {
        let v = value(&point.iter().map(|p| p.1).collect::<Vec<f64>>());
        for name in ["A", "B"] {
            rows.push(SweepRow {
                point: k,
                parameters: point.clone(),
                median_score: 2.5,
                ecological_share: Some(0.5),
                field_cooperation: v,
                field_mutual_cooperation: v / 2.0,
                field_spiral_share: 1.0 - v,
                ..SweepRow::blank(name.into())
            });
        }
    }
    rows
}

/// The manifest of a sweep of the security game (its `power` at 0.7) with
/// the strategy maps of `maps`.
fn security_manifest(maps: &[&str]) -> SweepManifest {
    let mut model = SecurityDilemma::default();
    model.set("power", 0.7).unwrap();
    let base = TournamentConfig {
        game: GameSpec::Security { parameters: model },
        ..TournamentConfig::default()
    };
    let sweep = SweepConfig {
        strategy_maps: maps.iter().map(|m| m.to_string()).collect(),
        ..SweepConfig::jervis(3)
    };
    SweepManifest::new(&base, &sweep)
}

#[test]
fn three_axis_sweep_maps_say_which_slice_they_show() {
    let unit = vec![0.0, 0.5, 1.0];
    // `power` first (slowest): its first value is 0.2, not the smallest.
    let rows = sweep_rows(
        &[
            ("power", vec![0.2, 0.1, 0.9]),
            ("offence", unit.clone()),
            ("differentiation", unit),
        ],
        |p| p[0] * 0.5 + p[1] * 0.25 + p[2] * 0.1,
    );
    let manifest = security_manifest(&["B"]);

    let title = "at power = 0.2 (first of 3 values)";
    let figures = figure::sweep_figure_set(&rows, Some(&manifest), Default::default()).unwrap();
    let names: Vec<&str> = figures.iter().map(|f| f.name.as_str()).collect();
    assert!(names.contains(&"jervis_restraint"), "{names:?}");
    assert!(names.contains(&"jervis_classes"), "{names:?}");
    assert!(names.contains(&"jervis_share_b"), "{names:?}");
    for f in &figures {
        assert!(has_text(&f.svg, title), "{} lacks its slice", f.name);
    }
    let shape = data::sweep_shape(&rows);
    let note = shape.note().unwrap();
    assert!(note.contains(title) && note.contains("3 axes"), "{note}");

    // The maps' values are those of the slice.
    assert_eq!(
        shape,
        data::SweepShape::Plane {
            fixed: vec![("power".into(), 0.2, 3)]
        }
    );
    let restraint = |r: &SweepRow| r.field_cooperation;
    let g = data::slice_grid(&rows, restraint, "R", None, &shape.slice()).unwrap();
    assert_eq!(g.values[2][2], 0.2 * 0.5 + 0.25 + 0.1);
    let other = vec![("power".to_string(), 0.9)];
    let g = data::slice_grid(&rows, restraint, "R", None, &other).unwrap();
    assert_eq!(g.values[0][0], 0.9 * 0.5);

    // A two-axis sweep: no slice, no title, no note.
    let rows = sweep_rows(
        &[
            ("offence", vec![0.0, 1.0]),
            ("differentiation", vec![0.0, 1.0]),
        ],
        |p| p[0],
    );
    let figures = figure::sweep_figure_set(&rows, None, Default::default()).unwrap();
    assert!(!figures.is_empty());
    assert!(figures.iter().all(|f| !f.svg.contains("first of")));
    assert_eq!(data::sweep_shape(&rows).note(), None);
}

#[test]
fn one_axis_sweep_draws_a_line_chart_of_restraint() {
    let xs = vec![0.0, 0.25, 0.5, 0.75, 1.0];
    let rows = sweep_rows(&[("offence", xs.clone())], |p| 1.0 - p[0] * 0.8);
    let figures = figure::sweep_figure_set(&rows, None, Default::default()).unwrap();
    assert_eq!(figures.len(), 1);
    let f = &figures[0];
    assert_eq!(f.name, "sweep_offence");
    for label in ["Restraint", "Mutual restraint", "Spiral share of arming"] {
        assert!(has_text(&f.svg, label), "lacks {label}");
    }
    // The two-action table's zero H share and empty evolution draw nothing.
    assert!(!has_text(&f.svg, "Defensive posture (H)"));
    assert!(!has_text(&f.svg, "Restraint after evolution"));
    assert!(has_text(&f.svg, "Offence-defence balance θ"));
    // One polyline of five points per series.
    let lines = f
        .svg
        .split("<polyline")
        .skip(1)
        .filter(|p| {
            let pts = attr(p, "points").unwrap_or_default();
            // Not the frame's box (a closed polyline of five points).
            pts.split_whitespace().count() == xs.len() && !p.contains("#444444")
        })
        .count();
    assert_eq!(lines, 3, "{}", f.svg);
    let lines = data::sweep_lines(&rows, "offence");
    assert_eq!(lines.x, xs);
    assert_eq!(lines.series[0].1[4], 1.0 - 0.8);
    assert_eq!(data::sweep_shape(&rows).note(), None);

    // Two axes off the plane: nothing drawn, and the note says why.
    let rows = sweep_rows(&[("T", vec![4.0, 5.0]), ("S", vec![0.0, -1.0])], |_| 0.5);
    assert!(figure::sweep_figure_set(&rows, None, Default::default())
        .unwrap()
        .is_empty());
    let note = data::sweep_shape(&rows).note().unwrap();
    assert!(note.contains("T x S"), "{note}");
}

/// Renders the figures these tests change to PNG under `DILEMMA_FIGURE_PNG`
/// (when set) for a look at them.
#[test]
fn changed_figures_render_to_png() {
    let names = all_players();
    let n = names.len();
    let grid = data::HeatGrid {
        rows: names.clone(),
        columns: names.clone(),
        values: (0..n)
            .map(|r| (0..n).map(|c| ((r * 7 + c * 3) % 11) as f64).collect())
            .collect(),
        range: (0.0, 10.0),
    };
    let points: Vec<data::ScatterPoint> = names
        .iter()
        .enumerate()
        .map(|(k, n)| data::ScatterPoint {
            name: n.clone(),
            rank: k + 1,
            x: (k % 10) as f64 / 9.0,
            y: 1.0 + (k % 7) as f64 * 0.5,
        })
        .collect();
    let line = sweep_rows(&[("offence", vec![0.0, 0.25, 0.5, 0.75, 1.0])], |p| {
        1.0 - p[0] * 0.8
    });
    let unit = data::unit_grid(5);
    let three = sweep_rows(
        &[
            ("power", vec![0.5, 0.7]),
            ("offence", unit.clone()),
            ("differentiation", unit),
        ],
        |p| p[1] * 0.5 + p[2] * 0.3,
    );
    let mut figures = vec![
        tournament::payoff_heat_map_figure(&grid, 12).unwrap(),
        tournament::cooperation_score_figure(&points).unwrap(),
    ];
    figures.extend(figure::sweep_figure_set(&line, None, Default::default()).unwrap());
    figures.extend(
        figure::sweep_figure_set(&three, Some(&security_manifest(&[])), Default::default())
            .unwrap()
            .into_iter()
            .filter(|f| f.name == "jervis_restraint" || f.name == "jervis_classes"),
    );
    for f in &figures {
        let png = f.to_png(110).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        if let Ok(out) = std::env::var("DILEMMA_FIGURE_PNG") {
            std::fs::write(format!("{out}/{}.png", f.name), png).unwrap();
        }
    }
}

#[test]
fn few_repetitions_are_drawn_as_points_and_marks_are_explained() {
    let sample = |n: usize| -> Vec<data::NamedBox> {
        let scores: Vec<Vec<f64>> = vec![(0..n).map(|k| 2.0 + 0.01 * k as f64).collect()];
        data::score_boxes(&["Tit For Tat".to_string()], &[0], &scores)
    };
    let few = tournament::score_distribution_figure(&sample(5)).unwrap();
    assert!(has_text(
        &few.svg,
        "Dots: each of 5 repetitions; bars: medians"
    ));
    // One disc (a fill and an outline) per repetition.
    assert_eq!(few.svg.matches("<circle").count(), 2 * 5, "{}", few.svg);
    let many = tournament::score_distribution_figure(&sample(12)).unwrap();
    assert!(has_text(
        &many.svg,
        "12 repetitions: boxes quartiles, whiskers 1.5 IQR, rings beyond"
    ));
    assert_eq!(many.svg.matches("<circle").count(), 0, "no outliers");
    let bars = vec![data::RangeBar {
        name: "Tit For Tat".into(),
        value: 2.0,
        low: 1.0,
        high: 3.0,
    }];
    let wins = tournament::wins_figure(&bars).unwrap();
    assert!(has_text(
        &wins.svg,
        "Bars: mean over repetitions; whiskers: fewest to most"
    ));
}

#[test]
fn a_short_heat_maps_colour_bar_title_stays_on_the_canvas() {
    // Two rows of cells are shorter than "Fixation probability" set on its
    // side: the map moves down so the centred title is not cut off.
    let names = vec!["TFT (all)".to_string(), "Defector".to_string()];
    let grid = data::HeatGrid {
        rows: names.clone(),
        columns: names,
        values: vec![vec![f64::NAN, 7e-15], vec![0.055, f64::NAN]],
        range: (0.0, 0.055),
    };
    let text = tournament::HeatMapText {
        name: "fixation_heat_map",
        x_title: "Invader",
        y_title: "Resident",
        scale: "Fixation probability",
    };
    let f = tournament::labelled_heat_map_figure(&grid, 12, &text).unwrap();
    let height: f64 = f
        .svg
        .split("viewBox=\"")
        .nth(1)
        .and_then(|v| v.split(['"', ' ']).nth(3))
        .unwrap()
        .parse()
        .unwrap();
    let title = texts(&f.svg)
        .into_iter()
        .find(|t| t.text == text.scale)
        .unwrap();
    assert!(title.rotated);
    // DejaVu Sans averages more than 0.45 em a character.
    let half = 0.45 * title.size * text.scale.chars().count() as f64 / 2.0;
    assert!(
        title.y - half >= 0.0 && title.y + half <= height,
        "title at {} ± {half} on a canvas {height} high",
        title.y
    );
    // The tiny fixation probability is not printed as zero.
    assert!(texts(&f.svg).iter().any(|t| t.text == "<0.01"));
}
