//! Memory-one strategies whose four-vector is computed from the game's
//! payoffs: Generous Tit For Tat and the zero-determinant strategies of Press
//! and Dyson (2012).
//!
//! The vector is computed on the first turn of each match from the player's
//! own (R, P, S, T); a probability outside [0, 1] (possible in games that are
//! not prisoner's dilemmas) acts as 0 or 1.

use super::kit::entry;
use crate::strategy::context::{Context, Payoffs};
use crate::strategy::core::{Classifier, Strategy};
use crate::strategy::entry::Entry;
use crate::strategy::history::History;
use crate::Action;

/// Plays a memory-one vector from a state (own move, opponent move).
#[inline]
fn play_vector(v: &[f64; 4], h: &History, ctx: &mut Context<'_>) -> Action {
    match (h.last_own(), h.last_opp()) {
        (Some(a), Some(b)) => ctx.random_choice(v[(a as usize) << 1 | b as usize]),
        _ => Action::C,
    }
}

/// Generous Tit For Tat: cooperates after the opponent's cooperation, and
/// after its defection with probability `p`, by default
/// `min(1 - (T - R)/(R - S), (R - P)/(T - P))` clamped to \[0, 1\] (1/3 for
/// (3, 0, 5, 1)). Names: GTFT, Generous TFT (Nowak and Sigmund 1992). Source:
/// Axelrod-Python `GTFT`.
///
/// Nowak and Sigmund derive the formula for the prisoner's dilemma
/// (T > R > P > S), where it lies in (0, 1). Axelrod-Python applies it to any
/// game unclamped; outside the dilemma it leaves \[0, 1\]: in a stag hunt
/// (R > T) both terms exceed 1, so GTFT forgives every defection and plays as
/// Cooperator; where T - R > R - S it is negative and GTFT plays as Tit For
/// Tat. The clamp states that rule (it changes no move: a probability at or
/// beyond a bound is played as the bound, with no random draw; docs/model.md §10).
#[derive(Debug, Clone)]
pub struct Gtft {
    p: Option<f64>,
    vector: [f64; 4],
    name: std::sync::Arc<str>,
}

impl Gtft {
    /// With forgiveness probability `p`, or the game's default when `None`.
    /// Named as Axelrod-Python names it, `GTFT: p` with `p` rounded to two
    /// decimals; the default is named after its value in the default game
    /// (3, 0, 5, 1), `GTFT: 0.33`.
    pub fn new(p: Option<f64>) -> Self {
        let shown = p.unwrap_or_else(|| Gtft::default_p(&Payoffs::default()));
        let name = format!(
            "GTFT: {}",
            super::kit::python_float(super::kit::python_round2(shown))
        )
        .into();
        Gtft {
            p,
            vector: [1.0, 0.0, 1.0, 0.0],
            name,
        }
    }

    /// The forgiveness probability for a game, clamped to \[0, 1\] (a game
    /// with R = S or T = P, where a term is undefined, takes the other term).
    pub fn default_p(payoffs: &Payoffs) -> f64 {
        let (r, p, s, t) = payoffs.rpst();
        let generosity = (1.0 - (t - r) / (r - s)).min((r - p) / (t - p));
        if generosity.is_nan() {
            // Both terms undefined (R = S and T = P): nothing to forgive for.
            return 1.0;
        }
        generosity.clamp(0.0, 1.0)
    }
}

impl Strategy for Gtft {
    fn name(&self) -> &str {
        &self.name
    }
    fn classifier(&self) -> Classifier {
        Classifier::stochastic(Some(1)).with_game()
    }
    fn reset(&mut self) {}
    fn next_action(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        if h.is_empty() {
            let p = self.p.unwrap_or_else(|| Gtft::default_p(ctx.payoffs));
            self.vector = [1.0, p, 1.0, p];
        }
        play_vector(&self.vector, h, ctx)
    }
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(self.clone())
    }
}

/// A zero-determinant strategy enforcing the linear relation
/// `s_opp - l = chi (s_own - l)` through Axelrod-Python's `LRPlayer`
/// parametrisation (phi, s, l): `p1 = 1 - phi (1 - s)(R - l)`,
/// `p2 = 1 - phi (s (l - S) + T - l)`, `p3 = phi (l - S + s (T - l))`,
/// `p4 = phi (1 - s)(l - P)`, with the baseline `l` = P (extortion), R
/// (generosity) or a fixed payoff (Hilbe, Nowak and Sigmund 2013, eq. 14).
///
/// ## References
/// - Press and Dyson (2012) 'Iterated Prisoner's Dilemma contains strategies
///   that dominate any evolutionary opponent', PNAS 109.
/// - Hilbe, Nowak and Sigmund (2013) 'Evolution of extortion in Iterated
///   Prisoner's Dilemma games', PNAS 110.
#[derive(Debug, Clone)]
pub struct ZeroDeterminant {
    name: &'static str,
    phi: f64,
    s: f64,
    baseline: Baseline,
    vector: [f64; 4],
}

/// The baseline payoff `l` of a zero-determinant strategy.
#[derive(Debug, Clone, Copy)]
enum Baseline {
    /// The game's punishment P.
    Punishment,
    /// The game's reward R.
    Reward,
    /// A fixed payoff.
    Fixed(f64),
}

impl ZeroDeterminant {
    /// ZD-Extort-2: phi = 1/9, s = 1/2, l = P; for (3, 0, 5, 1) the vector
    /// (8/9, 1/2, 1/3, 0). It extorts: its surplus over P is twice the
    /// opponent's. Names: Extort-2 (Stewart and Plotkin 2012; Press and Dyson
    /// 2012). Source: Axelrod-Python `ZDExtort2`.
    pub fn extort2() -> Self {
        ZeroDeterminant {
            name: "ZD-Extort-2: 0.1111111111111111, 0.5",
            phi: 1.0 / 9.0,
            s: 0.5,
            baseline: Baseline::Punishment,
            vector: [0.0; 4],
        }
    }

    /// ZD-GTFT-2: phi = 1/4, s = 1/2, l = R; for (3, 0, 5, 1) the vector
    /// (1, 1/8, 1, 1/4). A generous ZD strategy: the opponent's shortfall from
    /// R is twice its own. Names: ZDGTFT-2 (Stewart and Plotkin 2012).
    /// Source: Axelrod-Python `ZDGTFT2`.
    pub fn gtft2() -> Self {
        ZeroDeterminant {
            name: "ZD-GTFT-2: 0.25, 0.5",
            phi: 0.25,
            s: 0.5,
            baseline: Baseline::Reward,
            vector: [0.0; 4],
        }
    }

    /// A zero-determinant strategy of Axelrod-Python's `LRPlayer` family
    /// with a fixed baseline `l`, named as Axelrod-Python prints it.
    const fn fixed(name: &'static str, phi: f64, s: f64, l: f64) -> Self {
        ZeroDeterminant {
            name,
            phi,
            s,
            baseline: Baseline::Fixed(l),
            vector: [0.0; 4],
        }
    }

    /// The zero-determinant players of Axelrod-Python with a fixed baseline:
    /// (phi, s, l) and the class each copies, with a one-line description.
    /// For (3, 0, 5, 1) their vectors are those of Axelrod-Python's
    /// `LRPlayer.receive_match_attributes`.
    fn fixed_baseline() -> Vec<(Self, &'static str, &'static str, &'static str)> {
        vec![
            (
                Self::fixed("ZD-Extortion: 0.2, 0.1, 1", 0.2, 0.1, 1.0),
                "ZDExtortion",
                "Zero-determinant extortion with slope 0.1 and baseline 1 (extortion factor 10).",
                "Press and Dyson (2012); Axelrod-Python ZDExtortion",
            ),
            (
                Self::fixed("ZD-Extort-2 v2: 0.125, 0.5, 1", 0.125, 0.5, 1.0),
                "ZDExtort2v2",
                "Zero-determinant extortion with extortion factor 2 (phi 1/8, slope 1/2, baseline 1).",
                "Stewart and Plotkin (2012); Axelrod-Python ZDExtort2v2",
            ),
            (
                Self::fixed(
                    "ZD-Extort3: 0.11538461538461539, 0.3333333333333333, 1",
                    3.0 / 26.0,
                    1.0 / 3.0,
                    1.0,
                ),
                "ZDExtort3",
                "Zero-determinant extortion with extortion factor 3 (phi 3/26, slope 1/3, baseline 1).",
                "Stewart and Plotkin (2012); Axelrod-Python ZDExtort3",
            ),
            (
                Self::fixed(
                    "ZD-Extort-4: 0.23529411764705882, 0.25, 1",
                    4.0 / 17.0,
                    0.25,
                    1.0,
                ),
                "ZDExtort4",
                "Zero-determinant extortion with extortion factor 4 (phi 4/17, slope 1/4, baseline 1).",
                "Stewart and Plotkin (2012); Axelrod-Python ZDExtort4",
            ),
            (
                Self::fixed("ZD-GEN-2: 0.125, 0.5, 3", 0.125, 0.5, 3.0),
                "ZDGen2",
                "Generous zero-determinant strategy (phi 1/8, slope 1/2, baseline R = 3).",
                "Stewart and Plotkin (2012); Axelrod-Python ZDGen2",
            ),
            (
                Self::fixed("ZD-Mischief: 0.1, 0.0, 1", 0.1, 0.0, 1.0),
                "ZDMischief",
                "Zero-determinant equaliser that sets the opponent's payoff to 1 (phi 0.1, slope 0).",
                "Hilbe, Nowak and Sigmund (2013); Axelrod-Python ZDMischief",
            ),
            (
                Self::fixed("ZD-SET-2: 0.25, 0.0, 2", 0.25, 0.0, 2.0),
                "ZDSet2",
                "Zero-determinant equaliser that sets the opponent's payoff to 2 (phi 1/4, slope 0).",
                "Press and Dyson (2012); Axelrod-Python ZDSet2",
            ),
        ]
    }

    /// The four-vector for a game.
    pub fn vector_for(&self, payoffs: &Payoffs) -> [f64; 4] {
        let (r, p, s_, t) = payoffs.rpst();
        let l = match self.baseline {
            Baseline::Punishment => p,
            Baseline::Reward => r,
            Baseline::Fixed(l) => l,
        };
        let (phi, s) = (self.phi, self.s);
        [
            1.0 - phi * (1.0 - s) * (r - l),
            1.0 - phi * (s * (l - s_) + (t - l)),
            phi * (l - s_ + s * (t - l)),
            phi * (1.0 - s) * (l - p),
        ]
    }
}

impl Strategy for ZeroDeterminant {
    fn name(&self) -> &str {
        self.name
    }
    fn classifier(&self) -> Classifier {
        Classifier::stochastic(Some(1)).with_game()
    }
    fn reset(&mut self) {}
    fn next_action(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        if h.is_empty() {
            self.vector = self.vector_for(ctx.payoffs);
        }
        play_vector(&self.vector, h, ctx)
    }
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(self.clone())
    }
}

/// The entries of this family.
pub(crate) fn entries() -> Vec<Entry> {
    let fixed =
        ZeroDeterminant::fixed_baseline()
            .into_iter()
            .map(|(zd, class, description, source)| {
                let short = zd.name.split(':').next().unwrap_or(zd.name);
                entry(zd, &[short, class], description, source)
            });
    let mut v = vec![
        entry(Gtft::new(None), &["GTFT", "Generous Tit For Tat", "Generous TFT"],
            "Tit For Tat that forgives a defection with probability min(1 - (T-R)/(R-S), (R-P)/(T-P)) (GTFT(p) for other p).",
            "Nowak and Sigmund (1992); Axelrod-Python GTFT"),
        entry(ZeroDeterminant::extort2(), &["ZD-Extort-2", "ZDExtort2", "Extort-2"],
            "Zero-determinant extortion: its surplus over P is twice the opponent's.",
            "Press and Dyson (2012); Stewart and Plotkin (2012); Axelrod-Python ZDExtort2"),
        entry(ZeroDeterminant::gtft2(), &["ZD-GTFT-2", "ZDGTFT2"],
            "Generous zero-determinant strategy: the opponent's shortfall from R is twice its own.",
            "Stewart and Plotkin (2012); Axelrod-Python ZDGTFT2"),
    ];
    v.extend(fixed);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors_for_the_default_game() {
        let g = Payoffs::default();
        let v = ZeroDeterminant::extort2().vector_for(&g);
        let expect = [8.0 / 9.0, 0.5, 1.0 / 3.0, 0.0];
        for i in 0..4 {
            assert!((v[i] - expect[i]).abs() < 1e-12, "{v:?}");
        }
        let v = ZeroDeterminant::gtft2().vector_for(&g);
        let expect = [1.0, 0.125, 1.0, 0.25];
        for i in 0..4 {
            assert!((v[i] - expect[i]).abs() < 1e-12, "{v:?}");
        }
        assert!((Gtft::default_p(&g) - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn gtft_generosity_is_a_probability_in_every_game() {
        // A stag hunt (R 2, S -2.4, T 1.4, P -1.4): both terms exceed 1.
        let stag = Payoffs::symmetric(2.0, -2.4, 1.4, -1.4);
        assert_eq!(Gtft::default_p(&stag), 1.0);
        // T - R > R - S: the first term is negative.
        let steep = Payoffs::symmetric(3.0, 2.0, 9.0, 1.0);
        assert_eq!(Gtft::default_p(&steep), 0.0);
        // Inside the dilemma the formula is kept: (3, 0, 5, 1) -> 1/3, and
        // (3, 0, 4, 1) -> min(2/3, 2/3).
        let pd = Payoffs::symmetric(3.0, 0.0, 4.0, 1.0);
        assert!((Gtft::default_p(&pd) - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn versus() {
        use crate::strategy::scripted::test_util::versus_test;
        // Against a cooperator the generous strategies always cooperate.
        versus_test("GTFT", "C", "CCCCCC");
        versus_test("ZD-GTFT-2", "C", "CCCCCC");
    }

    #[test]
    fn extortion_never_cooperates_after_mutual_defection() {
        let mut s = ZeroDeterminant::extort2();
        for seed in 0..20 {
            let moves = crate::strategy::scripted::versus(&mut s, &[Action::D], 50, seed);
            assert_eq!(moves[0], Action::C);
            if let Some(first_d) = moves.iter().position(|&a| a == Action::D) {
                assert!(moves[first_d..].iter().all(|&a| a == Action::D));
            }
        }
    }
}
