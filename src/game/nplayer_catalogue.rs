//! Classic games of `n` players with two actions, each with parameters.
//!
//! Every game here is symmetric ([`SymmetricBinaryGame`]): a player's payoff
//! depends on their own action and on `k`, the number of *other* players
//! choosing the first action (cooperate, hunt the stag, volunteer, A).
//!
//! | name | first action pays | second action pays |
//! |---|---|---|
//! | `public_goods` (n, r, c) | `r c (k + 1) / n - c` | `r c k / n` |
//! | `n_prisoners_dilemma` (n, b, c) | `b k / (n - 1) - c` | `b k / (n - 1)` |
//! | `threshold_stag_hunt` (n, m, stag, hare) | `stag` if `k + 1 >= m`, else 0 | `hare` |
//! | `volunteers_dilemma` (n, b, c) | `b - c` | `b` if `k >= 1`, else 0 |
//! | `minority_game` (n, win, lose) | `win` if `k + 1 < n / 2`, else `lose` | `win` if `n - k < n / 2`, else `lose` |
//! | `majority_game` (n, win, lose) | `win` if `k + 1 > n / 2`, else `lose` | `win` if `n - k > n / 2`, else `lose` |
//!
//! The public goods game is an n-player prisoner's dilemma when
//! `1 < r < n`: contributing costs `c (1 - r/n)` whatever the others do, yet
//! everyone contributing beats no one contributing.
//!
//! ## References
//! - T. C. Schelling (1973), "Hawks, doves, and dodos: binary choices with
//!   externalities", Journal of Conflict Resolution 17:381-428.
//! - J. O. Ledyard (1995), "Public goods: a survey of experimental
//!   research", in *The Handbook of Experimental Economics*, Princeton
//!   University Press.
//! - J. M. Pacheco, F. C. Santos, M. O. Souza and B. Skyrms (2009),
//!   "Evolutionary dynamics of collective action in N-person stag hunt
//!   dilemmas", Proceedings of the Royal Society B 276:315-321.
//! - A. Diekmann (1985), "Volunteer's dilemma", Journal of Conflict
//!   Resolution 29:605-610.
//! - D. Challet and Y.-C. Zhang (1997), "Emergence of cooperation and
//!   organization in an evolutionary game", Physica A 246:407-418 (the
//!   minority game).

use super::catalogue::{find_entry, CatalogueEntry};
use super::{NPlayerGame, SymmetricBinaryGame};
use crate::error::{Error, Result};

/// The most players a catalogue game may have (2^20 profiles).
pub const MAX_PLAYERS: usize = 20;

/// Every game [`by_name`] knows.
pub const NPLAYER_CATALOGUE: &[CatalogueEntry] = &[
    CatalogueEntry {
        name: "public_goods",
        parameters: &[("n", 4.0), ("r", 2.0), ("c", 1.0)],
        description: "n-player public goods game: contribute c, the pot times r shared by all (a PD when 1 < r < n)",
    },
    CatalogueEntry {
        name: "n_prisoners_dilemma",
        parameters: &[("n", 3.0), ("b", 3.0), ("c", 1.0)],
        description: "n-player prisoner's dilemma: a cooperator pays c and gives b/(n-1) to each other player",
    },
    CatalogueEntry {
        name: "threshold_stag_hunt",
        parameters: &[("n", 4.0), ("m", 3.0), ("stag", 4.0), ("hare", 1.0)],
        description: "n-player stag hunt: the stag pays `stag` if at least m hunt it, the hare always pays `hare`",
    },
    CatalogueEntry {
        name: "volunteers_dilemma",
        parameters: &[("n", 3.0), ("b", 2.0), ("c", 1.0)],
        description: "volunteer's dilemma: everyone gets b if someone volunteers, at cost c to the volunteer",
    },
    CatalogueEntry {
        name: "minority_game",
        parameters: &[("n", 3.0), ("win", 1.0), ("lose", 0.0)],
        description: "minority game: choose A or B, those in the strict minority win",
    },
    CatalogueEntry {
        name: "majority_game",
        parameters: &[("n", 3.0), ("win", 1.0), ("lose", 0.0)],
        description: "majority game: choose A or B, those in the strict majority win",
    },
];

/// The number of players `n` as given (a whole number from 2 to
/// [`MAX_PLAYERS`]).
fn players(n: f64) -> Result<usize> {
    if n.fract() != 0.0 || !(2.0..=MAX_PLAYERS as f64).contains(&n) {
        return Err(Error::invalid_parameter(
            "n",
            n,
            format!("a whole number of players from 2 to {MAX_PLAYERS}"),
        ));
    }
    Ok(n as usize)
}

/// A symmetric game from its two payoff functions of `k`.
fn binary(
    name: &str,
    actions: [&str; 2],
    n: usize,
    first: impl Fn(usize) -> f64,
    second: impl Fn(usize) -> f64,
) -> Result<SymmetricBinaryGame> {
    SymmetricBinaryGame::new(
        name,
        actions,
        (0..n).map(&first).collect(),
        (0..n).map(&second).collect(),
    )
}

/// The public goods game: each of `n` players contributes `c` (C) or not
/// (D); the contributions, multiplied by `r`, are shared equally by all.
///
/// # Errors
/// [`Error::InvalidParameter`] for `n` outside 2..=[`MAX_PLAYERS`], or a
/// non-finite `r` or `c`.
pub fn public_goods(n: usize, r: f64, c: f64) -> Result<SymmetricBinaryGame> {
    let n = players(n as f64)?;
    let nf = n as f64;
    binary(
        "public_goods",
        ["C", "D"],
        n,
        |k| r * c * (k + 1) as f64 / nf - c,
        |k| r * c * k as f64 / nf,
    )
}

/// The n-player prisoner's dilemma: a cooperator pays `c` and each other
/// player gains `b / (n - 1)` from them; defection dominates, and everyone
/// cooperating (`b - c` each) beats no one (`0`) when `b > c`.
///
/// # Errors
/// As [`public_goods`].
pub fn n_prisoners_dilemma(n: usize, b: f64, c: f64) -> Result<SymmetricBinaryGame> {
    let n = players(n as f64)?;
    let share = b / (n - 1) as f64;
    binary(
        "n_prisoners_dilemma",
        ["C", "D"],
        n,
        |k| share * k as f64 - c,
        |k| share * k as f64,
    )
}

/// The threshold stag hunt: hunting the stag (S) pays `stag` when at least
/// `m` players (the hunter included) hunt it, else nothing; the hare (H)
/// always pays `hare`.
///
/// # Errors
/// As [`public_goods`]; also for `m` outside `1..=n`.
pub fn threshold_stag_hunt(
    n: usize,
    m: usize,
    stag: f64,
    hare: f64,
) -> Result<SymmetricBinaryGame> {
    let n = players(n as f64)?;
    if !(1..=n).contains(&m) {
        return Err(Error::invalid_parameter(
            "m",
            m as f64,
            format!("a threshold from 1 to n = {n}"),
        ));
    }
    binary(
        "threshold_stag_hunt",
        ["S", "H"],
        n,
        |k| if k + 1 >= m { stag } else { 0.0 },
        |_| hare,
    )
}

/// The volunteer's dilemma: everyone gets `b` when at least one player
/// volunteers (V), who pays `c`; if no one does (I), everyone gets 0.
///
/// # Errors
/// As [`public_goods`].
pub fn volunteers_dilemma(n: usize, b: f64, c: f64) -> Result<SymmetricBinaryGame> {
    let n = players(n as f64)?;
    binary(
        "volunteers_dilemma",
        ["V", "I"],
        n,
        |_| b - c,
        |k| if k >= 1 { b } else { 0.0 },
    )
}

/// The minority game: each player chooses A or B; those whose choice is made
/// by fewer than half of the players get `win`, the others `lose`.
///
/// # Errors
/// As [`public_goods`].
pub fn minority_game(n: usize, win: f64, lose: f64) -> Result<SymmetricBinaryGame> {
    let n = players(n as f64)?;
    let pays = |count: usize| if 2 * count < n { win } else { lose };
    binary(
        "minority_game",
        ["A", "B"],
        n,
        |k| pays(k + 1),
        |k| pays(n - k),
    )
}

/// The majority game: each player chooses A or B; those whose choice is made
/// by more than half of the players get `win`, the others `lose`.
///
/// # Errors
/// As [`public_goods`].
pub fn majority_game(n: usize, win: f64, lose: f64) -> Result<SymmetricBinaryGame> {
    let n = players(n as f64)?;
    let pays = |count: usize| if 2 * count > n { win } else { lose };
    binary(
        "majority_game",
        ["A", "B"],
        n,
        |k| pays(k + 1),
        |k| pays(n - k),
    )
}

/// The catalogue game `name` with `overrides` of its default parameters
/// (names as in [`NPLAYER_CATALOGUE`], case-insensitive).
///
/// # Errors
/// [`Error::Unknown`] for an unknown game or parameter;
/// [`Error::InvalidParameter`] for a value out of range.
pub fn binary_by_name(name: &str, overrides: &[(String, f64)]) -> Result<SymmetricBinaryGame> {
    let key = name.to_ascii_lowercase().replace('-', "_");
    let entry = find_entry(NPLAYER_CATALOGUE, "n-player game", &key, name)?;
    let values = entry.values(overrides)?;
    let n = players(values[0])?;
    match entry.name {
        "public_goods" => public_goods(n, values[1], values[2]),
        "n_prisoners_dilemma" => n_prisoners_dilemma(n, values[1], values[2]),
        "threshold_stag_hunt" => {
            let m = values[1];
            if m.fract() != 0.0 || m < 1.0 {
                return Err(Error::invalid_parameter(
                    "m",
                    m,
                    format!("a whole threshold from 1 to n = {n}"),
                ));
            }
            threshold_stag_hunt(n, m as usize, values[2], values[3])
        }
        "volunteers_dilemma" => volunteers_dilemma(n, values[1], values[2]),
        "minority_game" => minority_game(n, values[1], values[2]),
        _ => majority_game(n, values[1], values[2]),
    }
}

/// [`binary_by_name`] in strategic form.
///
/// # Errors
/// As [`binary_by_name`].
pub fn by_name(name: &str, overrides: &[(String, f64)]) -> Result<NPlayerGame> {
    binary_by_name(name, overrides)?.to_game()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_goods_is_a_prisoners_dilemma() {
        let g = public_goods(4, 2.0, 1.0).unwrap();
        // Contributing always costs c (1 - r/n) = 1/2.
        assert!(g.gains().iter().all(|&x| (x + 0.5).abs() < 1e-15));
        // All contribute: r c - c = 1 each; none: 0.
        assert_eq!(g.first[3], 1.0);
        assert_eq!(g.second[0], 0.0);
    }

    #[test]
    fn minority_and_majority_of_three() {
        let m = minority_game(3, 1.0, 0.0).unwrap();
        // Alone on A (no other on A): win; with one other: lose.
        assert_eq!(m.first, vec![1.0, 0.0, 0.0]);
        // On B with both others on A: win.
        assert_eq!(m.second, vec![0.0, 0.0, 1.0]);
        let j = majority_game(3, 1.0, 0.0).unwrap();
        assert_eq!(j.first, vec![0.0, 1.0, 1.0]);
        assert_eq!(j.second, vec![1.0, 1.0, 0.0]);
    }

    #[test]
    fn lookup_with_parameters() {
        let over = vec![("n".to_string(), 5.0), ("M".to_string(), 4.0)];
        let g = binary_by_name("threshold-stag-hunt", &over).unwrap();
        assert_eq!(g.players(), 5);
        assert_eq!(g.first, vec![0.0, 0.0, 0.0, 4.0, 4.0]);
        assert!(by_name("public_goods", &[("n".into(), 2.5)]).is_err());
        assert!(by_name("nope", &[]).is_err());
        assert!(by_name("volunteers_dilemma", &[("x".into(), 1.0)]).is_err());
        assert_eq!(by_name("volunteers_dilemma", &[]).unwrap().num_players(), 3);
    }
}
