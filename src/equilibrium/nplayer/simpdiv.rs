//! One equilibrium by simplicial subdivision: van der Laan and Talman's
//! variable-dimension restart algorithm on the product of the players'
//! simplices, restarted from each approximate solution on a grid twice as
//! fine until the profile polishes into a certified equilibrium.
//!
//! **Regions.** From the starting profile `v`, the space of mixed profiles
//! is divided into regions `A(T)`, one for each choice of a proper subset
//! `T_j` of every player `j`'s actions: `A(T)` holds the profiles
//! `x_j = v_j + Σ_{i ∈ T_j} λ_{ji} (e_{ji} - v_j)` with `λ >= 0` and
//! `Σ_i λ_{ji} <= 1`, moving from `v` towards the vertices of the actions in
//! `T`. Its dimension is `t = Σ_j |T_j|`.
//!
//! **Triangulation.** In each player's block the cumulative coordinates
//! `μ_{j,k} = m Σ_{l >= k} λ_{j,l}` (the actions of `T_j` in the order they
//! joined `T_j`) turn the block of `A(T)` into the ordered region
//! `m >= μ_{j,1} >= ... >= μ_{j,r} >= 0`, which Freudenthal's (Kuhn's K1)
//! triangulation of mesh one tiles: a simplex is a base point `a` and an order
//! `π` of the coordinates, with vertices `a, a + e_{π_1}, ...`. The grid of
//! `A(T)` is `1/m`.
//!
//! **Labels.** A profile's label is the pair `(j, i)` of largest regret
//! `u_j(i, x_{-j}) - u_j(x)` over all players and actions (payoffs rescaled
//! to `[0, 1]` for each player; ties to the first pair).
//!
//! **Path.** Starting from `v` with `T = {l(v)}`, the algorithm follows
//! adjacent `t`-simplices of `A(T)` whose facet carries exactly the labels
//! `T`: a new vertex whose label is new to `T` raises the dimension (the
//! simplex becomes a facet of a simplex of `A(T ∪ {l})`), a label already
//! present pivots out the other vertex that carries it, and a pivot that
//! would cross a face `λ_{ji} = 0` of `A(T)` drops `(j, i)` from `T`. The path
//! cannot cycle and ends, on a finite grid, in one of two ways, both giving
//! an approximate equilibrium: a label `(j, i)` completes player `j`'s actions
//! (every action of `j` is the largest regret at some vertex, so, since
//! `Σ_i x_{ji} r_{ji} = 0`, every regret is nearly zero), or the facet
//! reaches the face where player `j` plays only `T_j` (the same argument on
//! `T_j`).
//!
//! **Restarts.** The centre of the final simplex is the next starting point,
//! on a grid of mesh `1/(2m)`; once its regret is small its supports are
//! polished by Newton's method and the result certified.
//!
//! ## References
//! - G. van der Laan and A. J. J. Talman (1979), "A restart algorithm for
//!   computing fixed points without an extra dimension", Mathematical
//!   Programming 17:74-84.
//! - G. van der Laan and A. J. J. Talman (1982), "On the computation of fixed
//!   points in the product space of unit simplices and an application to
//!   noncooperative N person games", Mathematics of Operations Research
//!   7:1-13.
//! - G. van der Laan, A. J. J. Talman and L. van der Heyden (1987),
//!   "Simplicial variable dimension algorithms for solving the nonlinear
//!   complementarity problem on a product of unit simplices using a general
//!   labelling", Mathematics of Operations Research 12:377-397.
//! - M. J. Todd (1976), *The Computation of Fixed Points and Applications*,
//!   Springer (Freudenthal's triangulation and its pivot rules).

use super::refine::{polish, rescaled_game};
use super::system::rescaled_payoffs;
use super::verify::{player_regret, tolerance_for};
use super::NPlayerEquilibrium;
use crate::error::{Error, Result};
use crate::game::nplayer::Contraction;
use crate::game::NPlayerGame;

/// Options of [`simplicial_subdivision`].
#[derive(Debug, Clone, PartialEq)]
pub struct SimpdivOptions {
    /// The first starting point (default: the centroid).
    pub start: Option<Vec<Vec<f64>>>,
    /// The first grid's `m` (mesh `1/m`).
    pub initial_grid: u64,
    /// The finest grid tried.
    pub max_grid: u64,
    /// Most pivots over all restarts.
    pub max_pivots: u64,
}

impl Default for SimpdivOptions {
    fn default() -> Self {
        SimpdivOptions {
            start: None,
            initial_grid: 4,
            max_grid: 1 << 40,
            max_pivots: 5_000_000,
        }
    }
}

/// What [`simplicial_subdivision`] found.
#[derive(Debug, Clone)]
pub struct SimpdivRun {
    /// The equilibrium, certified.
    pub equilibrium: NPlayerEquilibrium,
    /// Paths followed (one per grid).
    pub restarts: usize,
    /// The last grid's `m`.
    pub grid: u64,
    /// Pivots over all paths.
    pub pivots: u64,
}

/// Regret (on payoffs in `[0, 1]`) below which an approximate solution is
/// polished (the polished profile is certified, so a wrong guess costs only
/// time).
const POLISH_REGRET: f64 = 0.05;

/// One equilibrium of `game` (see the module's documentation).
///
/// # Errors
/// [`Error::Solver`] when the pivot budget runs out, or no grid down to
/// `1/max_grid` gives a profile that polishes into a certified equilibrium.
pub fn simplicial_subdivision(game: &NPlayerGame, options: &SimpdivOptions) -> Result<SimpdivRun> {
    let rescaled = rescaled_payoffs(game);
    let unit = rescaled_game(game, &rescaled);
    let tolerance = tolerance_for(game);
    let mut v = options.start.clone().unwrap_or_else(|| {
        game.shape()
            .iter()
            .map(|&k| vec![1.0 / k as f64; k])
            .collect()
    });
    if v.len() != game.num_players() || v.iter().zip(game.shape()).any(|(s, &k)| s.len() != k) {
        return Err(Error::Solver {
            method: "simplicial subdivision",
            message:
                "the starting profile needs one strategy per player, one probability per action"
                    .into(),
        });
    }
    let mut grid = options.initial_grid.max(1);
    let mut pivots = 0;
    let mut restarts = 0;
    let mut labeller = Labeller::new(&unit);
    loop {
        let left = options.max_pivots.saturating_sub(pivots);
        let path = follow_path(&unit, &mut labeller, &v, grid, left);
        crate::parallel::check_cancelled()?;
        restarts += 1;
        pivots += path.pivots;
        let Some(centre) = path.centre else {
            return Err(Error::Solver {
                method: "simplicial subdivision",
                message: format!(
                    "no equilibrium within {} pivots (grid 1/{grid})",
                    options.max_pivots
                ),
            });
        };
        v = centre;
        if labeller.max_regret(&unit, &v) < POLISH_REGRET {
            if let Some(equilibrium) = polish(game, &rescaled, &v, tolerance) {
                return Ok(SimpdivRun {
                    equilibrium,
                    restarts,
                    grid,
                    pivots,
                });
            }
        }
        if grid >= options.max_grid {
            return Err(Error::Solver {
                method: "simplicial subdivision",
                message: format!(
                    "the grid reached 1/{grid} without a profile that polishes into an equilibrium"
                ),
            });
        }
        grid *= 2;
    }
}

/// Labels of profiles: the pair of largest regret.
struct Labeller {
    contraction: Contraction,
}

impl Labeller {
    fn new(game: &NPlayerGame) -> Self {
        Labeller {
            contraction: Contraction::new(game),
        }
    }

    /// The label of `x`: `(player, action)` of largest regret, first on ties.
    fn label(&mut self, game: &NPlayerGame, x: &[Vec<f64>]) -> (usize, usize) {
        let mut best = (f64::NEG_INFINITY, (0, 0));
        for j in 0..game.num_players() {
            let u = self.contraction.action_payoffs(game, j, x);
            let own: f64 = u.iter().zip(&x[j]).map(|(a, p)| a * p).sum();
            for (i, &ui) in u.iter().enumerate() {
                if ui - own > best.0 {
                    best = (ui - own, (j, i));
                }
            }
        }
        best.1
    }

    fn max_regret(&mut self, game: &NPlayerGame, x: &[Vec<f64>]) -> f64 {
        (0..game.num_players())
            .map(|j| player_regret(game, &mut self.contraction, j, x))
            .fold(0.0, f64::max)
    }
}

/// The end of one path.
struct PathEnd {
    /// The centre of the final simplex (or facet); `None` when the pivot
    /// budget ran out.
    centre: Option<Vec<Vec<f64>>>,
    pivots: u64,
}

/// The current simplex of the path: base point `a` and order `perm` in the
/// cumulative coordinates, the label of each vertex, and which action of
/// which player each coordinate stands for.
struct Simplex {
    /// `coords[c] = (player, action)`: the label coordinate `c` stands for.
    coords: Vec<(usize, usize)>,
    /// Each player's coordinates in the order their actions joined `T`.
    blocks: Vec<Vec<usize>>,
    base: Vec<i64>,
    perm: Vec<usize>,
    labels: Vec<(usize, usize)>,
}

/// How a boundary crossing ends or continues the path.
enum Boundary {
    /// The facet lies on the face where a player plays only its actions in
    /// `T`: the path ends.
    Outer,
    /// The facet lies on the face `λ = 0` of coordinate `c`: drop it.
    Drop(usize),
}

impl Simplex {
    fn vertex(&self, s: usize) -> Vec<i64> {
        let mut v = self.base.clone();
        for &c in &self.perm[..s] {
            v[c] += 1;
        }
        v
    }

    /// The profile at a vertex `mu` (cumulative coordinates) of grid `m`.
    fn point(&self, mu: &[i64], v: &[Vec<f64>], m: u64) -> Vec<Vec<f64>> {
        let m = m as f64;
        v.iter()
            .enumerate()
            .map(|(j, vj)| {
                let block = &self.blocks[j];
                let Some(&first) = block.first() else {
                    return vj.clone();
                };
                let scale = 1.0 - mu[first] as f64 / m;
                let mut x: Vec<f64> = vj.iter().map(|p| p * scale).collect();
                for (k, &c) in block.iter().enumerate() {
                    let next = block.get(k + 1).map_or(0, |&d| mu[d]);
                    x[self.coords[c].1] += (mu[c] - next) as f64 / m;
                }
                x
            })
            .collect()
    }

    /// `None` when `mu` lies in the region; else which face of it a facet
    /// shared by `mu`'s simplex lies on (the first constraint `mu` violates).
    fn violation(&self, mu: &[i64], m: u64) -> Option<Boundary> {
        for block in &self.blocks {
            let Some(&first) = block.first() else {
                continue;
            };
            if mu[first] > m as i64 {
                return Some(Boundary::Outer);
            }
            for (k, &c) in block.iter().enumerate() {
                let next = block.get(k + 1).map_or(0, |&d| mu[d]);
                if mu[c] < next {
                    return Some(Boundary::Drop(c));
                }
            }
        }
        None
    }

    /// Appends coordinate `(player, action)` at the end of its player's
    /// block; the simplex becomes a facet of one dimension higher, whose new
    /// vertex (returned) is the last vertex plus the new unit vector.
    fn raise(&mut self, label: (usize, usize)) -> Vec<i64> {
        let c = self.coords.len();
        self.coords.push(label);
        self.blocks[label.0].push(c);
        self.base.push(0);
        self.perm.push(c);
        self.vertex(self.perm.len())
    }

    /// Removes vertex `s` and coordinate `c` after a pivot met the face
    /// `λ_c = 0`: the facet without `s` is a simplex of the lower-dimensional
    /// region, its chain the old one with `c`'s step left out.
    fn lower(&mut self, s: usize, c: usize) {
        debug_assert!(s >= 1, "a facet on an inner face keeps the base vertex");
        self.labels.remove(s);
        self.base.remove(c);
        self.perm.retain(|&d| d != c);
        for d in self.perm.iter_mut() {
            if *d > c {
                *d -= 1;
            }
        }
        self.coords.remove(c);
        for block in self.blocks.iter_mut() {
            block.retain(|&d| d != c);
            for d in block.iter_mut() {
                if *d > c {
                    *d -= 1;
                }
            }
        }
    }

    /// The vertex that replaces vertex `s` in the adjacent simplex.
    fn pivot_target(&self, s: usize) -> Vec<i64> {
        let t = self.perm.len();
        if s == 0 {
            let mut v = self.vertex(t);
            v[self.perm[0]] += 1;
            v
        } else if s == t {
            let mut v = self.base.clone();
            v[self.perm[t - 1]] -= 1;
            v
        } else {
            let mut v = self.vertex(s - 1);
            v[self.perm[s]] += 1;
            v
        }
    }

    /// Replaces vertex `s` by the adjacent simplex's new vertex, of label
    /// `label`.
    fn pivot(&mut self, s: usize, label: (usize, usize)) {
        let t = self.perm.len();
        if s == 0 {
            self.base[self.perm[0]] += 1;
            self.perm.rotate_left(1);
            self.labels.remove(0);
            self.labels.push(label);
        } else if s == t {
            self.base[self.perm[t - 1]] -= 1;
            self.perm.rotate_right(1);
            self.labels.pop();
            self.labels.insert(0, label);
        } else {
            self.perm.swap(s - 1, s);
            self.labels[s] = label;
        }
    }

    /// The centre of the vertices other than `skip`.
    fn centre(&self, v: &[Vec<f64>], m: u64, skip: Option<usize>) -> Vec<Vec<f64>> {
        let mut sum: Vec<Vec<f64>> = v.iter().map(|s| vec![0.0; s.len()]).collect();
        let mut count = 0.0;
        for s in (0..=self.perm.len()).filter(|&s| Some(s) != skip) {
            let x = self.point(&self.vertex(s), v, m);
            for (a, b) in sum.iter_mut().zip(&x) {
                for (p, q) in a.iter_mut().zip(b) {
                    *p += q;
                }
            }
            count += 1.0;
        }
        sum.iter_mut()
            .for_each(|s| s.iter_mut().for_each(|p| *p /= count));
        sum
    }
}

/// Follows one path from `v` on the grid of mesh `1/m`.
fn follow_path(
    game: &NPlayerGame,
    labeller: &mut Labeller,
    v: &[Vec<f64>],
    m: u64,
    budget: u64,
) -> PathEnd {
    let n = game.num_players();
    let mut sx = Simplex {
        coords: Vec::new(),
        blocks: vec![Vec::new(); n],
        base: Vec::new(),
        perm: Vec::new(),
        labels: vec![labeller.label(game, v)],
    };
    let mut pivots = 0;
    // The vertex whose label decides the next step: the newest.
    let mut newest = 0;
    loop {
        if pivots >= budget || crate::parallel::cancelled() {
            return PathEnd {
                centre: None,
                pivots,
            };
        }
        let label = sx.labels[newest];
        let in_t = sx.coords.contains(&label);
        let s = if in_t {
            // The other vertex with this label leaves.
            (0..sx.labels.len())
                .find(|&s| s != newest && sx.labels[s] == label)
                .expect("a T-complete facet carries each label of T once")
        } else {
            let (j, _) = label;
            let owned = sx.blocks[j].len();
            if owned + 1 == game.shape()[j] {
                // The label completes player j's actions.
                return PathEnd {
                    centre: Some(sx.centre(v, m, None)),
                    pivots,
                };
            }
            let mu = sx.raise(label);
            let x = sx.point(&mu, v, m);
            sx.labels.push(labeller.label(game, &x));
            newest = sx.labels.len() - 1;
            pivots += 1;
            continue;
        };
        // Pivot out vertex s, dropping coordinates while the pivot would
        // leave the region.
        let mut s = s;
        loop {
            let target = sx.pivot_target(s);
            match sx.violation(&target, m) {
                None => {
                    let x = sx.point(&target, v, m);
                    let l = labeller.label(game, &x);
                    sx.pivot(s, l);
                    let t = sx.perm.len();
                    newest = if s == 0 {
                        t
                    } else if s == t {
                        0
                    } else {
                        s
                    };
                    pivots += 1;
                    break;
                }
                Some(Boundary::Outer) => {
                    return PathEnd {
                        centre: Some(sx.centre(v, m, Some(s))),
                        pivots,
                    };
                }
                Some(Boundary::Drop(c)) => {
                    let dropped = sx.coords[c];
                    sx.lower(s, c);
                    if sx.perm.is_empty() {
                        // Back at the start: cannot happen on a path that
                        // left it; give up rather than loop.
                        return PathEnd {
                            centre: None,
                            pivots,
                        };
                    }
                    s = (0..sx.labels.len())
                        .find(|&k| sx.labels[k] == dropped)
                        .expect("the facet carries the dropped label");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::equilibrium::nplayer::max_regret;

    #[test]
    fn matching_pennies_from_the_centroid_and_elsewhere() {
        let g = NPlayerGame::from_fn(&[2, 2], |a| {
            let m = if a[0] == a[1] { 1.0 } else { -1.0 };
            vec![m, -m]
        })
        .unwrap();
        for start in [None, Some(vec![vec![0.9, 0.1], vec![0.2, 0.8]])] {
            let options = SimpdivOptions {
                start,
                ..SimpdivOptions::default()
            };
            let run = simplicial_subdivision(&g, &options).unwrap();
            assert_eq!(run.equilibrium.strategies[0], vec![0.5, 0.5]);
            assert_eq!(run.equilibrium.strategies[1], vec![0.5, 0.5]);
        }
    }

    #[test]
    fn a_three_player_game_with_a_pure_equilibrium() {
        // Each player gets 1 for matching player 1 and player 1 gets 2 for
        // action 1: the equilibrium is everyone on action 1.
        let g = NPlayerGame::from_fn(&[2, 2, 2], |a| {
            (0..3)
                .map(|i| {
                    if i == 0 {
                        2.0 * a[0] as f64
                    } else {
                        f64::from(u8::from(a[i] == a[0]))
                    }
                })
                .collect()
        })
        .unwrap();
        let run = simplicial_subdivision(&g, &SimpdivOptions::default()).unwrap();
        assert_eq!(max_regret(&g, &run.equilibrium.strategies), 0.0);
        assert_eq!(run.equilibrium.strategies[0], vec![0.0, 1.0]);
    }
}
