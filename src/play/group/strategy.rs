//! Strategies of n-player matches with two actions (docs/model.md §20.5).
//!
//! A strategy is a [`GroupRule`] (a name and at most one number, e.g.
//! `Threshold(2)`, or a rule table read from a file) and a [`GroupPlayer`]
//! plays it, keeping what the rule
//! remembers between turns. Every rule acts on last turn's profile as the
//! player perceived it ([`View`]); "allies" are the seats of the player's
//! bloc, every other seat is an outsider.
//!
//! ## References
//! - Boyd, R. and Richerson, P. J. (1988). The evolution of reciprocity in
//!   sizable groups. *Journal of Theoretical Biology* 132:337-356 (threshold
//!   reciprocators).
//! - Pinheiro, F. L., Vasconcelos, V. V., Santos, F. C. and Pacheco, J. M.
//!   (2014). Evolution of all-or-none strategies in repeated public goods
//!   dilemmas. *PLoS Computational Biology* 10(11):e1003945.
//! - Christensen, T. J. and Snyder, J. (1990). Chain gangs and passed bucks.
//!   *International Organization* 44(2):137-168.
//! - Jervis, R. (1976). *Perception and Misperception in International
//!   Politics*. Princeton University Press, ch. 3-4 (the Paranoid).
//! - Kydd, A. (1997). Game theory and the spiral model. *World Politics*
//!   49:371-400 (the Bayesian Truster).

use super::data::{key, GroupTable};
use super::view::View;
use crate::action::Action;
use crate::error::{Error, Result};
use crate::strategy::builtin::security::binomial_quantile;
use crate::strategy::{unit_f64, MatchRng};
use std::fmt;
use std::sync::Arc;

/// An n-player strategy: a built-in rule with at most one number, or a rule
/// table read from a strategy file ([`GroupTable`]).
#[derive(Debug, Clone, PartialEq)]
pub enum GroupRule {
    /// Always cooperates (restrains).
    Cooperator,
    /// Always defects (arms).
    Defector,
    /// Cooperates with probability p.
    Random {
        /// The probability of cooperating.
        p: f64,
    },
    /// Cooperates first; then iff at least k others cooperated.
    Threshold {
        /// The number of cooperating others it needs.
        k: usize,
    },
    /// Cooperates first; then iff every other cooperated.
    TftAll,
    /// Cooperates first; then iff at least half of the others cooperated.
    TftMajority,
    /// Cooperates until it sees another defect, then defects for good.
    Grim,
    /// All-or-none: cooperates first; then iff last turn's profile was
    /// unanimous (WSLS for two players).
    Wsls,
    /// Cooperates first; then iff every outsider cooperated (allies ignored).
    BlocReciprocator,
    /// Cooperates first; then iff every other, ally or outsider, cooperated:
    /// arms when an ally arms.
    ChainGanger,
    /// Cooperates first; then iff every outsider cooperated or some ally
    /// defected: leaves the arming to an armed ally.
    BuckPasser,
    /// Cooperates first; then iff the defecting outsiders are no more than
    /// the defecting allies.
    Balancer,
    /// Cooperates first; then iff every outsider cooperated, else with
    /// probability γ (the Spiral Reciprocator toward outsiders).
    SpiralReciprocator {
        /// γ: the probability of forgiving.
        gamma: f64,
    },
    /// Opens D, D; then cooperates iff every outsider cooperated in each of
    /// the last two turns (the Deterrence Hard-liner toward outsiders).
    DeterrenceHardliner,
    /// Cooperates on turns 1-3 and every 10th turn, otherwise iff every
    /// outsider cooperated (the Reassurer toward outsiders).
    Reassurer,
    /// Tit For Tat toward outsiders on perceptions, misreading each
    /// outsider's restraint as arming with a suspicion of its own that rises
    /// when that outsider exploits it (the Paranoid toward outsiders).
    Paranoid,
    /// A posterior per outsider that it is benign; cooperates iff every
    /// posterior exceeds the trust threshold (the Bayesian Truster toward
    /// outsiders).
    BayesianTruster {
        /// The prior that an outsider is benign.
        prior: f64,
    },
    /// Defects iff some outsider was seen to defect last turn and that
    /// outsider's perceived defections in the last 5 turns exceed what noise
    /// explains at the 95% level (the Noise-Filtered Reciprocator toward
    /// outsiders).
    NoiseFilteredReciprocator,
    /// Predicts that every other seat repeats its last perceived move and
    /// maximises its payoff plus its lead over the outsiders' mean payoff
    /// (the Relative-Gains Maximiser toward outsiders).
    RelativeGainsMaximiser,
    /// A rule table defined as data.
    Table(Arc<GroupTable>),
}

/// The rules with a fixed name, for lookup and listing.
const NAMED: &[GroupRule] = &[
    GroupRule::Cooperator,
    GroupRule::Defector,
    GroupRule::TftAll,
    GroupRule::TftMajority,
    GroupRule::Grim,
    GroupRule::Wsls,
    GroupRule::BlocReciprocator,
    GroupRule::ChainGanger,
    GroupRule::BuckPasser,
    GroupRule::Balancer,
    GroupRule::DeterrenceHardliner,
    GroupRule::Reassurer,
];

/// Named rules outside the default field.
const NAMED_EXTRA: &[GroupRule] = &[
    GroupRule::Paranoid,
    GroupRule::NoiseFilteredReciprocator,
    GroupRule::RelativeGainsMaximiser,
];

/// The Noise-Filtered Reciprocator's window and level (the two-player
/// defaults, docs/model.md §10.7).
const FILTER: (usize, f64) = (5, 0.95);

/// The default prior of the Bayesian Truster.
const DEFAULT_PRIOR: f64 = 0.75;

/// The default field of 20 group strategies (the benchmark's).
pub fn default_field() -> Vec<GroupRule> {
    let mut v = NAMED.to_vec();
    v.extend([
        GroupRule::Random { p: 0.5 },
        GroupRule::Random { p: 0.2 },
        GroupRule::Random { p: 0.8 },
        GroupRule::Threshold { k: 1 },
        GroupRule::Threshold { k: 2 },
        GroupRule::Threshold { k: 3 },
        GroupRule::SpiralReciprocator { gamma: 0.1 },
        GroupRule::SpiralReciprocator { gamma: 0.3 },
    ]);
    v
}

/// Every built-in group strategy under a name a player list accepts: the
/// default field, the named rules outside it and the Bayesian Truster at
/// its default prior. The numbered families take other numbers too
/// (`Random(p)`, `Threshold(k)`, `Spiral Reciprocator(γ)`, `Bayesian
/// Truster(π0)`).
pub fn builtin_rules() -> Vec<GroupRule> {
    let mut v = default_field();
    v.extend(NAMED_EXTRA.iter().cloned());
    v.push(GroupRule::BayesianTruster {
        prior: DEFAULT_PRIOR,
    });
    v
}

impl fmt::Display for GroupRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GroupRule::Cooperator => write!(f, "Cooperator"),
            GroupRule::Defector => write!(f, "Defector"),
            GroupRule::Random { p } => write!(f, "Random({p})"),
            GroupRule::Threshold { k } => write!(f, "Threshold({k})"),
            GroupRule::TftAll => write!(f, "TFT (all)"),
            GroupRule::TftMajority => write!(f, "TFT (majority)"),
            GroupRule::Grim => write!(f, "Grim"),
            GroupRule::Wsls => write!(f, "WSLS (all-or-none)"),
            GroupRule::BlocReciprocator => write!(f, "Bloc Reciprocator"),
            GroupRule::ChainGanger => write!(f, "Chain Ganger"),
            GroupRule::BuckPasser => write!(f, "Buck Passer"),
            GroupRule::Balancer => write!(f, "Balancer"),
            GroupRule::SpiralReciprocator { gamma } => write!(f, "Spiral Reciprocator({gamma})"),
            GroupRule::DeterrenceHardliner => write!(f, "Deterrence Hard-liner"),
            GroupRule::Reassurer => write!(f, "Reassurer"),
            GroupRule::Paranoid => write!(f, "Paranoid"),
            GroupRule::NoiseFilteredReciprocator => write!(f, "Noise-Filtered Reciprocator"),
            GroupRule::RelativeGainsMaximiser => write!(f, "Relative-Gains Maximiser"),
            GroupRule::BayesianTruster { prior } if *prior == DEFAULT_PRIOR => {
                write!(f, "Bayesian Truster")
            }
            GroupRule::BayesianTruster { prior } => write!(f, "Bayesian Truster({prior})"),
            GroupRule::Table(t) => write!(f, "{}", t.name()),
        }
    }
}

impl GroupRule {
    /// One line on how the rule decides (a table's own description).
    pub fn description(&self) -> String {
        let outsiders_all = "then iff every outsider cooperated";
        match self {
            GroupRule::Cooperator => "Always cooperates (restrains).".into(),
            GroupRule::Defector => "Always defects (arms).".into(),
            GroupRule::Random { p } => format!("Cooperates with probability {p}."),
            GroupRule::Threshold { k } => {
                format!("Cooperates first; then iff at least {k} others cooperated.")
            }
            GroupRule::TftAll => "Cooperates first; then iff every other cooperated.".into(),
            GroupRule::TftMajority => {
                "Cooperates first; then iff at least half of the others cooperated.".into()
            }
            GroupRule::Grim => {
                "Cooperates until it sees another defect, then defects for good.".into()
            }
            GroupRule::Wsls => {
                "All-or-none: cooperates first; then iff last turn's profile was unanimous.".into()
            }
            GroupRule::BlocReciprocator => {
                format!("Cooperates first; {outsiders_all} (allies ignored).")
            }
            GroupRule::ChainGanger => {
                "Cooperates first; then iff every other, ally or outsider, cooperated.".into()
            }
            GroupRule::BuckPasser => {
                format!("Cooperates first; {outsiders_all} or some ally defected.")
            }
            GroupRule::Balancer => "Cooperates first; then iff the defecting outsiders are no more than the defecting allies.".into(),
            GroupRule::SpiralReciprocator { gamma } => {
                format!("Cooperates first; {outsiders_all}, else with probability {gamma}.")
            }
            GroupRule::DeterrenceHardliner => "Opens D, D; then cooperates iff every outsider cooperated in each of the last two turns.".into(),
            GroupRule::Reassurer => "Cooperates on turns 1-3 and every 10th turn, otherwise iff every outsider cooperated.".into(),
            GroupRule::Paranoid => "Tit For Tat toward outsiders, misreading restraint as arming with a suspicion per outsider.".into(),
            GroupRule::BayesianTruster { prior } => format!(
                "Cooperates iff its posterior (prior {prior}) that each outsider is benign exceeds the trust threshold."
            ),
            GroupRule::NoiseFilteredReciprocator => "Defects iff an outsider's recent defections exceed what noise explains at the 95% level.".into(),
            GroupRule::RelativeGainsMaximiser => {
                "Maximises its payoff plus its lead over the outsiders' mean payoff.".into()
            }
            GroupRule::Table(t) => t.description().to_string(),
        }
    }

    /// The rule named `text`: a name of [`default_field`]'s strategies
    /// (case, spaces and punctuation ignored), or `Random(p)`,
    /// `Threshold(k)`, `Spiral Reciprocator(γ)` with their number
    /// (`Random` alone is p = 0.5, `Spiral Reciprocator` alone γ = 0.1),
    /// `Paranoid`, `Bayesian Truster(π0)` (alone π0 = 0.75).
    ///
    /// # Errors
    /// [`Error::Unknown`] for an unknown name; [`Error::InvalidParameter`]
    /// for a number out of range.
    pub fn parse(text: &str) -> Result<Self> {
        Self::parse_with(text, &[])
    }

    /// The rule named `text`: a table of `tables` by its name (case, spaces
    /// and punctuation ignored), else as [`GroupRule::parse`].
    ///
    /// # Errors
    /// As [`GroupRule::parse`].
    pub fn parse_with(text: &str, tables: &[Arc<GroupTable>]) -> Result<Self> {
        if let Some(t) = tables.iter().find(|t| key(t.name()) == key(text)) {
            return Ok(GroupRule::Table(Arc::clone(t)));
        }
        if let Some(r) = NAMED
            .iter()
            .chain(NAMED_EXTRA)
            .find(|r| key(&r.to_string()) == key(text))
        {
            return Ok(r.clone());
        }
        let (name, number) = match text.trim().split_once('(') {
            Some((name, rest)) => {
                let inner = rest.trim_end().strip_suffix(')').unwrap_or(rest).trim();
                (name, Some(inner))
            }
            None => (text, None),
        };
        let name = key(name);
        let value = |what: &str| -> Result<f64> {
            let Some(s) = number else {
                return Ok(f64::NAN);
            };
            s.parse::<f64>().map_err(|_| Error::Config {
                field: text.to_string(),
                message: format!("`{s}` is not a number ({what})"),
            })
        };
        let probability = |name: &str, v: f64, default: f64| -> Result<f64> {
            let v = if v.is_nan() { default } else { v };
            if (0.0..=1.0).contains(&v) {
                Ok(v)
            } else {
                Err(Error::invalid_parameter(name, v, "a probability in [0, 1]"))
            }
        };
        let rule = match name.as_str() {
            "random" => GroupRule::Random {
                p: probability("p", value("a probability")?, 0.5)?,
            },
            "spiralreciprocator" => GroupRule::SpiralReciprocator {
                gamma: probability("gamma", value("a probability")?, 0.1)?,
            },
            "bayesiantruster" => GroupRule::BayesianTruster {
                prior: probability("prior", value("a probability")?, DEFAULT_PRIOR)?,
            },
            "threshold" => {
                let k = value("a whole number of others")?;
                if k.is_nan() || k < 0.0 || k.fract() != 0.0 || k > 1e6 {
                    return Err(Error::invalid_parameter(
                        "k",
                        k,
                        "a whole number of cooperating others, e.g. Threshold(2)",
                    ));
                }
                GroupRule::Threshold { k: k as usize }
            }
            _ => {
                return Err(Error::Unknown {
                    kind: "group strategy",
                    name: text.to_string(),
                    known: builtin_rules()
                        .iter()
                        .map(|r| r.to_string())
                        .chain(tables.iter().map(|t| t.name().to_string()))
                        .collect::<Vec<_>>()
                        .join(", "),
                })
            }
        };
        Ok(rule)
    }
}

/// The Paranoid's suspicion: its floor, its jump when exploited, its
/// ceiling and its decay (as the two-player Paranoid's, docs/model.md §10).
const SUSPICION: (f64, f64, f64, f64) = (0.05, 0.25, 0.6, 0.8);

/// The Bayesian Truster's least likelihood of any observation.
const TREMBLE: f64 = 0.01;

/// A player of a [`GroupRule`] with what it remembers.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupPlayer {
    /// The rule.
    pub rule: GroupRule,
    /// Grim: triggered; Deterrence Hard-liner: the outsiders all cooperated
    /// the turn before last.
    flag: bool,
    /// Its own real move the turn before last (Bayesian Truster).
    own_before: Option<Action>,
    /// Per seat: the Paranoid's suspicion, the Bayesian Truster's
    /// posterior; empty until the first turn.
    memory: Vec<f64>,
    /// Per seat: the Noise-Filtered Reciprocator's perceived defections,
    /// bit 0 last turn's; empty until the second turn.
    marks: Vec<u64>,
}

impl GroupPlayer {
    /// A fresh player of `rule`.
    pub fn new(rule: GroupRule) -> Self {
        let mut p = GroupPlayer {
            rule,
            flag: false,
            own_before: None,
            memory: Vec::new(),
            marks: Vec::new(),
        };
        p.reset();
        p
    }

    /// Forgets the last match.
    pub fn reset(&mut self) {
        self.flag = false;
        self.own_before = None;
        self.memory.clear();
        self.marks.clear();
    }

    /// The move for the turn `view` describes; draws from `rng` only for a
    /// probability strictly between 0 and 1.
    pub fn next_action(&mut self, view: &View<'_>, rng: &mut MatchRng) -> Action {
        use GroupRule::*;
        let chance = chance_of;
        let first = view.last.is_none();
        let cooperate = match &self.rule {
            Cooperator => true,
            Defector => false,
            Random { p } => chance(*p, rng),
            Table(t) => chance(t.cooperation(view), rng),
            BayesianTruster { prior } => {
                let prior = *prior;
                self.bayesian_truster(view, prior)
            }
            DeterrenceHardliner => {
                let now = !first && view.outsiders().1 == 0;
                let both = now && self.flag;
                self.flag = now;
                both
            }
            RelativeGainsMaximiser => Self::relative_gains(view),
            _ if first => true,
            Threshold { k } => view.others().0 >= *k,
            TftAll => view.others().1 == 0,
            TftMajority => {
                let (c, d) = view.others();
                2 * c >= c + d
            }
            Grim => {
                self.flag |= view.others().1 > 0;
                !self.flag
            }
            Wsls => {
                let last = view.last.expect("not the first turn");
                last.iter().all(|&a| a == last[0])
            }
            BlocReciprocator => view.outsiders().1 == 0,
            ChainGanger => view.others().1 == 0,
            BuckPasser => view.outsiders().1 == 0 || view.ally_counts().1 > 0,
            Balancer => view.outsiders().1 <= view.ally_counts().1,
            SpiralReciprocator { gamma } => view.outsiders().1 == 0 || chance(*gamma, rng),
            Reassurer => view.turn < 3 || (view.turn + 1) % 10 == 0 || view.outsiders().1 == 0,
            Paranoid => self.paranoid(view, rng),
            NoiseFilteredReciprocator => self.noise_filtered(view),
        };
        Action::from_cooperation(cooperate)
    }

    /// The outsiders of the seat `view` describes.
    fn outsider_seats<'v>(view: &'v View<'_>) -> impl Iterator<Item = usize> + 'v {
        (0..view.allies.len()).filter(move |&l| l != view.seat && !view.allies[l])
    }

    /// Paranoid (docs/model.md §20.5), not on the first turn.
    fn paranoid(&mut self, view: &View<'_>, rng: &mut MatchRng) -> bool {
        let (base, jump, max, decay) = SUSPICION;
        let last = view.last.expect("not the first turn");
        if self.memory.is_empty() {
            self.memory = vec![base; last.len()];
        }
        let mine = last[view.seat];
        for l in Self::outsider_seats(view) {
            let s = &mut self.memory[l];
            *s = if mine == Action::C && last[l] == Action::D {
                (*s + jump).min(max)
            } else {
                base + (*s - base) * decay
            };
        }
        if Self::outsider_seats(view).any(|l| last[l] == Action::D) {
            return false;
        }
        // Each restraint is read as arming with that outsider's suspicion:
        // one draw per outsider in seat order, up to the first misreading.
        Self::outsider_seats(view).all(|l| chance_of(1.0 - self.memory[l], rng))
    }

    /// Bayesian Truster (docs/model.md §20.5).
    fn bayesian_truster(&mut self, view: &View<'_>, prior: f64) -> bool {
        if self.memory.is_empty() {
            self.memory = vec![prior; view.allies.len()];
        }
        if let Some(last) = view.last {
            let info = view.info;
            // The benign type's intended move last turn: restraint at the
            // start, else its reply to this seat's move the turn before, as
            // it would perceive it (this seat's own errors standing in).
            for l in Self::outsider_seats(view) {
                let seen = last[l];
                let likelihood = |intended_c: f64| {
                    let d = info.perceived_d(l, intended_c);
                    let x = if seen == Action::D { d } else { 1.0 - d };
                    x.max(TREMBLE)
                };
                let benign_c = match self.own_before {
                    None => 1.0,
                    Some(Action::C) => 1.0 - info.perception[l].c_as_d,
                    Some(Action::D) => info.perception[l].d_as_c,
                };
                let belief = &mut self.memory[l];
                let benign = *belief * likelihood(benign_c);
                let hostile = (1.0 - *belief) * likelihood(0.0);
                if benign + hostile > 0.0 {
                    *belief = benign / (benign + hostile);
                }
            }
        }
        self.own_before = view.last.map(|l| l[view.seat]);
        let q = view.info.trust_threshold();
        Self::outsider_seats(view).all(|l| self.memory[l] > q)
    }
}

impl GroupPlayer {
    /// Noise-Filtered Reciprocator (docs/model.md §20.5), not on the first
    /// turn.
    fn noise_filtered(&mut self, view: &View<'_>) -> bool {
        let (window, level) = FILTER;
        let last = view.last.expect("not the first turn");
        if self.marks.is_empty() {
            self.marks = vec![0; last.len()];
        }
        for (m, &a) in self.marks.iter_mut().zip(last) {
            *m = (*m << 1) | a.index() as u64;
        }
        let seen = (view.turn as usize).min(window);
        let mask = (1u64 << seen) - 1;
        !Self::outsider_seats(view).any(|l| {
            let armings = (self.marks[l] & mask).count_ones() as usize;
            let rate = view.info.perceived_d(l, 1.0);
            last[l] == Action::D && armings > binomial_quantile(seen, rate, level)
        })
    }

    /// Relative-Gains Maximiser (docs/model.md §20.5).
    fn relative_gains(view: &View<'_>) -> bool {
        const LAMBDA: f64 = 1.0;
        let n = view.allies.len();
        let mut predicted = 0usize;
        if let Some(last) = view.last {
            for (l, &a) in last.iter().enumerate() {
                if l != view.seat {
                    predicted |= a.index() << (n - 1 - l);
                }
            }
        }
        let outsiders: Vec<usize> = Self::outsider_seats(view).collect();
        let u = |a: Action| {
            let idx = predicted | a.index() << (n - 1 - view.seat);
            let own = view.game.payoff(view.seat, idx);
            if outsiders.is_empty() {
                return own;
            }
            let theirs = outsiders
                .iter()
                .map(|&l| view.game.payoff(l, idx))
                .sum::<f64>()
                / outsiders.len() as f64;
            own + LAMBDA * (own - theirs)
        };
        u(Action::D) <= u(Action::C)
    }
}

/// True with probability `p`: one draw from `rng` when 0 < p < 1.
fn chance_of(p: f64, rng: &mut MatchRng) -> bool {
    p >= 1.0 || (p > 0.0 && unit_f64(rng) < p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::nplayer_catalogue::n_prisoners_dilemma;
    use crate::play::group::stage::GroupGame;
    use crate::play::group::view::SeatInfo;
    use rand::SeedableRng;
    use Action::{C, D};

    /// The n-player prisoner's dilemma with b = 3, c = 1.
    fn pd(n: usize) -> GroupGame {
        GroupGame::new(&n_prisoners_dilemma(n, 3.0, 1.0).unwrap().to_game().unwrap()).unwrap()
    }

    fn act(rule: GroupRule, seat: usize, last: Option<&[Action]>, allies: &[bool]) -> Action {
        let mut p = GroupPlayer::new(rule);
        let mut rng = MatchRng::seed_from_u64(0);
        p.next_action(
            &View {
                seat,
                turn: 5,
                last,
                allies,
                info: &SeatInfo::noiseless(allies.len()),
                game: &pd(allies.len()),
            },
            &mut rng,
        )
    }

    #[test]
    fn names_parse_back() {
        for r in default_field() {
            assert_eq!(GroupRule::parse(&r.to_string()).unwrap(), r, "{r}");
        }
        assert_eq!(GroupRule::parse("tft-all").unwrap(), GroupRule::TftAll);
        assert_eq!(GroupRule::parse("TFT (all)").unwrap(), GroupRule::TftAll);
        assert_eq!(
            GroupRule::parse("random").unwrap(),
            GroupRule::Random { p: 0.5 }
        );
        assert!(GroupRule::parse("Random(1.5)").is_err());
        assert!(GroupRule::parse("Threshold(1.5)").is_err());
        assert!(GroupRule::parse("Threshold").is_err());
        assert!(GroupRule::parse("Grim(2)").is_err());
        assert_eq!(
            GroupRule::parse("bayesian truster(0.4)").unwrap(),
            GroupRule::BayesianTruster { prior: 0.4 }
        );
        for r in [
            GroupRule::Paranoid,
            GroupRule::NoiseFilteredReciprocator,
            GroupRule::RelativeGainsMaximiser,
            GroupRule::BayesianTruster { prior: 0.75 },
            GroupRule::BayesianTruster { prior: 0.3 },
        ] {
            assert_eq!(GroupRule::parse(&r.to_string()).unwrap(), r, "{r}");
        }
        let e = GroupRule::parse("Nobody").unwrap_err().to_string();
        assert!(e.starts_with("unknown group strategy `Nobody`"), "{e}");
        assert_eq!(default_field().len(), 20);
    }

    #[test]
    fn reciprocators_count_the_others() {
        let none = [false; 4];
        let last = [C, D, C, C];
        // Seat 0 sees two other cooperators and one defector.
        assert_eq!(act(GroupRule::Threshold { k: 2 }, 0, Some(&last), &none), C);
        assert_eq!(act(GroupRule::Threshold { k: 3 }, 0, Some(&last), &none), D);
        assert_eq!(act(GroupRule::TftAll, 0, Some(&last), &none), D);
        assert_eq!(act(GroupRule::TftMajority, 0, Some(&last), &none), C);
        // Seat 1 (the defector) sees three cooperators: all cooperated.
        assert_eq!(act(GroupRule::TftAll, 1, Some(&last), &none), C);
        assert_eq!(act(GroupRule::Wsls, 0, Some(&last), &none), D);
        assert_eq!(act(GroupRule::Wsls, 0, Some(&[D, D, D, D]), &none), C);
        for r in default_field() {
            if !matches!(
                r,
                GroupRule::Defector | GroupRule::Random { .. } | GroupRule::DeterrenceHardliner
            ) {
                assert_eq!(act(r.clone(), 0, None, &none), C, "{r} opens with C");
            }
        }
    }

    #[test]
    fn security_rules_tell_allies_from_outsiders() {
        // Seats 0 and 1 allied, 2 and 3 outsiders; seen from seat 0.
        let allies = [false, true, false, false];
        let ally_arms = [C, D, C, C];
        let outsider_arms = [C, C, D, C];
        let both_arm = [C, D, D, C];
        let cases = [
            (GroupRule::BlocReciprocator, [C, D, D]),
            (GroupRule::ChainGanger, [D, D, D]),
            (GroupRule::BuckPasser, [C, D, C]),
            (GroupRule::Balancer, [C, D, C]),
        ];
        for (rule, want) in cases {
            let got = [
                act(rule.clone(), 0, Some(&ally_arms), &allies),
                act(rule.clone(), 0, Some(&outsider_arms), &allies),
                act(rule.clone(), 0, Some(&both_arm), &allies),
            ];
            assert_eq!(got, want, "{rule}");
        }
    }

    #[test]
    fn lifted_security_rules_ignore_allies_and_answer_outsiders() {
        // Seats 0 and 1 allied, 2 and 3 outsiders; seen from seat 0 on the
        // second turn after restraining on the first.
        let allies = [false, true, false, false];
        let info = SeatInfo::noiseless(4);
        let game = pd(4);
        let second = |rule: GroupRule, last: [Action; 4], seed: u64| {
            let mut p = GroupPlayer::new(rule);
            let mut rng = MatchRng::seed_from_u64(seed);
            let mut view = View {
                seat: 0,
                turn: 0,
                last: None,
                allies: &allies,
                info: &info,
                game: &game,
            };
            assert_eq!(p.next_action(&view, &mut rng), C);
            view.turn = 1;
            view.last = Some(&last);
            p.next_action(&view, &mut rng)
        };
        let truster = GroupRule::BayesianTruster { prior: 0.75 };
        for seed in 0..20 {
            assert_eq!(second(GroupRule::Paranoid, [C, C, D, C], seed), D);
            assert_eq!(second(GroupRule::Paranoid, [C, C, C, D], seed), D);
            // An ally's arming changes nothing: the same draws as when
            // everybody restrained.
            assert_eq!(
                second(GroupRule::Paranoid, [C, D, C, C], seed),
                second(GroupRule::Paranoid, [C, C, C, C], seed)
            );
        }
        // Without noise an unprovoked arming is proof enough (posterior
        // 0.0075 / 0.2575 < 1/2); an ally's is not looked at.
        assert_eq!(second(truster.clone(), [C, C, D, C], 0), D);
        assert_eq!(second(truster.clone(), [C, D, C, C], 0), C);
        assert_eq!(second(truster, [C, C, C, C], 0), C);
        // Without noise the filter explains nothing: an outsider's arming is
        // answered, an ally's is not.
        let filter = GroupRule::NoiseFilteredReciprocator;
        assert_eq!(second(filter.clone(), [C, C, D, C], 0), D);
        assert_eq!(second(filter, [C, D, C, C], 0), C);
        // Paranoid restrains mostly when all restrain: 1 - 0.05 per outsider.
        let restraints = (0..2000)
            .filter(|&s| second(GroupRule::Paranoid, [C, C, C, C], s) == C)
            .count();
        assert!(
            (restraints as f64 / 2000.0 - 0.95 * 0.95).abs() < 0.03,
            "{restraints}"
        );
    }

    #[test]
    fn the_relative_gains_maximiser_weighs_outsiders_only() {
        // Public goods of three, r = 4, c = 1: contributing gains the
        // contributor 4/3 - 1 > 0 but the others 4/3 each, so it pays alone
        // (no outsiders) and not against outsiders (4/3 - 2 < 0).
        use crate::game::nplayer_catalogue::public_goods;
        let game = GroupGame::new(&public_goods(3, 4.0, 1.0).unwrap().to_game().unwrap()).unwrap();
        let info = SeatInfo::noiseless(3);
        let first = |allies: &[bool]| {
            let view = View {
                seat: 0,
                turn: 0,
                last: None,
                allies,
                info: &info,
                game: &game,
            };
            GroupPlayer::new(GroupRule::RelativeGainsMaximiser)
                .next_action(&view, &mut MatchRng::seed_from_u64(0))
        };
        assert_eq!(first(&[false, true, true]), C);
        assert_eq!(first(&[false, false, false]), D);
        assert_eq!(first(&[false, true, false]), D);
    }

    #[test]
    fn grim_and_the_hard_liner_remember() {
        let none = [false; 3];
        let mut rng = MatchRng::seed_from_u64(0);
        let info = SeatInfo::noiseless(3);
        let game = pd(3);
        let mut grim = GroupPlayer::new(GroupRule::Grim);
        let mut hard = GroupPlayer::new(GroupRule::DeterrenceHardliner);
        let profiles: [Option<&[Action]>; 5] = [
            None,
            Some(&[C, C, C]),
            Some(&[C, D, C]),
            Some(&[C, C, C]),
            Some(&[C, C, C]),
        ];
        let mut g = Vec::new();
        let mut h = Vec::new();
        for (t, last) in profiles.iter().enumerate() {
            let view = View {
                seat: 0,
                turn: t as u64,
                last: *last,
                allies: &none,
                info: &info,
                game: &game,
            };
            g.push(grim.next_action(&view, &mut rng));
            h.push(hard.next_action(&view, &mut rng));
        }
        assert_eq!(g, vec![C, C, D, D, D]);
        assert_eq!(h, vec![D, D, D, D, C]);
        grim.reset();
        assert_eq!(grim, GroupPlayer::new(GroupRule::Grim));
    }
}
