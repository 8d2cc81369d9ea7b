//! Running the binary and making stores.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use tempfile::TempDir;

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Parses stdout as one JSON document.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_recoupe"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("RECOUPE_STORE")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS");
    cmd
}

/// Runs `recoupe ARGS` in `dir`.
pub fn recoupe(dir: &Path, args: &[&str]) -> Run {
    recoupe_with_input(dir, args, "")
}

/// Runs `recoupe ARGS` in `dir` with `input` on stdin.
pub fn recoupe_with_input(dir: &Path, args: &[&str], input: &str) -> Run {
    run_command(command(dir, args), input)
}

/// Runs `recoupe ARGS` in `dir` with the environment variables `vars` set.
pub fn recoupe_with_env(dir: &Path, args: &[&str], vars: &[(&str, &str)]) -> Run {
    let mut cmd = command(dir, args);
    cmd.envs(vars.iter().copied());
    run_command(cmd, "")
}

fn run_command(mut cmd: Command, input: &str) -> Run {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the recoupe binary runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.as_bytes())
        .expect("stdin takes the input");
    let out = child.wait_with_output().expect("recoupe finishes");
    Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A copy of the shipped store (sources.yaml and claims/) in a new folder.
pub fn shipped_store() -> TempDir {
    let dir = TempDir::new().expect("a temporary folder");
    let root = repo_root();
    std::fs::copy(root.join("sources.yaml"), dir.path().join("sources.yaml"))
        .expect("copy sources.yaml");
    std::fs::create_dir(dir.path().join("claims")).expect("claims/");
    for entry in std::fs::read_dir(root.join("claims")).expect("claims/ is readable") {
        let entry = entry.expect("a claims file");
        std::fs::copy(
            entry.path(),
            dir.path().join("claims").join(entry.file_name()),
        )
        .expect("copy a claims file");
    }
    dir
}

/// A copy of a real-story store kept in `tests/fixtures/NAME` (filed from
/// published reports), in a new folder.
pub fn fixture_store(name: &str) -> TempDir {
    let dir = TempDir::new().expect("a temporary folder");
    let from = repo_root().join("tests/fixtures").join(name);
    std::fs::copy(from.join("sources.yaml"), dir.path().join("sources.yaml"))
        .expect("copy sources.yaml");
    std::fs::create_dir(dir.path().join("claims")).expect("claims/");
    for entry in std::fs::read_dir(from.join("claims")).expect("claims/ is readable") {
        let entry = entry.expect("a claims file");
        std::fs::copy(
            entry.path(),
            dir.path().join("claims").join(entry.file_name()),
        )
        .expect("copy a claims file");
    }
    dir
}

/// A store made of the given `sources.yaml` and claims files
/// (`("name.yaml", contents)`).
pub fn store_with(sources: &str, claims: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new().expect("a temporary folder");
    write(dir.path(), "sources.yaml", sources);
    std::fs::create_dir(dir.path().join("claims")).expect("claims/");
    for (name, text) in claims {
        write(dir.path(), &format!("claims/{name}"), text);
    }
    dir
}

pub fn write(dir: &Path, relative: &str, text: &str) {
    std::fs::write(dir.join(relative), text).expect("write a store file");
}

/// Three invented outlets, for stores made up by the tests.
pub const SOURCES: &str = "\
sources:
  - id: monitor-a
    name: Monitor A
    aliases: [MonA]
    kind: monitor
  - id: daily-b
    name: The Daily B
    kind: newspaper
    alignment: pro-government
  - id: wire-c
    name: Wire C
    kind: wire
";
