//! What the built-in strategies are made of: stateless rules ([`Rule`]), the
//! `stateful!` implementation of [`Strategy`], registry entries, and the
//! helpers several families share (Python's number formatting, the final
//! turns of an announced match, cycle and randomness detection).

use crate::strategy::context::Context;
use crate::strategy::core::{Classifier, Strategy};
use crate::strategy::entry::{Entry, Kind};
use crate::strategy::history::History;
use crate::Action;

/// A rule of the history and context alone, with no state of its own.
pub type RuleFn = fn(&History, &mut Context<'_>) -> Action;

/// A stateless strategy: a name, a classifier and a [`RuleFn`].
#[derive(Clone, Copy)]
pub struct Rule {
    name: &'static str,
    classifier: Classifier,
    rule: RuleFn,
}

impl Rule {
    /// A stateless strategy from its name, classifier and rule.
    pub const fn new(name: &'static str, classifier: Classifier, rule: RuleFn) -> Self {
        Rule {
            name,
            classifier,
            rule,
        }
    }
}

impl Strategy for Rule {
    fn name(&self) -> &str {
        self.name
    }
    fn classifier(&self) -> Classifier {
        self.classifier
    }
    fn reset(&mut self) {}
    #[inline]
    fn next_action(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        (self.rule)(h, ctx)
    }
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(*self)
    }
}

/// Implements [`Strategy`] for a `Clone + Default` type with an
/// `act(&mut self, &History, &mut Context) -> Action` method; `reset`
/// restores `Default`.
macro_rules! stateful {
    ($t:ty, $name:expr, $class:expr) => {
        impl $crate::strategy::core::Strategy for $t {
            fn name(&self) -> &str {
                $name
            }
            fn classifier(&self) -> $crate::strategy::core::Classifier {
                $class
            }
            fn reset(&mut self) {
                *self = <$t>::default();
            }
            #[inline]
            fn next_action(
                &mut self,
                h: &$crate::strategy::history::History,
                ctx: &mut $crate::strategy::context::Context<'_>,
            ) -> $crate::Action {
                self.act(h, ctx)
            }
            fn clone_box(&self) -> Box<dyn $crate::strategy::core::Strategy> {
                Box::new(self.clone())
            }
        }
    };
}
pub(crate) use stateful;

/// An entry for a built-in strategy.
pub(crate) fn entry(
    proto: impl Strategy,
    aliases: &[&str],
    description: &str,
    source: &str,
) -> Entry {
    Entry::new(Box::new(proto), Kind::Builtin, aliases, description, source)
}

/// An entry for a stateless rule.
pub(crate) fn rule(
    name: &'static str,
    classifier: Classifier,
    f: RuleFn,
    aliases: &[&str],
    description: &str,
    source: &str,
) -> Entry {
    entry(Rule::new(name, classifier, f), aliases, description, source)
}

/// A number as Python's `str(float)` writes it (shortest digits that read
/// back exactly, `1.0` rather than `1`, exponents as `1e-05`): the form of
/// the parameters in Axelrod-Python's player names.
pub(crate) fn python_float(x: f64) -> String {
    // Rust's `{:?}` has Python's digits and switches to an exponent at the
    // same magnitudes (below 1e-4, from 1e16); only the exponent is written
    // differently (`1e-5` for `1e-05`, `1e16` for `1e+16`).
    let s = format!("{x:?}");
    match s.split_once('e') {
        Some((mantissa, exp)) => {
            let (sign, digits) = match exp.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', exp),
            };
            format!("{mantissa}e{sign}{digits:0>2}")
        }
        None => s,
    }
}

/// Python's `round(x, 2)`: the nearest two-decimal number to the exact
/// binary value (so `0.125` rounds to `0.12`).
pub(crate) fn python_round2(x: f64) -> f64 {
    format!("{x:.2}").parse().unwrap_or(x)
}

/// Whether the last turns of an announced match have come: `true` when the
/// match length is known and at most `n` turns (this one included) remain.
/// Axelrod-Python's `FinalTransformer`.
#[inline]
pub(crate) fn in_final_turns(h: &History, ctx: &Context<'_>, n: u64) -> bool {
    match ctx.match_length {
        Some(len) => {
            let t = h.len() as u64;
            t < len && len - t <= n
        }
        None => false,
    }
}

/// The shortest cycle (length `min_size..=max(12, len/2)`) that the whole
/// sequence repeats, as Axelrod-Python's `detect_cycle`.
pub(crate) fn detect_cycle(history: &[Action], min_size: usize) -> Option<&[Action]> {
    let max = (history.len() / 2).min(12);
    (min_size..=max).find_map(|i| {
        let cycle = &history[..i];
        history
            .iter()
            .enumerate()
            .all(|(j, a)| *a == cycle[j % i])
            .then_some(cycle)
    })
}

/// Whether the opponent's cooperation count is consistent with a fair coin at
/// level 0.05: Pearson's chi-square statistic `(c - d)^2 / n` at most the
/// 95% quantile of chi-square with one degree of freedom (p-value >= 0.05, as
/// `scipy.stats.chisquare([c, d]).pvalue >= 0.05` in Axelrod-Python).
pub(crate) fn looks_random(cooperations: usize, defections: usize) -> bool {
    const CHI2_1_95: f64 = 3.841_458_820_694_124;
    let n = cooperations + defections;
    if n == 0 {
        return false;
    }
    let diff = cooperations as f64 - defections as f64;
    diff * diff / n as f64 <= CHI2_1_95
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Action::{C, D};

    #[test]
    fn cycle_detection_as_axelrod() {
        assert_eq!(detect_cycle(&[C, C, D, C, C, D], 1), Some(&[C, C, D][..]));
        assert_eq!(detect_cycle(&[C, C, D, C, C], 1), None);
        assert_eq!(detect_cycle(&[C, C, C, C], 1), Some(&[C][..]));
        assert_eq!(detect_cycle(&[C, C, C, C], 3), None);
    }

    #[test]
    fn chi_square_threshold() {
        assert!(looks_random(10, 10));
        assert!(!looks_random(20, 0));
        // 14 C and 6 D: statistic 3.2 < 3.84.
        assert!(looks_random(14, 6));
        // 15 C and 5 D: statistic 5 > 3.84.
        assert!(!looks_random(15, 5));
    }

    #[test]
    fn numbers_are_written_as_python_writes_them() {
        // Python 3: str(x) and str(round(x, 2)).
        for (x, py) in [
            (0.5, "0.5"),
            (1.0, "1.0"),
            (0.0, "0.0"),
            (1.0 / 9.0, "0.1111111111111111"),
            (1e-5, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (0.0001, "0.0001"),
            (1e16, "1e+16"),
            (123456.0, "123456.0"),
        ] {
            assert_eq!(python_float(x), py, "{x}");
        }
        for (x, py) in [
            (0.125, "0.12"),
            (0.375, "0.38"),
            (1.0 / 3.0, "0.33"),
            (0.005, "0.01"),
            (0.7, "0.7"),
        ] {
            assert_eq!(python_float(python_round2(x)), py, "round({x}, 2)");
        }
    }
}
