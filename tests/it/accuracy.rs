//! The accuracy floors on real documents (`benches/accuracy.py --floors`, ACCURACY.md):
//! header fields and legal bases against hand labels, false findings per real plan. The
//! corpus is `../shared/corpus` beside the repository; without it (or without python3)
//! the test is skipped, except under CI, which has both.

use std::path::Path;
use std::process::Command;

#[test]
fn real_documents_stay_above_the_accuracy_floors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/corpus");
    if !corpus.join("web-official").is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "the corpus is missing on CI: {}",
            corpus.display()
        );
        eprintln!("skipped: no corpus at {}", corpus.display());
        return;
    }
    if crate::common::program("python3", "apt-get install python3").is_none() {
        return;
    }
    let o = Command::new("python3")
        .arg(root.join("benches/accuracy.py"))
        .arg(env!("CARGO_BIN_EXE_khlint"))
        .arg("--floors")
        .arg("--corpus")
        .arg(&corpus)
        .output()
        .expect("python3 runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}
