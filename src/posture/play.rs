//! One match of the three-action security dilemma: the match engine of
//! [`crate::play`] over the postures R, A, H ([`Posture`](super::Posture)),
//! with its trembling hand and perception ([`PosturePerception`]).
//!
//! # Rules
//! - *Action noise* `e` (a trembling hand): with probability `e` the intended
//!   posture is replaced by one of the other two, each with probability 1/2.
//!   Both players' records hold the posture actually played.
//! - *Perception* ([`PosturePerception`]): the observer reads a real R as A
//!   with probability `r_as_a`, a real A as R with probability `a_as_r`, and
//!   a real H as A with probability `h_as_a` (otherwise it sees the move as it
//!   is). The mover knows what it did; scores use real moves.
//! - Scores come from the 3x3 stage game ([`PostureGame`]).
//!
//! # Random stream layout
//! As a two-action match ([`crate::play`]): the seed gives three ChaCha8
//! streams; stream 0 (the environment) serves first, for a continuation
//! match, the length draw, then turn by turn player 1's tremble draw, then
//! player 2's, then player 1's perception draw, then player 2's; streams 1
//! and 2 serve the strategies. A tremble that happens takes a second draw
//! right after its first (also when `e = 1`, which takes no first draw), to
//! pick the replacement (the first of the other two postures in R, A, H order
//! if `u < 1/2`). A draw happens only for a
//! probability strictly between 0 and 1. So a match in which nobody plays H
//! and nothing trembles makes the very draws of the two-action match with
//! the same seed and perception (R as A = C as D, A as R = D as C).
//!
//! [`PosturePerception`]: super::PosturePerception

use super::moves::{postures_to_string, Posture};
use super::perception::PosturePerception;
use crate::error::Result;
use crate::game::SecurityDilemma;
use crate::play::{happens, Alphabet, Game, MatchOutcome, MatchRules, MatchRunner};
use crate::strategy::{unit_f64, MatchRng};
use crate::MatrixGame;

impl Alphabet<3, 9> for Posture {
    type Perception = PosturePerception;
    /// The three-action statistics do not use them.
    const COUNTS_TRANSITIONS: bool = false;

    /// With probability `noise`, one of the other two postures, each with
    /// probability 1/2: a tremble that happens takes a second draw `u` and
    /// picks the first of the other two (in R, A, H order) iff `u < 1/2`.
    #[inline]
    fn tremble(self, noise: f64, rng: &mut MatchRng) -> Self {
        if !happens(noise, rng) {
            return self;
        }
        let others = match self {
            Posture::R => [Posture::A, Posture::H],
            Posture::A => [Posture::R, Posture::H],
            Posture::H => [Posture::R, Posture::A],
        };
        others[usize::from(unit_f64(rng) >= 0.5)]
    }

    /// With the error probability of the real posture
    /// ([`PosturePerception`]), a misread R or H is seen as A and a misread A
    /// as R.
    #[inline]
    fn seen_by(self, perception: &PosturePerception, rng: &mut MatchRng) -> Self {
        if !happens(perception.error(self), rng) {
            return self;
        }
        match self {
            Posture::R | Posture::H => Posture::A,
            Posture::A => Posture::R,
        }
    }
}

/// The payoffs of a 3x3 stage game over (R, A, H), indexed
/// `[row posture][column posture]`.
pub type PostureGame = Game<3>;

/// The rules of a three-action match.
pub type PostureMatchConfig = MatchRules<PosturePerception>;

/// Reusable three-action match runner (keeps its history buffers).
pub type PostureMatch = MatchRunner<Posture, 3, 9>;

/// The outcome of one three-action match: its `states` are the turns with
/// real postures (a, b) at index `3 a + b` (R = 0, A = 1, H = 2), its
/// `defection_causes` the arming causes — 0 unprovoked (it perceived R or H
/// last turn), 1 provoked by a real A, 2 provoked by a misperceived R or H (a
/// spiral). An A that answers an H seen as arming is a spiral even at δ = 0,
/// where H pays as A does: a defensive build-up read as offensive is the
/// spiral model's mechanism (Jervis 1976, ch. 3).
pub type PostureMatchResult = MatchOutcome<Posture, 3, 9>;

impl Game<3> {
    /// From a 3x3 [`MatrixGame`] whose actions are R, A, H in that order; an
    /// error if the game is not 3x3.
    pub fn from_game(game: &MatrixGame) -> Result<Self> {
        Self::from_matrix(game, "a three-action match", "a 3x3 game over (R, A, H)")
    }

    /// The three-action security dilemma of `model`
    /// ([`SecurityDilemma::to_three_action_game`]).
    pub fn from_security(model: &SecurityDilemma) -> Result<Self> {
        Self::from_game(&model.to_three_action_game()?)
    }
}

impl MatchOutcome<Posture, 3, 9> {
    /// How often player `k` (0 or 1) played R, A and H.
    pub fn postures(&self, k: usize) -> [u64; 3] {
        self.move_counts(k)
    }

    /// `counts()[a][b]`: turns in which player 1 played `a` and player 2 `b`
    /// (real postures).
    pub fn counts(&self) -> [[u64; 3]; 3] {
        std::array::from_fn(|a| std::array::from_fn(|b| self.states[3 * a + b]))
    }

    /// Both players' postures and, as each saw the other, their perceived
    /// postures, as R/A/H strings (empty when moves were not recorded).
    pub fn move_strings(&self) -> ([String; 2], [String; 2]) {
        let strings = |m: &Option<[Vec<Posture>; 2]>| match m {
            Some(m) => [0, 1].map(|k| postures_to_string(&m[k])),
            None => [String::new(), String::new()],
        };
        (strings(&self.moves), strings(&self.perceived))
    }

    /// The match as `dilemma play --three-action --format json` writes it:
    /// the players, turns, moves, perceived moves, scores (total and per
    /// turn), posture counts and arming causes, with the seed, rules and
    /// model that produced it.
    pub fn to_json(
        &self,
        players: [&str; 2],
        seed: u64,
        config: &PostureMatchConfig,
        model: &SecurityDilemma,
    ) -> serde_json::Value {
        let (moves, perceived) = self.move_strings();
        let n = self.turns.max(1) as f64;
        serde_json::json!({
            "players": players,
            "turns": self.turns,
            "moves": moves,
            "perceived": perceived,
            "scores": self.scores,
            "mean_scores": [self.scores[0] / n, self.scores[1] / n],
            "postures": [self.postures(0), self.postures(1)],
            "arming_causes": self.defection_causes,
            "seed": seed,
            "config": config,
            "game": model,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::security::Player;
    use crate::play::{Match, MatchConfig, StageGame};
    use crate::posture::strategy::{create, NonOffensiveDefender};
    use crate::posture::{postures_to_string, Posture, PosturePerception};
    use crate::strategy::Registry;

    fn model(offence: f64, differentiation: f64) -> SecurityDilemma {
        SecurityDilemma {
            offence,
            differentiation,
            ..SecurityDilemma::default()
        }
    }

    #[test]
    fn game_of_the_model_has_its_two_action_part() {
        let m = model(0.3, 0.8);
        let g = PostureGame::from_security(&m).unwrap();
        let two = StageGame::from_game(&m.to_game().unwrap()).unwrap();
        for i in 0..2 {
            for j in 0..2 {
                assert_eq!(g.row[i][j], two.row[i][j]);
                assert_eq!(g.col[i][j], two.col[i][j]);
            }
        }
        assert_eq!(g.row_view(), two.row_view());
        assert_eq!(g.col_view(), two.col_view());
        assert!(g.is_symmetric());
        let err = PostureGame::from_game(&m.to_game().unwrap()).unwrap_err();
        assert!(err.to_string().contains("3x3"), "{err}");
    }

    #[test]
    fn perception_of_defence_follows_differentiation_and_paranoia() {
        let mut m = model(0.5, 0.75);
        m.paranoia = [0.2, 0.0];
        let row = PosturePerception::from_security(&m, Player::Row).unwrap();
        let col = PosturePerception::from_security(&m, Player::Column).unwrap();
        let base = m.max_misperception * 0.25;
        assert!((row.r_as_a - (base + 0.2)).abs() < 1e-15);
        assert!((row.a_as_r - base).abs() < 1e-15);
        assert!((row.h_as_a - (0.25 + 0.75 * 0.2)).abs() < 1e-15);
        assert!((col.h_as_a - 0.25).abs() < 1e-15);
        let blind = PosturePerception::from_security(&model(0.5, 0.0), Player::Row).unwrap();
        assert_eq!(blind.h_as_a, 1.0);
    }

    /// Closed form: without noise, the defender restrains once and then
    /// meets arming with H every turn; scores are the game's entries.
    #[test]
    fn defender_against_defector_scores_the_closed_form() {
        let m = model(0.3, 0.8);
        let g = PostureGame::from_security(&m).unwrap();
        let registry = Registry::builtin();
        let mut d = NonOffensiveDefender;
        let mut x = create(&registry, "Defector").unwrap();
        let n = 50;
        let mut runner = PostureMatch::new(PostureMatchConfig {
            record_moves: true,
            ..PostureMatchConfig::turns(n)
        })
        .unwrap();
        let r = runner.play(&mut d, &mut *x, &g, 7);
        let (ra, ha) = (0, 2);
        let expect_row = g.row[ra][1] + (n - 1) as f64 * g.row[ha][1];
        let expect_col = g.col[ra][1] + (n - 1) as f64 * g.col[ha][1];
        assert_eq!(r.scores, [expect_row, expect_col]);
        assert_eq!(r.postures(0), [1, 0, n - 1]);
        assert_eq!(r.postures(1), [0, n, 0]);
        // The defector's arming after the first turn is unprovoked: it saw
        // R, then H.
        assert_eq!(r.defection_causes[1], [n - 1, 0, 0]);
        let moves = r.moves.unwrap();
        assert_eq!(postures_to_string(&moves[0][..4]), "RHHH");
    }

    /// Second algorithm: with lifted two-action strategies and no H, the
    /// three-action engine makes the very draws of the two-action one.
    #[test]
    fn lifted_match_equals_the_two_action_match() {
        let registry = Registry::builtin();
        let mut m = model(0.6, 0.3);
        m.paranoia = [0.05, 0.1];
        let g = PostureGame::from_security(&m).unwrap();
        let stage = StageGame::from_game(&m.to_game().unwrap()).unwrap();
        let perception =
            [Player::Row, Player::Column].map(|p| PosturePerception::from_security(&m, p).unwrap());
        let three = PostureMatchConfig {
            perception,
            ..PostureMatchConfig::turns(300)
        };
        let two = MatchConfig::turns(300)
            .with_perception(perception[0].as_two_action(), perception[1].as_two_action());
        let names = [
            "Tit For Tat",
            "Random: 0.5",
            "Win-Stay Lose-Shift",
            "GTFT",
            "Grudger",
        ];
        let mut runner3 = PostureMatch::new(three).unwrap();
        let mut runner2 = Match::new(two).unwrap();
        for a in names {
            for b in names {
                for seed in 0..3 {
                    let mut x = create(&registry, a).unwrap();
                    let mut y = create(&registry, b).unwrap();
                    let r3 = runner3.play(&mut *x, &mut *y, &g, seed);
                    let mut x2 = registry.create(a).unwrap();
                    let mut y2 = registry.create(b).unwrap();
                    let r2 = runner2.play(&mut *x2, &mut *y2, &stage, seed);
                    assert_eq!(r3.scores, r2.scores, "{a} v {b}, seed {seed}");
                    let counts = r3.counts();
                    let states = [counts[0][0], counts[0][1], counts[1][0], counts[1][1]];
                    assert_eq!(states, r2.states, "{a} v {b}");
                    assert_eq!(r3.defection_causes, r2.defection_causes, "{a} v {b}");
                }
            }
        }
    }

    /// At δ = 0 an H is an A in payoffs and perception: the defender plays
    /// exactly as Tit For Tat (which answers arming with arming).
    #[test]
    fn at_zero_differentiation_the_defender_is_tit_for_tat() {
        let registry = Registry::builtin();
        let mut m = model(0.4, 0.0);
        m.max_misperception = 0.0;
        m.paranoia = [0.08, 0.03];
        let g = PostureGame::from_security(&m).unwrap();
        let stage = StageGame::from_game(&m.to_game().unwrap()).unwrap();
        let perception =
            [Player::Row, Player::Column].map(|p| PosturePerception::from_security(&m, p).unwrap());
        let mut runner3 = PostureMatch::new(PostureMatchConfig {
            perception,
            ..PostureMatchConfig::turns(200)
        })
        .unwrap();
        let mut runner2 = Match::new(
            MatchConfig::turns(200)
                .with_perception(perception[0].as_two_action(), perception[1].as_two_action()),
        )
        .unwrap();
        for opponent in [
            "Tit For Tat",
            "Random: 0.7",
            "Grudger",
            "Suspicious Tit For Tat",
        ] {
            for seed in 0..5 {
                let mut d = NonOffensiveDefender;
                let mut y = create(&registry, opponent).unwrap();
                let r3 = runner3.play(&mut d, &mut *y, &g, seed);
                let mut tft = registry.create("Tit For Tat").unwrap();
                let mut y2 = registry.create(opponent).unwrap();
                let r2 = runner2.play(&mut *tft, &mut *y2, &stage, seed);
                assert!((r3.scores[0] - r2.scores[0]).abs() < 1e-9, "{opponent}");
                assert!((r3.scores[1] - r2.scores[1]).abs() < 1e-9, "{opponent}");
                assert_eq!(r3.postures(0)[1], 0, "the defender never arms");
                assert_eq!(r3.postures(0)[2], r2.states[2] + r2.states[3]);
            }
        }
    }

    /// Perception and tremble frequencies against their probabilities, within
    /// five binomial standard errors.
    #[test]
    fn noise_frequencies_match_their_probabilities() {
        let registry = Registry::builtin();
        let perception = PosturePerception {
            r_as_a: 0.1,
            a_as_r: 0.2,
            h_as_a: 0.3,
        };
        let n = 60_000u64;
        let g = PostureGame::from_security(&model(0.4, 0.6)).unwrap();
        let within = |hits: u64, trials: u64, p: f64| {
            let se = (p * (1.0 - p) / trials as f64).sqrt();
            let f = hits as f64 / trials as f64;
            assert!((f - p).abs() < 5.0 * se, "{f} vs {p} ({trials} trials)");
        };
        // Player 2 (Always Defend) shows H; player 1 (Cycler RA...) R and A.
        let mut runner = PostureMatch::new(PostureMatchConfig {
            perception: [perception, perception],
            record_moves: true,
            ..PostureMatchConfig::turns(n)
        })
        .unwrap();
        let mut a = create(&registry, "Alternator").unwrap();
        let mut h = create(&registry, "Always Defend").unwrap();
        let r = runner.play(&mut *a, &mut *h, &g, 11);
        let [moves, seen] = [r.moves.unwrap(), r.perceived.unwrap()];
        let h_seen_a = seen[0].iter().filter(|&&p| p == Posture::A).count() as u64;
        within(h_seen_a, n, 0.3);
        let (mut r_n, mut r_a, mut a_n, mut a_r) = (0, 0, 0, 0);
        for (&real, &s) in moves[0].iter().zip(&seen[1]) {
            match real {
                Posture::R => {
                    r_n += 1;
                    r_a += u64::from(s == Posture::A);
                }
                Posture::A => {
                    a_n += 1;
                    a_r += u64::from(s == Posture::R);
                }
                Posture::H => unreachable!("no tremble"),
            }
        }
        within(r_a, r_n, 0.1);
        within(a_r, a_n, 0.2);
        // Trembles: each of the other two postures with probability e / 2.
        let mut runner = PostureMatch::new(PostureMatchConfig {
            noise: 0.12,
            ..PostureMatchConfig::turns(n)
        })
        .unwrap();
        let r = runner.play(&mut *h, &mut *a, &g, 3);
        let [rr, aa, hh] = r.postures(0);
        within(rr, n, 0.06);
        within(aa, n, 0.06);
        within(hh, n, 0.88);
    }

    #[test]
    fn bad_probabilities_are_errors() {
        let bad = PostureMatchConfig {
            noise: 1.5,
            ..PostureMatchConfig::turns(5)
        };
        assert!(PostureMatch::new(bad).is_err());
        let mut bad = PostureMatchConfig::turns(5);
        bad.perception[1].h_as_a = -0.1;
        let err = PostureMatch::new(bad).unwrap_err().to_string();
        assert!(err.contains("perception[2].h_as_a"), "{err}");
    }
}
