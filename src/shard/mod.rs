//! Shards: a run's jobs split over processes or machines (a Slurm job
//! array, GNU parallel), each writing a partial result, and their merge into
//! exactly the files a single run writes (docs/model.md §19).
//!
//! A run is a list of independent jobs — a sweep's (replicate, point)
//! tournaments, a round robin's (replicate, repetition, pairing) matches —
//! whose results depend only on the configuration and the job's index.
//! Shard `I` of `N` runs jobs `I, I + N, I + 2N, ...` and writes their
//! results exactly ([`codec`]); the merge reads every shard's results back
//! and reduces them in job order, the same reduction a single run does, so
//! its tables are byte-identical to a single run's.
//!
//! - `spec.rs`: [`Shard`] (`I/N`), its jobs, and the shards of a Slurm array task;
//! - `hash.rs`: FNV-1a 128, the configuration hash and the partial files' checksum;
//! - `codec.rs`: the exact text encoding of job results;
//! - `partial.rs`: a shard's files, resuming a complete shard, and the
//!   checks of a merge.

pub mod codec;
mod hash;
mod partial;
mod spec;

pub use codec::{FieldReader, Fields, Record};
pub use hash::{fnv1a_128, hex_digest};
pub use partial::{
    collect, is_complete, parse_partial, partial_text, shard_folder, write_shard, ShardManifest,
    ShardSet, Work, PARTIAL_FILE, SHARDS_DIR, SHARD_FILE,
};
pub use spec::{array_task_shards, slurm_shards, Shard, MAX_SHARDS};
