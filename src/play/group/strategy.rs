//! Strategies of n-player matches with two actions (docs/model.md §20.5).
//!
//! A strategy is a [`GroupRule`] (data: a name and at most one number, e.g.
//! `Threshold(2)`) and a [`GroupPlayer`] plays it, keeping what the rule
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

use crate::action::Action;
use crate::error::{Error, Result};
use crate::strategy::{unit_f64, MatchRng};
use serde::{Deserialize, Serialize};
use std::fmt;

/// What a player sees before it moves.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    /// Its seat.
    pub seat: usize,
    /// The turn about to be played (0 for the first).
    pub turn: u64,
    /// Last turn's profile as it perceived it (its own real move in its own
    /// seat); `None` on the first turn.
    pub last: Option<&'a [Action]>,
    /// `allies[l]`: seat `l` is an ally (never its own seat).
    pub allies: &'a [bool],
}

impl View<'_> {
    /// Among the other seats `of` selects, how many cooperated and how many
    /// defected last turn, as perceived (0, 0 on the first turn).
    fn counts(&self, of: impl Fn(usize) -> bool) -> (usize, usize) {
        let Some(last) = self.last else {
            return (0, 0);
        };
        let mut c = (0, 0);
        for (l, &a) in last.iter().enumerate() {
            if l != self.seat && of(l) {
                if a == Action::C {
                    c.0 += 1;
                } else {
                    c.1 += 1;
                }
            }
        }
        c
    }

    fn others(&self) -> (usize, usize) {
        self.counts(|_| true)
    }

    fn outsiders(&self) -> (usize, usize) {
        self.counts(|l| !self.allies[l])
    }

    fn ally_counts(&self) -> (usize, usize) {
        self.counts(|l| self.allies[l])
    }
}

/// An n-player strategy, as data.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
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
        }
    }
}

/// Lower case, letters and digits only.
fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

impl GroupRule {
    /// The rule named `text`: a name of [`default_field`]'s strategies
    /// (case, spaces and punctuation ignored), or `Random(p)`,
    /// `Threshold(k)`, `Spiral Reciprocator(γ)` with their number
    /// (`Random` alone is p = 0.5, `Spiral Reciprocator` alone γ = 0.1).
    ///
    /// # Errors
    /// [`Error::Unknown`] for an unknown name; [`Error::InvalidParameter`]
    /// for a number out of range.
    pub fn parse(text: &str) -> Result<Self> {
        if let Some(r) = NAMED.iter().find(|r| key(&r.to_string()) == key(text)) {
            return Ok(*r);
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
                    known: default_field()
                        .iter()
                        .map(|r| r.to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                })
            }
        };
        Ok(rule)
    }
}

/// A player of a [`GroupRule`] with what it remembers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupPlayer {
    /// The rule.
    pub rule: GroupRule,
    /// Grim: triggered; Deterrence Hard-liner: the outsiders all cooperated
    /// the turn before last.
    flag: bool,
}

impl GroupPlayer {
    /// A fresh player of `rule`.
    pub fn new(rule: GroupRule) -> Self {
        let mut p = GroupPlayer { rule, flag: false };
        p.reset();
        p
    }

    /// Forgets the last match.
    pub fn reset(&mut self) {
        self.flag = false;
    }

    /// The move for the turn `view` describes; draws from `rng` only for a
    /// probability strictly between 0 and 1.
    pub fn next_action(&mut self, view: &View<'_>, rng: &mut MatchRng) -> Action {
        use GroupRule::*;
        let chance = |p: f64, rng: &mut MatchRng| p >= 1.0 || (p > 0.0 && unit_f64(rng) < p);
        let first = view.last.is_none();
        let cooperate = match self.rule {
            Cooperator => true,
            Defector => false,
            Random { p } => chance(p, rng),
            _ if first && self.rule != DeterrenceHardliner => true,
            Threshold { k } => view.others().0 >= k,
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
            SpiralReciprocator { gamma } => view.outsiders().1 == 0 || chance(gamma, rng),
            DeterrenceHardliner => {
                let now = !first && view.outsiders().1 == 0;
                let both = now && self.flag;
                self.flag = now;
                both
            }
            Reassurer => view.turn < 3 || (view.turn + 1) % 10 == 0 || view.outsiders().1 == 0,
        };
        Action::from_cooperation(cooperate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use Action::{C, D};

    fn act(rule: GroupRule, seat: usize, last: Option<&[Action]>, allies: &[bool]) -> Action {
        let mut p = GroupPlayer::new(rule);
        let mut rng = MatchRng::seed_from_u64(0);
        p.next_action(
            &View {
                seat,
                turn: 5,
                last,
                allies,
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
                assert_eq!(act(r, 0, None, &none), C, "{r} opens with C");
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
                act(rule, 0, Some(&ally_arms), &allies),
                act(rule, 0, Some(&outsider_arms), &allies),
                act(rule, 0, Some(&both_arm), &allies),
            ];
            assert_eq!(got, want, "{rule}");
        }
    }

    #[test]
    fn grim_and_the_hard_liner_remember() {
        let none = [false; 3];
        let mut rng = MatchRng::seed_from_u64(0);
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
