//! The HTML report in a real browser: headless Debian chromium loads the file, the DOM it
//! builds has the findings table and the highlights, hostile document text stays text,
//! and a screenshot is saved under target/review-report/ for people to look at.
//! Needs /usr/bin/chromium (or $CHROMIUM); CI installs it (`apt-get install chromium`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PROVINCE: &str = "fixtures/review/bac-giang-2024.txt";

fn chromium() -> Option<PathBuf> {
    let p = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    crate::common::program(&p, "apt-get install -y chromium, or set CHROMIUM")
}

fn out_dir() -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/review-report");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Writes the HTML report of `district` and returns its path and the number of findings.
fn report(district: &str, name: &str) -> (PathBuf, usize) {
    let path = out_dir().join(name);
    let o = Command::new(env!("CARGO_BIN_EXE_khlint"))
        .args([
            "review",
            district,
            "--against",
            PROVINCE,
            "--format",
            "html",
            "-o",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert!(o.status.code().is_some_and(|c| c < 2), "{o:?}");
    let j = Command::new(env!("CARGO_BIN_EXE_khlint"))
        .args([
            "review",
            district,
            "--against",
            PROVINCE,
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&j.stdout).unwrap();
    let n = v["files"][0]["diagnostics"].as_array().unwrap().len();
    (path, n)
}

/// Runs headless chromium on a file with extra flags; returns stdout.
fn browse(chromium: &Path, file: &Path, flags: &[String]) -> String {
    let profile = tempdir();
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(flags)
        .arg(format!("file://{}", file.canonicalize().unwrap().display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).ok();
        s
    });
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            child.kill().ok();
            panic!("chromium did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    std::fs::remove_dir_all(&profile).ok();
    reader.join().unwrap()
}

fn tempdir() -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "khlint-chromium-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn findings_table_and_highlights_exist_after_load() {
    let Some(chromium) = chromium() else { return };
    let (file, n) = report("fixtures/review/districts/luc-nam-2024.txt", "luc-nam.html");
    assert!(n >= 5, "the fixture has findings");
    let dom = browse(&chromium, &file, &["--dump-dom".to_string()]);
    assert!(dom.contains("Báo cáo rà soát Kế hoạch"), "{dom}");
    let rows = (0..n)
        .filter(|k| dom.contains(&format!("<tr id=\"d0-r{k}\">")))
        .count();
    let marks = (0..n)
        .filter(|k| dom.contains(&format!("<mark id=\"d0-f{k}\"")))
        .count();
    assert_eq!(rows, n, "one findings-table row per finding");
    assert_eq!(marks, n, "one highlight per finding");
    assert!(dom.contains("href=\"#d0-f0\"") && dom.contains("href=\"#d0-r0\""));
    assert!(
        dom.contains("class=\"bar tre\""),
        "a late deadline is drawn in the chart"
    );

    let shot = out_dir().join("luc-nam.png");
    std::fs::remove_file(&shot).ok();
    browse(
        &chromium,
        &file,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,2000".to_string(),
            "--hide-scrollbars".to_string(),
        ],
    );
    let png = std::fs::read(&shot).expect("chromium saved the screenshot");
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 20_000,
        "{} bytes",
        png.len()
    );
}

#[test]
fn hostile_text_stays_text() {
    let Some(chromium) = chromium() else { return };
    let (file, n) = report("fixtures/review/hostile/hiep-hoa-2024.txt", "hostile.html");
    assert!(n >= 1);
    let dom = browse(&chromium, &file, &["--dump-dom".to_string()]);
    assert!(
        dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{dom}"
    );
    assert!(
        dom.contains("\"&gt;&lt;img src=x onerror=alert(1)&gt;"),
        "{dom}"
    );
    assert!(!dom.contains("<script"), "no script element");
    assert!(!dom.contains("<img"), "no injected image element");
    assert!(!dom.contains("onerror=\""), "no injected attribute");
    assert!(dom.contains("<mark id=\"d0-f0\""));
}
