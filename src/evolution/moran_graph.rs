//! Graphs of a Moran process on a structured population: who plays whom
//! (the interaction graph) and who may replace whom (the reproduction
//! graph), as Axelrod-Python's `MoranProcess(interaction_graph=...,
//! reproduction_graph=...)` (docs/model.md §11.4).
//!
//! Individuals are the vertices 0..N-1; edges are undirected. Without
//! graphs the process is well mixed: everyone plays everyone else (the
//! complete graph without loops) and an offspring may replace anyone, its
//! parent included (the interaction graph with a loop at every vertex,
//! Axelrod-Python's default reproduction graph).
//!
//! ## References
//! - Lieberman, E., Hauert, C. and Nowak, M. A. (2005). Evolutionary
//!   dynamics on graphs. *Nature* 433:312-316.
//! - Ohtsuki, H., Hauert, C., Lieberman, E. and Nowak, M. A. (2006). A
//!   simple rule for the evolution of cooperation on graphs and social
//!   networks. *Nature* 441:502-505 (death-birth updating).

use crate::error::{Error, Result};

/// An undirected graph on the individuals 0..N-1 of a Moran process, as
/// each vertex's sorted list of neighbours (itself included where it has a
/// loop).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoranGraph {
    neighbours: Vec<Vec<usize>>,
}

impl MoranGraph {
    /// The complete graph on `population` vertices, with a loop at every
    /// vertex when `loops`.
    pub fn complete(population: usize, loops: bool) -> Self {
        MoranGraph {
            neighbours: (0..population)
                .map(|i| (0..population).filter(|&j| loops || j != i).collect())
                .collect(),
        }
    }

    /// The graph of an undirected edge list on the individuals of a
    /// population of `population`: every edge must join individuals below
    /// `population` and every individual must be on an edge (as
    /// Axelrod-Python requires the graph's vertices to be the players).
    /// `name` names the graph in errors. Repeated edges count once; `[i, i]`
    /// is a loop.
    pub fn from_edges(edges: &[[usize; 2]], population: usize, name: &str) -> Result<Self> {
        let mut neighbours = vec![Vec::new(); population];
        for &[a, b] in edges {
            if let Some(&v) = [a, b].iter().find(|&&v| v >= population) {
                return Err(Error::Config {
                    field: name.into(),
                    message: format!(
                        "edge {a}-{b} names individual {v}, but the population has {population} (0 to {})",
                        population.saturating_sub(1)
                    ),
                });
            }
            neighbours[a].push(b);
            neighbours[b].push(a);
        }
        for list in &mut neighbours {
            list.sort_unstable();
            list.dedup();
        }
        if let Some(v) = neighbours.iter().position(Vec::is_empty) {
            let on = neighbours.iter().filter(|l| !l.is_empty()).count();
            return Err(Error::Config {
                field: name.into(),
                message: format!(
                    "individual {v} is on no edge: the graph has {on} individuals, the population {population}"
                ),
            });
        }
        Ok(MoranGraph { neighbours })
    }

    /// The same graph with a loop at every vertex.
    pub fn with_loops(&self) -> Self {
        MoranGraph {
            neighbours: self
                .neighbours
                .iter()
                .enumerate()
                .map(|(i, list)| {
                    let mut list = list.clone();
                    if let Err(at) = list.binary_search(&i) {
                        list.insert(at, i);
                    }
                    list
                })
                .collect(),
        }
    }

    /// The number of vertices.
    pub fn len(&self) -> usize {
        self.neighbours.len()
    }

    /// Whether the graph has no vertex.
    pub fn is_empty(&self) -> bool {
        self.neighbours.is_empty()
    }

    /// The neighbours of vertex `i`, sorted (`i` itself if it has a loop).
    pub fn neighbours(&self, i: usize) -> &[usize] {
        &self.neighbours[i]
    }

    /// The first vertex with a loop, if any.
    pub fn first_loop(&self) -> Option<usize> {
        (0..self.len()).find(|&i| self.neighbours[i].binary_search(&i).is_ok())
    }

    /// The first vertex whose only neighbour is itself, if any.
    pub fn first_isolated(&self) -> Option<usize> {
        (0..self.len()).find(|&i| self.neighbours[i] == [i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tournament::spatial::lattice_edges;

    #[test]
    fn edges_give_sorted_neighbours_both_ways() {
        let g = MoranGraph::from_edges(&[[0, 1], [2, 1], [1, 0], [3, 3], [2, 3]], 4, "g").unwrap();
        assert_eq!(g.neighbours(1), [0, 2]);
        assert_eq!(g.neighbours(3), [2, 3]);
        assert_eq!(g.first_loop(), Some(3));
        let looped = g.with_loops();
        assert_eq!(looped.neighbours(0), [0, 1]);
        assert_eq!(looped.neighbours(3), [2, 3]);
        assert_eq!(MoranGraph::complete(3, false).neighbours(1), [0, 2]);
        assert_eq!(MoranGraph::complete(3, true).neighbours(1), [0, 1, 2]);
        assert_eq!(MoranGraph::complete(3, true).first_isolated(), None);
        let ring = MoranGraph::from_edges(&lattice_edges(1, 5).unwrap(), 5, "g").unwrap();
        assert!((0..5).all(|i| ring.neighbours(i).len() == 2));
    }

    #[test]
    fn graphs_must_span_the_population() {
        let e = MoranGraph::from_edges(&[[0, 1], [1, 6]], 4, "interaction_graph")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("interaction_graph") && e.contains("individual 6"),
            "{e}"
        );
        let e = MoranGraph::from_edges(&[[0, 1], [1, 2]], 4, "g")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("individual 3 is on no edge") && e.contains("population 4"),
            "{e}"
        );
    }
}
