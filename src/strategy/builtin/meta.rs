//! Meta strategies: a team of strategies each proposes a move every turn and
//! a rule picks the move played, as Axelrod-Python's meta players do.
//!
//! Every member keeps its own history: its own *proposals* (not the moves
//! the meta player made) beside the opponent's moves, so each member plays
//! as it would have played the whole match alone against the same opponent.
//! The rules:
//!
//! - **majority** / **minority**: defect when more (fewer) members propose D
//!   than C, else cooperate;
//! - **winner**: each member's running score is the payoff its proposals
//!   would have earned against the opponent's moves; play C if any member
//!   with the best score proposes C, else D;
//! - **winner ensemble**: the proposal of a member drawn uniformly from the
//!   best `max(1, ⌊0.08 n⌋)` of the `n` members by running score (ties to
//!   the later member);
//! - **mixer**: the proposal of a member drawn uniformly;
//! - **hunter**: defect when any member (a team of hunters) proposes D;
//!   otherwise, after 100 turns, repeat the opponent's last move, and before
//!   that cooperate.
//!
//! A *nice* meta player never defects before the opponent has (Axelrod-Python's
//! `NiceTransformer`): its members still propose and score as usual.
//!
//! ## References
//! - Axelrod-Python 4.14, `axelrod/strategies/meta.py` (`MetaPlayer` and its
//!   subclasses, written by Karol Langner, Marc Harper and Vince Knight) and
//!   `strategy_transformers.py` (`NiceTransformer`).

use super::kit::entry;
use crate::strategy::context::Context;
use crate::strategy::core::{Classifier, Strategy};
use crate::strategy::entry::Entry;
use crate::strategy::history::History;
use crate::Action::{self, C, D};

/// How a meta player turns its team's proposals into a move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaRule {
    /// Defect when more members propose D than C.
    Majority,
    /// Defect when fewer members propose D than C.
    Minority,
    /// C if any member with the best running score proposes C, else D.
    Winner,
    /// A member drawn uniformly from the best 8% by running score.
    WinnerEnsemble,
    /// A member drawn uniformly.
    Mixer,
    /// Defect if any member (a hunter) proposes D; after 100 turns, else Tit
    /// For Tat; before, else C.
    Hunter,
}

impl MetaRule {
    /// Whether the rule keeps the members' running scores.
    fn scores(self) -> bool {
        matches!(self, MetaRule::Winner | MetaRule::WinnerEnsemble)
    }

    /// Whether the rule itself draws random numbers (with a team of two or
    /// more).
    fn draws(self) -> bool {
        matches!(self, MetaRule::WinnerEnsemble | MetaRule::Mixer)
    }
}

/// A meta player: a named team of strategies and the [`MetaRule`] that picks
/// the move from their proposals.
#[derive(Debug, Clone)]
pub struct MetaPlayer {
    name: String,
    rule: MetaRule,
    nice: bool,
    team: Vec<Box<dyn Strategy>>,
    /// `histories[k]`: member `k`'s proposals and the opponent's moves.
    histories: Vec<History>,
    /// Each member's proposal for the turn being played.
    proposals: Vec<Action>,
    /// Each member's running score (rules that keep one).
    scores: Vec<f64>,
    /// Member indices, reused by the ensemble to find the best scorers.
    order: Vec<usize>,
    classifier: Classifier,
}

impl MetaPlayer {
    /// A meta player named `name` over `team` (in the order ties are broken
    /// by), that never defects first when `nice`. The classifier is derived
    /// from the team's: unbounded memory; stochastic when a member is or the
    /// rule draws; using the match length or the game when a member does (and
    /// the game when the rule keeps scores).
    ///
    /// # Panics
    /// If `team` is empty.
    pub fn new(
        name: impl Into<String>,
        rule: MetaRule,
        nice: bool,
        team: Vec<Box<dyn Strategy>>,
    ) -> MetaPlayer {
        assert!(!team.is_empty(), "a meta player needs a team");
        let classes: Vec<Classifier> = team.iter().map(|m| m.classifier()).collect();
        let classifier = Classifier {
            memory_depth: None,
            stochastic: classes.iter().any(|c| c.stochastic) || (rule.draws() && team.len() > 1),
            uses_match_length: classes.iter().any(|c| c.uses_match_length),
            uses_game: rule.scores() || classes.iter().any(|c| c.uses_game),
        };
        let n = team.len();
        MetaPlayer {
            name: name.into(),
            rule,
            nice,
            team,
            histories: vec![History::new(); n],
            proposals: vec![C; n],
            scores: vec![0.0; n],
            order: (0..n).collect(),
            classifier,
        }
    }

    /// The number of members.
    pub fn team_size(&self) -> usize {
        self.team.len()
    }

    /// The members' names, in team order.
    pub fn team_names(&self) -> Vec<&str> {
        self.team.iter().map(|m| m.name()).collect()
    }

    /// Records last turn (each member's proposal against the opponent's
    /// move) in the members' histories and scores.
    fn record_last_turn(&mut self, h: &History, ctx: &Context<'_>) {
        let Some(theirs) = h.last_opp() else {
            return;
        };
        let keep_scores = self.rule.scores();
        for (k, history) in self.histories.iter_mut().enumerate() {
            let mine = self.proposals[k];
            history.push(mine, theirs);
            if keep_scores {
                self.scores[k] += ctx.payoffs.own(mine, theirs);
            }
        }
    }

    /// The rule's move from this turn's proposals.
    fn decide(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        let defections = self.proposals.iter().filter(|&&a| a == D).count();
        let cooperations = self.proposals.len() - defections;
        match self.rule {
            MetaRule::Majority => Action::from_cooperation(defections <= cooperations),
            MetaRule::Minority => Action::from_cooperation(defections >= cooperations),
            MetaRule::Winner => {
                let best = self.scores.iter().copied().fold(f64::MIN, f64::max);
                let any_c =
                    (0..self.team.len()).any(|k| self.scores[k] == best && self.proposals[k] == C);
                Action::from_cooperation(any_c)
            }
            MetaRule::WinnerEnsemble => {
                let n = self.team.len();
                if n == 1 {
                    return self.proposals[0];
                }
                let best = ((n as f64 * 0.08) as usize).max(1);
                // The `best` first members in the order best score first,
                // among equal scores the later member first (a total order,
                // so the set is exact), in any order among themselves: the
                // draw is uniform over the set.
                let scores = &self.scores;
                let order = &mut self.order;
                order.clear();
                order.extend(0..n);
                order.select_nth_unstable_by(best - 1, |&a, &b| {
                    scores[b].total_cmp(&scores[a]).then(b.cmp(&a))
                });
                order[..best].sort_unstable();
                let pick = order[ctx.random_range(0, best as u64) as usize];
                self.proposals[pick]
            }
            MetaRule::Mixer => {
                let pick = ctx.random_range(0, self.team.len() as u64) as usize;
                self.proposals[pick]
            }
            MetaRule::Hunter => {
                if defections > 0 {
                    D
                } else if h.len() > 100 {
                    h.last_opp().unwrap_or(C)
                } else {
                    C
                }
            }
        }
    }
}

impl Strategy for MetaPlayer {
    fn name(&self) -> &str {
        &self.name
    }
    fn classifier(&self) -> Classifier {
        self.classifier
    }
    fn reset(&mut self) {
        for (member, history) in self.team.iter_mut().zip(&mut self.histories) {
            member.reset();
            history.clear();
        }
        self.proposals.fill(C);
        self.scores.fill(0.0);
    }
    fn next_action(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        if h.len() < self.histories.first().map_or(0, |m| m.len()) {
            // A history that does not extend the one seen: a new match.
            self.reset();
        }
        if h.is_empty() {
            // A match's first turn: room for every turn it announces.
            let turns = ctx.match_length.unwrap_or(0) as usize;
            for history in &mut self.histories {
                history.reserve(turns);
            }
        }
        self.record_last_turn(h, ctx);
        for k in 0..self.team.len() {
            self.proposals[k] = self.team[k].next_action(&self.histories[k], ctx);
        }
        let action = self.decide(h, ctx);
        if self.nice && action == D && h.opp_defections() == 0 {
            C
        } else {
            action
        }
    }
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(self.clone())
    }
}

/// The hunters of Meta Hunter, in Axelrod-Python's team order.
const HUNTERS: [&str; 6] = [
    "Defector Hunter",
    "Alternator Hunter",
    "Random Hunter",
    "Math Constant Hunter",
    "Cycle Hunter",
    "Eventual Cycle Hunter",
];

/// Which strategies of the library a meta player's team holds.
#[derive(Debug, Clone, Copy)]
enum Team {
    All,
    MemoryOne,
    FiniteMemory,
    LongMemory,
    Deterministic,
    Stochastic,
}

impl Team {
    fn admits(self, c: Classifier) -> bool {
        match self {
            Team::All => true,
            Team::MemoryOne => c.memory_depth.is_some_and(|d| d <= 1),
            Team::FiniteMemory => c.memory_depth.is_some(),
            Team::LongMemory => c.memory_depth.is_none(),
            Team::Deterministic => !c.stochastic,
            Team::Stochastic => c.stochastic,
        }
    }
}

/// The meta players over the library: name, Axelrod-Python class, rule,
/// nice, team.
const LIBRARY_METAS: [(&str, &str, MetaRule, bool, Team); 20] = [
    (
        "Meta Majority",
        "MetaMajority",
        MetaRule::Majority,
        false,
        Team::All,
    ),
    (
        "Meta Minority",
        "MetaMinority",
        MetaRule::Minority,
        false,
        Team::All,
    ),
    (
        "Meta Winner",
        "MetaWinner",
        MetaRule::Winner,
        false,
        Team::All,
    ),
    (
        "Meta Winner Ensemble",
        "MetaWinnerEnsemble",
        MetaRule::WinnerEnsemble,
        false,
        Team::All,
    ),
    (
        "Nice Meta Winner",
        "NiceMetaWinner",
        MetaRule::Winner,
        true,
        Team::All,
    ),
    (
        "Nice Meta Winner Ensemble",
        "NiceMetaWinnerEnsemble",
        MetaRule::WinnerEnsemble,
        true,
        Team::All,
    ),
    ("Meta Mixer", "MetaMixer", MetaRule::Mixer, false, Team::All),
    (
        "Meta Majority Memory One",
        "MetaMajorityMemoryOne",
        MetaRule::Majority,
        false,
        Team::MemoryOne,
    ),
    (
        "Meta Majority Finite Memory",
        "MetaMajorityFiniteMemory",
        MetaRule::Majority,
        false,
        Team::FiniteMemory,
    ),
    (
        "Meta Majority Long Memory",
        "MetaMajorityLongMemory",
        MetaRule::Majority,
        false,
        Team::LongMemory,
    ),
    (
        "Meta Winner Memory One",
        "MetaWinnerMemoryOne",
        MetaRule::Winner,
        false,
        Team::MemoryOne,
    ),
    (
        "Meta Winner Finite Memory",
        "MetaWinnerFiniteMemory",
        MetaRule::Winner,
        false,
        Team::FiniteMemory,
    ),
    (
        "Meta Winner Long Memory",
        "MetaWinnerLongMemory",
        MetaRule::Winner,
        false,
        Team::LongMemory,
    ),
    (
        "Meta Winner Deterministic",
        "MetaWinnerDeterministic",
        MetaRule::Winner,
        false,
        Team::Deterministic,
    ),
    (
        "Meta Winner Stochastic",
        "MetaWinnerStochastic",
        MetaRule::Winner,
        false,
        Team::Stochastic,
    ),
    (
        "NMWE Memory One",
        "NMWEMemoryOne",
        MetaRule::WinnerEnsemble,
        true,
        Team::MemoryOne,
    ),
    (
        "NMWE Finite Memory",
        "NMWEFiniteMemory",
        MetaRule::WinnerEnsemble,
        true,
        Team::FiniteMemory,
    ),
    (
        "NMWE Long Memory",
        "NMWELongMemory",
        MetaRule::WinnerEnsemble,
        true,
        Team::LongMemory,
    ),
    (
        "NMWE Deterministic",
        "NMWEDeterministic",
        MetaRule::WinnerEnsemble,
        true,
        Team::Deterministic,
    ),
    (
        "NMWE Stochastic",
        "NMWEStochastic",
        MetaRule::WinnerEnsemble,
        true,
        Team::Stochastic,
    ),
];

/// Axelrod-Python's meta players whose teams are drawn from the library
/// (Meta Majority, Meta Winner, the NMWE family, ...) and Meta Hunter and
/// Meta Hunter Aggressive, for a registry holding `library`.
///
/// A library team holds, as Axelrod-Python's `ordinary_strategies` do,
/// every strategy of `library` taken from Axelrod-Python
/// ([`Entry::axelrod_class`]) except the meta players (of which Memory Decay
/// is one there), filtered by this project's classifiers and ordered by
/// Axelrod-Python class name. That is Axelrod-Python's order but for one
/// pair (Spiteful Tit For Tat before Spiteful CC there), which matters only
/// to the ensemble's tie-breaks among equal scores; strategies not
/// implemented are missing from the teams.
pub fn entries(library: &[Entry]) -> crate::Result<Vec<Entry>> {
    let mut members: Vec<(&str, &Entry)> = library
        .iter()
        .filter_map(|e| e.axelrod_class().map(|class| (class, e)))
        .filter(|(class, _)| *class != "MemoryDecay")
        .collect();
    members.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = Vec::new();
    for (name, class, rule, nice, team) in LIBRARY_METAS {
        let players: Vec<Box<dyn Strategy>> = members
            .iter()
            .filter(|(_, e)| team.admits(e.classifier()))
            .map(|(_, e)| e.create())
            .collect();
        let size = players.len();
        let made = entry(
            MetaPlayer::new(name, rule, nice, players),
            &[class],
            &format!(
                "{}: {size} strategies of the library",
                rule_summary(rule, nice)
            ),
            &format!("Karol Langner and Marc Harper; Axelrod-Python {class}"),
        );
        // As Axelrod-Python: long-running unless the team is the memory-one
        // strategies (a few dozen).
        out.push(if matches!(team, Team::MemoryOne) {
            made
        } else {
            made.long_running()
        });
    }
    let find = |name: &str| -> crate::Result<Box<dyn Strategy>> {
        library
            .iter()
            .find(|e| e.name() == name)
            .map(|e| e.create())
            .ok_or_else(|| crate::Error::Unknown {
                kind: "strategy",
                name: name.to_string(),
                known: "a hunter of the built-in library".to_string(),
            })
    };
    let team = |names: &[&str]| -> crate::Result<Vec<Box<dyn Strategy>>> {
        names.iter().map(|n| find(n)).collect()
    };
    let mut aggressive: Vec<&str> = HUNTERS.to_vec();
    aggressive.push("Cooperator Hunter");
    out.push(entry(
        MetaPlayer::new("Meta Hunter", MetaRule::Hunter, false, team(&HUNTERS)?),
        &["MetaHunter"],
        "Defects when any of six hunters (defector, alternator, random, math-constant, cycle, eventual-cycle) would; after 100 turns plays Tit For Tat, before that cooperates.",
        "Karol Langner; Axelrod-Python MetaHunter",
    ));
    out.push(entry(
        MetaPlayer::new(
            "Meta Hunter Aggressive",
            MetaRule::Hunter,
            false,
            team(&aggressive)?,
        ),
        &["MetaHunterAggressive"],
        "Meta Hunter with the Cooperator Hunter added to its team.",
        "Marc Harper; Axelrod-Python MetaHunterAggressive",
    ));
    Ok(out)
}

/// One line on what a library meta player does.
fn rule_summary(rule: MetaRule, nice: bool) -> String {
    let what = match rule {
        MetaRule::Majority => "Plays the move most of its team proposes",
        MetaRule::Minority => "Plays the move fewer of its team propose",
        MetaRule::Winner => "Plays as the team member whose proposals have scored best",
        MetaRule::WinnerEnsemble => "Plays as a member drawn from the best-scoring 8% of its team",
        MetaRule::Mixer => "Plays as a member of its team drawn uniformly each turn",
        MetaRule::Hunter => "Defects when any hunter of its team would",
    };
    if nice {
        format!("{what}, never defecting first")
    } else {
        what.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Move;
    use crate::strategy::context::{MatchRng, Payoffs};
    use crate::strategy::registry::Registry;
    use rand::SeedableRng;

    fn team(names: &[&str]) -> Vec<Box<dyn Strategy>> {
        let reg = Registry::builtin();
        names.iter().map(|n| reg.create(n).unwrap()).collect()
    }

    /// Plays `meta` against the fixed opponent moves `theirs`; its moves.
    fn play(meta: &mut MetaPlayer, theirs: &str) -> String {
        let payoffs = Payoffs::symmetric(3.0, 0.0, 5.0, 1.0);
        let mut rng = MatchRng::seed_from_u64(7);
        let mut h = History::new();
        meta.reset();
        let mut out = String::new();
        for t in theirs.chars() {
            let mut ctx = Context::new(&payoffs, Some(theirs.len() as u64), &mut rng);
            let a = meta.next_action(&h, &mut ctx);
            out.push(a.letter());
            h.push(a, if t == 'C' { C } else { D });
        }
        out
    }

    #[test]
    fn majority_and_minority_follow_the_vote_of_members_playing_alone() {
        // Tit For Tat and Grudger each see their own proposals: after the
        // opponent's single D, Grudger defects for ever, Tit For Tat once.
        let names = ["Cooperator", "Tit For Tat", "Grudger"];
        let theirs = "CDCCCC";
        let mut majority = MetaPlayer::new("m", MetaRule::Majority, false, team(&names));
        // Votes D: 0, 0, 2, 1, 1, 1 -> majority D only on turn 3.
        assert_eq!(play(&mut majority, theirs), "CCDCCC");
        let mut minority = MetaPlayer::new("m", MetaRule::Minority, false, team(&names));
        // Minority defects when D has fewer votes than C: turns 1, 2, 4, 5, 6.
        assert_eq!(play(&mut minority, theirs), "DDCDDD");
    }

    #[test]
    fn a_tie_between_c_and_d_votes_cooperates_under_both_rules() {
        let names = ["Cooperator", "Defector"];
        let mut majority = MetaPlayer::new("m", MetaRule::Majority, false, team(&names));
        assert_eq!(play(&mut majority, "CCC"), "CCC");
        let mut minority = MetaPlayer::new("m", MetaRule::Minority, false, team(&names));
        assert_eq!(play(&mut minority, "CCC"), "CCC");
    }

    #[test]
    fn winner_follows_the_member_whose_proposals_scored_best() {
        // Against an opponent that always cooperates, Defector scores 5 a
        // turn and Cooperator 3: after the first turn (scores equal, a C among
        // the best) the winner defects.
        let names = ["Cooperator", "Defector"];
        let mut winner = MetaPlayer::new("w", MetaRule::Winner, false, team(&names));
        assert_eq!(play(&mut winner, "CCCC"), "CDDD");
        // Against a defector, Defector scores 1 a turn and Cooperator 0.
        assert_eq!(play(&mut winner, "DDDD"), "CDDD");
        // The nice winner does not defect before the opponent has.
        let mut nice = MetaPlayer::new("w", MetaRule::Winner, true, team(&names));
        assert_eq!(play(&mut nice, "CCDC"), "CCCD");
    }

    #[test]
    fn the_ensemble_draws_among_the_best_eight_percent() {
        // 25 members: the best 2 by score. Twelve Defectors outscore
        // thirteen Cooperators against a cooperator from the second turn on;
        // ties go to the later members, so the first turn draws among two
        // Cooperators placed last.
        let mut names = vec!["Defector"; 12];
        names.extend(["Cooperator"; 13]);
        let mut e = MetaPlayer::new("e", MetaRule::WinnerEnsemble, false, team(&names));
        assert!(e.classifier().stochastic);
        assert_eq!(play(&mut e, "CCCCCC"), "CDDDDD");
    }

    #[test]
    fn the_mixer_plays_each_members_proposal_about_equally_often() {
        let names = ["Cooperator", "Defector", "Defector", "Defector"];
        let mut m = MetaPlayer::new("x", MetaRule::Mixer, false, team(&names));
        let moves = play(&mut m, &"C".repeat(4000));
        let c = moves.chars().filter(|&a| a == 'C').count() as f64 / 4000.0;
        // Binomial(4000, 1/4): standard error 0.0068.
        assert!((c - 0.25).abs() < 0.03, "{c}");
    }

    #[test]
    fn the_classifier_comes_from_the_team_and_the_rule() {
        let det = MetaPlayer::new("m", MetaRule::Majority, false, team(&["Tit For Tat"]));
        assert!(!det.classifier().stochastic);
        assert_eq!(det.classifier().memory_depth, None);
        assert!(!det.classifier().uses_game);
        let mixed = team(&["Tit For Tat", "Random"]);
        assert!(
            MetaPlayer::new("m", MetaRule::Majority, false, mixed)
                .classifier()
                .stochastic
        );
        assert!(
            MetaPlayer::new("w", MetaRule::Winner, false, team(&["Tit For Tat"]))
                .classifier()
                .uses_game
        );
    }

    #[test]
    fn the_hunter_rule_defects_on_any_alarm_and_plays_tit_for_tat_late() {
        let mut m = MetaPlayer::new("h", MetaRule::Hunter, false, team(&["Defector Hunter"]));
        // An opponent that only defects is caught from turn 5 on.
        assert_eq!(play(&mut m, "DDDDDD"), "CCCCDD");
        // After 100 turns without an alarm it answers the last move.
        let theirs = format!("{}DC", "C".repeat(101));
        let moves = play(&mut m, &theirs);
        assert_eq!(&moves[101..], "CD");
    }
}
