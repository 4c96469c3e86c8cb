//! Figures of fingerprints: Ashlock's as a heat map over the probe's (x, y)
//! square, the transitive one as a heat map of cooperation by opponent and
//! turn (docs/model.md §10.12).

use super::data::{HeatGrid, ParameterGrid};
use super::output::Figure;
use super::security::unit_square_heat_map_figure;
use super::tournament::{labelled_heat_map_figure, HeatMapText};
use crate::error::Result;
use crate::fingerprint::{AshlockFingerprint, TransitiveFingerprint};

/// The Ashlock fingerprint: the strategy's mean score per turn at each
/// (x, y), x the probe's probability of cooperating regardless and y of
/// defecting regardless (figure `ashlock_fingerprint`).
pub fn ashlock_figure(fingerprint: &AshlockFingerprint) -> Result<Figure> {
    let n = fingerprint.size;
    let axis: Vec<f64> = (0..n).map(|k| fingerprint.points[k].y).collect();
    // Points are x-major: point i * n + j is (x_i, y_j).
    let values = (0..n)
        .map(|j| (0..n).map(|i| fingerprint.points[i * n + j].mean).collect())
        .collect();
    let grid = ParameterGrid {
        offence: axis.clone(),
        differentiation: axis,
        values,
        label: "Score per turn".into(),
        range: None,
    };
    unit_square_heat_map_figure(
        &grid,
        "ashlock_fingerprint",
        &format!("{} probed by {}", fingerprint.strategy, fingerprint.probe),
        (
            "x: probe cooperates regardless",
            "y: probe defects regardless",
        ),
    )
}

/// The transitive fingerprint: the strategy's cooperation rate in each turn
/// (columns) against each opponent (rows, in order from the top) (figure
/// `transitive_fingerprint`).
pub fn transitive_figure(fingerprint: &TransitiveFingerprint) -> Result<Figure> {
    let turns = fingerprint.rate.first().map_or(0, Vec::len);
    let grid = HeatGrid {
        rows: fingerprint.opponents.clone(),
        columns: (1..=turns).map(|t| t.to_string()).collect(),
        values: fingerprint.rate.clone(),
        range: (0.0, 1.0),
    };
    labelled_heat_map_figure(
        &grid,
        0,
        &HeatMapText {
            name: "transitive_fingerprint",
            x_title: "Turn",
            y_title: "Opponent",
            scale: &format!("Cooperation rate of {}", fingerprint.strategy),
        },
    )
}
