//! Strategies of the security-dilemma model (docs/model.md §10). In
//! security terms C is *restrain* (R) and D is *arm* (A). They act on their
//! *perception* of the other's moves, which the match may distort
//! (offence-defence differentiation, paranoia).

use super::kit::{entry, rule};
use crate::strategy::context::Context;
use crate::strategy::core::{Classifier, Strategy};
use crate::strategy::entry::Entry;
use crate::strategy::history::History;
use crate::Action::{self, C, D};

/// Spiral reciprocator (γ): restrains first; answers perceived arming by
/// arming, but forgives — restrains anyway — with probability γ (default
/// 0.1), which lets it climb out of a spiral started by a misperception.
/// Names: generous reciprocity (Nowak and Sigmund 1992) applied to Jervis's
/// spiral model (Jervis 1976, "Perception and Misperception in International
/// Politics", ch. 3). Source: this project.
#[derive(Debug, Clone)]
pub struct SpiralReciprocator {
    gamma: f64,
    name: std::sync::Arc<str>,
}

impl SpiralReciprocator {
    /// With forgiveness probability `gamma` (clamped to [0, 1]).
    pub fn new(gamma: f64) -> Self {
        let gamma = gamma.clamp(0.0, 1.0);
        let name = if gamma == 0.1 {
            "Spiral Reciprocator".into()
        } else {
            format!("Spiral Reciprocator: {}", super::kit::python_float(gamma)).into()
        };
        SpiralReciprocator { gamma, name }
    }
}

impl Strategy for SpiralReciprocator {
    fn name(&self) -> &str {
        &self.name
    }
    fn classifier(&self) -> Classifier {
        if self.gamma > 0.0 && self.gamma < 1.0 {
            Classifier::stochastic(Some(1))
        } else {
            Classifier::deterministic(Some(1))
        }
    }
    fn reset(&mut self) {}
    fn next_action(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        match h.last_opp() {
            Some(D) => ctx.random_choice(self.gamma),
            _ => C,
        }
    }
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(self.clone())
    }
}

/// Deterrence hard-liner: arms unless the other has been seen to restrain on
/// each of the last two turns — so it opens armed, answers perceived arming
/// with (at least) two rounds of arming, restrains only after two perceived
/// restraints in a row, and never opens de-escalation itself. Names: the
/// deterrence model's hard-liner (Jervis 1976, ch. 3; "peace through
/// strength"). Source: this project.
pub fn deterrence_hardliner(h: &History, _: &mut Context<'_>) -> Action {
    if h.opp_last(2) == [C, C] {
        C
    } else {
        D
    }
}

/// Paranoid: Tit For Tat on its perceptions, with an extra benign-to-hostile
/// misreading of its own: each perceived restraint is read as arming with
/// probability `suspicion`, which starts at 0.05, jumps by 0.25 (up to 0.6)
/// each time it is exploited (it restrained, the other armed) and decays by a
/// factor 0.8 each turn otherwise. Names: the paranoid observer of the
/// security-dilemma model (Jervis 1976, ch. 3 and 4; Kydd 2005 "Trust and
/// Mistrust in International Relations"). Source: this project.
#[derive(Debug, Clone)]
pub struct Paranoid {
    suspicion: f64,
}

impl Paranoid {
    const BASE: f64 = 0.05;
    const JUMP: f64 = 0.25;
    const MAX: f64 = 0.6;
    const DECAY: f64 = 0.8;
}

impl Default for Paranoid {
    fn default() -> Self {
        Paranoid {
            suspicion: Self::BASE,
        }
    }
}

impl Strategy for Paranoid {
    fn name(&self) -> &str {
        "Paranoid"
    }
    fn classifier(&self) -> Classifier {
        Classifier::stochastic(None)
    }
    fn reset(&mut self) {
        *self = Paranoid::default();
    }
    fn next_action(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        let (Some(mine), Some(theirs)) = (h.last_own(), h.last_opp()) else {
            return C;
        };
        if mine == C && theirs == D {
            self.suspicion = (self.suspicion + Self::JUMP).min(Self::MAX);
        } else {
            self.suspicion = Self::BASE + (self.suspicion - Self::BASE) * Self::DECAY;
        }
        match theirs {
            D => D,
            // Read a restraint as arming with probability `suspicion`.
            C => ctx.random_choice(1.0 - self.suspicion),
        }
    }
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(self.clone())
    }
}

/// Reassurer: restrains unilaterally for the first 3 turns, then plays Tit
/// For Tat on its perceptions, but restrains on every 10th turn whatever it
/// saw, to reopen de-escalation. Names: costly signalling of benign intent
/// (Kydd 2005, ch. 7; Osgood 1962 "GRIT"). Source: this project.
pub fn reassurer(h: &History, _: &mut Context<'_>) -> Action {
    let t = h.len();
    if t < 3 || (t + 1) % 10 == 0 {
        return C;
    }
    h.last_opp().unwrap_or(C)
}

/// Relative-gains maximiser: predicts that the other repeats its (perceived)
/// last move (restraint at the start) and picks the move that maximises its
/// relative payoff, own payoff minus the other's (Grieco's relative-gains
/// concern with weight λ = 1: U = x_own + λ (x_own - x_other)); restrains on a
/// tie. In a prisoner's dilemma it always arms. Names: the relative-gains
/// seeker (Grieco 1988, "Anarchy and the Limits of Cooperation",
/// International Organization 42:485-507). Source: this project.
pub fn relative_gains_maximiser(h: &History, ctx: &mut Context<'_>) -> Action {
    const LAMBDA: f64 = 1.0;
    let b = h.last_opp().unwrap_or(C);
    let u = |a: Action| {
        let own = ctx.payoffs.own(a, b);
        own + LAMBDA * (own - ctx.payoffs.other(a, b))
    };
    if u(D) > u(C) {
        D
    } else {
        C
    }
}

/// The stag hunt's trust threshold for a player with these payoffs: with
/// its own R, S, T, P, greed G = T - R and fear F = P - S, the game is a stag
/// hunt when G < 0 < F, and restraining is a best response iff the belief
/// that the other restrains is at least q* = F / (F - G) (Kydd 2005, ch. 1;
/// docs/model.md §4.3). In any other game (a prisoner's dilemma, chicken, harmony,
/// deadlock or a boundary case) there is no such threshold and 1/2 is used:
/// restrain iff the other is more likely benign than not.
pub fn trust_threshold(payoffs: &crate::strategy::context::Payoffs) -> f64 {
    let (r, p, s, t) = payoffs.rpst();
    crate::game::Classification::from_rstp(r, s, t, p)
        .trust_threshold()
        .unwrap_or(0.5)
}

/// Bayesian truster (prior π0): keeps a posterior `π` that the other is a
/// *benign* type — one that restrains unless provoked, i.e. opens with
/// restraint and then answers this player's last move as it perceived it —
/// rather than a *hostile* type that always arms, and restrains iff `π`
/// exceeds the trust threshold `q*` of its own stage payoffs
/// ([`trust_threshold`]: `F / (F - G)` in a stag hunt, 1/2 otherwise). The
/// prior is 0.75 by default (`Bayesian Truster(π0)` for another).
///
/// It is noise-aware: after each turn it updates `π` by Bayes' rule on the
/// perceived move, with the likelihoods the match's noise implies
/// ([`MatchInfo`](crate::strategy::MatchInfo)): an intended move flips with
/// the action noise `e`, then a real restraint is read as arming with its
/// own `c_as_d`, a real arming as restraint with `d_as_c`. The benign type's
/// intended reply to this player's real move is itself read with the same
/// probabilities (its perception errors are unknown; this player's own are
/// the stand-in). Every likelihood is at least 0.01 (the truster always
/// allows for a move its type did not intend), so no single observation
/// settles the posterior for good. Because a benign type answers arming
/// with arming, an arming reply to its own arming tells it nothing: distrust
/// that made it arm stays until a restraint is seen.
///
/// Names: the Bayesian "trust" player of Kydd's reassurance game (Kydd 1997,
/// "Game theory and the spiral model", World Politics 49:371-400; Kydd 2005,
/// "Trust and Mistrust in International Relations", Princeton UP, ch. 1-3).
/// Source: this project, after Kydd (1997, 2005).
#[derive(Debug, Clone)]
pub struct BayesianTruster {
    prior: f64,
    belief: f64,
    name: std::sync::Arc<str>,
}

impl BayesianTruster {
    /// The default prior that the other is benign.
    pub const DEFAULT_PRIOR: f64 = 0.75;
    /// The least likelihood of any observation.
    const TREMBLE: f64 = 0.01;

    /// With prior `prior` (clamped to [0, 1]) that the other is benign.
    pub fn new(prior: f64) -> Self {
        let prior = prior.clamp(0.0, 1.0);
        let name = if prior == Self::DEFAULT_PRIOR {
            "Bayesian Truster".into()
        } else {
            format!("Bayesian Truster: {}", super::kit::python_float(prior)).into()
        };
        BayesianTruster {
            prior,
            belief: prior,
            name,
        }
    }

    /// The current posterior that the other is benign.
    pub fn belief(&self) -> f64 {
        self.belief
    }
}

impl Default for BayesianTruster {
    fn default() -> Self {
        BayesianTruster::new(Self::DEFAULT_PRIOR)
    }
}

impl Strategy for BayesianTruster {
    fn name(&self) -> &str {
        &self.name
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None).with_game()
    }
    fn reset(&mut self) {
        self.belief = self.prior;
    }
    fn next_action(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        if let Some(seen) = h.last_opp() {
            let info = ctx.info;
            let likelihood = |intended_c: f64| {
                let d_if_c = info.perceived_d_given(C);
                let d_if_d = info.perceived_d_given(D);
                let d = intended_c * d_if_c + (1.0 - intended_c) * d_if_d;
                let l = if seen == D { d } else { 1.0 - d };
                l.max(Self::TREMBLE)
            };
            // The benign type's intended move last turn: restraint at the
            // start, else its reply to this player's move the turn before,
            // as it would perceive it.
            let benign_c = match h.own_back(2) {
                None => 1.0,
                Some(C) => 1.0 - info.perception.c_as_d,
                Some(D) => info.perception.d_as_c,
            };
            let benign = self.belief * likelihood(benign_c);
            let hostile = (1.0 - self.belief) * likelihood(0.0);
            if benign + hostile > 0.0 {
                self.belief = benign / (benign + hostile);
            }
        }
        if self.belief > trust_threshold(ctx.payoffs) {
            C
        } else {
            D
        }
    }
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(self.clone())
    }
}

/// The smallest `k` with `P(X <= k) >= level` for `X ~ Binomial(n, p)`: the
/// number of successes in `n` draws that chance alone exceeds with
/// probability at most `1 - level`.
pub fn binomial_quantile(n: usize, p: f64, level: f64) -> usize {
    let p = p.clamp(0.0, 1.0);
    if p == 0.0 {
        return 0;
    }
    if p == 1.0 {
        return n;
    }
    let mut pmf = (1.0 - p).powi(n as i32);
    let mut cdf = pmf;
    for k in 0..n {
        if cdf >= level {
            return k;
        }
        pmf *= (n - k) as f64 / (k + 1) as f64 * p / (1.0 - p);
        cdf += pmf;
    }
    n
}

/// Noise-filtered reciprocator (m, level): Tit For Tat on perceptions that
/// ignores the arming that noise explains. It arms only when the other was
/// seen to arm last turn *and* the number of perceived armings in the last
/// `m` turns (default 5; fewer at the start) exceeds the `level` (default
/// 95%) binomial quantile of that many draws at the rate at which a
/// restraining opponent is seen to arm: `(1 - e) c_as_d + e (1 - d_as_c)`,
/// with the match's action noise `e` and its own perception errors
/// ([`MatchInfo`](crate::strategy::MatchInfo)). Without noise the quantile is
/// 0 and it plays Tit For Tat; with noise, isolated armings are forgiven and
/// a run of them above chance is answered.
///
/// Names: a noise filter for reciprocity — generosity against noise (Molander
/// 1985, "The optimal level of generosity in a selfish, uncertain
/// environment", J. Conflict Resolution 29:611-618; Wu and Axelrod 1995, "How
/// to cope with noise in the iterated prisoner's dilemma", J. Conflict
/// Resolution 39:183-189). Source: this project, after Molander (1985) and Wu
/// and Axelrod (1995).
#[derive(Debug, Clone)]
pub struct NoiseFilteredReciprocator {
    window: usize,
    level: f64,
    name: std::sync::Arc<str>,
}

impl NoiseFilteredReciprocator {
    /// The default window.
    pub const DEFAULT_WINDOW: usize = 5;
    /// The default level of the quantile.
    pub const DEFAULT_LEVEL: f64 = 0.95;

    /// With a window of `window` turns (at least 1) and the quantile's
    /// `level` (clamped to [0, 1]).
    pub fn new(window: usize, level: f64) -> Self {
        let window = window.max(1);
        let level = level.clamp(0.0, 1.0);
        let name = if window == Self::DEFAULT_WINDOW && level == Self::DEFAULT_LEVEL {
            "Noise-Filtered Reciprocator".into()
        } else {
            format!(
                "Noise-Filtered Reciprocator: {window}, {}",
                super::kit::python_float(level)
            )
            .into()
        };
        NoiseFilteredReciprocator {
            window,
            level,
            name,
        }
    }
}

impl Default for NoiseFilteredReciprocator {
    fn default() -> Self {
        NoiseFilteredReciprocator::new(Self::DEFAULT_WINDOW, Self::DEFAULT_LEVEL)
    }
}

impl Strategy for NoiseFilteredReciprocator {
    fn name(&self) -> &str {
        &self.name
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(Some(self.window as u32))
    }
    fn reset(&mut self) {}
    fn next_action(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        if h.last_opp() != Some(D) {
            return C;
        }
        let recent = h.opp_last(self.window);
        let armings = recent.iter().filter(|a| **a == D).count();
        let rate = ctx.info.perceived_d_given(C);
        if armings > binomial_quantile(recent.len(), rate, self.level) {
            D
        } else {
            C
        }
    }
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(self.clone())
    }
}

/// The entries of this family.
pub(crate) fn entries() -> Vec<Entry> {
    vec![
        entry(SpiralReciprocator::new(0.1), &[],
            "Restrains first; answers perceived arming with arming but forgives with probability 0.1 (Spiral Reciprocator(γ) for other γ).",
            "This project (security-dilemma model); Jervis (1976) spiral model; Nowak and Sigmund (1992)"),
        rule("Deterrence Hard-liner", Classifier::deterministic(Some(2)), deterrence_hardliner, &["Hardliner", "Deterrence Hardliner"],
            "Arms unless the other restrained on each of the last two turns; never opens de-escalation.",
            "This project (security-dilemma model); Jervis (1976) deterrence model"),
        entry(Paranoid::default(), &[],
            "Tit For Tat on perceptions, misreading restraint as arming with a suspicion that rises after exploitation and decays.",
            "This project (security-dilemma model); Jervis (1976); Kydd (2005)"),
        rule("Reassurer", Classifier::deterministic(None), reassurer, &[],
            "Restrains for 3 turns, then Tit For Tat, restraining every 10th turn to reopen de-escalation.",
            "This project (security-dilemma model); Osgood (1962) GRIT; Kydd (2005)"),
        rule("Relative-Gains Maximiser", Classifier::deterministic(Some(1)).with_game(), relative_gains_maximiser,
            &["Relative Gains Maximiser", "Relative Gains"],
            "Maximises own minus other's payoff against the other's predicted (last perceived) move.",
            "This project (security-dilemma model); Grieco (1988)"),
        entry(BayesianTruster::default(), &["Bayesian", "Kydd Truster"],
            "Posterior that the other is benign (restrains unless provoked) rather than hostile, updated on perceptions with the match's noise; restrains iff it exceeds the stag hunt's q* (1/2 in other games). Prior 0.75 (Bayesian Truster(p) for another).",
            "This project (security-dilemma model), after Kydd (1997) World Politics 49:371-400 and Kydd (2005) Trust and Mistrust in International Relations"),
        entry(NoiseFilteredReciprocator::default(), &["Noise Filtered Reciprocator", "Noise Filter"],
            "Tit For Tat on perceptions that arms only when perceived armings in the last 5 turns exceed the 95% binomial quantile of what the match's noise explains.",
            "This project (security-dilemma model), after Molander (1985) and Wu and Axelrod (1995)"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::play::Perception;
    use crate::strategy::context::{MatchInfo, MatchRng, Payoffs};
    use crate::strategy::registry::Registry;
    use crate::strategy::scripted::test_util::{versus_test, versus_test_in};
    use rand::SeedableRng;

    #[test]
    fn versus() {
        versus_test("Spiral Reciprocator(0)", "CD", "CCDCD");
        versus_test("Spiral Reciprocator(1)", "D", "CCCC");
        versus_test("Deterrence Hard-liner", "C", "DDCCC");
        versus_test("Deterrence Hard-liner", "CCDCC", "DDCDDCCCDD");
        versus_test("Reassurer", "D", "CCCDDDDDDCDDDDDDDDDC");
        versus_test("Relative-Gains Maximiser", "C", "DDDD");
        versus_test("Paranoid", "D", "CDDDD");
    }

    fn info(action_noise: f64, c_as_d: f64, d_as_c: f64) -> MatchInfo {
        MatchInfo {
            action_noise,
            perception: Perception { c_as_d, d_as_c },
            same_group: None,
        }
    }

    #[test]
    fn bayesian_truster_versus() {
        versus_test("Bayesian Truster", "C", "CCCCC");
        // One unprovoked arming is proof enough without noise; a benign
        // type's arming after its own arming tells it nothing.
        versus_test("Bayesian Truster", "D", "CDDDD");
        versus_test("Bayesian Truster", "DC", "CDCCCC");
        versus_test("Bayesian Truster", "DCCC", "CDCC");
        // A prior below 1/2 opens by arming; the other's opening restraint
        // shows it benign, and its restraint after being armed against
        // (which neither type intends) changes nothing.
        versus_test("Bayesian Truster(0.4)", "C", "DCCC");
        versus_test("Bayesian Truster(0.4)", "D", "DDDD");
        // Noise-aware: when 40% of restraints are read as arming, one
        // perceived arming is weak evidence and it keeps restraining.
        versus_test_in("Bayesian Truster", info(0.0, 0.4, 0.0), "DCCC", "CCCC");
        // Action noise alone has the same effect.
        versus_test_in("Bayesian Truster", info(0.3, 0.0, 0.0), "DCCC", "CCCC");
    }

    #[test]
    fn bayesian_truster_uses_the_stag_hunt_threshold() {
        // R = 4, S = 0, T = 3, P = 2: a stag hunt with q* = 2/3.
        let stag = Payoffs::symmetric(4.0, 0.0, 3.0, 2.0);
        assert!((trust_threshold(&stag) - 2.0 / 3.0).abs() < 1e-15);
        assert_eq!(trust_threshold(&Payoffs::default()), 0.5);
        let first = |prior: f64| {
            let mut s = BayesianTruster::new(prior);
            let mut rng = MatchRng::seed_from_u64(0);
            let mut ctx = Context::new(&stag, None, &mut rng);
            s.next_action(&History::new(), &mut ctx)
        };
        assert_eq!(first(0.75), C);
        // 0.6 would restrain in the prisoner's dilemma but not in this stag hunt.
        assert_eq!(first(0.6), D);
        assert_eq!(
            crate::strategy::scripted::versus(&mut BayesianTruster::new(0.6), &[C], 1, 0),
            [C]
        );
    }

    #[test]
    fn binomial_quantiles() {
        assert_eq!(binomial_quantile(5, 0.0, 0.95), 0);
        assert_eq!(binomial_quantile(5, 1.0, 0.95), 5);
        // Bin(5, 0.1): P(X <= 1) = 0.91854, P(X <= 2) = 0.99144.
        assert_eq!(binomial_quantile(5, 0.1, 0.95), 2);
        // Bin(1, 0.1): P(X = 0) = 0.9 < 0.95.
        assert_eq!(binomial_quantile(1, 0.1, 0.95), 1);
        assert_eq!(binomial_quantile(3, 0.1, 0.95), 1);
        assert_eq!(binomial_quantile(0, 0.3, 0.95), 0);
    }

    #[test]
    fn noise_filtered_reciprocator_versus() {
        // Without noise it is Tit For Tat.
        versus_test("Noise-Filtered Reciprocator", "CD", "CCDCD");
        versus_test("Noise-Filtered Reciprocator", "D", "CDDDD");
        // A 10% misreading rate: one perceived arming in five is forgiven,
        // a run of them is answered once it exceeds the quantile (1 for up
        // to 3 turns, 2 for 4 or 5).
        let noisy = info(0.0, 0.1, 0.0);
        versus_test_in("Noise-Filtered Reciprocator", noisy, "CCCCD", "CCCCCCCCCCC");
        versus_test_in("Noise-Filtered Reciprocator", noisy, "D", "CCDDDDD");
        versus_test_in("Noise-Filtered Reciprocator", noisy, "DDC", "CCDCDDCDDC");
    }

    #[test]
    fn classifiers_of_the_noise_aware_strategies() {
        let registry = Registry::builtin();
        let c = registry.get("Bayesian Truster").unwrap().classifier();
        assert_eq!(c, Classifier::deterministic(None).with_game());
        let c = registry
            .get("Noise-Filtered Reciprocator")
            .unwrap()
            .classifier();
        assert_eq!(c, Classifier::deterministic(Some(5)));
    }
}
