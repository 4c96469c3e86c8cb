//! Figures of a finite population's small-mutation limit (docs/model.md
//! §20.8): the fixation probability of one invader in each resident
//! population, as a heat map, and the stationary distribution over the
//! monomorphic states, one mark per strategy.

use super::data::tournament::{finite_range, HeatGrid};
use super::intervals::{dot_figure, DotMark, DotRow, DotSeries};
use super::output::Figure;
use super::style;
use super::tournament::{labelled_heat_map_figure, HeatMapText};
use crate::error::{Error, Result};
use crate::learning::MonomorphicChain;

/// The fixation heat map (`fixation_heat_map`: row the resident, column the
/// invader, grey on the diagonal) and the stationary distribution
/// (`stationary`) of `chain` for the strategies `names` in a population of
/// `population`.
///
/// # Errors
/// [`Error::Figure`] when `names` and the chain differ in size.
pub fn fixation_figures(
    names: &[String],
    chain: &MonomorphicChain,
    population: usize,
) -> Result<Vec<Figure>> {
    let m = names.len();
    if chain.fixation.nrows() != m || chain.stationary.len() != m {
        return Err(Error::Figure {
            figure: "fixation_heat_map".into(),
            message: format!(
                "{m} names for a chain of {} strategies",
                chain.stationary.len()
            ),
        });
    }
    let values: Vec<Vec<f64>> = (0..m)
        .map(|r| {
            (0..m)
                .map(|c| {
                    if r == c {
                        f64::NAN
                    } else {
                        chain.fixation[(r, c)]
                    }
                })
                .collect()
        })
        .collect();
    let grid = HeatGrid {
        rows: names.to_vec(),
        columns: names.to_vec(),
        range: finite_range(&values),
        values,
    };
    let heat = labelled_heat_map_figure(
        &grid,
        12,
        &HeatMapText {
            name: "fixation_heat_map",
            x_title: "Invader",
            y_title: "Resident",
            scale: "Fixation probability",
        },
    )?;
    let rows: Vec<DotRow> = names
        .iter()
        .zip(&chain.stationary)
        .map(|(name, &x)| DotRow {
            name: name.clone(),
            marks: vec![Some(DotMark {
                mean: x,
                low: x,
                high: x,
            })],
        })
        .collect();
    let note = format!(
        "Small-mutation limit, population {population}; neutral fixation 1/{population} = {:.4}",
        1.0 / population as f64
    );
    let stationary = dot_figure(
        "stationary",
        &[DotSeries {
            filled: true,
            colour: style::OKABE_ITO[4],
        }],
        &rows,
        ("Long-run share of time in the monomorphic state", &note),
        Some((0.0, 1.0)),
    )?;
    Ok(vec![heat, stationary])
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn two_figures_with_the_chains_numbers() {
        let chain = MonomorphicChain {
            fixation: array![[0.0, 0.123_456], [0.000_789, 0.0]],
            transitions: array![[0.9, 0.1], [0.2, 0.8]],
            stationary: vec![0.25, 0.75],
        };
        let names = vec!["TFT (all)".to_string(), "Defector".to_string()];
        let figures = fixation_figures(&names, &chain, 30).unwrap();
        assert_eq!(figures.len(), 2);
        assert_eq!(figures[0].name, "fixation_heat_map");
        assert!(figures[0].svg.contains("0.12"), "the annotated value");
        assert!(figures[0].svg.contains("Invader") && figures[0].svg.contains("Resident"));
        assert_eq!(figures[1].name, "stationary");
        assert!(figures[1].svg.contains("1/30"));
        assert!(fixation_figures(&names[..1], &chain, 30).is_err());
    }
}
