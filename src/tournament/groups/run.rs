//! A tournament of groups, ready to run: the job loop (docs/model.md §20.6).

use super::config::{GroupGameSpec, GroupTournamentConfig};
use super::draw::{all_groups, combinations, sampled_groups};
use super::results::{AllyCounts, GroupAccumulator, GroupResults, SeatOutcome};
use crate::error::{Error, Result};
use crate::game::alliance::AllianceGame;
use crate::game::nplayer_catalogue;
use crate::parallel::{for_each_ordered, pool};
use crate::play::group::{
    parse_group_strategies, play_group, GroupGame, GroupOutcome, GroupPlayer, GroupRule,
    GroupRules, GroupTable, MAX_GROUP,
};
use crate::play::{group_seed, MatchLength};
use crate::tournament::output::StrategyFile;
use std::sync::Arc;

/// A checked tournament of groups.
#[derive(Debug, Clone)]
pub struct GroupTournament {
    config: GroupTournamentConfig,
    rules: Vec<GroupRule>,
    names: Vec<String>,
    game: GroupGame,
    match_rules: GroupRules,
    groups: Vec<Vec<usize>>,
    rotations: usize,
    /// Each seat's bloc, and the blocs' names (the alliance game's; one
    /// bloc `all` for a catalogue game).
    seat_bloc: Vec<usize>,
    bloc_names: Vec<String>,
    /// The seats of the first two members of the first bloc with two.
    ally_pair: Option<(usize, usize)>,
}

/// The strategies of the group strategy files, in order.
///
/// # Errors
/// A file's own errors ([`parse_group_strategies`]); a strategy whose name
/// is a built-in rule's or another file's ([`Error::StrategyFile`]).
pub fn group_tables(files: &[StrategyFile]) -> Result<Vec<Arc<GroupTable>>> {
    let mut tables: Vec<Arc<GroupTable>> = Vec::new();
    for f in files {
        for t in parse_group_strategies(&f.contents, &f.path)? {
            let clash = |message: String| Error::StrategyFile {
                file: f.path.clone(),
                strategy: t.name().to_string(),
                field: "name".into(),
                message,
            };
            if let Ok(builtin) = GroupRule::parse(t.name()) {
                return Err(clash(format!(
                    "duplicate name: `{builtin}` is a built-in group strategy"
                )));
            }
            if GroupRule::parse_with(t.name(), &tables).is_ok() {
                return Err(clash(format!(
                    "duplicate name: `{}` is already defined in another file",
                    t.name()
                )));
            }
            tables.push(Arc::new(t));
        }
    }
    Ok(tables)
}

fn config_error(field: &str, message: String) -> Error {
    Error::Config {
        field: field.into(),
        message,
    }
}

impl GroupTournament {
    /// Checks `config` and builds the game, the rules and the groups.
    ///
    /// # Errors
    /// [`Error::Config`] for a group size below 2, above the field or above
    /// [`MAX_GROUP`], an alliance game with another number of states,
    /// perception noise with the alliance game, or no repetitions; the
    /// strategies', game's and rules' own errors.
    pub fn new(config: GroupTournamentConfig) -> Result<Self> {
        Self::build(config, true)
    }

    /// Checks `config` and builds the game and the rules for groups that
    /// may hold a strategy more than once (docs/model.md §20.8): the field
    /// may be smaller than the group size, and no groups are drawn
    /// ([`GroupTournament::groups`] is empty; play seatings with
    /// [`GroupTournament::play_seating`]).
    ///
    /// # Errors
    /// As [`GroupTournament::new`], without the field-size check, and
    /// [`Error::Config`] for a field of fewer than 2 strategies.
    pub fn with_repetition(config: GroupTournamentConfig) -> Result<Self> {
        if config.players.len() < 2 {
            return Err(config_error(
                "players",
                format!(
                    "{} strategies: evolution needs at least 2",
                    config.players.len()
                ),
            ));
        }
        Self::build(config, false)
    }

    fn build(config: GroupTournamentConfig, distinct: bool) -> Result<Self> {
        let tables = group_tables(&config.strategy_files)?;
        let rules = config
            .players
            .iter()
            .map(|p| GroupRule::parse_with(p, &tables))
            .collect::<Result<Vec<_>>>()?;
        let m = rules.len();
        let n = config.group_size;
        if !(2..=MAX_GROUP).contains(&n) {
            return Err(config_error(
                "group_size",
                format!("{n} is not a group size: 2 to {MAX_GROUP} players"),
            ));
        }
        if distinct && n > m {
            return Err(config_error(
                "group_size",
                format!("groups of {n} cannot be drawn from a field of {m} players; give at least {n} players or a smaller group size"),
            ));
        }
        if config.repetitions == 0 {
            return Err(config_error("repetitions", "at least 1 repetition".into()));
        }
        crate::limits::check_match_length(config.turns, config.continuation)?;
        let length = match config.continuation {
            Some(p) => MatchLength::Continuation(p),
            None => MatchLength::Turns(config.turns),
        };
        let mut match_rules = GroupRules::turns(config.turns, n)
            .with_length(length)
            .with_noise(config.noise);
        let (game, seat_bloc, bloc_names) = match &config.game {
            GroupGameSpec::Catalogue { name, params } => {
                let mut over: Vec<(String, f64)> = Vec::new();
                for (k, &v) in params {
                    if k.eq_ignore_ascii_case("n") {
                        if v != n as f64 {
                            return Err(config_error(
                                "game.params.n",
                                format!("{v} players, but the groups have {n}: the game's n is the group size"),
                            ));
                        }
                    } else {
                        over.push((k.clone(), v));
                    }
                }
                over.push(("n".into(), n as f64));
                let game = GroupGame::new(&nplayer_catalogue::by_name(name, &over)?)?;
                match_rules = match_rules.with_perception_noise(config.perception_noise);
                // Every seat an outsider to every other: one bloc of all
                // seats, which the results do not split.
                (game, vec![0; n], vec!["all".to_string()])
            }
            GroupGameSpec::Alliance { alliance } => {
                if alliance.states.len() != n {
                    return Err(config_error(
                        "game.alliance.states",
                        format!(
                            "{} states, but the groups have {n} players: one state per seat",
                            alliance.states.len()
                        ),
                    ));
                }
                if config.perception_noise != 0.0 {
                    return Err(config_error(
                        "perception_noise",
                        "the alliance game's perception comes from the model (docs/model.md §20.4): set differentiation, paranoia and max_misperception instead".into(),
                    ));
                }
                let a = AllianceGame::new(alliance)?;
                for k in 0..n {
                    for l in 0..n {
                        if k != l {
                            match_rules.perception[k][l] = a.perception(k, l);
                        }
                    }
                }
                let blocs = a.blocs().clone();
                (GroupGame::from_alliance(&a)?, blocs.bloc_of, blocs.names)
            }
        };
        match_rules.validate()?;
        let total = combinations(m, n);
        let groups = if !distinct {
            Vec::new()
        } else if total <= config.max_groups {
            all_groups(m, n)
        } else {
            let count = usize::try_from(config.max_groups).map_err(|_| {
                config_error("max_groups", format!("{} is too many", config.max_groups))
            })?;
            sampled_groups(m, n, count, config.seed)
        };
        if distinct && groups.is_empty() {
            return Err(config_error("max_groups", "at least 1 group".into()));
        }
        let rotations = if game.is_symmetric() { 1 } else { n };
        let jobs = (groups.len() as u64).saturating_mul(config.repetitions as u64);
        if jobs > crate::limits::MAX_JOBS {
            return Err(config_error(
                "repetitions",
                format!("{jobs} group matches are too many"),
            ));
        }
        let alliance = matches!(config.game, GroupGameSpec::Alliance { .. });
        let ally_pair = (0..bloc_names.len()).filter(|_| alliance).find_map(|b| {
            let members: Vec<usize> = (0..n).filter(|&s| seat_bloc[s] == b).collect();
            (members.len() >= 2).then(|| (members[0], members[1]))
        });
        let names = rules.iter().map(|r| r.to_string()).collect();
        Ok(GroupTournament {
            config,
            rules,
            names,
            game,
            match_rules,
            groups,
            rotations,
            seat_bloc,
            bloc_names,
            ally_pair,
        })
    }

    /// The configuration.
    pub fn config(&self) -> &GroupTournamentConfig {
        &self.config
    }

    /// The players' names.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The groups, each in seat order (field indices).
    pub fn groups(&self) -> &[Vec<usize>] {
        &self.groups
    }

    /// Matches per group and repetition: 1, or n rotations for a game whose
    /// seats differ.
    pub fn rotations(&self) -> usize {
        self.rotations
    }

    /// The number of jobs: groups x repetitions.
    pub fn jobs(&self) -> usize {
        self.groups.len() * self.config.repetitions as usize
    }

    /// Plays job `k` (group `k mod G` in repetition `k / G`): every rotation.
    fn job(&self, k: usize) -> Result<Vec<(Vec<SeatOutcome>, AllyCounts)>> {
        let g = self.groups.len();
        let (rep, group) = (k / g, &self.groups[k % g]);
        let n = group.len();
        let mut out = Vec::with_capacity(self.rotations);
        for t in 0..self.rotations {
            let seating: Vec<usize> = (0..n).map(|s| group[(s + t) % n]).collect();
            let r = self.play_seating(&seating, rep as u64)?;
            let seats = seating
                .iter()
                .enumerate()
                .map(|(s, &p)| SeatOutcome {
                    player: p,
                    bloc: self.seat_bloc[s],
                    turns: r.turns,
                    score: r.scores[s],
                    cooperations: r.cooperations[s],
                })
                .collect();
            let mut allies = [0u64; 4];
            if let Some((i, l)) = self.ally_pair {
                let (bi, bl) = (n - 1 - i, n - 1 - l);
                for (idx, &c) in r.profiles.iter().enumerate() {
                    allies[((idx >> bi) & 1) * 2 + ((idx >> bl) & 1)] += c;
                }
            }
            out.push((seats, allies));
        }
        Ok(out)
    }

    /// Plays one match of `seating` (field indices in seat order, a player
    /// may sit more than once) in repetition `repetition`, with the seed of
    /// docs/model.md §20.6.
    ///
    /// # Errors
    /// A seating of the wrong size or naming no player of the field; the
    /// match's errors.
    pub fn play_seating(&self, seating: &[usize], repetition: u64) -> Result<GroupOutcome> {
        if seating.len() != self.config.group_size || seating.iter().any(|&p| p >= self.rules.len())
        {
            return Err(config_error(
                "seating",
                format!(
                    "{seating:?} is not {} players of a field of {}",
                    self.config.group_size,
                    self.rules.len()
                ),
            ));
        }
        let ids: Vec<u64> = seating.iter().map(|&p| p as u64).collect();
        let mut players: Vec<GroupPlayer> = seating
            .iter()
            .map(|&p| GroupPlayer::new(self.rules[p].clone()))
            .collect();
        let seed = group_seed(self.config.seed, &ids, repetition);
        play_group(&mut players, &self.game, &self.match_rules, seed)
    }

    /// Runs the tournament on `threads` threads (`None`: every core),
    /// calling `progress(jobs done)` now and then. The results do not
    /// depend on the thread count.
    ///
    /// # Errors
    /// A bad thread count; a match's error.
    pub fn run_with_threads(
        &self,
        threads: Option<usize>,
        progress: &mut (dyn FnMut(usize) + Send),
    ) -> Result<GroupResults> {
        let mut acc = GroupAccumulator::new(self.names.len(), self.bloc_names.len());
        let total = self.jobs();
        pool(threads)?.install(|| {
            for_each_ordered(
                true,
                total,
                || (),
                |_, k| self.job(k),
                &mut |k: usize, matches: Vec<(Vec<SeatOutcome>, AllyCounts)>| {
                    for (seats, allies) in &matches {
                        acc.add(seats, allies);
                    }
                    if (k + 1) % 256 == 0 || k + 1 == total {
                        progress(k + 1);
                    }
                    Ok(())
                },
            )
        })?;
        let ally_bloc = self.ally_pair.map(|(i, _)| self.seat_bloc[i]);
        Ok(acc.finish(&self.names, &self.bloc_names, ally_bloc, self.groups.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::alliance::{AllianceSpec, BlocSpec};
    use crate::game::SecurityDilemma;

    fn small(players: &[&str], n: usize) -> GroupTournamentConfig {
        GroupTournamentConfig {
            players: players.iter().map(|s| s.to_string()).collect(),
            group_size: n,
            turns: 10,
            repetitions: 2,
            ..GroupTournamentConfig::default()
        }
    }

    #[test]
    fn a_hand_computed_tournament() {
        // Cooperator, Defector and TFT (all) in groups of two on the
        // n-player PD with b = 3, c = 1 (two players: R = 2, S = -1, T = 3,
        // P = 0), 10 turns: C-D: -10 / 30; C-T: 20 / 20; D-T: 3 / -1 then 0.
        let t = GroupTournament::new(small(&["Cooperator", "Defector", "TFT (all)"], 2)).unwrap();
        assert_eq!(t.groups().len(), 3);
        let r = t.run_with_threads(Some(1), &mut |_| {}).unwrap();
        let row = |name: &str| r.rows.iter().find(|x| x.name == name).unwrap().clone();
        let c = row("Cooperator");
        assert_eq!(c.matches, 4);
        assert!((c.mean_payoff - (-1.0 + 2.0) / 2.0).abs() < 1e-12);
        let d = row("Defector");
        assert!((d.mean_payoff - (3.0 + 0.3) / 2.0).abs() < 1e-12);
        let tft = row("TFT (all)");
        assert!((tft.mean_payoff - (2.0 - 0.1) / 2.0).abs() < 1e-12);
        assert!((tft.cooperation - 11.0 / 20.0).abs() < 1e-12);
        assert_eq!(r.rows[0].name, "Defector");
        assert_eq!(r.matches, 6);
        assert!(r.allies.is_none() && r.blocs.is_empty());
    }

    #[test]
    fn results_do_not_depend_on_the_thread_count() {
        let mut config = GroupTournamentConfig {
            turns: 50,
            repetitions: 3,
            noise: 0.05,
            perception_noise: 0.02,
            ..GroupTournamentConfig::default()
        };
        config.players.truncate(9);
        let t = GroupTournament::new(config).unwrap();
        let one = t.run_with_threads(Some(1), &mut |_| {}).unwrap();
        let two = t.run_with_threads(Some(2), &mut |_| {}).unwrap();
        assert_eq!(one, two);
        assert_eq!(one.groups, 84);
    }

    fn alliance_config() -> GroupTournamentConfig {
        let mut a = AllianceSpec::plain(SecurityDilemma::default(), 3);
        a.blocs = vec![BlocSpec {
            name: "west".into(),
            members: vec!["1".into(), "2".into()],
        }];
        GroupTournamentConfig {
            game: GroupGameSpec::Alliance { alliance: a },
            ..small(
                &["Chain Ganger", "Buck Passer", "Defector", "Cooperator"],
                3,
            )
        }
    }

    #[test]
    fn the_alliance_game_rotates_seats_and_measures_allies() {
        let t = GroupTournament::new(alliance_config()).unwrap();
        assert_eq!(t.rotations(), 3);
        let one = t.run_with_threads(Some(1), &mut |_| {}).unwrap();
        assert_eq!(one, t.run_with_threads(Some(2), &mut |_| {}).unwrap());
        // 4 groups x 2 repetitions x 3 rotations.
        assert_eq!(one.matches, 24);
        let allies = one.allies.as_ref().unwrap();
        assert_eq!(allies.bloc, "west");
        assert_eq!(allies.turns, 240);
        // Each player sat twice in the bloc's seats per group and repetition.
        let west: u64 = one
            .blocs
            .iter()
            .filter(|b| b.bloc == "west" && b.name == "Defector")
            .map(|b| b.matches)
            .sum();
        assert_eq!(west, 3 * 2 * 2);
    }

    #[test]
    fn bad_configurations_are_refused_with_one_line() {
        let e = GroupTournament::new(small(&["Cooperator", "Defector"], 3))
            .unwrap_err()
            .to_string();
        assert_eq!(e, "`group_size`: groups of 3 cannot be drawn from a field of 2 players; give at least 3 players or a smaller group size");
        let mut c = alliance_config();
        c.group_size = 2;
        assert!(GroupTournament::new(c)
            .unwrap_err()
            .to_string()
            .contains("3 states, but the groups have 2"));
        let mut c = alliance_config();
        if let GroupGameSpec::Alliance { alliance } = &mut c.game {
            alliance.blocs[0].members.push("9".into());
        }
        assert!(GroupTournament::new(c)
            .unwrap_err()
            .to_string()
            .contains("names the unknown state `9`"));
        let mut c = alliance_config();
        c.perception_noise = 0.1;
        assert!(GroupTournament::new(c).is_err());
        assert!(GroupTournament::new(small(&["Cooperator", "Nobody"], 2)).is_err());
    }

    #[test]
    fn too_many_groups_are_sampled() {
        let config = GroupTournamentConfig {
            max_groups: 10,
            ..small(
                &[
                    "Cooperator",
                    "Defector",
                    "Grim",
                    "TFT (all)",
                    "Balancer",
                    "Random",
                ],
                3,
            )
        };
        let t = GroupTournament::new(config).unwrap();
        // C(6, 3) = 20 > 10: a seeded sample of 10.
        assert_eq!(t.groups().len(), 10);
        assert_eq!(t.groups(), &sampled_groups(6, 3, 10, 0)[..]);
    }
}
