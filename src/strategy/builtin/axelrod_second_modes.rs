//! More entries of Axelrod's second tournament (Axelrod 1980b), as
//! Axelrod-Python 4.14 implements them (`axelrod/strategies/
//! axelrod_second.py`): the ones that switch between modes or test the
//! opponent for randomness, Harrington, Kluepfel, Richard Hufford, Rowsam,
//! Tideman and Chieruzzi, and Tranquilizer. The simpler entries are in
//! [`super::axelrod_second`].
//!
//! Each keeps its state in a few counters, so a turn costs O(1).
//!
//! ## References
//! - Axelrod (1980b) 'More Effective Choice in the Prisoner's Dilemma',
//!   Journal of Conflict Resolution 24:379-403.
//! - Axelrod-Python 4.14, `axelrod_second.py`, the class named in each doc
//!   comment (reverse-engineered from the tournament's Fortran code).

use super::kit::{entry, stateful};
use crate::strategy::context::{Context, Payoffs};
use crate::strategy::core::Classifier;
use crate::strategy::entry::Entry;
use crate::strategy::history::History;
use crate::Action::{self, C, D};

/// Harrington's mode.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
enum HarringtonMode {
    #[default]
    Normal,
    FairWeather,
    Defect,
}

/// Second by Harrington: mostly Tit For Tat, with a defection at turn 37
/// followed by scheduled cooperations, then random "generous" defections
/// (probability 0.25, rising by 0.05 each time) unless the opponent
/// punished one; every 15 turns from turn 30 a modified chi-square test on
/// the opponent's answers to the turn before last, which when it finds a
/// random opponent switches to defecting until the opponent has defected
/// enough; a defection after 20 opponent's defections in a row; and two
/// alternating streak counters that force a cooperation when either
/// reaches a limit (5, then 3 after 8 hits). Source: Axelrod-Python
/// `SecondByHarrington` (K75R, eighth in the tournament), whose doc comment
/// details the modes.
#[derive(Debug, Clone)]
pub struct Harrington {
    mode: HarringtonMode,
    recorded_defects: u32,
    exit_defect_meter: i32,
    was_defective: bool,
    prob: f64,
    /// Rows: (own move, opponent's move) two turns ago; columns: the
    /// opponent's last move.
    move_history: [[f64; 2]; 4],
    more_coop: i32,
    last_generous_n_turns_ago: i32,
    burned: bool,
    defect_streak: u32,
    parity_streak: [u32; 2],
    parity_bit: usize,
    parity_limit: u32,
    parity_hits: u32,
}

impl Default for Harrington {
    fn default() -> Self {
        Harrington {
            mode: HarringtonMode::Normal,
            recorded_defects: 0,
            exit_defect_meter: 0,
            was_defective: false,
            prob: 0.25,
            move_history: [[0.0; 2]; 4],
            more_coop: 0,
            last_generous_n_turns_ago: 3,
            burned: false,
            defect_streak: 0,
            parity_streak: [0, 0],
            parity_bit: 0,
            parity_limit: 5,
            parity_hits: 0,
        }
    }
}

impl Harrington {
    /// Returns `a` with the end-of-turn bookkeeping: a cooperation lowers
    /// the scheduled cooperations (when `lower_flags`), a defection raises
    /// the current parity streak (when `inc_parity`).
    fn finish(&mut self, a: Action, lower_flags: bool, inc_parity: bool) -> Action {
        if lower_flags && a == C {
            self.more_coop -= 1;
            self.last_generous_n_turns_ago += 1;
        }
        if inc_parity && a == D {
            self.parity_streak[self.parity_bit] += 1;
        }
        a
    }

    /// The modified chi-square statistic of the answer table, leaving out
    /// the cells whose expected count is at most 1.
    fn chi_squared(&self, denom: f64) -> f64 {
        let rows: Vec<f64> = self.move_history.iter().map(|r| r[0] + r[1]).collect();
        let cols = [0, 1].map(|j| self.move_history.iter().map(|r| r[j]).sum::<f64>());
        let mut chi = 0.0;
        for (i, row) in rows.iter().enumerate() {
            for (j, col) in cols.iter().enumerate() {
                let expect = row * col / denom;
                if expect > 1.0 {
                    chi += (expect - self.move_history[i][j]).powi(2) / expect;
                }
            }
        }
        chi
    }

    fn looks_random(&self, turn: usize) -> bool {
        let denom = (turn - 2) as f64;
        if self.move_history[0][0] / denom >= 0.8 {
            return false;
        }
        let share = self.recorded_defects as f64 / denom;
        if !(0.25..=0.75).contains(&share) {
            return false;
        }
        self.chi_squared(denom) <= 3.0
    }

    fn act(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        let turn = h.len() + 1;
        let Some(last) = h.last_opp() else {
            return C;
        };
        if self.mode == HarringtonMode::Defect {
            if last == D {
                self.exit_defect_meter += 1;
            } else {
                self.exit_defect_meter -= 3;
            }
            if self.exit_defect_meter >= 11 {
                self.mode = HarringtonMode::Normal;
                self.was_defective = true;
                self.more_coop = 2;
                return self.finish(C, false, false);
            }
            return self.finish(D, true, false);
        }
        if !self.was_defective {
            if turn > 2 {
                if last == D {
                    self.recorded_defects += 1;
                }
                let row =
                    h.opp_back(2).unwrap_or(C).index() + 2 * h.own_back(2).unwrap_or(C).index();
                self.move_history[row][last.index()] += 1.0;
            }
            if turn % 15 == 0 && turn > 15 && self.looks_random(turn) {
                self.mode = HarringtonMode::Defect;
                return self.finish(D, false, false);
            }
        }
        if self.last_generous_n_turns_ago == 2 && last == D {
            self.burned = true;
        }
        if turn == 38 && last == D && h.opp_cooperations() == 36 {
            self.mode = HarringtonMode::FairWeather;
            return self.finish(C, false, false);
        }
        if self.mode == HarringtonMode::FairWeather {
            if last == D {
                self.mode = HarringtonMode::Normal;
            } else {
                return self.finish(C, true, false);
            }
        }
        // Streaks.
        if last == D {
            self.defect_streak += 1;
        } else {
            self.defect_streak = 0;
        }
        if self.defect_streak >= 20 {
            return self.finish(D, true, true);
        }
        self.parity_bit = 1 - self.parity_bit;
        if last == D {
            self.parity_streak[self.parity_bit] += 1;
        } else {
            self.parity_streak[self.parity_bit] = 0;
        }
        if self.parity_streak[self.parity_bit] >= self.parity_limit {
            self.parity_streak[self.parity_bit] = 0;
            self.parity_hits += 1;
            if self.parity_hits >= 8 {
                self.parity_limit = 3;
            }
            return self.finish(C, true, true);
        }
        if self.more_coop >= 1 {
            return self.finish(C, true, true);
        }
        if turn < 37 {
            return self.finish(last, true, true);
        }
        if turn == 37 {
            self.more_coop = 2;
            self.last_generous_n_turns_ago = 1;
            return self.finish(D, false, false);
        }
        if self.burned || ctx.random_f64() > self.prob {
            return self.finish(last, true, true);
        }
        self.prob += 0.05;
        self.more_coop = 2;
        self.last_generous_n_turns_ago = 1;
        self.finish(D, false, false)
    }
}
stateful!(
    Harrington,
    "Second by Harrington",
    Classifier::stochastic(None)
);

/// Second by Kluepfel: counts the opponent's answers to its own moves of
/// the turn before; after 26 turns defects when both its answers to D and
/// its defections after C are too common for a non-random player
/// (`cd >= (cd + dd)/2 - 0.75 sqrt(cd + dd)` and `dc >= (dc + cc)/2 -
/// 0.75 sqrt(dc + cc)`); otherwise repeats the opponent's last move when
/// its last three agree, with probability 0.9 when its last two agree, and
/// else with probability 0.7 after a C and 0.6 after a D. Source:
/// Axelrod-Python `SecondByKluepfel` (K32R).
#[derive(Debug, Clone, Default)]
pub struct Kluepfel {
    cd: u32,
    dd: u32,
    dc: u32,
    cc: u32,
}

impl Kluepfel {
    fn act(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        if h.len() >= 2 {
            let answer = h.last_opp().unwrap_or(C);
            match (h.own_back(2).unwrap_or(C), answer) {
                (D, C) => self.cd += 1,
                (D, D) => self.dd += 1,
                (C, C) => self.cc += 1,
                (C, D) => self.dc += 1,
            }
        }
        if h.len() > 26 {
            let fair = |k: u32, n: u32| k as f64 >= n as f64 / 2.0 - 0.75 * (n as f64).sqrt();
            if fair(self.cd, self.cd + self.dd) && fair(self.dc, self.dc + self.cc) {
                return D;
            }
        }
        let back = |k| h.opp_back(k).unwrap_or(C);
        let (one, two, three) = (back(1), back(2), back(3));
        if one == two && two == three {
            return one;
        }
        let keep = if one == two {
            0.9
        } else if one == C {
            0.7
        } else {
            0.6
        };
        if ctx.random_f64() < keep {
            one
        } else {
            one.flip()
        }
    }
}
stateful!(Kluepfel, "Second by Kluepfel", Classifier::stochastic(None));

/// Second by RichardHufford: counts "agreements" (the opponent's move equal
/// to its own move of the turn before; the opponent's first move agrees when
/// C); cooperates when more than 90% of the turns (counting 2 extra) and all
/// of the last four agreed, plays Tit For Tat when at least 62.5% and two of
/// the last four did, and defects otherwise. After the opponent cooperated
/// `streak_needed` turns in a row (21 at first) it defects once (an
/// aberration), and two turns later cooperates, restarts the streak and sets
/// `streak_needed = floor(20 d / c) + 1` from the opponent's answers to its
/// aberrations (`d` defections and `c` cooperations, each starting at 2).
/// Source: Axelrod-Python `SecondByRichardHufford` (K47R).
#[derive(Debug, Clone)]
pub struct RichardHufford {
    num_agreements: u32,
    last_four: [u8; 4],
    last_four_index: usize,
    streak_needed: u64,
    current_streak: u64,
    last_aberration: Option<usize>,
    coop_after_ab: u32,
    def_after_ab: u32,
}

impl Default for RichardHufford {
    fn default() -> Self {
        RichardHufford {
            num_agreements: 2,
            last_four: [1; 4],
            last_four_index: 0,
            streak_needed: 21,
            current_streak: 2,
            last_aberration: None,
            coop_after_ab: 2,
            def_after_ab: 2,
        }
    }
}

impl RichardHufford {
    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        let turn = h.len() + 1;
        let Some(last) = h.last_opp() else {
            return C;
        };
        self.last_four_index = (self.last_four_index + 1) % 4;
        let me_two_ago = if turn > 2 {
            h.own_back(2).unwrap_or(C)
        } else {
            C
        };
        if me_two_ago == last {
            self.num_agreements += 1;
            self.last_four[self.last_four_index] = 1;
        } else {
            self.last_four[self.last_four_index] = 0;
        }
        match self.last_aberration {
            None => {
                if last == C {
                    self.current_streak += 1;
                } else {
                    self.current_streak = 0;
                }
                if self.current_streak >= self.streak_needed {
                    self.last_aberration = Some(turn);
                    if self.current_streak == self.streak_needed {
                        return D;
                    }
                }
            }
            Some(at) if turn == at + 2 => {
                self.last_aberration = None;
                if last == C {
                    self.coop_after_ab += 1;
                } else {
                    self.def_after_ab += 1;
                }
                self.streak_needed = (20.0 * self.def_after_ab as f64 / self.coop_after_ab as f64)
                    .floor() as u64
                    + 1;
                self.current_streak = 0;
                return C;
            }
            Some(_) => {}
        }
        let proportion = self.num_agreements as f64 / turn as f64;
        let last_four: u8 = self.last_four.iter().sum();
        if proportion > 0.9 && last_four >= 4 {
            C
        } else if proportion >= 0.625 && last_four >= 2 {
            last
        } else {
            D
        }
    }
}
stateful!(
    RichardHufford,
    "Second by RichardHufford",
    Classifier::deterministic(None)
);

/// Rowsam's mode.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
enum RowsamMode {
    #[default]
    Normal,
    CoopDefCycle1,
    CoopDefCycle2,
    Defect,
}

/// Second by Rowsam: cooperates, and every 6 turns checks its score so far
/// divided by the turn number: below 2.5 it adds distrust (5, 3, 2 or 1
/// points for below 1, 1.5, 2 or 2.5) and plays D, C, D, or defects for
/// ever once the distrust reaches 7; every 18 turns distrust of 3 or more
/// falls by one. Source: Axelrod-Python `SecondByRowsam` (K58R).
#[derive(Debug, Clone, Default)]
pub struct Rowsam {
    mode: RowsamMode,
    distrust: u32,
    score: f64,
}

impl Rowsam {
    fn act(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        let turn = h.len() + 1;
        if let (Some(mine), Some(theirs)) = (h.last_own(), h.last_opp()) {
            self.score += ctx.payoffs.own(mine, theirs);
        }
        match self.mode {
            RowsamMode::Defect => return D,
            RowsamMode::CoopDefCycle1 => {
                self.mode = RowsamMode::CoopDefCycle2;
                return C;
            }
            RowsamMode::CoopDefCycle2 => {
                self.mode = RowsamMode::Normal;
                return D;
            }
            RowsamMode::Normal => {}
        }
        if turn % 18 == 0 && self.distrust >= 3 {
            self.distrust -= 1;
        }
        if turn % 6 != 0 {
            return C;
        }
        let per_turn = self.score / turn as f64;
        self.distrust += if per_turn < 1.0 {
            5
        } else if per_turn < 1.5 {
            3
        } else if per_turn < 2.0 {
            2
        } else if per_turn < 2.5 {
            1
        } else {
            return C;
        };
        self.mode = if self.distrust >= 7 {
            RowsamMode::Defect
        } else {
            RowsamMode::CoopDefCycle1
        };
        D
    }
}
stateful!(
    Rowsam,
    "Second by Rowsam",
    Classifier::deterministic(None).with_game()
);

/// Second by Tideman and Chieruzzi: cooperates while its score exceeds the
/// opponent's by at least a margin, which starts at 0 and grows by an
/// increment (itself growing by 5) each time the opponent plays C then D;
/// when it would defect, at least 10 turns after the last fresh start and
/// not right after such a C, D, it gives a "fresh start" (two
/// cooperations, scores and margin reset) if the opponent's defections lie
/// 3 standard deviations or more from half its moves. Source:
/// Axelrod-Python `SecondByTidemanAndChieruzzi` (K84R).
#[derive(Debug, Clone, Default)]
pub struct TidemanAndChieruzzi {
    score: f64,
    opp_score: f64,
    last_fresh_start: usize,
    fresh_start: bool,
    score_to_beat: f64,
    score_to_beat_inc: f64,
}

impl TidemanAndChieruzzi {
    fn act(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        let turn = h.len() + 1;
        let (Some(mine), Some(theirs)) = (h.last_own(), h.last_opp()) else {
            return C;
        };
        self.score += ctx.payoffs.own(mine, theirs);
        self.opp_score += ctx.payoffs.other(mine, theirs);
        if self.fresh_start {
            self.score = 0.0;
            self.opp_score = 0.0;
            self.score_to_beat = 0.0;
            self.score_to_beat_inc = 0.0;
            self.last_fresh_start = turn;
            self.fresh_start = false;
            return C;
        }
        let two_ago = h.opp_back(2).unwrap_or(C);
        let c_then_d = two_ago == C && theirs == D;
        if c_then_d {
            self.score_to_beat += self.score_to_beat_inc;
            self.score_to_beat_inc += 5.0;
        }
        if self.score - self.opp_score >= self.score_to_beat {
            return C;
        }
        if !c_then_d && turn - self.last_fresh_start >= 10 {
            let n = h.len() as f64;
            let sd = n.sqrt() / 2.0;
            let defections = h.opp_defections() as f64;
            if defections <= n / 2.0 - 3.0 * sd || defections >= n / 2.0 + 3.0 * sd {
                self.fresh_start = true;
                return C;
            }
        }
        D
    }
}
stateful!(
    TidemanAndChieruzzi,
    "Second by Tideman and Chieruzzi",
    Classifier::deterministic(None).with_game()
);

/// Second by Tranquilizer: cooperates while things go well and throws in
/// single defections, never two in a row, at a rate set by how the
/// opponent answered earlier ones; with its average score (under the
/// default dilemma's payoffs, as Axelrod-Python computes it) at least 2.25
/// it cooperates with probability
/// `0.95 - (a1 + a2 - 5)/15 + 1/t² - [opponent's last move was D]/4`
/// (`a1`, `a2` running means of the outcome one and two turns after its
/// defections), and otherwise cooperates once and twice after such a
/// defection; with an average of at least 1.75 it cooperates with
/// probability `0.25 + (c + 1)/t - s/4 + (own - opponent's score)/100 +
/// 4/t` (`c` the opponent's cooperations, `s` its current run of
/// defections, `t` the turn); below 1.75 it plays Tit For Tat. Source:
/// Axelrod-Python `SecondByTranquilizer` (K67R, Craig Feathers).
#[derive(Debug, Clone)]
pub struct Tranquilizer {
    turns_after_good_defection: u8,
    opponent_consecutive_defections: u32,
    one_turn_ratio: f64,
    two_turns_ratio: f64,
    one_turn_count: f64,
    two_turns_count: f64,
    score: f64,
    opp_score: f64,
}

impl Default for Tranquilizer {
    fn default() -> Self {
        Tranquilizer {
            turns_after_good_defection: 0,
            opponent_consecutive_defections: 0,
            one_turn_ratio: 5.0,
            two_turns_ratio: 0.0,
            one_turn_count: 1.0,
            two_turns_count: 1.0,
            score: 0.0,
            opp_score: 0.0,
        }
    }
}

impl Tranquilizer {
    /// The outcome measure of one turn: `3 - 3o + 2m - o m` with `o`, `m`
    /// 1 for the opponent's and its own D.
    fn outcome(mine: Action, theirs: Action) -> f64 {
        let (m, o) = (mine.index() as f64, theirs.index() as f64);
        (3.0 - 3.0 * o) + 2.0 * m - o * m
    }

    fn act(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        let (Some(mine), Some(theirs)) = (h.last_own(), h.last_opp()) else {
            return C;
        };
        let game = Payoffs::default();
        self.score += game.own(mine, theirs);
        self.opp_score += game.other(mine, theirs);
        if theirs == D {
            self.opponent_consecutive_defections += 1;
        } else {
            self.opponent_consecutive_defections = 0;
        }
        if self.turns_after_good_defection == 2 {
            self.turns_after_good_defection = 0;
            self.two_turns_ratio = (self.two_turns_ratio * self.two_turns_count
                + Self::outcome(mine, theirs))
                / (self.two_turns_count + 1.0);
            self.two_turns_count += 1.0;
        } else if self.turns_after_good_defection == 1 {
            self.turns_after_good_defection = 2;
            self.one_turn_ratio = (self.one_turn_ratio * self.one_turn_count
                + Self::outcome(mine, theirs))
                / (self.one_turn_count + 1.0);
            self.one_turn_count += 1.0;
        }
        if self.turns_after_good_defection != 0 {
            return C;
        }
        let t = (h.len() + 1) as f64;
        let average = self.score / t;
        let opp_d = theirs.index() as f64;
        if average >= 2.25 {
            let p = (0.95 - (self.one_turn_ratio + self.two_turns_ratio - 5.0) / 15.0)
                + 1.0 / (t * t)
                - opp_d / 4.0;
            if ctx.random_f64() <= p {
                return C;
            }
            self.turns_after_good_defection = 1;
            return D;
        }
        if average >= 1.75 {
            let p = (0.25 + (h.opp_cooperations() as f64 + 1.0) / t)
                - self.opponent_consecutive_defections as f64 * 0.25
                + (self.score - self.opp_score) / 100.0
                + 4.0 / t;
            if ctx.random_f64() <= p {
                return C;
            }
            return D;
        }
        theirs
    }
}
stateful!(
    Tranquilizer,
    "Second by Tranquilizer",
    Classifier::stochastic(None)
);

/// The entries of this family.
#[rustfmt::skip]
pub(crate) fn entries() -> Vec<Entry> {
    let src = |who: &str, class: &str| {
        format!("Axelrod (1980b) second tournament, {who}; Axelrod-Python {class}")
    };
    vec![
        entry(Harrington::default(), &["SecondByHarrington"],
            "Tit For Tat with generous defections, streak checks and a chi-square test that turns it against random players.",
            &src("Paul Harrington (K75R)", "SecondByHarrington")),
        entry(Kluepfel::default(), &["SecondByKluepfel"],
            "Defects against an opponent that answers at random; otherwise follows its recent moves with some randomness.",
            &src("Charles Kluepfel (K32R)", "SecondByKluepfel")),
        entry(RichardHufford::default(), &["SecondByRichardHufford"],
            "Plays by how often the opponent repeats its move of the turn before; breaks long cooperation streaks once.",
            &src("Richard Hufford (K47R)", "SecondByRichardHufford")),
        entry(Rowsam::default(), &["SecondByRowsam"],
            "Cooperates, but gathers distrust when its score per turn is low, answering with D, C, D or defecting for ever.",
            &src("Glen Rowsam (K58R)", "SecondByRowsam")),
        entry(TidemanAndChieruzzi::default(), &["SecondByTidemanAndChieruzzi"],
            "Cooperates while ahead by a growing margin; gives a non-random opponent fresh starts.",
            &src("T. Nicolaus Tideman and Paula Chieruzzi (K84R)", "SecondByTidemanAndChieruzzi")),
        entry(Tranquilizer::default(), &["SecondByTranquilizer"],
            "Cooperates while doing well, throwing in single defections at a rate set by the opponent's answers.",
            &src("Craig Feathers (K67R)", "SecondByTranquilizer")),
    ]
}

#[cfg(test)]
mod tests {
    use crate::strategy::scripted::test_util::versus_test;

    #[test]
    fn versus() {
        // Mutual cooperation: the score stays at 3 a turn, above Rowsam's 2.5.
        versus_test("Second by Rowsam", "C", &"C".repeat(30));
        // Against a defector: 0 points a turn, 5 distrust points at turn 6
        // (D, C, D), 10 at turn 12 (defects for ever).
        versus_test("Second by Rowsam", "D", "CCCCCDCDCCCDDDDD");
        versus_test("Second by Kluepfel", "C", &"C".repeat(26));
        versus_test("Second by Tideman and Chieruzzi", "C", &"C".repeat(30));
    }
}
