//! Axelrod's ecological simulation: discrete replicator dynamics on a
//! tournament's payoff matrix.
//!
//! Each generation, strategy i's fitness is the population-weighted mean of its
//! payoffs, f_i = Σ_j p_j M\[i\]\[j\], and its share grows in proportion:
//! p_i' = p_i f_i / Σ_k p_k f_k. Payoffs must be non-negative for the shares to
//! stay shares; the PD payoffs of a tournament are.
//!
//! ## References
//! - Axelrod, R. (1984). *The Evolution of Cooperation*, ch. 3 ("The ecological
//!   approach"). Basic Books.
//! - Axelrod-Python's `Ecosystem` (the same update, uniform initial population).

use super::check_fitness_payoffs;
use crate::error::{Error, Result};
use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};

/// Population shares over generations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ecology {
    /// `shares[g][i]`: strategy i's share in generation g (generation 0 is the
    /// initial population).
    pub shares: Vec<Vec<f64>>,
}

impl Ecology {
    /// The last generation's shares.
    pub fn final_shares(&self) -> &[f64] {
        self.shares.last().expect("at least the initial generation")
    }
}

/// Runs `generations` steps of the ecological simulation from `initial` shares
/// (uniform when `None`) on the payoff matrix `payoffs` (M\[i\]\[j\] = mean
/// payoff of i against j).
///
/// Errors if the matrix is not square, has a negative or non-finite entry, or
/// the initial shares are not a distribution over its strategies.
pub fn ecological_simulation(
    payoffs: &Array2<f64>,
    initial: Option<&[f64]>,
    generations: usize,
) -> Result<Ecology> {
    check_fitness_payoffs(payoffs, "the ecological simulation")?;
    let n = payoffs.nrows();
    crate::limits::check_generations(generations as u64, n)?;
    let mut p: Array1<f64> = match initial {
        None => Array1::from_elem(n, 1.0 / n as f64),
        Some(s) => {
            if s.len() != n {
                return Err(Error::invalid_parameter(
                    "initial population",
                    s.len() as f64,
                    format!("one share per strategy ({n})"),
                ));
            }
            let total: f64 = s.iter().sum();
            if s.iter().any(|x| !x.is_finite() || *x < 0.0) || total <= 0.0 {
                return Err(Error::invalid_parameter(
                    "initial population",
                    total,
                    "non-negative shares with a positive sum",
                ));
            }
            Array1::from_iter(s.iter().map(|x| x / total))
        }
    };
    let mut shares = Vec::with_capacity(generations + 1);
    shares.push(p.to_vec());
    for _ in 0..generations {
        let fitness = payoffs.dot(&p);
        let weighted = &p * &fitness;
        let total = weighted.sum();
        if total <= 0.0 {
            // Every surviving strategy earns nothing: the population is frozen.
            shares.push(p.to_vec());
            continue;
        }
        p = weighted / total;
        shares.push(p.to_vec());
    }
    Ok(Ecology { shares })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn one_generation_by_hand() {
        // Shares (1/2, 1/2), fitness (2, 1): next shares (2/3, 1/3).
        let m = array![[2.0, 2.0], [1.0, 1.0]];
        let e = ecological_simulation(&m, None, 1).unwrap();
        assert!((e.shares[1][0] - 2.0 / 3.0).abs() < 1e-15);
        assert!((e.final_shares().iter().sum::<f64>() - 1.0).abs() < 1e-15);
    }

    #[test]
    fn defectors_exploit_then_die_out_against_reciprocators() {
        // TFT, ALLD, ALLC over 200 turns of (3,0,5,1), per-turn payoffs.
        let m = array![
            [3.0, 199.0 / 200.0, 3.0],
            [204.0 / 200.0, 1.0, 5.0],
            [3.0, 0.0, 3.0]
        ];
        let e = ecological_simulation(&m, None, 200).unwrap();
        let alld: Vec<f64> = e.shares.iter().map(|s| s[1]).collect();
        let peak = alld.iter().cloned().fold(0.0, f64::max);
        assert!(peak > alld[0], "ALLD first grows by exploiting ALLC");
        assert!(*alld.last().unwrap() < 1e-3, "then dies out");
        assert!(e.final_shares()[0] > e.final_shares()[2]);
    }

    #[test]
    fn rejects_bad_input() {
        assert!(ecological_simulation(&array![[1.0, 2.0]], None, 1).is_err());
        assert!(ecological_simulation(&array![[-1.0]], None, 1).is_err());
        let m = array![[1.0, 1.0], [1.0, 1.0]];
        assert!(ecological_simulation(&m, Some(&[1.0]), 1).is_err());
        assert!(ecological_simulation(&m, Some(&[0.0, 0.0]), 1).is_err());
        let e = ecological_simulation(&m, Some(&[3.0, 1.0]), 0).unwrap();
        assert_eq!(e.shares, vec![vec![0.75, 0.25]]);
    }
}
