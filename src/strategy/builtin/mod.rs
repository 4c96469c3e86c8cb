//! Built-in strategies written in Rust, for what the data families cannot
//! express. One file per family; each strategy's doc comment gives its rule,
//! its names in the literature and its source (the Axelrod-Python class it
//! reproduces, where there is one).

use super::core::Strategy;
use super::entry::Entry;
use crate::Result;

pub mod attention;
pub mod axelrod_first;
pub mod axelrod_second;
pub mod axelrod_second_modes;
pub mod basic;
pub mod chance;
pub mod dbs;
pub mod final_turn;
pub mod grudger;
pub mod grudges;
pub mod hmm;
pub mod hunter;
mod kit;
pub mod learners;
pub mod long_memory;
pub mod meta;
pub mod probers;
pub mod security;
pub mod tags;
pub mod titfortat;
pub mod trust;
pub mod zero_determinant;

/// Every built-in strategy, in a fixed order.
pub fn entries() -> Vec<Entry> {
    let mut v = Vec::new();
    v.extend(basic::entries());
    v.extend(titfortat::entries());
    v.extend(grudger::entries());
    v.extend(grudges::entries());
    v.extend(probers::entries());
    v.extend(hunter::entries());
    v.extend(long_memory::entries());
    v.extend(axelrod_first::entries());
    v.extend(axelrod_second::entries());
    v.extend(axelrod_second_modes::entries());
    v.extend(zero_determinant::entries());
    v.extend(security::entries());
    v.extend(tags::entries());
    v.extend(chance::entries());
    v.extend(final_turn::entries());
    v.extend(trust::entries());
    v.extend(learners::entries());
    v.extend(dbs::entries());
    v.extend(hmm::entries());
    v.extend(attention::entries());
    v
}

/// Parses a parametrised name, `Base(x)` or `Base: x` (the form
/// Axelrod-Python's tables print), for the strategies that take numbers:
/// `Random: p`, `GTFT: p` / `Generous Tit For Tat(p)`, `Spiral
/// Reciprocator: γ`, `Bayesian Truster: prior` and `Noise-Filtered
/// Reciprocator: window, level`. `None` if the name is not of that form.
pub fn parametrised(name: &str) -> Option<Result<Box<dyn Strategy>>> {
    let (base, arg) = if let Some(open) = name.find('(') {
        let close = name.rfind(')')?;
        if !name[close + 1..].trim().is_empty() {
            return None;
        }
        (&name[..open], name.get(open + 1..close)?)
    } else {
        let colon = name.find(':')?;
        (&name[..colon], &name[colon + 1..])
    };
    let xs: Vec<f64> = arg
        .split(',')
        .map(|a| a.trim().parse().ok())
        .collect::<Option<_>>()?;
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
    fn boxed(s: impl Strategy) -> Box<dyn Strategy> {
        Box::new(s)
    }
    let b = super::entry::normalise(base);
    Some(match (b.as_str(), xs.as_slice()) {
        ("random", &[x]) => prob(x).map(|p| boxed(basic::RandomPlayer::new(p))),
        ("gtft" | "generoustitfortat", &[x]) => {
            prob(x).map(|p| boxed(zero_determinant::Gtft::new(Some(p))))
        }
        ("spiralreciprocator", &[x]) => {
            prob(x).map(|g| boxed(security::SpiralReciprocator::new(g)))
        }
        ("bayesiantruster", &[x]) => prob(x).map(|p| boxed(security::BayesianTruster::new(p))),
        ("noisefilteredreciprocator", &[w, x]) => {
            if w >= 1.0 && w.fract() == 0.0 && w <= u32::MAX as f64 {
                prob(x).map(|l| boxed(security::NoiseFilteredReciprocator::new(w as usize, l)))
            } else {
                Err(crate::Error::invalid_parameter(
                    name.trim(),
                    w,
                    "a window of a whole number of turns, at least 1",
                ))
            }
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parametrised_names_as_axelrod_prints_them() {
        // Axelrod-Python 4.14: str(Random(0.3)), str(GTFT(0.125)).
        let name = |n: &str| parametrised(n).unwrap().unwrap().name().to_string();
        assert_eq!(name("Random(0.3)"), "Random: 0.3");
        assert_eq!(name("Random: 1"), "Random: 1.0");
        assert_eq!(name("GTFT(0.125)"), "GTFT: 0.12");
        assert_eq!(name("Generous Tit For Tat: 0.1"), "GTFT: 0.1");
        assert_eq!(
            name("Noise-Filtered Reciprocator: 3, 0.9"),
            "Noise-Filtered Reciprocator: 3, 0.9"
        );
        assert!(parametrised("Noise-Filtered Reciprocator: 2.5, 0.9")
            .unwrap()
            .is_err());
        assert!(parametrised("Random: 0.3, 0.4").is_none());
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
