//! One match of the three-action security dilemma.
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

use super::{Posture, PostureHistory, PostureStrategy};
use crate::error::{Error, Result};
use crate::game::security::Player;
use crate::game::SecurityDilemma;
use crate::play::{match_streams, MatchLength, Perception};
use crate::strategy::{unit_f64, Context, MatchInfo, MatchRng, Payoffs};
use crate::MatrixGame;
use serde::{Deserialize, Serialize};

/// The payoffs of a 3x3 stage game over (R, A, H), indexed
/// `[row posture][column posture]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PostureGame {
    /// Row player's payoffs.
    pub row: [[f64; 3]; 3],
    /// Column player's payoffs.
    pub col: [[f64; 3]; 3],
}

impl PostureGame {
    /// From a 3x3 [`MatrixGame`] whose actions are R, A, H in that order; an
    /// error if the game is not 3x3.
    pub fn from_game(game: &MatrixGame) -> Result<Self> {
        if game.shape() != (3, 3) {
            return Err(Error::UnsupportedGame {
                operation: "a three-action match",
                requirement: "a 3x3 game over (R, A, H)",
                found: format!("{}x{}", game.shape().0, game.shape().1),
            });
        }
        let mut g = PostureGame {
            row: [[0.0; 3]; 3],
            col: [[0.0; 3]; 3],
        };
        for i in 0..3 {
            for j in 0..3 {
                (g.row[i][j], g.col[i][j]) = game.payoffs(i, j);
            }
        }
        Ok(g)
    }

    /// The three-action security dilemma of `model`
    /// ([`SecurityDilemma::to_three_action_game`]).
    pub fn from_security(model: &SecurityDilemma) -> Result<Self> {
        Self::from_game(&model.to_three_action_game()?)
    }

    /// The R/A part of the game as the row player sees it.
    pub fn row_view(&self) -> Payoffs {
        let sub = |m: &[[f64; 3]; 3]| [[m[0][0], m[0][1]], [m[1][0], m[1][1]]];
        Payoffs::new(sub(&self.row), sub(&self.col))
    }

    /// The R/A part of the game as the column player sees it (its own
    /// posture first).
    pub fn col_view(&self) -> Payoffs {
        let sub_t = |m: &[[f64; 3]; 3]| [[m[0][0], m[1][0]], [m[0][1], m[1][1]]];
        Payoffs::new(sub_t(&self.col), sub_t(&self.row))
    }

    /// Whether the game looks the same from both sides (B = Aᵀ).
    pub fn is_symmetric(&self) -> bool {
        (0..3).all(|i| (0..3).all(|j| self.row[i][j] == self.col[j][i]))
    }
}

/// How one observer misreads the other's postures.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct PosturePerception {
    /// Probability that a real R is seen as A.
    pub r_as_a: f64,
    /// Probability that a real A is seen as R.
    pub a_as_r: f64,
    /// Probability that a real H is seen as A.
    pub h_as_a: f64,
}

impl PosturePerception {
    /// The model's perception by observer `observer`: R is read as A with
    /// probability ε0 (1 - δ) + ψ, A as R with probability ε0 (1 - δ), as in
    /// the two-action game; and H as A with probability
    /// (1 - δ) + δ ψ = 1 - δ (1 - ψ): a defensive posture is told apart from
    /// an offensive one with probability δ, the differentiation, and a
    /// paranoid observer reads a share ψ of the distinguishable ones as
    /// arming anyway. At δ = 0 an H is always seen as A, as its payoffs are
    /// those of A.
    pub fn from_security(model: &SecurityDilemma, observer: Player) -> Result<Self> {
        let two = model.perception_noise(observer)?;
        let psi = model.paranoia[match observer {
            Player::Row => 0,
            Player::Column => 1,
        }];
        Ok(Self::from_two_action(
            Perception {
                c_as_d: two.restraint_as_arming,
                d_as_c: two.arming_as_restraint,
            },
            model.differentiation,
            psi,
        ))
    }

    /// A two-action perception (C as D, D as C) extended to H with
    /// differentiation `delta` and paranoia `psi`: H is read as A with
    /// probability 1 - δ (1 - ψ).
    pub fn from_two_action(two: Perception, delta: f64, psi: f64) -> Self {
        PosturePerception {
            r_as_a: two.c_as_d,
            a_as_r: two.d_as_c,
            h_as_a: (1.0 - delta * (1.0 - psi)).clamp(0.0, 1.0),
        }
    }

    /// The R/A part, as a two-action perception.
    pub fn as_two_action(&self) -> Perception {
        Perception {
            c_as_d: self.r_as_a,
            d_as_c: self.a_as_r,
        }
    }

    /// The probability of seeing the real posture `p` misread.
    #[inline]
    fn error(&self, p: Posture) -> f64 {
        match p {
            Posture::R => self.r_as_a,
            Posture::A => self.a_as_r,
            Posture::H => self.h_as_a,
        }
    }
}

/// The rules of a three-action match.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PostureMatchConfig {
    /// Fixed turns or a continuation probability.
    pub length: MatchLength,
    /// Action noise: probability that a posture is replaced by another.
    pub noise: f64,
    /// Perception of player 1 (reading player 2) and of player 2.
    pub perception: [PosturePerception; 2],
    /// Whether the strategies are told the number of turns (fixed turns only).
    pub length_known: bool,
    /// Whether to keep the move strings.
    pub record_moves: bool,
    /// The opponent's tag relation as player 1 and player 2 see it.
    pub same_group: [Option<bool>; 2],
}

impl PostureMatchConfig {
    /// A match of `n` turns, length announced, no noise.
    pub const fn turns(n: u64) -> Self {
        PostureMatchConfig {
            length: MatchLength::Turns(n),
            noise: 0.0,
            perception: [PosturePerception {
                r_as_a: 0.0,
                a_as_r: 0.0,
                h_as_a: 0.0,
            }; 2],
            length_known: true,
            record_moves: false,
            same_group: [None, None],
        }
    }

    /// Checks every probability.
    pub fn validate(&self) -> Result<()> {
        let prob = |name: String, v: f64| {
            if (0.0..=1.0).contains(&v) {
                Ok(())
            } else {
                Err(Error::invalid_parameter(
                    &name,
                    v,
                    "a probability in [0, 1]",
                ))
            }
        };
        prob("noise".into(), self.noise)?;
        for (k, p) in self.perception.iter().enumerate() {
            prob(format!("perception[{}].r_as_a", k + 1), p.r_as_a)?;
            prob(format!("perception[{}].a_as_r", k + 1), p.a_as_r)?;
            prob(format!("perception[{}].h_as_a", k + 1), p.h_as_a)?;
        }
        if let MatchLength::Continuation(p) = self.length {
            if !(0.0..1.0).contains(&p) {
                return Err(Error::invalid_parameter(
                    "continuation",
                    p,
                    "a probability in [0, 1) (1 would never end)",
                ));
            }
        }
        Ok(())
    }

    fn info_for(&self, k: usize) -> MatchInfo {
        MatchInfo {
            action_noise: self.noise,
            perception: self.perception[k].as_two_action(),
            same_group: self.same_group[k],
        }
    }
}

/// The outcome of one three-action match.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PostureMatchResult {
    /// Turns played.
    pub turns: u64,
    /// Total payoffs of player 1 and player 2.
    pub scores: [f64; 2],
    /// `counts[a][b]`: turns in which player 1 played `a` and player 2 `b`
    /// (real postures, R = 0, A = 1, H = 2).
    pub counts: [[u64; 3]; 3],
    /// `arming_causes[k][c]`: player `k`'s A moves after the first turn by
    /// cause `c`: 0 unprovoked (it perceived R or H last turn), 1 provoked by
    /// a real A, 2 provoked by a misperceived R or H (a spiral). An A that
    /// answers an H seen as arming is a spiral even at δ = 0, where H pays
    /// as A does: a defensive build-up read as offensive is the spiral
    /// model's mechanism (Jervis 1976, ch. 3).
    pub arming_causes: [[u64; 3]; 2],
    /// Both players' real postures, when recorded.
    pub moves: Option<[Vec<Posture>; 2]>,
    /// What each player perceived of the other's postures, when recorded.
    pub perceived: Option<[Vec<Posture>; 2]>,
}

impl PostureMatchResult {
    /// How often player `k` (0 or 1) played R, A and H.
    pub fn postures(&self, k: usize) -> [u64; 3] {
        let mut out = [0; 3];
        for a in 0..3 {
            for b in 0..3 {
                out[if k == 0 { a } else { b }] += self.counts[a][b];
            }
        }
        out
    }
}

/// Reusable three-action match runner (keeps its history buffers).
#[derive(Debug, Clone)]
pub struct PostureMatch {
    config: PostureMatchConfig,
    histories: [PostureHistory; 2],
}

impl PostureMatch {
    /// A runner for matches under `config` (validated).
    pub fn new(config: PostureMatchConfig) -> Result<Self> {
        config.validate()?;
        Ok(PostureMatch {
            config,
            histories: Default::default(),
        })
    }

    /// Changes the rules (validated) for the next matches.
    pub fn set_config(&mut self, config: PostureMatchConfig) -> Result<()> {
        config.validate()?;
        self.config = config;
        Ok(())
    }

    /// Plays `a` (player 1, row) against `b` (player 2, column) on `game`
    /// with the random streams of `seed` (see the module documentation).
    pub fn play(
        &mut self,
        a: &mut dyn PostureStrategy,
        b: &mut dyn PostureStrategy,
        game: &PostureGame,
        seed: u64,
    ) -> PostureMatchResult {
        let cfg = self.config;
        let [mut env, mut rng1, mut rng2] = match_streams(seed);
        let turns = match cfg.length {
            MatchLength::Turns(n) => n,
            MatchLength::Continuation(p) if p <= 0.0 => 1,
            MatchLength::Continuation(p) => {
                let u = 1.0 - unit_f64(&mut env);
                1u64.saturating_add((u.ln() / p.ln()).floor() as u64)
            }
        };
        let announced = match cfg.length {
            MatchLength::Turns(n) if cfg.length_known => Some(n),
            _ => None,
        };
        let (view1, view2) = (game.row_view(), game.col_view());
        let (info1, info2) = (cfg.info_for(0), cfg.info_for(1));
        a.reset();
        b.reset();
        let [h1, h2] = &mut self.histories;
        h1.clear();
        h2.clear();
        h1.reserve(turns.min(1 << 20) as usize);
        h2.reserve(turns.min(1 << 20) as usize);
        let [p1, p2] = cfg.perception;
        let mut counts = [[0u64; 3]; 3];
        let mut causes = [[0u64; 3]; 2];
        let mut prev: Option<(Posture, Posture)> = None;
        for _ in 0..turns {
            let mut m1 = {
                let mut ctx = Context::new(&view1, announced, &mut rng1).with_info(info1);
                a.next_posture(h1, &mut ctx)
            };
            let mut m2 = {
                let mut ctx = Context::new(&view2, announced, &mut rng2).with_info(info2);
                b.next_posture(h2, &mut ctx)
            };
            m1 = tremble(m1, cfg.noise, &mut env);
            m2 = tremble(m2, cfg.noise, &mut env);
            let seen_by_1 = perceive(m2, &p1, &mut env);
            let seen_by_2 = perceive(m1, &p2, &mut env);
            if let Some((r1, r2)) = prev {
                if m1 == Posture::A {
                    causes[0][cause(h1.last_opp(), r2)] += 1;
                }
                if m2 == Posture::A {
                    causes[1][cause(h2.last_opp(), r1)] += 1;
                }
            }
            counts[m1.index()][m2.index()] += 1;
            h1.push(m1, seen_by_1);
            h2.push(m2, seen_by_2);
            prev = Some((m1, m2));
        }
        let mut scores = [0.0; 2];
        for (x, row) in counts.iter().enumerate() {
            for (y, &n) in row.iter().enumerate() {
                scores[0] += n as f64 * game.row[x][y];
                scores[1] += n as f64 * game.col[x][y];
            }
        }
        let record = cfg.record_moves;
        PostureMatchResult {
            turns,
            scores,
            counts,
            arming_causes: causes,
            moves: record.then(|| [h1.own().to_vec(), h2.own().to_vec()]),
            perceived: record.then(|| [h1.opp().to_vec(), h2.opp().to_vec()]),
        }
    }
}

/// The cause of an A, from what the actor perceived last turn and what the
/// other really played.
fn cause(perceived: Option<Posture>, real: Posture) -> usize {
    match (perceived, real) {
        (Some(Posture::A), Posture::A) => 1,
        (Some(Posture::A), _) => 2,
        _ => 0,
    }
}

/// Whether an event of probability `p` happens (a draw only for 0 < p < 1).
#[inline]
fn happens(p: f64, rng: &mut MatchRng) -> bool {
    p >= 1.0 || (p > 0.0 && unit_f64(rng) < p)
}

/// The trembling hand: with probability `e`, one of the other two postures.
#[inline]
fn tremble(p: Posture, e: f64, rng: &mut MatchRng) -> Posture {
    if !happens(e, rng) {
        return p;
    }
    let others = match p {
        Posture::R => [Posture::A, Posture::H],
        Posture::A => [Posture::R, Posture::H],
        Posture::H => [Posture::R, Posture::A],
    };
    others[usize::from(unit_f64(rng) >= 0.5)]
}

/// What an observer sees of a real posture.
#[inline]
fn perceive(p: Posture, perception: &PosturePerception, rng: &mut MatchRng) -> Posture {
    if !happens(perception.error(p), rng) {
        return p;
    }
    match p {
        Posture::R | Posture::H => Posture::A,
        Posture::A => Posture::R,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::play::{Match, MatchConfig, StageGame};
    use crate::posture::{create, NonOffensiveDefender};
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
        assert_eq!(r.arming_causes[1], [n - 1, 0, 0]);
        let moves = r.moves.unwrap();
        assert_eq!(crate::posture::postures_to_string(&moves[0][..4]), "RHHH");
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
                    let states = [
                        r3.counts[0][0],
                        r3.counts[0][1],
                        r3.counts[1][0],
                        r3.counts[1][1],
                    ];
                    assert_eq!(states, r2.states, "{a} v {b}");
                    assert_eq!(r3.arming_causes, r2.defection_causes, "{a} v {b}");
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
