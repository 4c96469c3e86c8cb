//! Discrete fictitious play (Brown 1951; docs/model.md §18.1).
//!
//! Each player keeps a count of the other's past actions (its *belief* is
//! their frequencies) and every period plays a best response to those
//! counts: row plays `argmax_i (A c_col)_i`, column `argmax_j (Bᵀ c_row)_j`,
//! both at once; then each count of the action played grows by one.
//!
//! **Tie rule:** among equal best responses (exactly equal expected
//! payoffs) a player takes the first in index order. nashpy's
//! `fictitious_play` draws one of them uniformly at random; from play counts
//! at which no tie arises the two agree move for move
//! (`tests/fixtures/learning.json`), and from zero counts, where every action
//! ties, this one starts with the first actions.
//!
//! ## References
//! - G. W. Brown (1951), "Iterative solution of games by fictitious play",
//!   in *Activity Analysis of Production and Allocation*, Wiley, 374-376.
//! - J. Robinson (1951), "An iterative method of solving a game", Annals of
//!   Mathematics 54:296-301.
//! - D. Fudenberg and D. K. Levine (1998), *The Theory of Learning in
//!   Games*, MIT Press, ch. 2.

use super::trajectory::{check_size, first_best, frequencies, recorded, Population, Trajectory};
use crate::error::{Error, Result};
use crate::game::MatrixGame;
use serde::Serialize;

/// What [`fictitious_play`] runs.
#[derive(Debug, Clone, PartialEq)]
pub struct FictitiousOptions {
    /// Periods of play.
    pub iterations: usize,
    /// The starting play counts (row player's actions, column player's);
    /// `None`: all zero.
    pub initial_counts: Option<[Vec<f64>; 2]>,
    /// Record every this many periods (and the last).
    pub record_every: usize,
}

impl Default for FictitiousOptions {
    fn default() -> Self {
        FictitiousOptions {
            iterations: 1000,
            initial_counts: None,
            record_every: 1,
        }
    }
}

/// The result of [`fictitious_play`].
#[derive(Debug, Clone, Serialize)]
pub struct FictitiousPlay {
    /// The empirical frequencies of each player's actions (its counts
    /// normalised; uniform while they are zero), after each period.
    pub trajectory: Trajectory,
    /// The actions played in each period, `(row, column)`.
    pub plays: Vec<(usize, usize)>,
    /// The final play counts.
    pub counts: [Vec<f64>; 2],
}

/// Checks starting play counts for a game of shape `(m, n)`.
pub(crate) fn check_counts(counts: &[Vec<f64>; 2], (m, n): (usize, usize)) -> Result<()> {
    for (player, (c, size)) in ["row", "column"].iter().zip(counts.iter().zip([m, n])) {
        if c.len() != size {
            return Err(Error::invalid_parameter(
                &format!("{player} play counts"),
                c.len() as f64,
                format!("{size} counts"),
            ));
        }
        if let Some(v) = c.iter().find(|v| !(v.is_finite() && **v >= 0.0)) {
            return Err(Error::invalid_parameter(
                &format!("{player} play count"),
                *v,
                "a finite count >= 0",
            ));
        }
    }
    Ok(())
}

/// Fictitious play on `game` (see the module documentation).
///
/// # Errors
/// [`Error::InvalidParameter`] for starting counts of the wrong length or
/// negative.
pub fn fictitious_play(game: &MatrixGame, options: &FictitiousOptions) -> Result<FictitiousPlay> {
    let (m, n) = game.shape();
    let mut counts = options
        .initial_counts
        .clone()
        .unwrap_or_else(|| [vec![0.0; m], vec![0.0; n]]);
    check_counts(&counts, (m, n))?;
    check_size(options.iterations, options.record_every, m + n)?;
    let (a, b) = (game.row_payoffs(), game.col_payoffs());
    let mut trajectory = Trajectory::new("fictitious play", "iteration", Population::players(game));
    let state = |c: &[Vec<f64>; 2]| [frequencies(&c[0]), frequencies(&c[1])].concat();
    trajectory.push(0.0, state(&counts));
    let mut plays = Vec::with_capacity(options.iterations);
    let mut row_u = vec![0.0; m];
    let mut col_u = vec![0.0; n];
    // Periods run in chunks with a cancellation check between them, so the
    // period loop itself is the plain loop.
    let chunk = crate::parallel::CANCEL_CHUNK;
    for start in (1..=options.iterations).step_by(chunk) {
        crate::parallel::check_cancelled()?;
        for t in start..=(start + chunk - 1).min(options.iterations) {
            for (i, u) in row_u.iter_mut().enumerate() {
                *u = (0..n).map(|j| a[(i, j)] * counts[1][j]).sum();
            }
            for (j, u) in col_u.iter_mut().enumerate() {
                *u = (0..m).map(|i| b[(i, j)] * counts[0][i]).sum();
            }
            let (i, j) = (first_best(&row_u), first_best(&col_u));
            counts[0][i] += 1.0;
            counts[1][j] += 1.0;
            plays.push((i, j));
            if recorded(t, options.iterations, options.record_every) {
                trajectory.push(t as f64, state(&counts));
            }
        }
    }
    Ok(FictitiousPlay {
        trajectory,
        plays,
        counts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;

    #[test]
    fn zero_sum_frequencies_approach_the_value() {
        // Robinson (1951): in a zero-sum game the empirical frequencies'
        // payoffs converge to the value; matching pennies' is 0 at (½, ½).
        let g = catalogue::matching_pennies();
        let fp = fictitious_play(
            &g,
            &FictitiousOptions {
                iterations: 20_000,
                ..Default::default()
            },
        )
        .unwrap();
        for p in fp.trajectory.last() {
            assert!((p[0] - 0.5).abs() < 0.01, "{p:?}");
        }
        assert_eq!(fp.plays[0], (0, 0), "ties go to the first action");
        assert_eq!(fp.trajectory.len(), 20_001);
    }

    #[test]
    fn dominant_actions_are_played_from_the_first_period() {
        let g = catalogue::prisoners_dilemma_default();
        let fp = fictitious_play(
            &g,
            &FictitiousOptions {
                iterations: 10,
                initial_counts: Some([vec![3.0, 0.0], vec![5.0, 1.0]]),
                record_every: 4,
            },
        )
        .unwrap();
        assert!(fp.plays.iter().all(|p| *p == (1, 1)));
        assert_eq!(fp.counts, [vec![3.0, 10.0], vec![5.0, 11.0]]);
        assert_eq!(fp.trajectory.times, vec![0.0, 4.0, 8.0, 10.0]);
        assert!(fictitious_play(
            &g,
            &FictitiousOptions {
                initial_counts: Some([vec![1.0], vec![1.0, 1.0]]),
                ..Default::default()
            }
        )
        .is_err());
    }
}
