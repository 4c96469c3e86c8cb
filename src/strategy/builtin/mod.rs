//! Built-in strategies written in Rust, for what the data families cannot
//! express. One file per family; each strategy's doc comment gives its rule,
//! its names in the literature and its source (the Axelrod-Python class it
//! reproduces, where there is one).

use super::registry::{Entry, Kind};
use super::{Classifier, Context, History, Strategy};
use crate::{Action, Result};

pub mod axelrod_first;
pub mod basic;
pub mod grudger;
pub mod hunter;
pub mod probers;
pub mod security;
pub mod tags;
pub mod titfortat;
pub mod zero_determinant;

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
        impl $crate::strategy::Strategy for $t {
            fn name(&self) -> &str {
                $name
            }
            fn classifier(&self) -> $crate::strategy::Classifier {
                $class
            }
            fn reset(&mut self) {
                *self = <$t>::default();
            }
            #[inline]
            fn next_action(
                &mut self,
                h: &$crate::strategy::History,
                ctx: &mut $crate::strategy::Context<'_>,
            ) -> $crate::Action {
                self.act(h, ctx)
            }
            fn clone_box(&self) -> Box<dyn $crate::strategy::Strategy> {
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

/// Every built-in strategy, in a fixed order.
pub fn entries() -> Vec<Entry> {
    let mut v = Vec::new();
    v.extend(basic::entries());
    v.extend(titfortat::entries());
    v.extend(grudger::entries());
    v.extend(probers::entries());
    v.extend(hunter::entries());
    v.extend(axelrod_first::entries());
    v.extend(zero_determinant::entries());
    v.extend(security::entries());
    v.extend(tags::entries());
    v
}

/// Parses a parametrised name, `Base(x)` or `Base: x`, for the strategies that
/// take a number: `Random(p)`, `GTFT(p)` / `Generous Tit For Tat(p)`,
/// `Spiral Reciprocator(γ)`, `Bayesian Truster(prior)`. `None` if the name is not of that form.
pub fn parametrised(name: &str) -> Option<Result<Box<dyn Strategy>>> {
    let (base, arg) = if let Some(open) = name.find('(') {
        let close = name.rfind(')')?;
        (&name[..open], &name[open + 1..close])
    } else {
        let colon = name.find(':')?;
        (&name[..colon], &name[colon + 1..])
    };
    let x: f64 = arg.trim().parse().ok()?;
    let prob = |x: f64| {
        if (0.0..=1.0).contains(&x) {
            Ok(x)
        } else {
            Err(crate::Error::invalid_parameter(
                name.trim(),
                x,
                "a probability in [0, 1]",
            ))
        }
    };
    let b = super::registry::normalise(base);
    Some(match b.as_str() {
        "random" => prob(x).map(|p| Box::new(basic::RandomPlayer::new(p)) as Box<dyn Strategy>),
        "gtft" | "generoustitfortat" => {
            prob(x).map(|p| Box::new(zero_determinant::Gtft::new(Some(p))) as Box<dyn Strategy>)
        }
        "spiralreciprocator" => {
            prob(x).map(|g| Box::new(security::SpiralReciprocator::new(g)) as Box<dyn Strategy>)
        }
        "bayesiantruster" => {
            prob(x).map(|p| Box::new(security::BayesianTruster::new(p)) as Box<dyn Strategy>)
        }
        _ => return None,
    })
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
    fn parametrised_names() {
        assert!(parametrised("Random(0.3)").unwrap().is_ok());
        assert!(parametrised("Random: 0.3").unwrap().is_ok());
        assert!(parametrised("Random(1.3)").unwrap().is_err());
        assert!(parametrised("Nonsense(0.3)").is_none());
        assert!(parametrised("Tit For Tat").is_none());
    }
}
