//! Running the real binary from integration tests.

use std::process::{Command, Output};

/// `khlint ARGS...` with colors off, its whole output captured.
pub fn khlint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_khlint"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("khlint runs")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A program a slow test drives (Chromium, Neovim): its path when installed. Without it the
/// test is skipped, saying so, except under CI (`CI` set), which installs them and where a
/// missing program must fail the run rather than pass it in silence.
pub fn program(path: &str, install: &str) -> Option<std::path::PathBuf> {
    let found = if path.contains('/') {
        let p = std::path::PathBuf::from(path);
        p.exists().then_some(p)
    } else {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join(path))
                .find(|p| p.is_file())
        })
    };
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{path} is missing on CI ({install})"
        );
        eprintln!("skipped: {path} is not installed ({install})");
    }
    found
}

/// The default limits, with the built binary as the built-in PDF reader's child process
/// (the test harness cannot be re-executed as khlint).
pub fn limits() -> khlint::ingest::Limits {
    khlint::ingest::Limits {
        pdf_helper: Some(env!("CARGO_BIN_EXE_khlint").into()),
        ..khlint::ingest::Limits::default()
    }
}
