//! The integration tests, as one test binary: each file is a module, so the
//! library and its dependencies are linked once for all of them.

mod axelrod_library;
mod cli;
mod dictionary;
mod equilibria;
mod figures;
mod fingerprints;
mod fuzz;
mod games;
mod gnm;
mod group_evolution;
mod groups;
mod learning;
mod nplayer;
mod qre;
mod replicates;
mod shard;
mod strategies;
mod tournament;
mod transformers;
