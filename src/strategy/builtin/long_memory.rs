//! Long-memory deterministic players of Axelrod-Python 4.14 that classify
//! their opponent or follow a schedule: MEM2, Adaptive Pavlov (2006, 2011),
//! Original Gradual, Adaptive Tit For Tat, General Soft Grudger, the
//! Thue-Morse sequence players, VeryBad, ShortMem and CollectiveStrategy.
//! Each keeps a few counters or reads a window of at most 10 turns, so a turn
//! costs O(1).
//!
//! ## References
//! - Li, Hingston and Kendall (2011) 'Engineering design of strategies for
//!   winning iterated prisoner's dilemma competitions' (MEM2, Adaptive
//!   Pavlov 2011, CollectiveStrategy).
//! - Li (2007) 'How to design a strategy to win an IPD tournament'
//!   (Adaptive Pavlov 2006).
//! - Beaufils, Delahaye and Mathieu (1997) 'Our meeting with gradual'
//!   (Original Gradual).
//! - Tzafestas (2000) 'Toward adaptive cooperative behavior' (Adaptive Tit
//!   For Tat).
//! - Axelrod-Python 4.14, the class named in each doc comment.

use super::kit::{entry, rule, stateful};
use crate::strategy::context::Context;
use crate::strategy::core::Classifier;
use crate::strategy::entry::Entry;
use crate::strategy::history::History;
use crate::Action::{self, C, D};

/// Which player MEM2 plays as.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
enum Mem2Mode {
    #[default]
    TitForTat,
    TitForTwoTats,
    Defector,
}

/// MEM2: every two turns (from the third) looks at the last two turns and
/// plays as Tit For Tat after two mutual cooperations, as Tit For 2 Tats
/// after a CD and a DC, and as Defector otherwise; after choosing Defector
/// twice it keeps playing as Defector. Source: Axelrod-Python `MEM2`.
#[derive(Debug, Clone)]
pub struct Mem2 {
    mode: Mem2Mode,
    shift: i64,
    defector_count: u32,
}

impl Default for Mem2 {
    fn default() -> Self {
        Mem2 {
            mode: Mem2Mode::TitForTat,
            shift: 3,
            defector_count: 0,
        }
    }
}

impl Mem2 {
    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        self.shift -= 1;
        if self.shift == 0 && self.defector_count < 2 {
            self.shift = 2;
            let n = h.len();
            let turns: Vec<(Action, Action)> = (n.saturating_sub(2)..n)
                .map(|i| (h.own()[i], h.opp()[i]))
                .collect();
            let all = |pred: &dyn Fn(&(Action, Action)) -> bool| turns.iter().all(pred);
            if !turns.is_empty() && all(&|t| *t == (C, C)) {
                self.mode = Mem2Mode::TitForTat;
            } else if turns.len() == 2 && turns.contains(&(C, D)) && turns.contains(&(D, C)) {
                self.mode = Mem2Mode::TitForTwoTats;
            } else {
                self.mode = Mem2Mode::Defector;
                self.defector_count += 1;
            }
        }
        match self.mode {
            Mem2Mode::TitForTat => h.last_opp().unwrap_or(C),
            Mem2Mode::TitForTwoTats => {
                if h.opp_back(1) == Some(D) && h.opp_back(2) == Some(D) {
                    D
                } else {
                    C
                }
            }
            Mem2Mode::Defector => D,
        }
    }
}
stateful!(Mem2, "MEM2", Classifier::deterministic(None));

/// The class Adaptive Pavlov assigns its opponent.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Opponent {
    Cooperative,
    AllD,
    Stft,
    PavlovD,
    Random,
}

/// Adaptive Pavlov 2006: Tit For Tat for 6 turns; every 6 turns classifies
/// the opponent's last 6 moves (CCCCCC cooperative, DDDDDD all-D, DCDCDC
/// suspicious Tit For Tat, DDCDDC Pavlov-D, anything else at the first
/// check random) and plays against the class. Source: Axelrod-Python
/// `APavlov2006`.
#[derive(Debug, Clone, Default)]
pub struct APavlov2006 {
    class: Option<Opponent>,
}

impl APavlov2006 {
    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        let n = h.len();
        let tft = if h.last_opp() == Some(D) { D } else { C };
        if n < 6 {
            return tft;
        }
        if n % 6 == 0 {
            let last6 = h.opp_last(6);
            if last6 == [C; 6] {
                self.class = Some(Opponent::Cooperative);
            }
            if last6 == [D; 6] {
                self.class = Some(Opponent::AllD);
            }
            if last6 == [D, C, D, C, D, C] {
                self.class = Some(Opponent::Stft);
            }
            if last6 == [D, D, C, D, D, C] {
                self.class = Some(Opponent::PavlovD);
            }
            if self.class.is_none() {
                self.class = Some(Opponent::Random);
            }
        }
        match self.class {
            Some(Opponent::Random | Opponent::AllD) => D,
            Some(Opponent::Stft) if n % 6 <= 1 => C,
            Some(Opponent::Stft) => tft,
            Some(Opponent::PavlovD) if n % 6 == 0 => D,
            Some(Opponent::Cooperative) => tft,
            _ => C,
        }
    }
}
stateful!(
    APavlov2006,
    "Adaptive Pavlov 2006",
    Classifier::deterministic(None)
);

/// Adaptive Pavlov 2011: Tit For Tat for 6 turns; every 6 turns classifies
/// the opponent by its defections in the last 6 moves (none: cooperative;
/// 4 or more: all-D; 3: suspicious Tit For Tat; otherwise, at the first
/// check, random) and plays against the class. Source: Axelrod-Python
/// `APavlov2011`.
#[derive(Debug, Clone, Default)]
pub struct APavlov2011 {
    class: Option<Opponent>,
}

impl APavlov2011 {
    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        let n = h.len();
        let tft = if h.last_opp() == Some(D) { D } else { C };
        if n < 6 {
            return tft;
        }
        if n % 6 == 0 {
            let defections = h.opp_last(6).iter().filter(|&&a| a == D).count();
            if defections == 0 {
                self.class = Some(Opponent::Cooperative);
            }
            if defections >= 4 {
                self.class = Some(Opponent::AllD);
            }
            if defections == 3 {
                self.class = Some(Opponent::Stft);
            }
            if self.class.is_none() {
                self.class = Some(Opponent::Random);
            }
        }
        match self.class {
            Some(Opponent::Random | Opponent::AllD) => D,
            Some(Opponent::Stft) => {
                if h.opp_back(1) == Some(D) && h.opp_back(2) == Some(D) {
                    D
                } else {
                    C
                }
            }
            Some(Opponent::Cooperative) => tft,
            _ => C,
        }
    }
}
stateful!(
    APavlov2011,
    "Adaptive Pavlov 2011",
    Classifier::deterministic(None)
);

/// Original Gradual: answers the n-th defection (that it does not ignore
/// while punishing) with n defections followed by two cooperations; a
/// defection during the punishment or the calming turns is not counted.
/// Source: Axelrod-Python `OriginalGradual`.
#[derive(Debug, Clone, Default)]
pub struct OriginalGradual {
    calming: bool,
    punishing: bool,
    count: u32,
    limit: u32,
}

impl OriginalGradual {
    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        if self.calming {
            self.calming = false;
            return C;
        }
        if self.punishing {
            if self.count < self.limit {
                self.count += 1;
                return D;
            }
            self.calming = true;
            self.punishing = false;
            self.count = 0;
            return C;
        }
        if h.last_opp() == Some(D) {
            self.punishing = true;
            self.count += 1;
            self.limit += 1;
            return D;
        }
        C
    }
}
stateful!(
    OriginalGradual,
    "Original Gradual",
    Classifier::deterministic(None)
);

/// Adaptive Tit For Tat: keeps an estimate `world` of the opponent's
/// cooperation, moved towards 1 or 0 at rate 0.5 after each move, and
/// cooperates while it is at least 1/2. Source: Axelrod-Python
/// `AdaptiveTitForTat` (rate 0.5).
#[derive(Debug, Clone)]
pub struct AdaptiveTitForTat {
    world: f64,
}

impl Default for AdaptiveTitForTat {
    fn default() -> Self {
        AdaptiveTitForTat { world: 0.5 }
    }
}

impl AdaptiveTitForTat {
    const RATE: f64 = 0.5;

    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        match h.last_opp() {
            None => return C,
            Some(C) => self.world += Self::RATE * (1.0 - self.world),
            Some(D) => self.world -= Self::RATE * self.world,
        }
        Action::from_cooperation(self.world >= 0.5)
    }
}
stateful!(
    AdaptiveTitForTat,
    "Adaptive Tit For Tat: 0.5",
    Classifier::deterministic(None)
);

/// General Soft Grudger (n = 1, d = 4, c = 2): answers a defection with D,
/// then D, D, D, C, C. Source: Axelrod-Python `GeneralSoftGrudger`.
#[derive(Debug, Clone, Default)]
pub struct GeneralSoftGrudger {
    grudge: Option<usize>,
}

impl GeneralSoftGrudger {
    const GRUDGE: [Action; 5] = [D, D, D, C, C];

    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        if let Some(k) = self.grudge {
            self.grudge = (k + 1 < Self::GRUDGE.len()).then_some(k + 1);
            return Self::GRUDGE[k];
        }
        if h.last_opp() == Some(D) {
            self.grudge = Some(0);
            return D;
        }
        C
    }
}
stateful!(
    GeneralSoftGrudger,
    "General Soft Grudger: n=1,d=4,c=2",
    Classifier::deterministic(None)
);

/// The Thue-Morse sequence at turn `t` (from 0): the parity of the ones in
/// `t`'s binary digits.
fn thue_morse(t: usize) -> bool {
    t.count_ones() % 2 == 1
}

/// ThueMorse: plays C where the Thue-Morse sequence is 1, D where it is 0.
/// Source: Axelrod-Python `ThueMorse`.
pub fn thue_morse_player(h: &History, _: &mut Context<'_>) -> Action {
    Action::from_cooperation(thue_morse(h.len()))
}

/// ThueMorseInverse: plays C where the Thue-Morse sequence is 0. Source:
/// Axelrod-Python `ThueMorseInverse`.
pub fn thue_morse_inverse(h: &History, _: &mut Context<'_>) -> Action {
    Action::from_cooperation(!thue_morse(h.len()))
}

/// VeryBad: cooperates for 3 turns, then by the opponent's majority of
/// moves, copying its last move on a tie. Source: Axelrod-Python `VeryBad`.
pub fn very_bad(h: &History, _: &mut Context<'_>) -> Action {
    let n = h.len();
    if n < 3 {
        return C;
    }
    let (c, d) = (h.opp_cooperations(), h.opp_defections());
    if c > d {
        C
    } else if c < d {
        D
    } else {
        h.last_opp().unwrap_or(C)
    }
}

/// ShortMem: cooperates for 10 turns; then cooperates (defects) when the
/// opponent's last 10 moves hold at least 3 more C (D), else copies its
/// last move. Source: Axelrod-Python `ShortMem`.
pub fn short_mem(h: &History, _: &mut Context<'_>) -> Action {
    if h.len() <= 10 {
        return C;
    }
    let d = h.opp_last(10).iter().filter(|&&a| a == D).count() as i64;
    let c = 10 - d;
    if c - d >= 3 {
        C
    } else if d - c >= 3 {
        D
    } else {
        h.last_opp().unwrap_or(C)
    }
}

/// CollectiveStrategy: opens C, D; cooperates for ever with an opponent that
/// opened C, D and has not defected again, defects otherwise. Source:
/// Axelrod-Python `CollectiveStrategy`.
pub fn collective(h: &History, _: &mut Context<'_>) -> Action {
    match h.len() {
        0 => C,
        1 => D,
        _ if h.opp_defections() > 1 => D,
        _ if h.opp()[..2] == [C, D] => C,
        _ => D,
    }
}

/// CAPRI: a memory-three rule over the last three turns (padded with mutual
/// cooperation at the start): it cooperates in the 14 situations of its
/// rules C, A, P, R1, R2 and R3 that restore cooperation, and defects
/// otherwise. Source: Axelrod-Python `Capri` (Murase and Baek 2020).
pub fn capri(h: &History, _: &mut Context<'_>) -> Action {
    const COOPERATE: [[(Action, Action); 3]; 14] = [
        [(C, C), (C, C), (C, C)],
        [(C, C), (C, C), (D, C)],
        [(C, C), (D, C), (C, D)],
        [(D, C), (C, D), (C, C)],
        [(C, D), (C, C), (C, C)],
        [(C, C), (C, D), (D, C)],
        [(C, D), (D, C), (C, C)],
        [(D, C), (C, C), (C, C)],
        [(D, D), (D, D), (D, C)],
        [(D, D), (D, C), (C, C)],
        [(D, D), (D, D), (C, D)],
        [(D, D), (C, D), (C, C)],
        [(D, D), (D, D), (C, C)],
        [(D, D), (C, C), (C, C)],
    ];
    let turn = |k: usize| match (h.own_back(k), h.opp_back(k)) {
        (Some(a), Some(b)) => (a, b),
        _ => (C, C),
    };
    let last3 = [turn(3), turn(2), turn(1)];
    Action::from_cooperation(COOPERATE.contains(&last3))
}

/// Revised Downing: estimates the probabilities that the opponent
/// cooperates after its own cooperation (`good`, starting at 1) and
/// defection (`bad`, starting at 0), and with `c = 6 good - 8 bad - 2` and
/// `alt = 4 good - 5 bad - 1` cooperates when `c >= max(0, alt)`, switches
/// its move when `alt >= 0` or `0 <= c < alt`, and defects otherwise.
/// Source: Axelrod-Python `RevisedDowning` (Downing 1975, as revised for
/// Axelrod's second tournament).
#[derive(Debug, Clone)]
pub struct RevisedDowning {
    good: f64,
    bad: f64,
    nice: [u32; 2],
    total: [u32; 2],
}

impl Default for RevisedDowning {
    fn default() -> Self {
        RevisedDowning {
            good: 1.0,
            bad: 0.0,
            nice: [0, 0],
            total: [0, 0],
        }
    }
}

impl RevisedDowning {
    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        let round = h.len() + 1;
        if round == 1 {
            return C;
        }
        if round > 2 {
            let k = h.own_back(2).unwrap_or(C).index();
            if h.last_opp() == Some(C) {
                self.nice[k] += 1;
            }
            self.total[k] += 1;
            let share = self.nice[k] as f64 / self.total[k] as f64;
            if k == 0 {
                self.good = share;
            } else {
                self.bad = share;
            }
        }
        let c = 6.0 * self.good - 8.0 * self.bad - 2.0;
        let alt = 4.0 * self.good - 5.0 * self.bad - 1.0;
        if c >= 0.0 && c >= alt {
            C
        } else if (0.0 <= c && c < alt) || alt >= 0.0 {
            h.last_own().map_or(C, Action::flip)
        } else {
            D
        }
    }
}
stateful!(
    RevisedDowning,
    "Revised Downing",
    Classifier::deterministic(None)
);

/// The entries of this family.
#[rustfmt::skip]
pub(crate) fn entries() -> Vec<Entry> {
    vec![
        entry(Mem2::default(), &[],
            "Every two turns plays as Tit For Tat, Tit For 2 Tats or Defector by the last two turns.",
            "Li, Hingston and Kendall (2011); Axelrod-Python MEM2"),
        entry(APavlov2006::default(), &["APavlov2006"],
            "Classifies the opponent every 6 turns by its last 6 moves and plays against the class.",
            "Li (2007); Axelrod-Python APavlov2006"),
        entry(APavlov2011::default(), &["APavlov2011"],
            "Classifies the opponent every 6 turns by its defections in the last 6 and plays against the class.",
            "Li, Hingston and Kendall (2011); Axelrod-Python APavlov2011"),
        entry(OriginalGradual::default(), &["OriginalGradual"],
            "Answers the n-th defection with n defections and two cooperations.",
            "Beaufils, Delahaye and Mathieu (1997); Axelrod-Python OriginalGradual"),
        entry(AdaptiveTitForTat::default(), &["Adaptive Tit For Tat", "AdaptiveTitForTat"],
            "Cooperates while a running estimate of the opponent's cooperation is at least 1/2.",
            "Tzafestas (2000); Axelrod-Python AdaptiveTitForTat"),
        entry(GeneralSoftGrudger::default(), &["General Soft Grudger", "GeneralSoftGrudger"],
            "Answers a defection with D, D, D, D, C, C.",
            "Axelrod-Python GeneralSoftGrudger"),
        rule("ThueMorse", Classifier::deterministic(None), thue_morse_player, &[],
            "Plays the Thue-Morse sequence, 1 as C.",
            "Axelrod-Python ThueMorse"),
        rule("ThueMorseInverse", Classifier::deterministic(None), thue_morse_inverse, &[],
            "Plays the Thue-Morse sequence, 0 as C.",
            "Axelrod-Python ThueMorseInverse"),
        rule("VeryBad", Classifier::deterministic(None), very_bad, &[],
            "After 3 turns follows the opponent's majority of moves, copying its last on a tie.",
            "Kendall, Yao and Chong (2007); Axelrod-Python VeryBad"),
        rule("ShortMem", Classifier::deterministic(None), short_mem, &[],
            "Follows a clear majority in the opponent's last 10 moves, else copies its last move.",
            "Andre L. C. Carvalho (2012); Axelrod-Python ShortMem"),
        entry(RevisedDowning::default(), &["RevisedDowning"],
            "Estimates the opponent's responses to its moves and picks by a fixed linear rule.",
            "Axelrod (1980b) second tournament, revised Downing; Axelrod-Python RevisedDowning"),
        rule("CAPRI", Classifier::deterministic(Some(3)), capri, &["Capri"],
            "Memory-three rule that cooperates where its rules restore cooperation, defects otherwise.",
            "Murase and Baek (2020) 'Five rules for friendly rivalry in direct reciprocity'; Axelrod-Python Capri"),
        rule("CollectiveStrategy", Classifier::deterministic(None), collective, &[],
            "Opens C, D; cooperates only with an opponent that answered the same and never defected again.",
            "Li and Kendall (2009); Axelrod-Python CollectiveStrategy"),
    ]
}
