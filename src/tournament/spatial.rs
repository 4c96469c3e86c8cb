//! Who meets whom in a spatial tournament: edges read from a file, or the
//! edges of a square lattice (docs/model.md §9.5).
//!
//! ## References
//! - Nowak, M. A. and May, R. M. (1992). Evolutionary games and spatial
//!   chaos. *Nature* 359:826-829 (players on a lattice meeting their
//!   neighbours).
//! - Axelrod-Python 4.14, `Tournament(edges=...)` (the same rule: only the
//!   pairs joined by an edge play).

use crate::error::{Error, Result};
use std::collections::BTreeSet;

/// Reads an edge list: one edge per line, two player indices (from 0)
/// separated by white space or a comma; blank lines and text after `#` are
/// ignored. `origin` names the source in errors (a file's path).
pub fn parse_edges(text: &str, origin: &str) -> Result<Vec<[usize; 2]>> {
    let mut edges = Vec::new();
    for (k, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|f| !f.is_empty())
            .collect();
        let bad = |why: &str| Error::Config {
            field: format!("{origin}:{}", k + 1),
            message: format!("`{line}` {why}"),
        };
        let [a, b] = fields[..] else {
            return Err(bad("is not an edge: give two player indices, e.g. `0 1`"));
        };
        let index = |f: &str| {
            f.parse::<usize>().map_err(|_| {
                bad(&format!(
                    "has `{f}`, which is not a player index (0, 1, ...)"
                ))
            })
        };
        edges.push([index(a)?, index(b)?]);
    }
    if edges.is_empty() {
        return Err(Error::Config {
            field: origin.to_string(),
            message: "holds no edge".to_string(),
        });
    }
    Ok(edges)
}

/// The edges of a `rows` x `cols` lattice wrapped into a torus: each player
/// (numbered row by row from 0) meets its four neighbours (von Neumann
/// neighbourhood). On a lattice two wide or narrower the wrapped neighbours
/// coincide and the pair is listed once; a 1 x 1 lattice is one self-loop.
pub fn lattice_edges(rows: usize, cols: usize) -> Result<Vec<[usize; 2]>> {
    if rows == 0 || cols == 0 {
        return Err(Error::Config {
            field: "lattice".into(),
            message: format!("{rows}x{cols} has no player: give at least 1x2"),
        });
    }
    let mut edges = BTreeSet::new();
    for r in 0..rows {
        for c in 0..cols {
            let me = r * cols + c;
            for other in [r * cols + (c + 1) % cols, ((r + 1) % rows) * cols + c] {
                if other != me || rows * cols == 1 {
                    edges.insert([me.min(other), me.max(other)]);
                }
            }
        }
    }
    Ok(edges.into_iter().collect())
}

/// Parses `ROWSxCOLS` (e.g. `4x5`).
pub fn parse_lattice(spec: &str) -> Result<(usize, usize)> {
    let bad = || Error::Config {
        field: "lattice".into(),
        message: format!("`{spec}` is not ROWSxCOLS, e.g. 4x5"),
    };
    let (r, c) = spec.split_once(['x', 'X']).ok_or_else(bad)?;
    Ok((
        r.trim().parse().map_err(|_| bad())?,
        c.trim().parse().map_err(|_| bad())?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_torus_gives_every_player_four_neighbours() {
        let edges = lattice_edges(3, 4).unwrap();
        assert_eq!(edges.len(), 2 * 12);
        let mut degree = [0; 12];
        for [a, b] in &edges {
            assert_ne!(a, b);
            degree[*a] += 1;
            degree[*b] += 1;
        }
        assert!(degree.iter().all(|&d| d == 4));
        // Player 0's neighbours: right 1, left 3 (wrapped), down 4, up 8.
        let of_0: BTreeSet<usize> = edges
            .iter()
            .filter_map(|&[a, b]| (a == 0).then_some(b))
            .collect();
        assert_eq!(of_0, [1, 3, 4, 8].into());
    }

    #[test]
    fn narrow_lattices_list_each_pair_once() {
        // A 1 x 2 lattice: the right and the wrapped left neighbour are the
        // same player; its column wraps onto itself.
        assert_eq!(lattice_edges(1, 2).unwrap(), vec![[0, 1]]);
        assert_eq!(lattice_edges(1, 1).unwrap(), vec![[0, 0]]);
        // A ring of 5.
        assert_eq!(lattice_edges(1, 5).unwrap().len(), 5);
        assert!(lattice_edges(0, 3).is_err());
    }

    #[test]
    fn edge_files_take_comments_commas_and_name_the_bad_line() {
        let text = "# a ring\n0 1\n1, 2\n\n2\t0  # closing\n";
        assert_eq!(
            parse_edges(text, "ring.txt").unwrap(),
            vec![[0, 1], [1, 2], [2, 0]]
        );
        let e = parse_edges("0 1\n1 x\n", "g.txt").unwrap_err().to_string();
        assert!(e.contains("g.txt:2") && e.contains("`x`"), "{e}");
        let e = parse_edges("0 1 2\n", "g.txt").unwrap_err().to_string();
        assert!(
            e.contains("g.txt:1") && e.contains("two player indices"),
            "{e}"
        );
        assert!(parse_edges("# nothing\n", "g.txt").is_err());
        assert_eq!(parse_lattice("4x5").unwrap(), (4, 5));
        assert!(parse_lattice("4 by 5").is_err());
    }
}
