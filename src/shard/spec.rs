//! Which shard a process runs: `--shard I/N`, or a Slurm array task's
//! shards, and the jobs of a shard.

use crate::error::{Error, Result};
use std::fmt;

/// Shard `index` of `count` (0-based: the shards of a run are `0/N` to
/// `N-1/N`, as Slurm numbers the tasks of `--array=0-(N-1)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Shard {
    /// The shard's index, `0 <= index < count`.
    pub index: usize,
    /// The number of shards of the run.
    pub count: usize,
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// The largest number of shards of one run.
pub const MAX_SHARDS: usize = 1_000_000;

fn invalid(message: String) -> Error {
    Error::Config {
        field: "shard".into(),
        message,
    }
}

impl Shard {
    /// Shard `index` of `count`, checked.
    pub fn new(index: usize, count: usize) -> Result<Shard> {
        if count == 0 || count > MAX_SHARDS {
            return Err(invalid(format!(
                "{index}/{count}: the number of shards must be between 1 and {MAX_SHARDS}"
            )));
        }
        if index >= count {
            return Err(invalid(format!(
                "{index}/{count}: shards are numbered from 0 to {} (0-based)",
                count - 1
            )));
        }
        Ok(Shard { index, count })
    }

    /// Parses `I/N`.
    pub fn parse(text: &str) -> Result<Shard> {
        let (i, n) = text
            .split_once('/')
            .ok_or_else(|| invalid(format!("`{text}`: expected I/N, e.g. 0/8")))?;
        let number = |s: &str| {
            s.trim()
                .parse::<usize>()
                .map_err(|_| invalid(format!("`{text}`: `{s}` is not a whole number")))
        };
        Shard::new(number(i)?, number(n)?)
    }

    /// The jobs of this shard among `total`: `index`, `index + count`,
    /// `index + 2 count`, ... (every shard gets `total / count` jobs or one
    /// more, and neighbouring jobs, often of similar cost, go to different
    /// shards). Empty when `index >= total`.
    pub fn jobs(&self, total: usize) -> Vec<usize> {
        (self.index..total).step_by(self.count).collect()
    }

    /// The folder name of the shard's files: `shard-I-of-N`.
    pub fn folder_name(&self) -> String {
        format!("shard-{}-of-{}", self.index, self.count)
    }
}

/// The shards one Slurm array task runs: with the array's task `task`
/// (0-based, from its first task) of `tasks`, shards `task`, `task + tasks`,
/// ... below `count` (`count` defaults to the array's length, one shard a
/// task).
pub fn array_task_shards(task: usize, tasks: usize, count: Option<usize>) -> Result<Vec<Shard>> {
    if tasks == 0 || task >= tasks {
        return Err(invalid(format!(
            "array task {task} of {tasks}: not a task of the array"
        )));
    }
    let count = count.unwrap_or(tasks);
    Shard::new(0, count)?;
    (task..count)
        .step_by(tasks)
        .map(|i| Shard::new(i, count))
        .collect()
}

/// The shards of this process under a Slurm job array, from its
/// environment (`lookup` reads a variable): `None` outside an array
/// (`SLURM_ARRAY_TASK_ID` unset). The task's place in the array is its id
/// minus `SLURM_ARRAY_TASK_MIN` (0 when unset); the array's length is
/// `SLURM_ARRAY_TASK_COUNT`, or `SLURM_ARRAY_TASK_MAX - MIN + 1`.
pub fn slurm_shards(
    lookup: impl Fn(&str) -> Option<String>,
    count: Option<usize>,
) -> Result<Option<Vec<Shard>>> {
    let Some(id) = lookup("SLURM_ARRAY_TASK_ID") else {
        return Ok(None);
    };
    let number = |name: &str, value: &str| {
        value
            .trim()
            .parse::<usize>()
            .map_err(|_| invalid(format!("{name} = `{value}` is not a whole number")))
    };
    let id = number("SLURM_ARRAY_TASK_ID", &id)?;
    let min = match lookup("SLURM_ARRAY_TASK_MIN") {
        Some(v) => number("SLURM_ARRAY_TASK_MIN", &v)?,
        None => 0,
    };
    let tasks = match (
        lookup("SLURM_ARRAY_TASK_COUNT"),
        lookup("SLURM_ARRAY_TASK_MAX"),
    ) {
        (Some(c), _) => number("SLURM_ARRAY_TASK_COUNT", &c)?,
        (None, Some(max)) => {
            let max = number("SLURM_ARRAY_TASK_MAX", &max)?;
            max.checked_sub(min).map(|d| d + 1).ok_or_else(|| {
                invalid(format!(
                    "SLURM_ARRAY_TASK_MAX = {max} is below SLURM_ARRAY_TASK_MIN = {min}"
                ))
            })?
        }
        (None, None) => {
            return Err(invalid(
                "SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MAX".into(),
            ))
        }
    };
    if id < min {
        return Err(invalid(format!(
            "SLURM_ARRAY_TASK_ID = {id} is below SLURM_ARRAY_TASK_MIN = {min}"
        )));
    }
    array_task_shards(id - min, tasks, count).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_refuses() {
        assert_eq!(Shard::parse("3/8").unwrap(), Shard { index: 3, count: 8 });
        assert_eq!(Shard::parse(" 0 / 1 ").unwrap().to_string(), "0/1");
        for bad in ["8/8", "9/8", "0/0", "1", "a/2", "-1/2", "1/2/3"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
        let e = Shard::parse("8/8").unwrap_err().to_string();
        assert!(e.contains("0 to 7 (0-based)"), "{e}");
    }

    #[test]
    fn slices_partition_the_jobs_evenly() {
        for total in [0, 1, 7, 8, 9, 100] {
            for count in [1, 3, 8, 150] {
                let mut all: Vec<usize> = (0..count)
                    .flat_map(|i| Shard::new(i, count).unwrap().jobs(total))
                    .collect();
                let sizes: Vec<usize> = (0..count)
                    .map(|i| Shard::new(i, count).unwrap().jobs(total).len())
                    .collect();
                let (lo, hi) = (sizes.iter().min(), sizes.iter().max());
                assert!(hi.unwrap() - lo.unwrap() <= 1, "{total} {count}");
                all.sort_unstable();
                assert_eq!(all, (0..total).collect::<Vec<_>>());
            }
        }
        assert_eq!(Shard::new(1, 3).unwrap().jobs(8), [1, 4, 7]);
    }

    #[test]
    fn array_tasks_take_every_shard_once() {
        let mut seen: Vec<usize> = (0..4)
            .flat_map(|t| array_task_shards(t, 4, Some(10)).unwrap())
            .map(|s| s.index)
            .collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..10).collect::<Vec<_>>());
        assert_eq!(
            array_task_shards(1, 4, Some(10)).unwrap(),
            [1, 5, 9].map(|i| Shard {
                index: i,
                count: 10
            })
        );
        // More tasks than shards: the extra tasks have nothing to do.
        assert!(array_task_shards(5, 8, Some(4)).unwrap().is_empty());
        assert!(array_task_shards(8, 8, None).is_err());
    }

    #[test]
    fn reads_the_slurm_environment() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(slurm_shards(env(&[]), None).unwrap(), None);
        let by_count = env(&[
            ("SLURM_ARRAY_TASK_ID", "2"),
            ("SLURM_ARRAY_TASK_COUNT", "8"),
        ]);
        assert_eq!(
            slurm_shards(by_count, None).unwrap().unwrap(),
            [Shard { index: 2, count: 8 }]
        );
        // An array 1-4 numbered from 1: task 4 is the fourth of four.
        let by_range = env(&[
            ("SLURM_ARRAY_TASK_ID", "4"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
            ("SLURM_ARRAY_TASK_MAX", "4"),
        ]);
        assert_eq!(
            slurm_shards(by_range, Some(8)).unwrap().unwrap(),
            [3, 7].map(|i| Shard { index: i, count: 8 })
        );
        let broken = env(&[
            ("SLURM_ARRAY_TASK_ID", "x"),
            ("SLURM_ARRAY_TASK_COUNT", "8"),
        ]);
        assert!(slurm_shards(broken, None).is_err());
        let alone = env(&[("SLURM_ARRAY_TASK_ID", "1")]);
        assert!(slurm_shards(alone, None).is_err());
    }
}
