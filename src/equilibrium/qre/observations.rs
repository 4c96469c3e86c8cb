//! Observed play for [`super::fit_lambda`]: how often each player chose
//! each action.
//!
//! Counts are given per player, typed as `"30,70;55,45"` (players separated
//! by `;`, each player's actions by `,`; player 0 — the row player — first),
//! or read from a CSV file of plays, one observed choice per row:
//!
//! ```text
//! player,action
//! row,Restrain
//! column,Arm
//! 1,2
//! ```
//!
//! The header is `player,action`. `player` is `row` or `column` (`col`) in a
//! two-player game, or the player's number from 1; `action` is the action's
//! name as the game names it, or its number from 1 when no action has that
//! name. Blank lines and lines starting with `#` are skipped.

use super::LogitGame;
use crate::error::{Error, Result};
use std::io::Read;
use std::path::Path;

/// How often each player was observed to choose each of its actions.
#[derive(Debug, Clone, PartialEq)]
pub struct Observations {
    counts: Vec<Vec<f64>>,
}

fn counts_error(message: String) -> Error {
    Error::Config {
        field: "counts".into(),
        message,
    }
}

impl Observations {
    /// Observations from counts, one list per player.
    ///
    /// # Errors
    /// [`Error::Config`] when a count is negative or not finite, or every
    /// count is zero.
    pub fn new(counts: Vec<Vec<f64>>) -> Result<Self> {
        if let Some(bad) = counts
            .iter()
            .flatten()
            .find(|c| !(c.is_finite() && **c >= 0.0))
        {
            return Err(counts_error(format!(
                "{bad} is not a count: counts are finite numbers >= 0"
            )));
        }
        if !counts.iter().flatten().any(|c| *c > 0.0) {
            return Err(counts_error(
                "every count is zero: nothing was observed".into(),
            ));
        }
        Ok(Observations { counts })
    }

    /// Parses `"30,70;55,45"`: players separated by `;`, counts by `,`.
    ///
    /// # Errors
    /// [`Error::Config`] when a count is not a number, or as
    /// [`Observations::new`].
    pub fn parse(text: &str) -> Result<Self> {
        let counts = text
            .split(';')
            .map(|player| {
                player
                    .split(',')
                    .map(|c| {
                        c.trim().parse::<f64>().map_err(|_| {
                            counts_error(format!(
                                "`{}` in `{text}` is not a number; write counts as \"30,70;55,45\" (players separated by ;)",
                                c.trim()
                            ))
                        })
                    })
                    .collect::<Result<Vec<f64>>>()
            })
            .collect::<Result<Vec<_>>>()?;
        Self::new(counts)
    }

    /// Reads a CSV of plays (see the module documentation) for a game whose
    /// players' action names are `action_names` (one list per player).
    /// `source` names the input in errors.
    ///
    /// # Errors
    /// [`Error::Format`] for a missing header, an unknown player or action,
    /// or a malformed row; as [`Observations::new`] when the file has no
    /// plays.
    pub fn from_plays_csv<R: Read>(
        reader: R,
        source: &Path,
        action_names: &[&[String]],
    ) -> Result<Self> {
        let bad = |line: u64, message: String| Error::Format {
            path: source.to_path_buf(),
            message: if line > 0 {
                format!("line {line}: {message}")
            } else {
                message
            },
        };
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(true)
            .trim(csv::Trim::All)
            .comment(Some(b'#'))
            .flexible(true)
            .from_reader(reader);
        let header = csv
            .headers()
            .map_err(|e| bad(0, e.to_string()))?
            .iter()
            .map(str::to_ascii_lowercase)
            .collect::<Vec<_>>();
        if header != ["player", "action"] {
            return Err(bad(
                1,
                format!(
                    "the header is `{}`; a plays file starts with `player,action`",
                    header.join(",")
                ),
            ));
        }
        let mut counts: Vec<Vec<f64>> = action_names.iter().map(|a| vec![0.0; a.len()]).collect();
        for record in csv.records() {
            let record = record.map_err(|e| bad(0, e.to_string()))?;
            let line = record.position().map_or(0, |p| p.line());
            if record.len() != 2 {
                return Err(bad(
                    line,
                    format!("expected 2 fields (player,action), found {}", record.len()),
                ));
            }
            let player = player_index(&record[0], action_names.len())
                .ok_or_else(|| bad(line, unknown_player(&record[0], action_names.len())))?;
            let names = action_names[player];
            let action = action_index(&record[1], names).ok_or_else(|| {
                bad(
                    line,
                    format!(
                        "`{}` is not an action of {}; its actions are {} (or their numbers 1 to {})",
                        &record[1],
                        player_name(player, action_names.len()),
                        names.join(", "),
                        names.len()
                    ),
                )
            })?;
            counts[player][action] += 1.0;
        }
        Self::new(counts).map_err(|_| bad(0, "no plays: the file lists no observed choice".into()))
    }

    /// [`Observations::from_plays_csv`] on the file at `path`.
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read; as
    /// [`Observations::from_plays_csv`].
    pub fn read_plays_csv(path: &Path, action_names: &[&[String]]) -> Result<Self> {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        Self::from_plays_csv(std::io::BufReader::new(file), path, action_names)
    }

    /// The counts, one list per player.
    pub fn counts(&self) -> &[Vec<f64>] {
        &self.counts
    }

    /// The number of observed choices (the sum of the counts).
    pub fn total(&self) -> f64 {
        self.counts.iter().flatten().sum()
    }

    /// Checks that there is one count per action of every player of `game`.
    ///
    /// # Errors
    /// [`Error::Config`] naming the first mismatch.
    pub fn check_shape<G: LogitGame>(&self, game: &G) -> Result<()> {
        let players = game.players();
        if self.counts.len() != players {
            return Err(counts_error(format!(
                "counts for {} players given; the game has {players} (separate players with ;)",
                self.counts.len()
            )));
        }
        for (i, c) in self.counts.iter().enumerate() {
            if c.len() != game.actions(i) {
                return Err(counts_error(format!(
                    "{} counts for {} given; it has {} actions",
                    c.len(),
                    player_name(i, players),
                    game.actions(i)
                )));
            }
        }
        Ok(())
    }

    /// The log-likelihood of the observations when each player plays
    /// `strategies`: `Σ count × ln(probability)`, an unobserved action
    /// contributing nothing whatever its probability.
    pub fn log_likelihood(&self, strategies: &[Vec<f64>]) -> f64 {
        self.counts
            .iter()
            .flatten()
            .zip(strategies.iter().flatten())
            .filter(|(n, _)| **n > 0.0)
            .map(|(n, p)| n * p.ln())
            .sum()
    }

    /// The counts in one slice, player after player.
    pub(crate) fn flat(&self) -> Vec<f64> {
        self.counts.concat()
    }
}

/// The player a CSV field names: `row`/`column`/`col` in a two-player game,
/// or a number from 1.
fn player_index(field: &str, players: usize) -> Option<usize> {
    let f = field.to_ascii_lowercase();
    match f.as_str() {
        "row" if players == 2 => Some(0),
        "column" | "col" if players == 2 => Some(1),
        _ => f
            .parse::<usize>()
            .ok()
            .filter(|k| (1..=players).contains(k))
            .map(|k| k - 1),
    }
}

fn unknown_player(field: &str, players: usize) -> String {
    if players == 2 {
        format!("`{field}` is not a player; write row or column (or 1 or 2)")
    } else {
        format!("`{field}` is not a player; write its number from 1 to {players}")
    }
}

fn player_name(player: usize, players: usize) -> String {
    match (players, player) {
        (2, 0) => "the row player".into(),
        (2, _) => "the column player".into(),
        _ => format!("player {}", player + 1),
    }
}

/// The action a CSV field names: a name first, else a number from 1.
fn action_index(field: &str, names: &[String]) -> Option<usize> {
    names.iter().position(|n| n == field).or_else(|| {
        field
            .parse::<usize>()
            .ok()
            .filter(|k| (1..=names.len()).contains(k))
            .map(|k| k - 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;

    #[test]
    fn parses_typed_counts() {
        let o = Observations::parse(" 30, 70 ; 55,45").unwrap();
        assert_eq!(o.counts(), &[vec![30.0, 70.0], vec![55.0, 45.0]]);
        assert_eq!(o.total(), 200.0);
        let g = catalogue::prisoners_dilemma_default();
        assert!(o.check_shape(&g).is_ok());
        let err = Observations::parse("30,x;1,2").unwrap_err().to_string();
        assert!(err.contains("`x`"), "{err}");
        assert!(Observations::parse("0,0;0,0").is_err());
        assert!(Observations::parse("-1,2;1,2").is_err());
        let three = Observations::parse("1,2,3;4,5").unwrap();
        assert!(three
            .check_shape(&g)
            .unwrap_err()
            .to_string()
            .contains("3 counts for the row player"));
        assert!(Observations::parse("1,2").unwrap().check_shape(&g).is_err());
    }

    #[test]
    fn reads_plays_by_name_and_number() {
        let g = catalogue::prisoners_dilemma_default();
        let names = [g.row_actions(), g.col_actions()];
        let text = format!(
            "Player,Action\nrow,{c}\n\n# a comment\ncolumn,{d}\n2,1\nrow , 2\n",
            c = g.row_actions()[0],
            d = g.col_actions()[1]
        );
        let o =
            Observations::from_plays_csv(text.as_bytes(), Path::new("plays.csv"), &names).unwrap();
        assert_eq!(o.counts(), &[vec![1.0, 1.0], vec![1.0, 1.0]]);
    }

    #[test]
    fn bad_plays_name_the_line() {
        let g = catalogue::prisoners_dilemma_default();
        let names = [g.row_actions(), g.col_actions()];
        let read = |t: &str| {
            Observations::from_plays_csv(t.as_bytes(), Path::new("p.csv"), &names)
                .unwrap_err()
                .to_string()
        };
        assert!(read("who,what\nrow,1\n").contains("header"));
        let e = read("player,action\nrow,1\nnobody,1\n");
        assert!(e.contains("line 3") && e.contains("`nobody`"), "{e}");
        let e = read("player,action\nrow,Surrender\n");
        assert!(e.contains("`Surrender`") && e.contains("row player"), "{e}");
        assert!(read("player,action\n").contains("no plays"));
        assert!(read("player,action\nrow,1,2\n").contains("2 fields"));
    }

    #[test]
    fn log_likelihood_ignores_unobserved_actions() {
        let o = Observations::new(vec![vec![2.0, 0.0]]).unwrap();
        assert_eq!(o.log_likelihood(&[vec![0.5, 0.5]]), 2.0 * 0.5f64.ln());
        assert_eq!(o.log_likelihood(&[vec![1.0, 0.0]]), 0.0);
        assert_eq!(
            Observations::new(vec![vec![0.0, 1.0]])
                .unwrap()
                .log_likelihood(&[vec![1.0, 0.0]]),
            f64::NEG_INFINITY
        );
    }
}
