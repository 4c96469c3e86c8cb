//! Entries of Axelrod's first tournament (Axelrod 1980, "Effective Choice in
//! the Prisoner's Dilemma", Journal of Conflict Resolution 24:3-25), as
//! Axelrod-Python implements them. The other entries are Tit For Tat and
//! Grudger ("Friedman") in [`super::titfortat`] and [`super::grudger`], First
//! by Davis in [`super::grudger`], First by Joss (memory-one data) and
//! Random in [`super::basic`].

use super::kit::{entry, in_final_turns, looks_random, rule, stateful};
use crate::strategy::context::Context;
use crate::strategy::core::Classifier;
use crate::strategy::entry::Entry;
use crate::strategy::history::History;
use crate::Action::{self, C, D};

/// First by Downing: an outcome maximiser. It estimates the probability that
/// the opponent cooperates after its cooperation (`alpha`) and after its
/// defection (`beta`) and picks the move with the higher expected payoff,
/// switching its move on a tie; it opens with two defections. Names: Downing
/// (Axelrod 1980, first tournament, 10th; Downing 1975 "Revised Downing").
/// Source: Axelrod-Python `FirstByDowning`.
#[derive(Debug, Clone, Default)]
pub struct Downing {
    coop_after_c: u64,
    coop_after_d: u64,
}

impl Downing {
    fn act(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        let round = h.len() + 1;
        if round == 1 {
            return D;
        }
        if round == 2 {
            if h.last_opp() == Some(C) {
                self.coop_after_c += 1;
            }
            return D;
        }
        let own2 = h.own_back(2).unwrap_or(C);
        if h.last_opp() == Some(C) {
            if own2 == C {
                self.coop_after_c += 1;
            } else {
                self.coop_after_d += 1;
            }
        }
        let alpha = self.coop_after_c as f64 / (h.own_cooperations() as f64 + 1.0);
        let beta = self.coop_after_d as f64 / (h.own_defections().max(2) as f64);
        let (r, p, s, t) = ctx.payoffs.rpst();
        let ec = alpha * r + (1.0 - alpha) * s;
        let ed = beta * t + (1.0 - beta) * p;
        if ec > ed {
            C
        } else if ec < ed {
            D
        } else {
            h.last_own().map_or(C, Action::flip)
        }
    }
}
stateful!(
    Downing,
    "First by Downing",
    Classifier::deterministic(None).with_game()
);

/// First by Feld: Tit For Tat, except that after an opponent's cooperation it
/// cooperates only with a probability falling linearly from 1 to 0.5 over 200
/// turns. Names: Feld (Axelrod 1980, first tournament, 11th). Source:
/// Axelrod-Python `FirstByFeld`.
pub fn first_by_feld(h: &History, ctx: &mut Context<'_>) -> Action {
    match h.last_opp() {
        None => C,
        Some(D) => D,
        Some(C) => {
            let p = (1.0 + (-0.5 / 200.0) * h.len() as f64).max(0.5);
            ctx.random_choice(p)
        }
    }
}

/// First by Graaskamp: Tit For Tat for 50 turns, defects on turn 51, Tit For
/// Tat again to turn 56; then defects for ever if the opponent's moves look
/// random (chi-square test at 5%), plays Tit For Tat if the opponent is Tit
/// For Tat-like (copies it, or plays as it does), and otherwise cooperates
/// except for a defection every 5 to 14 turns (uniformly drawn). Names:
/// Graaskamp (Axelrod 1980, first tournament, 9th). Source: Axelrod-Python
/// `FirstByGraaskamp`.
#[derive(Debug, Clone, Default)]
pub struct Graaskamp {
    opponent_is_random: bool,
    next_random_defection_turn: Option<usize>,
}

impl Graaskamp {
    fn act(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        let t = h.len();
        if t == 0 {
            return C;
        }
        if t < 56 {
            return if h.last_opp() == Some(D) || t == 50 {
                D
            } else {
                C
            };
        }
        self.opponent_is_random =
            self.opponent_is_random || looks_random(h.opp_cooperations(), h.opp_defections());
        if self.opponent_is_random {
            return D;
        }
        let (own, opp) = (h.own(), h.opp());
        if (1..t).all(|i| opp[i] == own[i - 1]) || opp == own {
            return h.last_opp().unwrap_or(C);
        }
        let next = match self.next_random_defection_turn {
            Some(n) => n,
            None => {
                let n = ctx.random_range(5, 15) as usize + t;
                self.next_random_defection_turn = Some(n);
                n
            }
        };
        if t == next {
            self.next_random_defection_turn = Some(ctx.random_range(5, 15) as usize + t);
            return D;
        }
        C
    }
}
stateful!(
    Graaskamp,
    "First by Graaskamp: 0.05",
    Classifier::stochastic(None)
);

/// First by Grofman: cooperates when both players made the same move last
/// turn; otherwise cooperates with probability 2/7. Names: Grofman (Axelrod
/// 1980, first tournament, 4th). Source: Axelrod-Python `FirstByGrofman`.
pub fn first_by_grofman(h: &History, ctx: &mut Context<'_>) -> Action {
    if h.is_empty() || h.last_own() == h.last_opp() {
        C
    } else {
        ctx.random_choice(2.0 / 7.0)
    }
}

/// First by Nydegger: Tit For Tat for three turns (defecting on turn 3 if the
/// opponent opened D, C); then it scores the last three turns, A = 16 a1 + 4
/// a2 + a3 with a = 0 for CC, 2 for CD, 1 for DC, 3 for DD (own move first,
/// a1 the latest), and defects iff A is one of 1, 6, 7, 17, 22, 23, 26, 29,
/// 30, 31, 33, 38, 39, 45, 49, 54, 55, 58, 61. Names: Nydegger (Axelrod 1980,
/// first tournament, 3rd). Source: Axelrod-Python `FirstByNydegger`.
pub fn first_by_nydegger(h: &History, _: &mut Context<'_>) -> Action {
    const AS: [u32; 19] = [
        1, 6, 7, 17, 22, 23, 26, 29, 30, 31, 33, 38, 39, 45, 49, 54, 55, 58, 61,
    ];
    let (own, opp) = (h.own(), h.opp());
    match h.len() {
        0 => C,
        1 => opp[0],
        2 => {
            if opp[..2] == [D, C] {
                D
            } else {
                opp[1]
            }
        }
        n => {
            let score = |i: usize| match (own[i], opp[i]) {
                (C, C) => 0,
                (C, D) => 2,
                (D, C) => 1,
                (D, D) => 3,
            };
            let a = 16 * score(n - 1) + 4 * score(n - 2) + score(n - 3);
            if AS.contains(&a) {
                D
            } else {
                C
            }
        }
    }
}

/// First by Shubik: cooperates; when the opponent defects while it
/// cooperated, it retaliates with a run of defections one longer than the
/// previous run (1, 2, 3, ...). Names: Shubik (Axelrod 1980, first
/// tournament, 5th). Source: Axelrod-Python `FirstByShubik`.
#[derive(Debug, Clone, Default)]
pub struct Shubik {
    retaliation_length: u32,
    retaliation_remaining: u32,
}

impl Shubik {
    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        if h.is_empty() {
            return C;
        }
        if self.retaliation_remaining > 0 {
            self.retaliation_remaining -= 1;
            return D;
        }
        if h.last_opp() == Some(D) && h.last_own() == Some(C) {
            self.retaliation_length += 1;
            self.retaliation_remaining = self.retaliation_length - 1;
            return D;
        }
        C
    }
}
stateful!(Shubik, "First by Shubik", Classifier::deterministic(None));

/// First by Stein and Rapoport: cooperates for 4 turns, plays Tit For Tat to
/// turn 14, then every 15 turns tests whether the opponent's moves look
/// random (chi-square at 5%) and if so defects until the next test, else
/// plays Tit For Tat; defects on the last two turns of an announced-length
/// match. Names: Stein and Rapoport (Axelrod 1980, first tournament, 6th).
/// Source: Axelrod-Python `FirstBySteinAndRapoport`.
#[derive(Debug, Clone, Default)]
pub struct SteinAndRapoport {
    opponent_is_random: bool,
}

impl SteinAndRapoport {
    fn act(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        let a = self.decide(h);
        if in_final_turns(h, ctx, 2) {
            D
        } else {
            a
        }
    }

    fn decide(&mut self, h: &History) -> Action {
        let round = h.len() + 1;
        if round < 5 {
            return C;
        }
        let last = h.last_opp().unwrap_or(C);
        if round < 15 {
            return last;
        }
        if round % 15 == 0 {
            self.opponent_is_random = looks_random(h.opp_cooperations(), h.opp_defections());
        }
        if self.opponent_is_random {
            D
        } else {
            last
        }
    }
}
stateful!(
    SteinAndRapoport,
    "First by Stein and Rapoport: 0.05: (D, D)",
    Classifier::deterministic(None).with_length()
);

/// First by Tideman and Chieruzzi: Tit For Tat with retaliation runs growing
/// by one at each new opponent defection, plus a "fresh start" (two
/// cooperations and forgetting) when it is 10 points ahead, at least 10
/// turns remain, the opponent just cooperated, at least 20 turns passed since
/// the last fresh start, and the opponent's defections are more than 3
/// standard deviations from half its moves; defects on the last two turns of
/// an announced-length match. Names: Tideman and Chieruzzi (Axelrod 1980,
/// first tournament, 2nd). Source: Axelrod-Python
/// `FirstByTidemanAndChieruzzi`.
#[derive(Debug, Clone, Default)]
pub struct TidemanAndChieruzzi {
    retaliation_length: u32,
    retaliation_remaining: u32,
    current_score: f64,
    opponent_score: f64,
    last_fresh_start: usize,
    fresh_start: bool,
    remembered_defections: u64,
}

impl TidemanAndChieruzzi {
    fn act(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        let a = self.decide(h, ctx);
        if in_final_turns(h, ctx, 2) {
            D
        } else {
            a
        }
    }

    fn decide(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        let (Some(my_last), Some(opp_last)) = (h.last_own(), h.last_opp()) else {
            return C;
        };
        if opp_last == D {
            self.remembered_defections += 1;
        }
        self.current_score += ctx.payoffs.own(my_last, opp_last);
        self.opponent_score += ctx.payoffs.other(my_last, opp_last);
        if self.fresh_start {
            self.fresh_start = false;
            return C;
        }
        let current_round = h.len() + 1;
        let valid_fresh_start =
            self.last_fresh_start == 0 || current_round - self.last_fresh_start >= 20;
        if valid_fresh_start {
            let valid_points = self.current_score - self.opponent_score >= 10.0;
            let valid_rounds = match ctx.match_length {
                Some(len) => len as f64 - current_round as f64 >= 10.0,
                None => true,
            };
            if valid_points && valid_rounds && opp_last == C {
                let n = h.len() as f64;
                let sd = n.sqrt() / 2.0;
                let lower = n / 2.0 - 3.0 * sd;
                let upper = n / 2.0 + 3.0 * sd;
                let rem = self.remembered_defections as f64;
                if rem <= lower || rem >= upper {
                    self.last_fresh_start = current_round;
                    self.retaliation_length = 0;
                    self.retaliation_remaining = 0;
                    self.remembered_defections = 0;
                    self.fresh_start = true;
                    return C;
                }
            }
        }
        if self.retaliation_remaining > 0 {
            self.retaliation_remaining -= 1;
            return D;
        }
        if opp_last == D {
            self.retaliation_length += 1;
            self.retaliation_remaining = self.retaliation_length - 1;
            return D;
        }
        C
    }
}
stateful!(
    TidemanAndChieruzzi,
    "First by Tideman and Chieruzzi: (D, D)",
    Classifier::deterministic(None).with_length().with_game()
);

/// First by Tullock: cooperates for 11 turns; then cooperates with
/// probability 10 percentage points below the opponent's cooperation rate
/// over the last 10 turns. Names: Tullock (Axelrod 1980, first tournament,
/// 13th). Source: Axelrod-Python `FirstByTullock`.
pub fn first_by_tullock(h: &History, ctx: &mut Context<'_>) -> Action {
    if h.len() < 11 {
        return C;
    }
    let coop = h.opp_last(10).iter().filter(|&&a| a == C).count();
    let p = (coop as f64 / 10.0 - 0.1).max(0.0);
    ctx.random_choice(p)
}

/// First by Anonymous: each turn cooperates with a probability drawn
/// uniformly from [0.3, 0.7). Names: Anonymous, "Name withheld" (Axelrod
/// 1980, first tournament, 14th). Source: Axelrod-Python `FirstByAnonymous`.
pub fn first_by_anonymous(_: &History, ctx: &mut Context<'_>) -> Action {
    let r = ctx.random_uniform(3.0, 7.0) / 10.0;
    ctx.random_choice(r)
}

/// The entries of this family.
pub(crate) fn entries() -> Vec<Entry> {
    vec![
        entry(TidemanAndChieruzzi::default(), &["First by Tideman and Chieruzzi", "Tideman and Chieruzzi"],
            "Tit For Tat with growing retaliations and occasional fresh starts; defects on the last two turns.",
            "Axelrod (1980) first tournament, T. Nicolaus Tideman and P. Chieruzzi; Axelrod-Python FirstByTidemanAndChieruzzi"),
        rule("First by Nydegger", Classifier::deterministic(Some(3)), first_by_nydegger, &["Nydegger"],
            "Scores the last three turns and defects for 19 of the 64 possible histories.",
            "Axelrod (1980) first tournament, Rudy Nydegger; Axelrod-Python FirstByNydegger"),
        rule("First by Grofman", Classifier::stochastic(Some(1)), first_by_grofman, &["Grofman"],
            "Cooperates if both made the same move last turn, else with probability 2/7.",
            "Axelrod (1980) first tournament, Bernard Grofman; Axelrod-Python FirstByGrofman"),
        entry(Shubik::default(), &["Shubik"],
            "Cooperates; retaliates to each exploitation with a run of defections one longer than the last.",
            "Axelrod (1980) first tournament, Martin Shubik; Axelrod-Python FirstByShubik"),
        entry(SteinAndRapoport::default(), &["First by Stein and Rapoport", "Stein and Rapoport"],
            "Tit For Tat that defects against random-looking opponents (tested every 15 turns) and on the last two turns.",
            "Axelrod (1980) first tournament, William Stein and Amnon Rapoport; Axelrod-Python FirstBySteinAndRapoport"),
        entry(Graaskamp::default(), &["First by Graaskamp", "Graaskamp"],
            "Tit For Tat with a probe on turn 51, then defects against random opponents and exploits others with occasional defections.",
            "Axelrod (1980) first tournament, James Graaskamp; Axelrod-Python FirstByGraaskamp"),
        entry(Downing::default(), &["Downing"],
            "Estimates the opponent's responses to its moves and maximises expected payoff.",
            "Axelrod (1980) first tournament, Leslie Downing; Axelrod-Python FirstByDowning"),
        rule("First by Feld: 1.0, 0.5, 200", Classifier::stochastic(Some(200)), first_by_feld, &["First by Feld", "Feld"],
            "Tit For Tat whose cooperation after a cooperation decays from certainty to 1/2 over 200 turns.",
            "Axelrod (1980) first tournament, Scott Feld; Axelrod-Python FirstByFeld"),
        rule("First by Tullock", Classifier::stochastic(None), first_by_tullock, &["Tullock"],
            "Cooperates for 11 turns, then 10 points less often than the opponent did over the last 10.",
            "Axelrod (1980) first tournament, Gordon Tullock; Axelrod-Python FirstByTullock"),
        rule("First by Anonymous", Classifier::stochastic(Some(0)), first_by_anonymous, &["Anonymous", "Name withheld"],
            "Cooperates with a probability drawn uniformly from [0.3, 0.7) each turn.",
            "Axelrod (1980) first tournament, name withheld; Axelrod-Python FirstByAnonymous"),
    ]
}

#[cfg(test)]
mod tests {
    use crate::strategy::scripted::test_util::versus_test;

    #[test]
    fn versus() {
        versus_test("First by Downing", "C", "DDCDDDDD");
        versus_test("First by Downing", "D", "DDDDDDDD");
        versus_test("First by Nydegger", "DC", "CDDDDD");
        versus_test("First by Shubik", "CDCCCDCCCC", "CCDCCCDDCC");
        versus_test("First by Stein and Rapoport", "C", &("C".repeat(18) + "DD"));
        versus_test("First by Tideman and Chieruzzi", "DC", "CDCDDDDDDD");
        versus_test("First by Graaskamp", "C", &("C".repeat(50) + "DC"));
        versus_test("First by Feld", "D", "CDDD");
        versus_test("First by Grofman", "C", "CCCC");
        versus_test("First by Tullock", "D", &("C".repeat(11) + "DDD"));
    }
}
