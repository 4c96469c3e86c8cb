//! Round robins of the three-action security dilemma: the round robin of
//! [`crate::tournament`] over the postures ([`GameMatches`] of [`Posture`]).

use super::moves::Posture;
use super::perception::PosturePerception;
use super::play::{PostureGame, PostureMatchResult};
use super::results::{PostureAccumulator, PostureSide, PostureStatistics};
use super::strategy::create;
use crate::error::{Error, Result};
use crate::game::SecurityDilemma;
use crate::strategy::{Registry, Strategy};
use crate::tournament::output::{Manifest, StrategyFile};
use crate::tournament::{
    GameKind, GameMatches, GameSpec, PlayerSpec, RoundRobin, TournamentConfig, TournamentMoves,
};
use crate::MatrixGame;

/// The three-action security dilemma as a
/// [`MatchKind`](crate::tournament::MatchKind).
///
/// Built from a [`TournamentConfig`] with `three_action = true` whose game
/// (and out-group game, if any) is the security dilemma: every pair plays
/// [`SecurityDilemma::to_three_action_game`] with the model's perception
/// ([`PosturePerception::from_two_action`] of the player's two-action
/// perception, with the pair's differentiation δ and the player's paranoia
/// ψ or, toward other groups, ψ_out). Players are named as in two-action
/// tournaments: every registry strategy plays through
/// [`TwoAction`](super::TwoAction), and the strategies that use H
/// ([`native_strategies`](super::native_strategies)) are added.
///
/// As in [`Tournament`](crate::tournament::Tournament), job (repetition, i,
/// j ≥ i) is one match, or two under unequal power (one in each role); the
/// match of row `a` against column `b` in repetition `r` has seed
/// [`match_seed`](crate::play::match_seed)`(seed, a, b, r)`; jobs run in
/// parallel in chunks whose results are added in job order, so results are
/// bit-identical for any number of threads.
pub type ThreeActionMatches = GameMatches<Posture, 3, 9>;

/// A three-action tournament ready to run: a [`RoundRobin`] of
/// [`ThreeActionMatches`].
pub type PostureTournament = RoundRobin<ThreeActionMatches>;

/// The security dilemma of in-group (`out_group == false`) or out-group
/// pairs.
fn security_toward(config: &TournamentConfig, out_group: bool) -> Result<&SecurityDilemma> {
    match config.game_toward(out_group) {
        GameSpec::Security { parameters } => Ok(parameters),
        _ => Err(Error::UnsupportedGame {
            operation: GameKind::ThreeAction.tournament(),
            requirement: "the security-dilemma game (kind = \"security\")",
            found: "another game".into(),
        }),
    }
}

impl TournamentMoves<3, 9> for Posture {
    const KIND: GameKind = GameKind::ThreeAction;
    type Accumulator = PostureAccumulator;

    fn manifest(
        config: &TournamentConfig,
        registry: &Registry,
        files: Vec<StrategyFile>,
    ) -> Manifest {
        super::output::manifest(config, registry, files)
    }

    fn stage_game(game: &MatrixGame) -> Result<PostureGame> {
        PostureGame::from_game(game)
    }

    fn strategy(registry: &Registry, name: &str) -> Result<Box<dyn Strategy<Posture>>> {
        create(registry, name)
    }

    fn perception(
        config: &TournamentConfig,
        player: &PlayerSpec,
        other: Option<&str>,
    ) -> Result<PosturePerception> {
        // Sides here set no parameters of their own (the three-action round
        // robin refuses them), so only whether `other` is another side matters.
        let out_group = player.side() != other;
        let model = security_toward(config, out_group)?;
        Ok(PosturePerception::from_two_action(
            config.perception_toward(player, out_group)?,
            model.differentiation,
            config.paranoia_toward(player, out_group)?.1,
        ))
    }

    fn sides(row: usize, col: usize, m: &PostureMatchResult) -> [PostureSide; 2] {
        let side = |k: usize, player: usize, opponent: usize| PostureSide {
            player,
            opponent,
            score: m.scores[k],
            turns: m.turns,
            postures: m.postures(k),
            arming_causes: m.defection_causes[k],
            mutual_restraint: m.states[0],
        };
        [side(0, row, col), side(1, col, row)]
    }

    /// R moves over all moves (the number of roles does not enter: the
    /// posture counts hold every match).
    fn pair_cooperation(
        statistics: &PostureStatistics,
        i: usize,
        j: usize,
        _roles: f64,
        _repetitions: f64,
    ) -> (f64, f64) {
        let counts = statistics.posture_matrix[i][j];
        (counts[0] as f64, counts.iter().sum::<u64>() as f64)
    }

    fn causes(statistics: &PostureStatistics, i: usize) -> [u64; 3] {
        statistics.arming_causes[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Perception;
    use crate::play::match_seed;
    use crate::posture::{PostureMatch, PostureMatchConfig};

    /// A player with its own perception noise (so its perception is
    /// `from_two_action(symmetric(e), δ, 0)`, computed here by hand).
    fn noisy(name: &str, e: f64) -> PlayerSpec {
        PlayerSpec::Detailed {
            strategy: name.into(),
            side: None,
            perception_noise: Some(e),
            paranoia: None,
            out_group_paranoia: None,
        }
    }

    fn names<'a>(list: &'a [&str]) -> impl Iterator<Item = PlayerSpec> + 'a {
        list.iter().map(|n| PlayerSpec::Name(n.to_string()))
    }

    /// A three-action tournament of `players` on `model`, `(turns,
    /// repetitions)` long.
    fn config(
        model: SecurityDilemma,
        players: impl Iterator<Item = PlayerSpec>,
        (turns, repetitions): (u64, u32),
    ) -> TournamentConfig {
        let game = GameSpec::Security { parameters: model };
        TournamentConfig {
            players: players.collect(),
            game,
            turns,
            repetitions,
            three_action: true,
            seed: 11,
            ..TournamentConfig::default()
        }
    }

    fn run(config: TournamentConfig) -> super::super::PostureResults {
        PostureTournament::new(config, &Registry::builtin())
            .unwrap()
            .run_serial(&mut |_| {}, None)
            .unwrap()
    }

    #[test]
    fn jobs_and_matches_count_both_roles_under_unequal_power() {
        let players = ["Tit For Tat", "Non-Offensive Defender", "Always Defend"];
        let equal = config(SecurityDilemma::default(), names(&players), (20, 3));
        let t = PostureTournament::new(equal.clone(), &Registry::builtin()).unwrap();
        // 3 players: 6 pairings i <= j per repetition, one match each.
        assert_eq!((t.jobs(), t.matches()), (18, 18));
        let r = t.run_serial(&mut |_| {}, None).unwrap();
        // A pair's turns: one match per repetition; self-play's two sides
        // both count for the player.
        assert_eq!(r.statistics.match_turns[0][1], 20 * 3);
        assert_eq!(r.statistics.match_turns[1][1], 2 * 20 * 3);
        let unequal = config(
            SecurityDilemma {
                power: 0.7,
                ..SecurityDilemma::default()
            },
            names(&players),
            (20, 3),
        );
        let t = PostureTournament::new(unequal, &Registry::builtin()).unwrap();
        // Each pair i < j plays in both roles: 3 + 3 x 2 matches per repetition.
        assert_eq!((t.jobs(), t.matches()), (18, 27));
        let r = t.run_serial(&mut |_| {}, None).unwrap();
        assert_eq!(r.statistics.match_turns[0][1], 2 * 20 * 3);
        assert_eq!(r.statistics.match_turns[2][2], 2 * 20 * 3);
    }

    /// The payoff matrix is the mean over repetitions of each pair's per-turn
    /// payoff, both roles pooled: here recomputed from matches played one by
    /// one with the seeds `match_seed(seed, row, col, repetition)`.
    #[test]
    fn payoff_matrix_is_the_mean_of_the_matches_played_by_hand() {
        let model = SecurityDilemma {
            power: 0.65,
            offence: 0.4,
            differentiation: 0.6,
            ..SecurityDilemma::default()
        };
        let list = ["Random: 0.6", "Non-Offensive Defender", "Tit For Tat"];
        let e = [0.05, 0.1, 0.0];
        let players = list.iter().zip(e).map(|(n, e)| noisy(n, e));
        let (turns, reps) = (25u64, 4u32);
        let cfg = TournamentConfig {
            noise: 0.02,
            ..config(model, players, (turns, reps))
        };
        let results = run(cfg.clone());
        let game = PostureGame::from_security(&model).unwrap();
        let registry = Registry::builtin();
        let perception = |k: usize| {
            PosturePerception::from_two_action(
                Perception::symmetric(e[k]),
                model.differentiation,
                0.0,
            )
        };
        let mut runner = PostureMatch::new(PostureMatchConfig::turns(turns)).unwrap();
        let mut play = |row: usize, col: usize, rep: u32| {
            runner
                .set_config(
                    PostureMatchConfig::turns(turns)
                        .with_noise(0.02)
                        .with_perception(perception(row), perception(col)),
                )
                .unwrap();
            let mut a = create(&registry, list[row]).unwrap();
            let mut b = create(&registry, list[col]).unwrap();
            let seed = match_seed(cfg.seed, row as u64, col as u64, u64::from(rep));
            runner.play(&mut *a, &mut *b, &game, seed)
        };
        for i in 0..list.len() {
            for j in i + 1..list.len() {
                let (mut sum_i, mut sum_j) = (0.0, 0.0);
                for rep in 0..reps {
                    let as_row = play(i, j, rep);
                    let as_col = play(j, i, rep);
                    let t = (as_row.turns + as_col.turns) as f64;
                    sum_i += (as_row.scores[0] + as_col.scores[1]) / t;
                    sum_j += (as_row.scores[1] + as_col.scores[0]) / t;
                }
                let s = &results.statistics;
                assert_eq!(s.payoff_matrix[i][j], sum_i / f64::from(reps), "{i} v {j}");
                assert_eq!(s.payoff_matrix[j][i], sum_j / f64::from(reps), "{j} v {i}");
            }
        }
    }

    /// Deterministic strategies, no noise, H told apart (δ = 1, ε0 = 0):
    /// every statistic by hand. Per repetition of 10 turns the Non-Offensive
    /// Defender (NOD) restrains once and defends 9 times against the
    /// Defector, and restrains against Always Defend (whose H it sees as H)
    /// and against the Cooperator; the Defector's armings after the first
    /// turn are unprovoked against the others (it saw R or H) and provoked in
    /// self-play (both sides).
    #[test]
    fn statistics_of_deterministic_strategies_are_the_hand_computed_ones() {
        let model = SecurityDilemma {
            differentiation: 1.0,
            max_misperception: 0.0,
            ..SecurityDilemma::default()
        };
        let players = [
            "Non-Offensive Defender",
            "Defector",
            "Always Defend",
            "Cooperator",
        ];
        let results = run(config(model, names(&players), (10, 2)));
        let s = &results.statistics;
        assert_eq!(
            s.postures,
            vec![[42, 0, 18], [0, 60, 0], [0, 0, 60], [60, 0, 0]]
        );
        assert_eq!(s.posture_matrix[0][1], [2, 0, 18]);
        assert_eq!(s.posture_matrix[0][0], [40, 0, 0], "self-play: both sides");
        assert_eq!(s.arming_causes[1], [54, 36, 0]);
        assert_eq!(s.arming_causes[0], [0, 0, 0]);
        assert_eq!(
            s.field_posture_rates(),
            [102.0 / 240.0, 60.0 / 240.0, 78.0 / 240.0]
        );
        assert_eq!(s.field_arming_cause_shares(), [0.6, 0.4, 0.0]);
        assert_eq!(s.field_mutual_restraint_rate(), 40.0 / 240.0);
        assert_eq!(s.restraint_matrix()[0][1], 0.1);
        let g = PostureGame::from_security(&model).unwrap();
        let (r, a, h) = (0, 1, 2);
        let expect = [
            [
                g.row[r][r],
                (g.row[r][a] + 9.0 * g.row[h][a]) / 10.0,
                g.row[r][h],
                g.row[r][r],
            ],
            [
                (g.row[a][r] + 9.0 * g.row[a][h]) / 10.0,
                g.row[a][a],
                g.row[a][h],
                g.row[a][r],
            ],
            [g.row[h][r], g.row[h][a], g.row[h][h], g.row[h][r]],
            [g.row[r][r], g.row[r][a], g.row[r][h], g.row[r][r]],
        ];
        for (i, row) in expect.iter().enumerate() {
            for (j, x) in row.iter().enumerate() {
                let got = s.payoff_matrix[i][j];
                assert!((got - x).abs() < 1e-12, "payoff {i} v {j}: {got} vs {x}");
            }
            // Both repetitions are alike: the normalised score is the mean
            // over the three opponents.
            let others: f64 = (0..4).filter(|&j| j != i).map(|j| row[j]).sum();
            for rep in 0..2 {
                assert!((s.normalised_scores[i][rep] - others / 3.0).abs() < 1e-12);
            }
        }
        let by_rank: Vec<usize> = s.summary.iter().map(|row| row.original_index).collect();
        assert_eq!(by_rank, s.ranking);
        assert!(s
            .ranking
            .windows(2)
            .all(|w| s.median_scores[w[0]] >= s.median_scores[w[1]]));
        let row_of =
            |player: usize| &s.summary[s.ranking.iter().position(|&i| i == player).unwrap()];
        assert_eq!(row_of(0).posture_rates, [0.7, 0.0, 0.3]);
        assert_eq!(row_of(1).arming_cause_shares, [0.6, 0.4, 0.0]);
        assert_eq!(results.players[0], "Non-Offensive Defender");
        assert!(results.groups.is_none());
    }

    #[test]
    fn two_action_configurations_and_other_games_are_refused() {
        let players = ["Tit For Tat", "Always Defend"];
        let two = TournamentConfig {
            three_action: false,
            ..config(SecurityDilemma::default(), names(&players), (5, 1))
        };
        let err = PostureTournament::new(two, &Registry::builtin()).unwrap_err();
        assert!(err.to_string().contains("three_action = true"), "{err}");
        let other = TournamentConfig {
            game: GameSpec::default(),
            ..config(SecurityDilemma::default(), names(&players), (5, 1))
        };
        let err = PostureTournament::new(other, &Registry::builtin()).unwrap_err();
        assert!(err.to_string().contains("security"), "{err}");
    }
}
