//! Eigenvector ratings of a cooperation matrix.
//!
//! ## References
//! - Aaronson, S. (2014). *Eigenmorality* (eigenjesus and eigenmoses ratings).
//! - Axelrod-Python's `eigen.principal_eigenvector`: power iteration from the
//!   all-ones vector, normalised to unit length each step, stopped when two
//!   successive vectors differ by less than 1e-3 in Euclidean norm or after
//!   1000 iterations. This module follows it step for step, so the ratings equal
//!   Axelrod-Python's (which are approximations of the eigenvector to ~1e-3).

/// The principal eigenvector of `matrix` (row-major, square) by power
/// iteration, as Axelrod-Python computes it (see the module documentation).
/// A zero matrix gives NaNs, as there.
pub fn principal_eigenvector(matrix: &[Vec<f64>]) -> Vec<f64> {
    const MAX_ITERATIONS: usize = 1000;
    const MAX_ERROR: f64 = 1e-3;
    let n = matrix.len();
    let mut last = vec![1.0; n];
    let mut vector = last.clone();
    for i in 0.. {
        vector = normalise(&multiply(matrix, &vector));
        if i > MAX_ITERATIONS {
            break;
        }
        let error: f64 = vector
            .iter()
            .zip(&last)
            .map(|(a, b)| (a - b) * (a - b))
            .sum::<f64>()
            .sqrt();
        if error < MAX_ERROR {
            break;
        }
        last.clone_from(&vector);
    }
    vector
}

fn multiply(matrix: &[Vec<f64>], v: &[f64]) -> Vec<f64> {
    matrix
        .iter()
        .map(|row| row.iter().zip(v).map(|(a, b)| a * b).sum())
        .collect()
}

fn normalise(v: &[f64]) -> Vec<f64> {
    let norm = v.iter().map(|x| x * x).sum::<f64>().sqrt();
    v.iter().map(|x| x / norm).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_dominant_eigenvector() {
        // [[2, 1], [1, 2]] has dominant eigenvector (1, 1)/sqrt(2), reached at once.
        let v = principal_eigenvector(&[vec![2.0, 1.0], vec![1.0, 2.0]]);
        for x in v {
            assert!((x - 0.5f64.sqrt()).abs() < 1e-12);
        }
        // Diagonal: converges toward e1 within the 1e-3 step criterion.
        let v = principal_eigenvector(&[vec![3.0, 0.0], vec![0.0, 1.0]]);
        assert!(v[0] > 0.999 && v[1] < 0.05, "{v:?}");
    }

    #[test]
    fn zero_matrix_gives_nan_as_axelrod_does() {
        assert!(principal_eigenvector(&[vec![0.0]])[0].is_nan());
    }
}
