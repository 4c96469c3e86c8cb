//! Output folders that always hold one run's complete output.
//!
//! A run never writes into its output folder directly. [`OutputFolder::begin`]
//! takes the folder's lock (a second run gets [`Error::Busy`]) and opens a
//! hidden staging folder inside it; the run writes every table and figure
//! there, then [`OutputFolder::commit`] moves the files into place and removes
//! what the previous run wrote and this one did not (a re-run without figures
//! leaves no old figure behind). Until the commit the folder holds the
//! previous run's output untouched, so a run that fails or is killed while
//! computing, writing or drawing changes nothing.
//!
//! The commit itself is journalled: before moving anything it writes the list
//! of moves into `.dilemma-commit`, and whoever opens the folder next (any
//! later run) finishes an interrupted commit before doing anything else. So
//! even a kill during the commit's renames leaves, once the folder is next
//! used, exactly the new run's output, never a mix.
//!
//! The files a run wrote are listed in `.outputs` (one name a line): that
//! list, not a guess from file names, decides what a later run removes, so
//! files of the user's own in the folder (an experiment file, a README) are
//! never touched.

use crate::error::{Error, Result};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The lock file: holds the process id of the run that writes the folder
/// and its host (`PID HOST`), so that a lock on a cluster's shared file
/// system names the node of its run.
const LOCK: &str = ".dilemma-lock";
/// The staging folder a run writes into.
const STAGING: &str = ".dilemma-staging";
/// The journal of a commit in progress.
const JOURNAL: &str = ".dilemma-commit";
/// The list of files the last committed run wrote.
const OUTPUTS: &str = ".outputs";

/// What a commit does with the previous run's files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Commit {
    /// The new files replace the previous run's output: previous outputs that
    /// the new run did not write are removed.
    Replace,
    /// The new files are added (replacing files of the same name); other
    /// previous outputs stay (redrawing a folder's figures).
    Add,
}

/// An output folder held by this run, with its staging folder.
#[derive(Debug)]
pub struct OutputFolder {
    target: PathBuf,
    staging: PathBuf,
    mode: Commit,
    done: bool,
    /// Whether `begin` created the folder (removed again, when still empty,
    /// by a run that ends without committing).
    created: bool,
}

impl OutputFolder {
    /// Creates `target` if needed, takes its lock, finishes a commit that an
    /// earlier run left unfinished, clears an abandoned staging folder and
    /// opens a fresh one. Fails, before anything is computed, when the folder
    /// cannot be created or written or another live run holds it.
    pub fn begin(target: &Path, mode: Commit) -> Result<Self> {
        let created = !target.exists();
        std::fs::create_dir_all(target).map_err(|e| Error::io(target, e))?;
        if let Err(e) = take_lock(target) {
            if created {
                let _ = std::fs::remove_dir(target);
            }
            return Err(e);
        }
        let staging = target.join(STAGING);
        let folder = OutputFolder {
            target: target.to_path_buf(),
            staging: staging.clone(),
            mode,
            done: false,
            created,
        };
        recover(target)?;
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
        }
        std::fs::create_dir(&staging).map_err(|e| Error::io(&staging, e))?;
        Ok(folder)
    }

    /// The folder the run writes its files into (flat: no subfolders).
    pub fn path(&self) -> &Path {
        &self.staging
    }

    /// The folder the files end up in.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Moves the staged files into the folder, removes the previous run's
    /// files that this run did not write ([`Commit::Replace`]), and releases
    /// the lock. Returns the names of the files now in place.
    pub fn commit(mut self) -> Result<Vec<String>> {
        let staged = list_files(&self.staging)?;
        let previous = read_outputs(&self.target)?;
        let remove: BTreeSet<String> = match self.mode {
            Commit::Replace => previous.difference(&staged).cloned().collect(),
            Commit::Add => BTreeSet::new(),
        };
        let outputs: BTreeSet<String> = match self.mode {
            Commit::Replace => staged.clone(),
            Commit::Add => previous.union(&staged).cloned().collect(),
        };
        let journal = Journal {
            moves: staged.iter().cloned().collect(),
            removals: remove.into_iter().collect(),
            outputs: outputs.into_iter().collect(),
        };
        write_synced(&self.target.join(JOURNAL), journal.to_text().as_bytes())?;
        journal.apply(&self.target)?;
        self.done = true;
        release_lock(&self.target);
        Ok(journal.moves)
    }
}

impl Drop for OutputFolder {
    /// A run that ends without committing leaves the folder as it was: its
    /// staging folder is removed and the lock released.
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.staging);
            release_lock(&self.target);
            if self.created {
                // Only succeeds when nothing else is in it.
                let _ = std::fs::remove_dir(&self.target);
            }
        }
    }
}

/// A commit's moves, removals and resulting output list, written before the
/// commit starts so that an interrupted commit can be finished.
#[derive(Debug, PartialEq)]
struct Journal {
    moves: Vec<String>,
    removals: Vec<String>,
    outputs: Vec<String>,
}

impl Journal {
    fn to_text(&self) -> String {
        let mut s = String::new();
        for (tag, names) in [
            ("move", &self.moves),
            ("remove", &self.removals),
            ("output", &self.outputs),
        ] {
            for n in names {
                s.push_str(&format!("{tag} {n}\n"));
            }
        }
        s.push_str("end\n");
        s
    }

    /// Parses a journal; `None` when it is incomplete (the run was killed
    /// while writing it, before any file was moved).
    fn parse(text: &str) -> Option<Journal> {
        let mut j = Journal {
            moves: Vec::new(),
            removals: Vec::new(),
            outputs: Vec::new(),
        };
        let mut ended = false;
        for line in text.lines() {
            match line.split_once(' ') {
                Some(("move", n)) => j.moves.push(n.to_string()),
                Some(("remove", n)) => j.removals.push(n.to_string()),
                Some(("output", n)) => j.outputs.push(n.to_string()),
                None if line == "end" => ended = true,
                _ => return None,
            }
        }
        ended.then_some(j)
    }

    /// Carries the commit out; safe to repeat after an interruption.
    fn apply(&self, target: &Path) -> Result<()> {
        let staging = target.join(STAGING);
        for name in &self.moves {
            let from = staging.join(name);
            if from.exists() {
                let to = target.join(name);
                std::fs::rename(&from, &to).map_err(|e| Error::io(&to, e))?;
            }
        }
        for name in &self.removals {
            let path = target.join(name);
            match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error::io(&path, e))
                }
                _ => {}
            }
        }
        let mut list = String::new();
        for n in &self.outputs {
            list.push_str(n);
            list.push('\n');
        }
        write_synced(&target.join(OUTPUTS), list.as_bytes())?;
        let _ = std::fs::remove_dir_all(&staging);
        let journal = target.join(JOURNAL);
        std::fs::remove_file(&journal).map_err(|e| Error::io(&journal, e))
    }
}

/// Finishes a commit an earlier run left unfinished (or drops a journal that
/// was never completed, in which case nothing had been moved yet).
fn recover(target: &Path) -> Result<()> {
    let path = target.join(JOURNAL);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(&path, e)),
    };
    match Journal::parse(&text) {
        Some(journal) => journal.apply(target),
        None => std::fs::remove_file(&path).map_err(|e| Error::io(&path, e)),
    }
}

/// The names of the plain files directly in `dir`.
fn list_files(dir: &Path) -> Result<BTreeSet<String>> {
    let mut names = BTreeSet::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // Temporary files of writers that failed are not outputs.
        if entry.path().is_file() && !name.ends_with(".tmp") {
            names.insert(name);
        }
    }
    Ok(names)
}

/// The previous run's output list (empty when there is none).
fn read_outputs(target: &Path) -> Result<BTreeSet<String>> {
    let path = target.join(OUTPUTS);
    match std::fs::read_to_string(&path) {
        Ok(t) => Ok(t
            .lines()
            .filter(|l| !l.is_empty() && !l.contains(['/', '\\']))
            .map(str::to_string)
            .collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeSet::new()),
        Err(e) => Err(Error::io(&path, e)),
    }
}

/// Writes and flushes `bytes` to `path` through a temporary file.
fn write_synced(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("tmp");
    let mut f = std::fs::File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
    f.write_all(bytes).map_err(|e| Error::io(&tmp, e))?;
    f.sync_all().map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}

/// This machine's host name (from the kernel; `unknown` where it cannot be read).
pub fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty() && !h.contains(char::is_whitespace))
        .or_else(|| std::env::var("HOSTNAME").ok().filter(|h| !h.is_empty()))
        .unwrap_or_else(|| "unknown".into())
}

/// Parses a lock file's text: `PID HOST` (or a bare `PID`, written by
/// earlier versions on this host).
fn parse_lock(text: &str) -> Option<(u32, Option<String>)> {
    let mut parts = text.split_whitespace();
    let pid = parts.next()?.parse().ok()?;
    Some((pid, parts.next().map(str::to_string)))
}

/// Takes the folder's lock, or fails naming the live run that holds it. A
/// lock left by a process of this host that no longer runs is taken over;
/// a lock of another host (a cluster's shared file system) is taken as
/// held, since its process cannot be checked from here.
fn take_lock(target: &Path) -> Result<()> {
    let path = target.join(LOCK);
    for _ in 0..2 {
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                let text = format!("{} {}", std::process::id(), host_name());
                return f
                    .write_all(text.as_bytes())
                    .map_err(|e| Error::io(&path, e));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let holder = std::fs::read_to_string(&path)
                    .ok()
                    .and_then(|s| parse_lock(&s));
                let here = host_name();
                match holder {
                    Some((pid, host)) if host.as_ref().is_some_and(|h| *h != here) => {
                        return Err(Error::Busy {
                            path: target.to_path_buf(),
                            pid,
                            host: host.unwrap_or_default(),
                        })
                    }
                    Some((pid, _)) if process_alive(pid) => {
                        return Err(Error::Busy {
                            path: target.to_path_buf(),
                            pid,
                            host: here,
                        })
                    }
                    _ => {
                        // Stale: its run is gone.
                        let _ = std::fs::remove_file(&path);
                    }
                }
            }
            Err(e) => return Err(Error::io(&path, e)),
        }
    }
    Err(Error::io(
        &path,
        std::io::Error::other("the lock was taken by another run at the same moment"),
    ))
}

fn release_lock(target: &Path) {
    let _ = std::fs::remove_file(target.join(LOCK));
}

/// Whether process `pid` is running (on systems without `/proc`, every
/// recorded holder is taken as running, and its lock must be removed by hand).
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    if !proc.exists() {
        return true;
    }
    // A killed process that its parent has not reaped yet is a zombie ('Z'
    // after the command name in /proc/PID/stat): it holds nothing.
    match std::fs::read_to_string(proc.join(pid.to_string()).join("stat")) {
        Ok(stat) => stat
            .rsplit_once(')')
            .is_none_or(|(_, rest)| !rest.trim_start().starts_with('Z')),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn rerun_without_a_file_removes_the_previous_runs_copy_but_not_user_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("run");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("README.md"), "mine").unwrap();
        let first = OutputFolder::begin(&out, Commit::Replace).unwrap();
        std::fs::write(first.path().join("summary.csv"), "1").unwrap();
        std::fs::write(first.path().join("figure.png"), "old").unwrap();
        first.commit().unwrap();
        let second = OutputFolder::begin(&out, Commit::Replace).unwrap();
        std::fs::write(second.path().join("summary.csv"), "2").unwrap();
        second.commit().unwrap();
        assert_eq!(names(&out), [".outputs", "README.md", "summary.csv"]);
        assert_eq!(
            std::fs::read_to_string(out.join("summary.csv")).unwrap(),
            "2"
        );
    }

    #[test]
    fn an_uncommitted_run_leaves_the_previous_output_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("run");
        let first = OutputFolder::begin(&out, Commit::Replace).unwrap();
        std::fs::write(first.path().join("summary.csv"), "1").unwrap();
        first.commit().unwrap();
        {
            let failed = OutputFolder::begin(&out, Commit::Replace).unwrap();
            std::fs::write(failed.path().join("summary.csv"), "half").unwrap();
            // Dropped without commit: the run failed.
        }
        assert_eq!(names(&out), [".outputs", "summary.csv"]);
        assert_eq!(
            std::fs::read_to_string(out.join("summary.csv")).unwrap(),
            "1"
        );
    }

    #[test]
    fn a_second_run_on_a_held_folder_is_refused_with_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let held = OutputFolder::begin(dir.path(), Commit::Replace).unwrap();
        let err = OutputFolder::begin(dir.path(), Commit::Replace).unwrap_err();
        assert!(matches!(err, Error::Busy { pid, .. } if pid == std::process::id()));
        assert!(err.to_string().contains("another dilemma run"), "{err}");
        let text = std::fs::read_to_string(dir.path().join(LOCK)).unwrap();
        assert_eq!(text, format!("{} {}", std::process::id(), host_name()));
        drop(held);
        OutputFolder::begin(dir.path(), Commit::Replace).unwrap();
    }

    #[test]
    fn a_stale_lock_of_a_dead_process_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        // Process ids are below 2^22 on Linux: this one cannot be running.
        std::fs::write(dir.path().join(LOCK), "4294967290").unwrap();
        OutputFolder::begin(dir.path(), Commit::Replace).unwrap();
        let named = format!("4294967290 {}", host_name());
        std::fs::write(dir.path().join(LOCK), named).unwrap();
        OutputFolder::begin(dir.path(), Commit::Replace).unwrap();
    }

    #[test]
    fn a_lock_of_another_host_is_refused_naming_the_host() {
        // On a cluster's shared file system the holder's process cannot be
        // checked from here: the lock stands, and the error says where it is.
        let dir = tempfile::tempdir().unwrap();
        let other = format!("{}-elsewhere", host_name());
        std::fs::write(dir.path().join(LOCK), format!("4294967290 {other}")).unwrap();
        let err = OutputFolder::begin(dir.path(), Commit::Replace).unwrap_err();
        assert!(matches!(&err, Error::Busy { host, .. } if *host == other));
        assert!(err.to_string().contains(&other), "{err}");
        assert!(err.to_string().contains(".dilemma-lock"), "{err}");
    }

    #[test]
    fn an_interrupted_commit_is_finished_by_the_next_run() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let first = OutputFolder::begin(out, Commit::Replace).unwrap();
        std::fs::write(first.path().join("a.csv"), "old").unwrap();
        std::fs::write(first.path().join("old.png"), "old").unwrap();
        first.commit().unwrap();
        // A second run staged a.csv and b.csv, wrote its journal and was
        // killed after moving a.csv only.
        let staging = out.join(STAGING);
        std::fs::create_dir(&staging).unwrap();
        std::fs::write(out.join("a.csv"), "new").unwrap();
        std::fs::write(staging.join("b.csv"), "new").unwrap();
        let journal = Journal {
            moves: vec!["a.csv".into(), "b.csv".into()],
            removals: vec!["old.png".into()],
            outputs: vec!["a.csv".into(), "b.csv".into()],
        };
        std::fs::write(out.join(JOURNAL), journal.to_text()).unwrap();
        assert_eq!(Journal::parse(&journal.to_text()), Some(journal));
        let third = OutputFolder::begin(out, Commit::Replace).unwrap();
        assert_eq!(
            names(out),
            [
                ".dilemma-lock",
                ".dilemma-staging",
                ".outputs",
                "a.csv",
                "b.csv"
            ]
        );
        assert_eq!(std::fs::read_to_string(out.join("b.csv")).unwrap(), "new");
        drop(third);
        assert_eq!(names(out), [".outputs", "a.csv", "b.csv"]);
    }

    #[test]
    fn a_journal_cut_short_is_dropped_without_moving_anything() {
        assert_eq!(Journal::parse("move a.csv\nremove b"), None);
        assert_eq!(
            Journal::parse("move a.csv\nend\n").unwrap().moves,
            ["a.csv"]
        );
    }

    #[test]
    fn adding_keeps_previous_outputs() {
        let dir = tempfile::tempdir().unwrap();
        let first = OutputFolder::begin(dir.path(), Commit::Replace).unwrap();
        std::fs::write(first.path().join("summary.csv"), "1").unwrap();
        first.commit().unwrap();
        let plot = OutputFolder::begin(dir.path(), Commit::Add).unwrap();
        std::fs::write(plot.path().join("wins.svg"), "<svg/>").unwrap();
        plot.commit().unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join(OUTPUTS)).unwrap(),
            "summary.csv\nwins.svg\n"
        );
    }
}
