//! Every finding on the real fixture plans, fully rendered in both languages: position,
//! severity, rule, message, fix. insta snapshots (`tests/it/snapshots/`), reviewed line by
//! line when they change (`INSTA_UPDATE=always cargo test`, then read the diff).

use crate::common::khlint;
use serde_json::Value;

pub fn rendered(args: &[&str]) -> String {
    let run = |lang: &str| -> Value {
        let mut a = vec!["--lang", lang];
        a.extend_from_slice(args);
        a.extend_from_slice(&["--format", "json"]);
        serde_json::from_slice(&khlint(&a).stdout).unwrap()
    };
    let (vi, en) = (run("vi"), run("en"));
    let mut out = String::new();
    for (fv, fe) in vi["files"]
        .as_array()
        .unwrap()
        .iter()
        .zip(en["files"].as_array().unwrap())
    {
        let (dv, de) = (
            fv["diagnostics"].as_array().unwrap(),
            fe["diagnostics"].as_array().unwrap(),
        );
        for (v, e) in dv.iter().zip(de) {
            out.push_str(&format!(
                "{}:{} {} {}\n  vi: {}\n  en: {}\n",
                v["line"],
                v["column"],
                v["severity"].as_str().unwrap(),
                v["rule"].as_str().unwrap(),
                v["message"].as_str().unwrap(),
                e["message"].as_str().unwrap()
            ));
            if let (Some(fv), Some(fe)) = (v["fix"].as_object(), e["fix"].as_object()) {
                out.push_str(&format!(
                    "  fix ({}): “{}”\n    vi: {}\n    en: {}\n",
                    fv["applicability"].as_str().unwrap(),
                    fv["replacement"].as_str().unwrap(),
                    fv["description"].as_str().unwrap(),
                    fe["description"].as_str().unwrap()
                ));
            }
        }
    }
    out
}

#[test]
fn seed_plans_rendered_in_both_languages() {
    for seed in [
        "dak-rlap-2024.txt",
        "ninh-thuan-2024.txt",
        "dak-doa-2022.md",
        "lang-giang-2024.txt",
        "vinh-cuu-2020.md",
    ] {
        let text = rendered(&["check", &format!("fixtures/plans/{seed}")]);
        insta::assert_snapshot!(format!("check-{seed}"), text);
    }
}

#[test]
fn district_plans_reviewed_in_both_languages() {
    for district in [
        "lang-giang-2024.txt",
        "luc-nam-2024.txt",
        "tan-yen-2024.txt",
    ] {
        let text = rendered(&[
            "review",
            &format!("fixtures/review/districts/{district}"),
            "--against",
            "fixtures/review/bac-giang-2024.txt",
        ]);
        insta::assert_snapshot!(format!("review-{district}"), text);
    }
}
