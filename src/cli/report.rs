//! What the tournament commands print besides their tables: the progress
//! bar of a round robin and the table of group statistics.

use dilemma::tournament::GroupStatistics;
use dilemma::MatrixGame;
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;

/// The progress bar of a round robin of `jobs` pairings x repetitions
/// (hidden when stderr is not a terminal).
pub fn progress_bar(jobs: usize) -> ProgressBar {
    ProgressBar::new(jobs as u64).with_style(
        ProgressStyle::with_template(
            "{spinner} {bar:40} {pos}/{len} pairings {elapsed} (eta {eta})",
        )
        .expect("valid template"),
    )
}

/// The progress bar of a tournament of groups of `jobs` groups x
/// repetitions (hidden when stderr is not a terminal).
pub fn group_progress_bar(jobs: usize) -> ProgressBar {
    ProgressBar::new(jobs as u64).with_style(
        ProgressStyle::with_template("{spinner} {bar:40} {pos}/{len} groups {elapsed} (eta {eta})")
            .expect("valid template"),
    )
}

/// Prints each group's members, its `what` (cooperation or restraint)
/// inside and across the group line, and its payoffs.
pub fn print_groups(groups: &GroupStatistics, what: &str) {
    let f = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.4}"));
    println!(
        "\n{:<20} {:>8} {:>16} {:>16} {:>14} {:>14} {:>13}",
        "side",
        "members",
        format!("{what} inside"),
        format!("{what} across"),
        "payoff inside",
        "payoff across",
        "spiral share"
    );
    for g in &groups.summary {
        println!(
            "{:<20} {:>8} {:>16} {:>16} {:>14} {:>14} {:>13.4}",
            if g.group.is_empty() {
                "(none)"
            } else {
                &g.group
            },
            g.members.len(),
            f(g.in_group_cooperation),
            f(g.out_group_cooperation),
            f(g.in_group_payoff),
            f(g.out_group_payoff),
            g.spiral_share()
        );
    }
}

/// The game's name and shape, `chicken (2x2)`.
pub(super) fn title(game: &MatrixGame) -> String {
    let (m, n) = game.shape();
    if game.name().is_empty() {
        format!("{m}x{n} game")
    } else {
        format!("{} ({m}x{n})", game.name())
    }
}

/// The game's name, shape and action names as JSON, followed by `fields`.
pub(super) fn game_json(game: &MatrixGame, fields: serde_json::Value) -> serde_json::Value {
    let (m, n) = game.shape();
    let mut v = json!({
        "game": game.name(),
        "shape": [m, n],
        "row_actions": game.row_actions(),
        "col_actions": game.col_actions(),
    });
    if let (Some(out), serde_json::Value::Object(more)) = (v.as_object_mut(), fields) {
        out.extend(more);
    }
    v
}
