//! Stochastic players of Axelrod-Python 4.14 whose probability of
//! cooperating follows the turn number or the opponent's record: Average
//! Copier (and its nice variant), Better and Better, the Worse and Worse
//! family, Inverse, Dynamic Two Tits For Tat, Random Tit for Tat and
//! SelfSteem. Each reads counters the history keeps, so a turn costs O(1)
//! (Inverse keeps the turn of the opponent's last defection).
//!
//! ## References
//! - PRISON project (1998), the Worse and Worse and Better and Better
//!   players (Axelrod-Python's `[Prison1998]`).
//! - Carvalho et al. (2013), SelfSteem (Axelrod-Python's `[Andre2013]`).
//! - Axelrod-Python 4.14, the class named in each doc comment.

use super::kit::{entry, rule, stateful};
use crate::strategy::context::Context;
use crate::strategy::core::Classifier;
use crate::strategy::entry::Entry;
use crate::strategy::history::History;
use crate::Action::{self, C, D};

/// The opponent's share of cooperations so far (`None` before the first
/// turn).
fn opp_cooperation_share(h: &History) -> Option<f64> {
    (!h.is_empty()).then(|| h.opp_cooperations() as f64 / h.len() as f64)
}

/// Average Copier: cooperates with probability equal to the opponent's share
/// of cooperations; the first move is C or D with probability 1/2. Source:
/// Axelrod-Python `AverageCopier`.
pub fn average_copier(h: &History, ctx: &mut Context<'_>) -> Action {
    ctx.random_choice(opp_cooperation_share(h).unwrap_or(0.5))
}

/// Nice Average Copier: Average Copier that opens with C. Source:
/// Axelrod-Python `NiceAverageCopier`.
pub fn nice_average_copier(h: &History, ctx: &mut Context<'_>) -> Action {
    match opp_cooperation_share(h) {
        None => C,
        Some(p) => ctx.random_choice(p),
    }
}

/// Better and Better: cooperates at turn `t` (from 1) with probability
/// `t / 1000`. Source: Axelrod-Python `BetterAndBetter`.
pub fn better_and_better(h: &History, ctx: &mut Context<'_>) -> Action {
    ctx.random_choice((h.len() + 1) as f64 / 1000.0)
}

/// Worse and Worse: cooperates at turn `t` (from 1) with probability
/// `1 - t / 1000`. Source: Axelrod-Python `WorseAndWorse`.
pub fn worse_and_worse(h: &History, ctx: &mut Context<'_>) -> Action {
    ctx.random_choice(1.0 - (h.len() + 1) as f64 / 1000.0)
}

/// Knowledgeable Worse and Worse: cooperates at turn `t` (from 1) of an
/// announced match of `n` turns with probability `1 - t / n`; always
/// cooperates when the length is not announced (Axelrod-Python's infinite
/// length). Source: Axelrod-Python `KnowledgeableWorseAndWorse`.
pub fn knowledgeable_worse_and_worse(h: &History, ctx: &mut Context<'_>) -> Action {
    match ctx.match_length {
        Some(n) => ctx.random_choice(1.0 - (h.len() + 1) as f64 / n as f64),
        None => C,
    }
}

/// Worse and Worse 2: Tit For Tat for 20 turns, then cooperates at turn `t`
/// with probability `20 / t`. Source: Axelrod-Python `WorseAndWorse2`.
pub fn worse_and_worse_2(h: &History, ctx: &mut Context<'_>) -> Action {
    let turn = h.len() + 1;
    match h.last_opp() {
        None => C,
        Some(last) if turn <= 20 => last,
        Some(_) => ctx.random_choice(20.0 / turn as f64),
    }
}

/// Worse and Worse 3: opens with C, then cooperates with probability equal
/// to the opponent's share of cooperations. Source: Axelrod-Python
/// `WorseAndWorse3` (`1 - defections / (turn - 1)`).
pub fn worse_and_worse_3(h: &History, ctx: &mut Context<'_>) -> Action {
    if h.is_empty() {
        return C;
    }
    ctx.random_choice(1.0 - h.opp_defections() as f64 / h.len() as f64)
}

/// Dynamic Two Tits For Tat: opens with C; cooperates when the opponent
/// cooperated in both of the last two turns, else cooperates with
/// probability equal to the opponent's share of cooperations. Source:
/// Axelrod-Python `DynamicTwoTitsForTat`.
pub fn dynamic_two_tits_for_tat(h: &History, ctx: &mut Context<'_>) -> Action {
    match opp_cooperation_share(h) {
        None => C,
        Some(p) if h.opp_last(2).contains(&D) => ctx.random_choice(p),
        Some(_) => C,
    }
}

/// SelfSteem: at turn `n` (from 0) computes `f = sin(2πn / 10)`; defects
/// when `f > 0.95`, copies the opponent's last move when `0.3 < |f| < 0.95`,
/// plays C or D with probability 1/2 when `|f| < 0.3`, and cooperates
/// otherwise. Source: Axelrod-Python `SelfSteem` (Carvalho et al. 2013).
pub fn self_steem(h: &History, ctx: &mut Context<'_>) -> Action {
    let f = (2.0 * std::f64::consts::PI * h.len() as f64 / 10.0).sin();
    if f > 0.95 {
        return D;
    }
    if 0.95 > f.abs() && f.abs() > 0.3 {
        // |f| > 0.3 does not occur at turn 0, so the opponent has moved.
        return h.last_opp().unwrap_or(C);
    }
    if 0.3 > f && f > -0.3 {
        return ctx.random_choice(0.5);
    }
    C
}

/// Inverse: cooperates until the opponent defects; then, `k` turns after
/// the opponent's latest defection (`k = 1` the last turn), cooperates with
/// probability `1 - 1/k`. Source: Axelrod-Python `Inverse`.
#[derive(Debug, Clone, Default)]
pub struct Inverse {
    /// Turns seen (the length of the history last read).
    seen: usize,
    /// One past the index of the opponent's latest defection among them.
    last_defection: Option<usize>,
}

impl Inverse {
    fn act(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        if self.seen > h.len() {
            // Not an extension of the history seen so far: start again.
            *self = Inverse::default();
        }
        for (i, &a) in h.opp().iter().enumerate().skip(self.seen) {
            if a == D {
                self.last_defection = Some(i + 1);
            }
        }
        self.seen = h.len();
        match self.last_defection {
            None => C,
            Some(at) => {
                let k = (h.len() + 1 - at) as f64;
                ctx.random_choice(1.0 - 1.0 / k)
            }
        }
    }
}
stateful!(Inverse, "Inverse", Classifier::stochastic(None));

/// Random Tit for Tat (p = 0.5): opens with C, then alternates between
/// copying the opponent's last move and cooperating with probability `p`.
/// Source: Axelrod-Python `RandomTitForTat`.
#[derive(Debug, Clone, Default)]
pub struct RandomTitForTat {
    act_random: bool,
}

impl RandomTitForTat {
    const P: f64 = 0.5;

    fn act(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        let Some(last) = h.last_opp() else {
            return C;
        };
        if self.act_random {
            self.act_random = false;
            return ctx.random_choice(Self::P);
        }
        self.act_random = true;
        last
    }
}
stateful!(
    RandomTitForTat,
    "Random Tit for Tat: 0.5",
    Classifier::stochastic(Some(1))
);

/// The entries of this family.
#[rustfmt::skip]
pub(crate) fn entries() -> Vec<Entry> {
    let sto = Classifier::stochastic;
    vec![
        rule("Average Copier", sto(None), average_copier, &["AverageCopier"],
            "Cooperates with probability equal to the opponent's share of cooperations; opens at random.",
            "Geraint Palmer; Axelrod-Python AverageCopier"),
        rule("Nice Average Copier", sto(None), nice_average_copier, &["NiceAverageCopier"],
            "Opens with C, then cooperates with probability equal to the opponent's share of cooperations.",
            "Owen Campbell; Axelrod-Python NiceAverageCopier"),
        rule("Better and Better", sto(None), better_and_better, &["BetterAndBetter"],
            "Cooperates at turn t with probability t/1000.",
            "PRISON (1998); Axelrod-Python BetterAndBetter"),
        rule("Worse and Worse", sto(None), worse_and_worse, &["WorseAndWorse"],
            "Cooperates at turn t with probability 1 - t/1000.",
            "PRISON (1998); Axelrod-Python WorseAndWorse"),
        rule("Knowledgeable Worse and Worse", sto(None).with_length(), knowledgeable_worse_and_worse,
            &["KnowledgeableWorseAndWorse"],
            "Cooperates at turn t of an n-turn match with probability 1 - t/n.",
            "Adam Pohl; Axelrod-Python KnowledgeableWorseAndWorse"),
        rule("Worse and Worse 2", sto(None), worse_and_worse_2, &["WorseAndWorse2"],
            "Tit For Tat for 20 turns, then cooperates at turn t with probability 20/t.",
            "PRISON (1998); Axelrod-Python WorseAndWorse2"),
        rule("Worse and Worse 3", sto(None), worse_and_worse_3, &["WorseAndWorse3"],
            "Opens with C, then cooperates with probability equal to the opponent's share of cooperations.",
            "PRISON (1998); Axelrod-Python WorseAndWorse3"),
        rule("Dynamic Two Tits For Tat", sto(None), dynamic_two_tits_for_tat, &["DynamicTwoTitsForTat"],
            "After a defection in the opponent's last two moves cooperates with its share of cooperations as probability.",
            "Grant Garrett-Grossman; Axelrod-Python DynamicTwoTitsForTat"),
        rule("SelfSteem", sto(None), self_steem, &[],
            "Defects, copies, plays at random or cooperates by the phase of a sine of period 10 turns.",
            "Carvalho et al. (2013); Axelrod-Python SelfSteem"),
        entry(Inverse::default(), &[],
            "Cooperates with probability 1 - 1/k, k turns after the opponent's latest defection.",
            "Karol Langner; Axelrod-Python Inverse"),
        entry(RandomTitForTat::default(), &["Random Tit for Tat", "RandomTitForTat"],
            "Alternates between copying the opponent's last move and a fair coin.",
            "Zachary M. Taylor; Axelrod-Python RandomTitForTat"),
    ]
}

#[cfg(test)]
mod tests {
    use crate::strategy::scripted::test_util::versus_test;
    use crate::strategy::{moves_to_string, versus, Registry};
    use crate::Action::D;

    #[test]
    fn deterministic_stretches() {
        // Before any draw, or where the probability is 0 or 1.
        versus_test("Nice Average Copier", "D", "CDDDD");
        versus_test("Worse and Worse 2", "CDDC", "CCDDCCDDCCDDCCDDCCDD");
        versus_test("Worse and Worse 3", "D", "CDDDD");
        versus_test("Dynamic Two Tits For Tat", "C", "CCCCC");
        versus_test("Inverse", "C", "CCCC");
        versus_test("Inverse", "D", "CDDDD");
    }

    #[test]
    fn self_steem_follows_the_sine_phase() {
        // Against a defector: turns 2 and 3 of each 10 defect, 7 and 8
        // cooperate, 1, 4, 6 and 9 copy the opponent (D); 0 and 5 are coin
        // flips.
        let mut s = Registry::builtin().create("SelfSteem").unwrap();
        for seed in 0..5 {
            let moves = moves_to_string(&versus(&mut *s, &[D], 30, seed));
            for (n, m) in moves.chars().enumerate() {
                let expected = match n % 10 {
                    1 | 2 | 3 | 4 | 6 | 9 => 'D',
                    7 | 8 => 'C',
                    _ => continue,
                };
                assert_eq!(m, expected, "turn {n} of {moves}");
            }
        }
    }
}
