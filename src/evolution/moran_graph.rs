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

/// A graph on the individuals 0..N-1 of a Moran process, as each vertex's
/// sorted lists of out- and in-neighbours (itself included where it has a
/// loop). An undirected graph has the same two lists; an arc `a -> b` of a
/// directed reproduction graph says that an offspring of `a` may replace
/// `b`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoranGraph {
    out: Vec<Vec<usize>>,
    inn: Vec<Vec<usize>>,
    directed: bool,
}

impl MoranGraph {
    /// The complete graph on `population` vertices, with a loop at every
    /// vertex when `loops`.
    pub fn complete(population: usize, loops: bool) -> Self {
        let out: Vec<Vec<usize>> = (0..population)
            .map(|i| (0..population).filter(|&j| loops || j != i).collect())
            .collect();
        MoranGraph {
            inn: out.clone(),
            out,
            directed: false,
        }
    }

    /// The graph of an undirected edge list on the individuals of a
    /// population of `population`: every edge must join individuals below
    /// `population` and every individual must be on an edge (as
    /// Axelrod-Python requires the graph's vertices to be the players).
    /// `name` names the graph in errors. Repeated edges count once; `[i, i]`
    /// is a loop.
    pub fn from_edges(edges: &[[usize; 2]], population: usize, name: &str) -> Result<Self> {
        let both: Vec<[usize; 2]> = edges.iter().flat_map(|&[a, b]| [[a, b], [b, a]]).collect();
        let mut g = Self::from_arcs(&both, population, name)?;
        g.directed = false;
        Ok(g)
    }

    /// The directed graph of an arc list `[from, to]`, on the same terms as
    /// [`from_edges`](Self::from_edges): every individual must be on an arc,
    /// as its tail or its head.
    pub fn from_arcs(arcs: &[[usize; 2]], population: usize, name: &str) -> Result<Self> {
        let mut out = vec![Vec::new(); population];
        let mut inn = vec![Vec::new(); population];
        for &[a, b] in arcs {
            if let Some(&v) = [a, b].iter().find(|&&v| v >= population) {
                return Err(Error::Config {
                    field: name.into(),
                    message: format!(
                        "edge {a}-{b} names individual {v}, but the population has {population} (0 to {})",
                        population.saturating_sub(1)
                    ),
                });
            }
            out[a].push(b);
            inn[b].push(a);
        }
        for list in out.iter_mut().chain(&mut inn) {
            list.sort_unstable();
            list.dedup();
        }
        if let Some(v) = (0..population).find(|&v| out[v].is_empty() && inn[v].is_empty()) {
            let on = (0..population)
                .filter(|&v| !out[v].is_empty() || !inn[v].is_empty())
                .count();
            return Err(Error::Config {
                field: name.into(),
                message: format!(
                    "individual {v} is on no edge: the graph has {on} individuals, the population {population}"
                ),
            });
        }
        Ok(MoranGraph {
            out,
            inn,
            directed: true,
        })
    }

    /// The same graph with a loop at every vertex.
    pub fn with_loops(&self) -> Self {
        let looped = |lists: &[Vec<usize>]| -> Vec<Vec<usize>> {
            lists
                .iter()
                .enumerate()
                .map(|(i, list)| {
                    let mut list = list.clone();
                    if let Err(at) = list.binary_search(&i) {
                        list.insert(at, i);
                    }
                    list
                })
                .collect()
        };
        MoranGraph {
            out: looped(&self.out),
            inn: looped(&self.inn),
            directed: self.directed,
        }
    }

    /// The number of vertices.
    pub fn len(&self) -> usize {
        self.out.len()
    }

    /// Whether the graph has no vertex.
    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    /// Whether it was given as arcs rather than edges.
    pub fn is_directed(&self) -> bool {
        self.directed
    }

    /// The out-neighbours of vertex `i`, sorted (`i` itself if it has a
    /// loop): whom it plays, or whom its offspring may replace.
    pub fn neighbours(&self, i: usize) -> &[usize] {
        &self.out[i]
    }

    /// The in-neighbours of vertex `i`, sorted: whose offspring may
    /// replace it (its neighbours in an undirected graph).
    pub fn in_neighbours(&self, i: usize) -> &[usize] {
        &self.inn[i]
    }

    /// The first vertex with a loop, if any.
    pub fn first_loop(&self) -> Option<usize> {
        (0..self.len()).find(|&i| self.out[i].binary_search(&i).is_ok())
    }

    /// The first vertex that no other vertex may replace (no in-neighbour
    /// but itself), if any.
    pub fn first_isolated(&self) -> Option<usize> {
        (0..self.len()).find(|&i| self.inn[i].iter().all(|&j| j == i))
    }

    /// The first vertex with no out-neighbour (whose offspring would have
    /// nowhere to go), if any.
    pub fn first_without_out_neighbour(&self) -> Option<usize> {
        (0..self.len()).find(|&i| self.out[i].is_empty())
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

    #[test]
    fn arcs_keep_their_direction() {
        let g = MoranGraph::from_arcs(&[[0, 1], [1, 2], [2, 2], [0, 1]], 3, "g").unwrap();
        assert!(g.is_directed());
        assert_eq!(g.neighbours(0), [1]);
        assert_eq!(g.in_neighbours(0), [] as [usize; 0]);
        assert_eq!(g.in_neighbours(1), [0]);
        assert_eq!(g.neighbours(2), [2]);
        // Nothing may replace 0; everyone's offspring has somewhere to go.
        assert_eq!(g.first_isolated(), Some(0));
        assert_eq!(g.first_without_out_neighbour(), None);
        let open = MoranGraph::from_arcs(&[[0, 1], [1, 2]], 3, "g").unwrap();
        assert_eq!(open.first_without_out_neighbour(), Some(2));
        let looped = open.with_loops();
        assert_eq!(looped.neighbours(2), [2]);
        assert_eq!(looped.in_neighbours(1), [0, 1]);
        let undirected = MoranGraph::from_edges(&[[0, 1], [1, 2]], 3, "g").unwrap();
        assert!(!undirected.is_directed());
        assert_eq!(undirected.in_neighbours(1), undirected.neighbours(1));
        let e = MoranGraph::from_arcs(&[[0, 1], [1, 0]], 3, "reproduction_graph")
            .unwrap_err()
            .to_string();
        assert!(e.contains("individual 2 is on no edge"), "{e}");
    }
}
