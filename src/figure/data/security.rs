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
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

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
        };
        assert!(g.validate().is_ok());
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
