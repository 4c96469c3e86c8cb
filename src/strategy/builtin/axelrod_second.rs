//! Entries of Axelrod's second tournament (Axelrod 1980b, "More Effective
//! Choice in the Prisoner's Dilemma", Journal of Conflict Resolution
//! 24:379-403), as Axelrod-Python 4.14 implements them
//! (`axelrod/strategies/axelrod_second.py`). Second by Colbert is a
//! finite-state machine in `strategies/evolved.toml`; Tester, Gladstein and
//! Borufsen are in other families.
//!
//! Each keeps its state in a few counters, so a turn costs O(1).
//!
//! ## References
//! - Axelrod (1980b) 'More Effective Choice in the Prisoner's Dilemma'.
//! - Axelrod-Python 4.14, `axelrod_second.py`, the class named in each doc
//!   comment.

use super::kit::{entry, rule, stateful};
use crate::strategy::context::Context;
use crate::strategy::core::Classifier;
use crate::strategy::entry::Entry;
use crate::strategy::history::History;
use crate::Action::{self, C, D};

/// The opponent's share of defections so far (0 before the first turn).
fn opp_defection_share(h: &History) -> f64 {
    if h.is_empty() {
        0.0
    } else {
        h.opp_defections() as f64 / h.len() as f64
    }
}

/// Second by Champion: cooperates for 10 turns, plays Tit For Tat for 15,
/// then cooperates unless the opponent just defected and has defected at
/// least 40% of the time, in which case it defects with probability equal
/// to that share. Source: Axelrod-Python `SecondByChampion`.
pub fn champion(h: &History, ctx: &mut Context<'_>) -> Action {
    let round = h.len();
    if round < 10 {
        return C;
    }
    if round < 25 {
        return h.last_opp().unwrap_or(C);
    }
    let share = opp_defection_share(h);
    if h.last_opp() == Some(D) && share >= 0.4 {
        return ctx.random_choice(1.0 - share);
    }
    C
}

/// Second by Eatherley: cooperates after a cooperation; after a defection
/// defects with probability equal to the opponent's share of defections.
/// Source: Axelrod-Python `SecondByEatherley`.
pub fn eatherley(h: &History, ctx: &mut Context<'_>) -> Action {
    match h.last_opp() {
        None | Some(C) => C,
        Some(D) => ctx.random_choice(1.0 - opp_defection_share(h)),
    }
}

/// Second by Grofman: cooperates twice, plays Tit For Tat to turn 7, then
/// cooperates when the opponent defected at most twice (after its own C) or
/// once (after its own D) in the 7 turns before the last. Source:
/// Axelrod-Python `SecondByGrofman` (`opponent.history[-8:-1]`).
pub fn grofman(h: &History, _: &mut Context<'_>) -> Action {
    let n = h.len();
    if n < 2 {
        return C;
    }
    if n <= 6 {
        return h.last_opp().unwrap_or(C);
    }
    let window = &h.opp()[n.saturating_sub(8)..n - 1];
    let defections = window.iter().filter(|&&a| a == D).count();
    match h.last_own() {
        Some(C) if defections <= 2 => C,
        Some(D) if defections <= 1 => C,
        _ => D,
    }
}

/// Second by Cave: cooperates unless the opponent defects too often for the
/// turn (more than 39% after turn 39, 65% after 29, 79% after 19); after an
/// opponent's defection it defects if the opponent has defected more than 17
/// times, else at random. Source: Axelrod-Python `SecondByCave`.
pub fn cave(h: &History, ctx: &mut Context<'_>) -> Action {
    let turn = h.len() + 1;
    if turn == 1 {
        return C;
    }
    let defects = h.opp_defections();
    let share = defects as f64 / turn as f64;
    if (turn > 39 && share > 0.39) || (turn > 29 && share > 0.65) || (turn > 19 && share > 0.79) {
        return D;
    }
    match h.last_opp() {
        Some(D) if defects > 17 => D,
        Some(D) => ctx.random_choice(0.5),
        _ => C,
    }
}

/// Second by WmAdams: counts the opponent's defections after its first move;
/// defects when the count is 4, 7 or 9, and beyond 9 answers a defection by
/// cooperating only with probability `0.5^(count - 9)`. Source:
/// Axelrod-Python `SecondByWmAdams`.
pub fn wm_adams(h: &History, ctx: &mut Context<'_>) -> Action {
    if h.len() <= 1 {
        return C;
    }
    let mut count = h.opp_defections();
    if h.opp()[0] == D {
        count -= 1;
    }
    if matches!(count, 4 | 7 | 9) {
        return D;
    }
    if count > 9 && h.last_opp() == Some(D) {
        return ctx.random_choice(0.5f64.powi((count - 9) as i32));
    }
    C
}

/// Second by Leyvraz: a probability of cooperating for each of the
/// opponent's last three moves (C before the start): 1 when the one before
/// last was C and the last is C or two before was D, 1/2 after CCD, 0 after
/// CDC, 1/4 after CDD and DDD. Source: Axelrod-Python `SecondByLeyvraz`.
pub fn leyvraz(h: &History, ctx: &mut Context<'_>) -> Action {
    let back = |k| h.opp_back(k).unwrap_or(C);
    let p = match (back(3), back(2), back(1)) {
        (C, C, C) => 1.0,
        (C, C, D) => 0.5,
        (C, D, C) => 0.0,
        (C, D, D) => 0.25,
        (D, D, D) => 0.25,
        _ => 1.0,
    };
    ctx.random_choice(p)
}

/// Second by White: cooperates for 10 turns and after a cooperation; after a
/// defection it defects when `floor(ln(turn)) × defections >= turn`. Source:
/// Axelrod-Python `SecondByWhite`.
pub fn white(h: &History, _: &mut Context<'_>) -> Action {
    let turn = h.len() + 1;
    if turn <= 10 || h.last_opp() == Some(C) {
        return C;
    }
    if (turn as f64).ln().floor() * h.opp_defections() as f64 >= turn as f64 {
        D
    } else {
        C
    }
}

/// Second by Black: cooperates for 5 turns, then with a probability set by
/// the opponent's defections in the last 5 turns (1, 1, 0.88, 0.68, 0.4,
/// 0.04 for 0 to 5). Source: Axelrod-Python `SecondByBlack`.
pub fn black(h: &History, ctx: &mut Context<'_>) -> Action {
    if h.len() < 5 {
        return C;
    }
    let defects = h.opp_last(5).iter().filter(|&&a| a == D).count();
    ctx.random_choice([1.0, 1.0, 0.88, 0.68, 0.4, 0.04][defects])
}

/// Second by Getzler: keeps a "flack" that adds 1 for each opponent's
/// defection and halves every turn, and cooperates with probability
/// `1 - flack`. Source: Axelrod-Python `SecondByGetzler`.
#[derive(Debug, Clone, Default)]
pub struct Getzler {
    flack: f64,
}

impl Getzler {
    fn act(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        let Some(last) = h.last_opp() else {
            return C;
        };
        if last == D {
            self.flack += 1.0;
        }
        self.flack *= 0.5;
        ctx.random_choice(1.0 - self.flack)
    }
}
stateful!(Getzler, "Second by Getzler", Classifier::stochastic(None));

/// Second by Mikkelson: a credit starting at 7 rises by one (to at most 8)
/// after an opponent's cooperation and falls by two (to at least -7) after
/// a defection; it cooperates while the credit is positive; otherwise it
/// defects, resetting the credit to 4 within the first 10 turns and later
/// defecting only when the opponent's defections reach 15% of the turns.
/// Source: Axelrod-Python `SecondByMikkelson`.
#[derive(Debug, Clone)]
pub struct Mikkelson {
    credit: i32,
}

impl Default for Mikkelson {
    fn default() -> Self {
        Mikkelson { credit: 7 }
    }
}

impl Mikkelson {
    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        let turn = h.len() + 1;
        let Some(last) = h.last_opp() else {
            return C;
        };
        if last == C {
            self.credit = (self.credit + 1).min(8);
        } else {
            self.credit = (self.credit - 2).max(-7);
        }
        if turn == 2 || self.credit > 0 {
            return C;
        }
        if turn <= 10 {
            self.credit = 4;
            return D;
        }
        if h.opp_defections() as f64 / turn as f64 >= 0.15 {
            D
        } else {
            C
        }
    }
}
stateful!(
    Mikkelson,
    "Second by Mikkelson",
    Classifier::deterministic(None)
);

/// Second by GraaskampKatzen: Tit For Tat that turns to defecting for ever
/// if its score falls behind a schedule (under 23 by turn 11, 53 by 21, 83
/// by 31, 113 by 41, 143 by 51, 293 by 101). Source: Axelrod-Python
/// `SecondByGraaskampKatzen`.
#[derive(Debug, Clone, Default)]
pub struct GraaskampKatzen {
    score: f64,
    defecting: bool,
}

impl GraaskampKatzen {
    fn act(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        if self.defecting {
            return D;
        }
        let turn = h.len() + 1;
        let (Some(mine), Some(theirs)) = (h.last_own(), h.last_opp()) else {
            return C;
        };
        self.score += ctx.payoffs.own(mine, theirs);
        let behind = match turn {
            11 => 23.0,
            21 => 53.0,
            31 => 83.0,
            41 => 113.0,
            51 => 143.0,
            101 => 293.0,
            _ => f64::NEG_INFINITY,
        };
        if self.score < behind {
            self.defecting = true;
            return D;
        }
        theirs
    }
}
stateful!(
    GraaskampKatzen,
    "Second by GraaskampKatzen",
    Classifier::deterministic(None).with_game()
);

/// Second by Weiner: Tit For Tat that forgives an odd-length run of
/// defections once (with a grudge that grows by 20 each time it forgives),
/// and defects whenever the opponent defected 5 or more times in a rolling
/// window of 12 turns (lagged by one). Source: Axelrod-Python
/// `SecondByWeiner`.
#[derive(Debug, Clone, Default)]
pub struct Weiner {
    forgive: bool,
    grudge: usize,
    padding: usize,
    window: [u8; 12],
    index: usize,
}

impl Weiner {
    fn guard(&self, a: Action) -> Action {
        if self.window.iter().map(|&x| x as u32).sum::<u32>() >= 5 {
            D
        } else {
            a
        }
    }

    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        let Some(last) = h.last_opp() else {
            return C;
        };
        if let Some(two_ago) = h.opp_back(2) {
            self.window[self.index] = (two_ago == D) as u8;
            self.index = (self.index + 1) % 12;
        }
        if self.forgive {
            self.forgive = false;
            self.padding = 0;
            if self.grudge < h.len() + 1 && last == D {
                self.grudge += 20;
                return self.guard(C);
            }
            return self.guard(last);
        }
        if last == D {
            self.padding += 1;
        } else {
            if self.padding % 2 == 1 {
                self.forgive = true;
            }
            self.padding = 0;
        }
        self.guard(last)
    }
}
stateful!(Weiner, "Second by Weiner", Classifier::deterministic(None));

/// Second by Yamachi: counts, for each (opponent's move, its own intended
/// move, opponent's next move), how often it happened, and intends C when,
/// after the opponent's move two turns ago and its own last intended move,
/// the opponent's C was at least as frequent as D; after turn 40 it defects
/// when the opponent's defection share (plus a half) is strictly between 45%
/// and 55%. Source: Axelrod-Python `SecondByYamachi`.
#[derive(Debug, Clone)]
pub struct Yamachi {
    counts: [u32; 8],
    /// Its intended moves (before the 45-55% override), last two.
    intended: [Action; 2],
}

impl Default for Yamachi {
    fn default() -> Self {
        Yamachi {
            counts: [0; 8],
            intended: [C, C],
        }
    }
}

impl Yamachi {
    fn key(a: Action, b: Action, c: Action) -> usize {
        a.index() << 2 | b.index() << 1 | c.index()
    }

    fn intend(&mut self, h: &History, a: Action) -> Action {
        let turn = h.len() + 1;
        self.intended = [self.intended[1], a];
        if turn > 40 {
            let share = (h.opp_defections() as f64 + 0.5) / turn as f64;
            if 0.45 < share && share < 0.55 {
                return D;
            }
        }
        a
    }

    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        let turn = h.len() + 1;
        if turn == 1 {
            return self.intend(h, C);
        }
        let us_last = self.intended[1];
        let (mut them2, mut us2, mut them3) = (C, C, C);
        if turn >= 3 {
            them2 = h.opp_back(2).unwrap_or(C);
            us2 = self.intended[0];
        }
        if turn >= 4 {
            them3 = h.opp_back(3).unwrap_or(C);
        }
        if turn >= 3 {
            self.counts[Self::key(them3, us2, them2)] += 1;
        }
        let a = if self.counts[Self::key(them2, us_last, C)]
            >= self.counts[Self::key(them2, us_last, D)]
        {
            C
        } else {
            D
        };
        self.intend(h, a)
    }
}
stateful!(
    Yamachi,
    "Second by Yamachi",
    Classifier::deterministic(None)
);

/// Second by Appold: estimates the probability that the opponent cooperates
/// after each of its own moves (starting from 0/0 after C and 1/1 after D),
/// cooperates for 4 turns and forgives the opponent's first defection, then
/// cooperates with the estimated probability for its move two turns ago.
/// Source: Axelrod-Python `SecondByAppold`.
#[derive(Debug, Clone)]
pub struct Appold {
    opp_c_after: [u32; 2],
    total_after: [u32; 2],
    forgave: bool,
}

impl Default for Appold {
    fn default() -> Self {
        Appold {
            opp_c_after: [0, 1],
            total_after: [0, 1],
            forgave: false,
        }
    }
}

impl Appold {
    fn act(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        let turn = h.len() + 1;
        let us2 = if turn <= 2 {
            C
        } else {
            h.own_back(2).unwrap_or(C)
        };
        if turn > 1 {
            self.total_after[us2.index()] += 1;
            if h.last_opp() == Some(C) {
                self.opp_c_after[us2.index()] += 1;
            }
        }
        if turn <= 4 {
            return C;
        }
        if h.last_opp() == Some(D) && !self.forgave {
            self.forgave = true;
            return C;
        }
        let k = us2.index();
        ctx.random_choice(self.opp_c_after[k] as f64 / self.total_after[k] as f64)
    }
}
stateful!(Appold, "Second by Appold", Classifier::stochastic(None));

/// The entries of this family.
#[rustfmt::skip]
pub(crate) fn entries() -> Vec<Entry> {
    let src = |who: &str, class: &str| {
        format!("Axelrod (1980b) second tournament, {who}; Axelrod-Python {class}")
    };
    vec![
        rule("Second by Champion", Classifier::stochastic(None), champion, &["SecondByChampion"],
            "Cooperates 10 turns, Tit For Tat to turn 25, then defects at random against a frequent defector.",
            &src("Danny Champion (K35R)", "SecondByChampion")),
        rule("Second by Eatherley", Classifier::stochastic(None), eatherley, &["SecondByEatherley"],
            "Answers a defection by defecting with probability equal to the opponent's defection share.",
            &src("Graham Eatherley (K84R)", "SecondByEatherley")),
        rule("Second by Grofman", Classifier::deterministic(Some(8)), grofman, &["SecondByGrofman"],
            "Tit For Tat for 7 turns, then cooperates while the opponent defected rarely in the 7 turns before the last.",
            &src("Bernard Grofman (K86R)", "SecondByGrofman")),
        rule("Second by Cave", Classifier::stochastic(None), cave, &["SecondByCave"],
            "Cooperates unless the opponent defects too often; answers defections at random until 18 of them.",
            &src("Rob Cave (K49R)", "SecondByCave")),
        rule("Second by WmAdams", Classifier::stochastic(None), wm_adams, &["SecondByWmAdams"],
            "Defects at the opponent's 4th, 7th and 9th defection, then answers defections ever less forgivingly.",
            &src("William Adams (K44R)", "SecondByWmAdams")),
        rule("Second by Leyvraz", Classifier::stochastic(Some(3)), leyvraz, &["SecondByLeyvraz"],
            "Cooperates with a probability set by the opponent's last three moves.",
            &src("Fransois Leyvraz (K68R)", "SecondByLeyvraz")),
        rule("Second by White", Classifier::deterministic(None), white, &["SecondByWhite"],
            "Cooperates 10 turns, then answers a defection with D when floor(ln turn) times the defections reach the turn.",
            &src("Edward White (K72R)", "SecondByWhite")),
        rule("Second by Black", Classifier::stochastic(Some(5)), black, &["SecondByBlack"],
            "Cooperates with a probability falling with the opponent's defections in the last 5 turns.",
            &src("Paul Black (K83R)", "SecondByBlack")),
        entry(Getzler::default(), &["SecondByGetzler"],
            "Cooperates with probability one minus a halving tally of the opponent's defections.",
            &src("Abraham Getzler (K35R)", "SecondByGetzler")),
        entry(Mikkelson::default(), &["SecondByMikkelson"],
            "Cooperates while a credit earned by the opponent's cooperations is positive.",
            &src("Ray Mikkelson (K66R)", "SecondByMikkelson")),
        entry(GraaskampKatzen::default(), &["SecondByGraaskampKatzen"],
            "Tit For Tat that defects for ever when its score falls behind a schedule.",
            &src("Jim Graaskamp and Ken Katzen (K60R)", "SecondByGraaskampKatzen")),
        entry(Weiner::default(), &["SecondByWeiner"],
            "Tit For Tat that forgives odd runs of defections and defects against 5 defections in 12 turns.",
            &src("Herb Weiner (K41R)", "SecondByWeiner")),
        entry(Yamachi::default(), &["SecondByYamachi"],
            "Predicts the opponent from counts of its responses to the last moves; defects against a near-random opponent.",
            &src("Brian Yamauchi (K32R)", "SecondByYamachi")),
        entry(Appold::default(), &["SecondByAppold"],
            "Cooperates with the estimated probability that the opponent cooperates after its own move two turns ago.",
            &src("Scott Appold (K88R)", "SecondByAppold")),
    ]
}
