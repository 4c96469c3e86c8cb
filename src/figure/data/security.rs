//! The data of the security-dilemma figures: values over the plane of
//! offence-defence balance θ (x) and differentiation δ (y), and the class of
//! the stage game at each point.

use crate::error::{Error, Result};
use crate::game::{GameClass, SecurityDilemma};
use serde::{Deserialize, Serialize};

/// A value over a grid of the (θ, δ) plane, e.g. the rate of mutual
/// cooperation of a sweep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParameterGrid {
    /// Offence-defence balance θ of each column, increasing.
    pub offence: Vec<f64>,
    /// Differentiation δ of each row, increasing.
    pub differentiation: Vec<f64>,
    /// `values[j][i]`: the value at δ = `differentiation[j]`, θ = `offence[i]`
    /// (NaN where unknown).
    pub values: Vec<Vec<f64>>,
    /// What the value is, for the colour bar (e.g. "mutual cooperation rate").
    pub label: String,
    /// The colour scale's ends: fixed (rates and shares on \[0, 1\], or a
    /// user's `--color-range`, so that maps meant to be compared share one
    /// scale; values outside take the end colours), or `None` for the
    /// values' own range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<(f64, f64)>,
}

impl ParameterGrid {
    /// Checks that the axes increase, lie in \[0, 1\] and match the values' shape.
    pub fn validate(&self) -> Result<()> {
        check_axis("offence", &self.offence)?;
        check_axis("differentiation", &self.differentiation)?;
        if self.values.len() != self.differentiation.len()
            || self.values.iter().any(|r| r.len() != self.offence.len())
        {
            return Err(Error::invalid_parameter(
                "grid values",
                self.values.len() as f64,
                format!(
                    "{} rows (one per differentiation) of {} values (one per offence)",
                    self.differentiation.len(),
                    self.offence.len()
                ),
            ));
        }
        if let Some(range) = self.range {
            crate::figure::output::check_colour_range("colour range", range)?;
        }
        Ok(())
    }

    /// The colour scale's ends: [`ParameterGrid::range`] when set, else the
    /// finite values' range.
    pub fn colour_range(&self) -> (f64, f64) {
        self.range
            .unwrap_or_else(|| super::finite_range(&self.values))
    }
}

fn check_axis(name: &str, axis: &[f64]) -> Result<()> {
    if axis.is_empty() {
        return Err(Error::invalid_parameter(
            name,
            0.0,
            "at least one grid value",
        ));
    }
    if let Some(x) = axis.iter().find(|x| !(0.0..=1.0).contains(*x)) {
        return Err(Error::invalid_parameter(name, *x, "grid values in [0, 1]"));
    }
    if let Some(w) = axis.windows(2).find(|w| w[1] <= w[0]) {
        return Err(Error::invalid_parameter(
            name,
            w[1],
            "strictly increasing grid values",
        ));
    }
    Ok(())
}

/// The boundaries of the cells centred on grid values: midpoints between
/// neighbours, the ends reflected (so a 0..1 grid's cells span a bit beyond).
pub fn cell_edges(axis: &[f64]) -> Vec<f64> {
    match axis.len() {
        0 => vec![],
        1 => vec![axis[0] - 0.5, axis[0] + 0.5],
        n => {
            let mut e = Vec::with_capacity(n + 1);
            e.push(axis[0] - (axis[1] - axis[0]) / 2.0);
            for w in axis.windows(2) {
                e.push((w[0] + w[1]) / 2.0);
            }
            e.push(axis[n - 1] + (axis[n - 1] - axis[n - 2]) / 2.0);
            e
        }
    }
}

/// `n` evenly spaced values from 0 to 1.
pub fn unit_grid(n: usize) -> Vec<f64> {
    match n {
        0 => vec![],
        1 => vec![0.5],
        n => (0..n).map(|k| k as f64 / (n - 1) as f64).collect(),
    }
}

/// The class of the stage game over the (θ, δ) plane.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassMap {
    /// θ of each column.
    pub offence: Vec<f64>,
    /// δ of each row.
    pub differentiation: Vec<f64>,
    /// `classes[j][i]`: the class at δ = `differentiation[j]`, θ = `offence[i]`.
    pub classes: Vec<Vec<GameClass>>,
    /// The model's greed boundary θ_G (where T = R), if inside \[0, 1\].
    pub greed_boundary: Option<f64>,
}

impl ClassMap {
    /// The classes that occur, in a fixed order.
    pub fn present(&self) -> Vec<GameClass> {
        CLASS_ORDER
            .iter()
            .copied()
            .filter(|c| self.classes.iter().flatten().any(|x| x == c))
            .collect()
    }
}

/// Every class, in the order legends list them.
pub const CLASS_ORDER: [GameClass; 6] = [
    GameClass::Harmony,
    GameClass::StagHunt,
    GameClass::Chicken,
    GameClass::PrisonersDilemma,
    GameClass::Deadlock,
    GameClass::Other,
];

/// Cells per axis of [`plane_class_map`]: fine enough that the drawn class
/// boundary is within a quarter of a percent of the exact one.
pub const CLASS_MAP_CELLS: usize = 200;

/// The centres of `n` equal cells covering \[0, 1\]: (k + 0.5) / n.
pub fn cell_centres(n: usize) -> Vec<f64> {
    (0..n).map(|k| (k as f64 + 0.5) / n as f64).collect()
}

/// The class of `model`'s stage game over the whole (θ, δ) plane, at the
/// centres of [`CLASS_MAP_CELLS`]² equal cells, independent of any sweep's
/// grid (a sweep's coarse cells would colour past the class boundaries).
pub fn plane_class_map(model: &SecurityDilemma) -> Result<ClassMap> {
    let axis = cell_centres(CLASS_MAP_CELLS);
    class_map(model, &axis, &axis)
}

/// Classifies `model`'s stage game at every (θ, δ) of the grid (the other
/// parameters as in `model`).
pub fn class_map(
    model: &SecurityDilemma,
    offence: &[f64],
    differentiation: &[f64],
) -> Result<ClassMap> {
    check_axis("offence", offence)?;
    check_axis("differentiation", differentiation)?;
    let classes = differentiation
        .iter()
        .map(|&d| {
            offence
                .iter()
                .map(|&o| {
                    SecurityDilemma {
                        offence: o,
                        differentiation: d,
                        ..*model
                    }
                    .game_class()
                })
                .collect::<Result<Vec<_>>>()
        })
        .collect::<Result<Vec<_>>>()?;
    let g = model.greed_boundary();
    Ok(ClassMap {
        offence: offence.to_vec(),
        differentiation: differentiation.to_vec(),
        classes,
        greed_boundary: (g.is_finite() && (0.0..=1.0).contains(&g)).then_some(g),
    })
}

/// The pure Nash equilibria of the three-action stage game over the
/// (θ, δ) plane: each cell's set of equilibria as an index into `labels`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageEquilibriumMap {
    /// θ of each column.
    pub offence: Vec<f64>,
    /// δ of each row.
    pub differentiation: Vec<f64>,
    /// Each set of pure equilibria that occurs, e.g. "(A, A)" or
    /// "(A, A), (H, H)", sorted; "none" for a cell without one.
    pub labels: Vec<String>,
    /// `cells[j][i]`: the index in `labels` of the set at δ =
    /// `differentiation[j]`, θ = `offence[i]`.
    pub cells: Vec<Vec<usize>>,
}

/// The pure equilibria of `model`'s three-action stage game (R, A, H;
/// docs/model.md §7) at the centres of [`CLASS_MAP_CELLS`]² equal cells of
/// the plane (θ < 1 at every centre, where H is affordable).
pub fn three_action_equilibrium_map(model: &SecurityDilemma) -> Result<StageEquilibriumMap> {
    let axis = cell_centres(CLASS_MAP_CELLS);
    let mut raw: Vec<Vec<String>> = Vec::with_capacity(axis.len());
    for &d in &axis {
        let mut row = Vec::with_capacity(axis.len());
        for &o in &axis {
            let game = SecurityDilemma {
                offence: o,
                differentiation: d,
                ..*model
            }
            .to_three_action_game()?;
            row.push(pure_equilibria_label(&game));
        }
        raw.push(row);
    }
    let mut labels: Vec<String> = raw.iter().flatten().cloned().collect();
    labels.sort();
    labels.dedup();
    let cells = raw
        .iter()
        .map(|row| {
            row.iter()
                .map(|l| labels.binary_search(l).unwrap_or(0))
                .collect()
        })
        .collect();
    Ok(StageEquilibriumMap {
        offence: axis.clone(),
        differentiation: axis,
        labels,
        cells,
    })
}

/// "(A, A), (H, H)": the pure equilibria of `game` by its action names, or
/// "none".
fn pure_equilibria_label(game: &crate::game::MatrixGame) -> String {
    let names = |labels: &[String], x: &ndarray::Array1<f64>| {
        x.iter()
            .position(|&p| p == 1.0)
            .and_then(|k| labels.get(k).cloned())
            .unwrap_or_default()
    };
    let found: Vec<String> = crate::equilibrium::pure_equilibria(game)
        .iter()
        .map(|e| {
            format!(
                "({}, {})",
                names(game.row_actions(), &e.row),
                names(game.col_actions(), &e.col)
            )
        })
        .collect();
    if found.is_empty() {
        "none".into()
    } else {
        found.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plane_class_map_places_the_boundary_within_half_a_cell() {
        let m = SecurityDilemma::default();
        let map = plane_class_map(&m).unwrap();
        let g = map
            .greed_boundary
            .expect("the default model has a greed boundary");
        let edges = cell_edges(&map.offence);
        assert!(edges[0].abs() < 1e-12 && (edges[CLASS_MAP_CELLS] - 1.0).abs() < 1e-12);
        // Every cell whose centre lies beyond the boundary has the class of
        // that side; cells change class only next to the boundary.
        let row = &map.classes[0];
        let changes: Vec<usize> = (1..row.len()).filter(|&i| row[i] != row[i - 1]).collect();
        assert_eq!(changes.len(), 1, "{changes:?}");
        let at = edges[changes[0]];
        assert!((at - g).abs() <= 1.0 / CLASS_MAP_CELLS as f64, "{at} v {g}");
    }

    #[test]
    fn three_action_equilibria_follow_the_stage_game() {
        let m = SecurityDilemma::default();
        let map = three_action_equilibrium_map(&m).unwrap();
        assert_eq!(map.cells.len(), CLASS_MAP_CELLS);
        // Each cell's label is the pure equilibria of its own game, found
        // by checking every profile's best responses directly.
        for (j, i) in [(0, 0), (199, 0), (100, 100), (199, 199), (0, 199)] {
            let g = SecurityDilemma {
                offence: map.offence[i],
                differentiation: map.differentiation[j],
                ..m
            }
            .to_three_action_game()
            .unwrap();
            let (a, b) = (g.row_payoffs(), g.col_payoffs());
            let mut expected = Vec::new();
            for r in 0..3 {
                for c in 0..3 {
                    let row_best = (0..3).all(|k| a[(k, c)] <= a[(r, c)]);
                    let col_best = (0..3).all(|k| b[(r, k)] <= b[(r, c)]);
                    if row_best && col_best {
                        expected.push(format!("({}, {})", ["R", "A", "H"][r], ["R", "A", "H"][c]));
                    }
                }
            }
            let expected = if expected.is_empty() {
                "none".to_string()
            } else {
                expected.join(", ")
            };
            assert_eq!(map.labels[map.cells[j][i]], expected, "cell {j},{i}");
        }
        assert!(map.labels.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn edges_and_grid() {
        assert_eq!(unit_grid(3), vec![0.0, 0.5, 1.0]);
        assert_eq!(cell_edges(&[0.0, 0.5, 1.0]), vec![-0.25, 0.25, 0.75, 1.25]);
        assert_eq!(cell_edges(&[0.2]), vec![-0.3, 0.7]);
    }

    #[test]
    fn grid_validation() {
        let mut g = ParameterGrid {
            offence: vec![0.0, 1.0],
            differentiation: vec![0.5],
            values: vec![vec![0.1, 0.2]],
            label: "x".into(),
            range: None,
        };
        assert!(g.validate().is_ok());
        assert_eq!(g.colour_range(), (0.1, 0.2));
        g.range = Some((0.0, 1.0));
        assert_eq!(g.colour_range(), (0.0, 1.0));
        g.range = Some((1.0, 1.0));
        assert!(g.validate().is_err());
        g.range = None;
        g.values = vec![vec![0.1]];
        assert!(g.validate().is_err());
        g.offence = vec![1.0, 0.0];
        assert!(g.validate().is_err());
    }

    #[test]
    fn default_model_class_map() {
        // Default model: stag hunt below the greed boundary θ_G = 1 - (1 - 3/4)/0.5
        // = 0.5, prisoner's dilemma above it; δ does not change the stage game.
        let m = SecurityDilemma::default();
        let map = class_map(&m, &[0.1, 0.9], &[0.0, 1.0]).unwrap();
        assert_eq!(map.greed_boundary, Some(0.5));
        for row in &map.classes {
            assert_eq!(row[0], GameClass::StagHunt);
            assert_eq!(row[1], GameClass::PrisonersDilemma);
        }
        assert_eq!(
            map.present(),
            vec![GameClass::StagHunt, GameClass::PrisonersDilemma]
        );
        assert!(class_map(&m, &[1.5], &[0.0]).is_err());
    }
}
