//! Iteration over the pure profiles of a game.

/// Every pure profile of a game of the given shape, in row-major order (the
/// last player's action changing fastest), as an odometer.
#[derive(Debug, Clone)]
pub struct ProfileIter {
    shape: Vec<usize>,
    next: Option<Vec<usize>>,
}

impl ProfileIter {
    /// The profiles of a game of shape `shape` (none when an axis is empty).
    pub fn new(shape: &[usize]) -> Self {
        let next = (!shape.contains(&0)).then(|| vec![0; shape.len()]);
        ProfileIter {
            shape: shape.to_vec(),
            next,
        }
    }
}

/// Advances `profile` to the next pure profile of `shape` in row-major
/// order; `false` (and `profile` back to all zeros) after the last.
pub fn advance_profile(profile: &mut [usize], shape: &[usize]) -> bool {
    for k in (0..shape.len()).rev() {
        profile[k] += 1;
        if profile[k] < shape[k] {
            return true;
        }
        profile[k] = 0;
    }
    false
}

impl Iterator for ProfileIter {
    type Item = Vec<usize>;

    fn next(&mut self) -> Option<Vec<usize>> {
        let current = self.next.take()?;
        let mut following = current.clone();
        if advance_profile(&mut following, &self.shape) {
            self.next = Some(following);
        }
        Some(current)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_major_order() {
        let all: Vec<Vec<usize>> = ProfileIter::new(&[2, 1, 3]).collect();
        assert_eq!(all.len(), 6);
        assert_eq!(all[0], vec![0, 0, 0]);
        assert_eq!(all[1], vec![0, 0, 1]);
        assert_eq!(all[3], vec![1, 0, 0]);
        assert_eq!(ProfileIter::new(&[2, 0]).count(), 0);
    }
}
