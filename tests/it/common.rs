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
