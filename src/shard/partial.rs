//! A shard's files and their merge: `OUT/shards/shard-I-of-N/partial.txt`
//! (the results of the shard's jobs, [`super::codec`]'s lines) and
//! `shard.json` (its manifest: the configuration and its hash, the shard,
//! the tool's version, the number of jobs and the partial file's checksum).
//!
//! Both files are written to a temporary name and renamed into place, the
//! partial file first and the manifest last, and a re-run removes the old
//! manifest before it writes anything: so a folder whose manifest exists
//! holds a complete shard, and an interrupted shard leaves either no
//! manifest or a partial file whose checksum does not match — nothing that
//! a merge accepts.

use super::codec::{FieldReader, Fields, Record};
use super::hash::hex_digest;
use super::spec::Shard;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The folder of the shards inside a run's output folder.
pub const SHARDS_DIR: &str = "shards";
/// A shard's results.
pub const PARTIAL_FILE: &str = "partial.txt";
/// A shard's manifest.
pub const SHARD_FILE: &str = "shard.json";
/// The first line of a partial file.
const HEADER: &str = "dilemma partial results 1";

/// What a sharded run computes: its kind (`sweep`, `tournament`,
/// `experiment`), its whole configuration, and its number of jobs.
#[derive(Debug, Clone, PartialEq)]
pub struct Work {
    /// The command whose work it is.
    pub kind: String,
    /// Everything the merge needs to finish the run, as JSON.
    pub configuration: serde_json::Value,
    /// The number of jobs of the whole run.
    pub total_jobs: usize,
}

impl Work {
    /// The work of `kind` with `configuration` in `total_jobs` jobs.
    pub fn new<T: Serialize>(kind: &str, configuration: &T, total_jobs: usize) -> Work {
        Work {
            kind: kind.into(),
            configuration: serde_json::to_value(configuration)
                .expect("configurations serialise to JSON"),
            total_jobs,
        }
    }

    /// FNV-1a 128 of the canonical text of the kind, the configuration
    /// (JSON with sorted keys) and the number of jobs.
    pub fn hash(&self) -> String {
        let text = format!(
            "{}\n{}{}\n",
            self.kind,
            sorted_json(&self.configuration),
            self.total_jobs
        );
        hex_digest(text.as_bytes())
    }
}

/// A shard's manifest (`shard.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShardManifest {
    /// Always `"dilemma"`.
    pub tool: String,
    /// The version of the tool that ran the shard.
    pub version: String,
    /// The kind of run ([`Work::kind`]).
    pub kind: String,
    /// The run's configuration ([`Work::configuration`]).
    pub configuration: serde_json::Value,
    /// [`Work::hash`].
    pub configuration_hash: String,
    /// The shard's index (0-based).
    pub shard: usize,
    /// The number of shards.
    pub shards: usize,
    /// The number of jobs of the whole run.
    pub total_jobs: usize,
    /// The number of jobs of this shard.
    pub jobs: usize,
    /// FNV-1a 128 of the partial file.
    pub partial_checksum: String,
}

impl ShardManifest {
    /// The shard it describes.
    pub fn shard(&self) -> Result<Shard> {
        Shard::new(self.shard, self.shards)
    }

    /// The work it belongs to.
    pub fn work(&self) -> Work {
        Work {
            kind: self.kind.clone(),
            configuration: self.configuration.clone(),
            total_jobs: self.total_jobs,
        }
    }
}

/// Pretty JSON with sorted keys and a final newline.
fn sorted_json<T: Serialize>(value: &T) -> String {
    let value = serde_json::to_value(value).expect("manifests serialise to JSON");
    let text = serde_json::to_string_pretty(&value).expect("JSON values serialise");
    format!("{text}\n")
}

/// Reads a shard manifest.
fn read_manifest(path: &Path) -> Result<ShardManifest> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    serde_json::from_str(&text).map_err(|e| Error::Format {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

/// The folder of `shard`'s files in the output folder `out`.
pub fn shard_folder(out: &Path, shard: Shard) -> PathBuf {
    out.join(SHARDS_DIR).join(shard.folder_name())
}

fn refuse(path: &Path, message: String) -> Error {
    Error::Shard {
        path: path.to_path_buf(),
        message,
    }
}

/// Writes `bytes` to `path` through a temporary file renamed into place.
/// (Not flushed to disk: after a crash of the machine a file may be there
/// with lost contents, which the partial file's checksum and the
/// manifest's parse then refuse — a flush per file would cost a shard more
/// than its smallest jobs.)
fn write_renamed(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("tmp");
    let mut f = std::fs::File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
    f.write_all(bytes).map_err(|e| Error::io(&tmp, e))?;
    drop(f);
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}

/// Whether `shard` of `work` is complete in `out`: its manifest is there,
/// of the same configuration, tool version and shard, and its partial file
/// matches the manifest's checksum. (A re-run of a complete shard does
/// nothing.)
pub fn is_complete(out: &Path, shard: Shard, work: &Work) -> bool {
    let dir = shard_folder(out, shard);
    let Ok(manifest) = read_manifest(&dir.join(SHARD_FILE)) else {
        return false;
    };
    manifest.version == env!("CARGO_PKG_VERSION")
        && manifest.configuration_hash == work.hash()
        && manifest.shard == shard.index
        && manifest.shards == shard.count
        && std::fs::read(dir.join(PARTIAL_FILE))
            .is_ok_and(|bytes| hex_digest(&bytes) == manifest.partial_checksum)
}

/// The text of a partial file: the header, then for each job `job K COUNT`
/// and its `COUNT` records, then `end JOBS`.
pub fn partial_text<R: Record>(results: &[(usize, Vec<R>)]) -> String {
    let mut s = format!("{HEADER}\n");
    for (job, records) in results {
        s.push_str(&format!("job {job} {}\n", records.len()));
        for r in records {
            let mut f = Fields::new();
            r.encode(&mut f);
            s.push_str(&f.into_line());
            s.push('\n');
        }
    }
    s.push_str(&format!("end {}\n", results.len()));
    s
}

/// Parses a partial file's text into its jobs' results; `path` names it in
/// errors.
pub fn parse_partial<R: Record>(text: &str, path: &Path) -> Result<Vec<(usize, Vec<R>)>> {
    let bad = |line: usize, message: String| refuse(path, format!("line {line}: {message}"));
    let mut lines = text.lines().enumerate().map(|(k, l)| (k + 1, l));
    match lines.next() {
        Some((_, HEADER)) => {}
        _ => return Err(bad(1, format!("expected `{HEADER}`"))),
    }
    let mut out: Vec<(usize, Vec<R>)> = Vec::new();
    loop {
        let Some((n, line)) = lines.next() else {
            return Err(bad(
                text.lines().count(),
                "the file ends without its `end` line (half-written)".into(),
            ));
        };
        let words: Vec<&str> = line.split(' ').collect();
        match words[..] {
            ["job", job, count] => {
                let (Ok(job), Ok(count)) = (job.parse::<usize>(), count.parse::<usize>()) else {
                    return Err(bad(n, format!("`{line}`: expected `job K COUNT`")));
                };
                let mut records = Vec::with_capacity(count.min(1 << 16));
                for _ in 0..count {
                    let Some((m, record)) = lines.next() else {
                        return Err(bad(n, format!("job {job}: fewer than {count} records")));
                    };
                    let mut fields = FieldReader::new(record);
                    let r = R::decode(&mut fields)
                        .and_then(|r| fields.end().map(|_| r))
                        .map_err(|e| bad(m, e.to_string()))?;
                    records.push(r);
                }
                out.push((job, records));
            }
            ["end", jobs] => {
                if jobs.parse::<usize>().ok() != Some(out.len()) {
                    return Err(bad(
                        n,
                        format!("`{line}`, but the file holds {} jobs", out.len()),
                    ));
                }
                if let Some((m, _)) = lines.next() {
                    return Err(bad(m, "text after the `end` line".into()));
                }
                return Ok(out);
            }
            _ => {
                return Err(bad(
                    n,
                    format!("`{line}`: expected `job K COUNT` or `end N`"),
                ))
            }
        }
    }
}

/// Writes `shard` of `work` into `out`'s shard folder: `results` are its
/// jobs' records (job index, records), in job order. Returns the folder.
pub fn write_shard<R: Record>(
    out: &Path,
    shard: Shard,
    work: &Work,
    results: &[(usize, Vec<R>)],
) -> Result<PathBuf> {
    let dir = shard_folder(out, shard);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    // An old manifest would vouch for a partial file being replaced.
    match std::fs::remove_file(dir.join(SHARD_FILE)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(Error::io(dir.join(SHARD_FILE), e))
        }
        _ => {}
    }
    let text = partial_text(results);
    write_renamed(&dir.join(PARTIAL_FILE), text.as_bytes())?;
    let manifest = ShardManifest {
        tool: "dilemma".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        kind: work.kind.clone(),
        configuration: work.configuration.clone(),
        configuration_hash: work.hash(),
        shard: shard.index,
        shards: shard.count,
        total_jobs: work.total_jobs,
        jobs: results.len(),
        partial_checksum: hex_digest(text.as_bytes()),
    };
    write_renamed(&dir.join(SHARD_FILE), sorted_json(&manifest).as_bytes())?;
    Ok(dir)
}

/// A complete, consistent set of shards of one run, ready to merge.
#[derive(Debug, Clone)]
pub struct ShardSet {
    /// The manifest of shard 0 (all agree on the configuration).
    pub manifest: ShardManifest,
    /// Each shard's folder, by index.
    pub folders: Vec<PathBuf>,
}

/// The shard folders in or at `dir`: `dir` itself when it holds a
/// `shard.json` or is named `shard-I-of-N`, else the `shard-*` folders of
/// `dir/shards` (or of `dir` itself when it is a `shards` folder).
fn shard_folders_at(dir: &Path) -> Result<Vec<PathBuf>> {
    let is_shard = |p: &Path| {
        p.join(SHARD_FILE).exists()
            || p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("shard-"))
    };
    if is_shard(dir) {
        return Ok(vec![dir.to_path_buf()]);
    }
    let parent = if dir.join(SHARDS_DIR).is_dir() {
        dir.join(SHARDS_DIR)
    } else {
        dir.to_path_buf()
    };
    let entries = std::fs::read_dir(&parent).map_err(|e| Error::io(&parent, e))?;
    let mut found = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::io(&parent, e))?.path();
        if path.is_dir() && is_shard(&path) {
            found.push(path);
        }
    }
    if found.is_empty() {
        return Err(refuse(
            dir,
            "no shards here (expected shards/shard-I-of-N/ folders or a shard folder)".into(),
        ));
    }
    found.sort();
    Ok(found)
}

/// Finds and checks the shards of `dirs` (output folders or shard
/// folders): every shard has its manifest, all were written by this
/// version of the tool for the same configuration and number of shards,
/// none is given twice and none is missing. The partial files are checked
/// when read ([`ShardSet::read_jobs`]).
pub fn collect(dirs: &[PathBuf]) -> Result<ShardSet> {
    let mut folders = Vec::new();
    for dir in dirs {
        for f in shard_folders_at(dir)? {
            let canonical = f.canonicalize().map_err(|e| Error::io(&f, e))?;
            if !folders.iter().any(|(c, _)| *c == canonical) {
                folders.push((canonical, f));
            }
        }
    }
    let version = env!("CARGO_PKG_VERSION");
    let mut first: Option<ShardManifest> = None;
    let mut by_index: BTreeMap<usize, PathBuf> = BTreeMap::new();
    for (_, folder) in folders {
        let path = folder.join(SHARD_FILE);
        if !path.exists() {
            return Err(refuse(
                &folder,
                format!("no {SHARD_FILE}: the shard did not finish (half-written); run it again"),
            ));
        }
        let m: ShardManifest = read_manifest(&path)
            .map_err(|e| refuse(&folder, format!("{SHARD_FILE} is corrupt: {e}")))?;
        m.shard()
            .map_err(|e| refuse(&folder, format!("{SHARD_FILE}: {e}")))?;
        if m.version != version {
            return Err(refuse(
                &folder,
                format!(
                    "shard {} was written by dilemma {}, this is dilemma {version}: run all shards and the merge with one version",
                    m.shard, m.version
                ),
            ));
        }
        if let Some(f) = &first {
            if m.configuration_hash != f.configuration_hash || m.kind != f.kind {
                return Err(refuse(
                    &folder,
                    format!(
                        "shard {} is of a different configuration (hash {}) than shard {} (hash {})",
                        m.shard, m.configuration_hash, f.shard, f.configuration_hash
                    ),
                ));
            }
            if m.shards != f.shards {
                return Err(refuse(
                    &folder,
                    format!(
                        "shard {}/{} belongs to a run of {} shards, shard {}/{} to one of {}: remove the other run's shard folders",
                        m.shard, m.shards, m.shards, f.shard, f.shards, f.shards
                    ),
                ));
            }
        }
        if m.work().hash() != m.configuration_hash {
            return Err(refuse(
                &folder,
                format!("{SHARD_FILE} is corrupt: its configuration does not match its hash"),
            ));
        }
        if let Some(other) = by_index.get(&m.shard) {
            return Err(refuse(
                &folder,
                format!(
                    "shard {} is given twice (also {})",
                    m.shard,
                    other.display()
                ),
            ));
        }
        by_index.insert(m.shard, folder);
        if first.is_none() {
            first = Some(m);
        }
    }
    let manifest = first.ok_or_else(|| refuse(&dirs[0], "no shards".into()))?;
    let missing: Vec<String> = (0..manifest.shards)
        .filter(|i| !by_index.contains_key(i))
        .map(|i| i.to_string())
        .collect();
    if !missing.is_empty() {
        let place = dirs.first().cloned().unwrap_or_default();
        return Err(refuse(
            &place,
            format!(
                "shard{} {} of {} missing",
                if missing.len() > 1 { "s" } else { "" },
                missing.join(", "),
                manifest.shards
            ),
        ));
    }
    let folders = by_index.into_values().collect();
    Ok(ShardSet { manifest, folders })
}

impl ShardSet {
    /// Every job's records, by job index: each partial file is checked
    /// against its manifest's checksum and must hold exactly its shard's
    /// jobs.
    pub fn read_jobs<R: Record>(&self) -> Result<Vec<Vec<R>>> {
        let total = self.manifest.total_jobs;
        let mut jobs: Vec<Option<Vec<R>>> = (0..total).map(|_| None).collect();
        for (index, folder) in self.folders.iter().enumerate() {
            let shard = Shard::new(index, self.manifest.shards)?;
            let m: ShardManifest = read_manifest(&folder.join(SHARD_FILE))?;
            let path = folder.join(PARTIAL_FILE);
            let bytes = std::fs::read(&path)
                .map_err(|e| refuse(folder, format!("{PARTIAL_FILE} cannot be read: {e}")))?;
            if hex_digest(&bytes) != m.partial_checksum {
                return Err(refuse(
                    &path,
                    format!(
                        "shard {index}: checksum does not match {SHARD_FILE} (corrupt or half-written); run the shard again"
                    ),
                ));
            }
            let text = String::from_utf8(bytes)
                .map_err(|_| refuse(&path, "not UTF-8 text (corrupt)".into()))?;
            let results = parse_partial::<R>(&text, &path)?;
            let expected = shard.jobs(total);
            let got: Vec<usize> = results.iter().map(|(k, _)| *k).collect();
            if got != expected || m.jobs != expected.len() {
                return Err(refuse(
                    &path,
                    format!(
                        "shard {index} holds {} jobs, not the {} jobs of shard {shard} of {total}",
                        got.len(),
                        expected.len()
                    ),
                ));
            }
            for (k, records) in results {
                jobs[k] = Some(records);
            }
        }
        Ok(jobs
            .into_iter()
            .map(|j| j.expect("every job belongs to one shard (checked)"))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record of one number, for the tests.
    #[derive(Debug, PartialEq)]
    struct X(f64);

    impl Record for X {
        fn encode(&self, out: &mut Fields) {
            out.f64(self.0);
        }
        fn decode(f: &mut FieldReader<'_>) -> Result<X> {
            Ok(X(f.f64()?))
        }
    }

    fn work() -> Work {
        Work::new("test", &serde_json::json!({"seed": 1, "x": 0.1}), 5)
    }

    /// Job k's records: k copies of k / 3.
    fn results(shard: Shard) -> Vec<(usize, Vec<X>)> {
        shard
            .jobs(5)
            .into_iter()
            .map(|k| (k, (0..k).map(|_| X(k as f64 / 3.0)).collect()))
            .collect()
    }

    #[test]
    fn partial_text_reads_back_and_damage_is_refused() {
        let r = results(Shard::new(1, 2).unwrap());
        let text = partial_text(&r);
        let p = Path::new("partial.txt");
        assert_eq!(parse_partial::<X>(&text, p).unwrap(), r);
        let cut = &text[..text.len() - 6];
        assert!(parse_partial::<X>(cut, p).is_err());
        let more = format!("{text}job 9 0\n");
        assert!(parse_partial::<X>(&more, p).is_err());
        let short = text.replace("job 3 3", "job 3 4");
        assert!(parse_partial::<X>(&short, p).is_err());
        assert!(parse_partial::<X>(&text.replace("end 2", "end 3"), p).is_err());
        assert!(parse_partial::<X>(&text[1..], p).is_err());
    }

    #[test]
    fn shards_written_are_complete_collect_and_read_back_by_job() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let w = work();
        // Three shards of five jobs.
        for i in 0..3 {
            let s = Shard::new(i, 3).unwrap();
            assert!(!is_complete(out, s, &w));
            write_shard(out, s, &w, &results(s)).unwrap();
            assert!(is_complete(out, s, &w));
        }
        let other = Work::new("test", &serde_json::json!({"seed": 2, "x": 0.1}), 5);
        assert_ne!(other.hash(), w.hash());
        assert!(!is_complete(out, Shard::new(0, 3).unwrap(), &other));
        let set = collect(&[out.to_path_buf()]).unwrap();
        assert_eq!(set.manifest.work(), w);
        let jobs = set.read_jobs::<X>().unwrap();
        assert_eq!(jobs.len(), 5);
        for (k, records) in jobs.iter().enumerate() {
            assert_eq!(records.len(), k);
            assert!(records.iter().all(|x| x.0 == k as f64 / 3.0));
        }
    }

    #[test]
    fn the_hash_is_of_the_canonical_text() {
        // Key order does not matter; values, the kind and the job count do.
        let a = Work::new("sweep", &serde_json::json!({"a": 1, "b": [0.5]}), 4);
        let b: serde_json::Value = serde_json::from_str(r#"{"b": [0.5], "a": 1}"#).unwrap();
        assert_eq!(a.hash(), Work::new("sweep", &b, 4).hash());
        assert_ne!(a.hash(), Work::new("sweep", &b, 5).hash());
        assert_ne!(a.hash(), Work::new("tournament", &b, 4).hash());
        let text = "sweep\n{\n  \"a\": 1,\n  \"b\": [\n    0.5\n  ]\n}\n4\n";
        assert_eq!(a.hash(), hex_digest(text.as_bytes()));
    }
}
