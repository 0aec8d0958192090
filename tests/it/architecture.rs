//! The invariants of ARCHITECTURE.md that can be read off the code: the layers of `src/`
//! (a module imports only from its own layer or below, and never in a circle), and the
//! crates only one module may know.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Bottom to top, as ARCHITECTURE.md draws them.
const LAYERS: &[&[&str]] = &[
    &["i18n", "source", "vietnamese", "walk", "grammar"],
    &["registry", "vocab"],
    &["structure"],
    &["model"],
    &["ingest", "extract"],
    &["rules"],
    &["config"],
    &["check"],
    &["batch", "render", "review", "lsp"],
    &["cli"],
];

fn layer(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|l| l.contains(&module))
        .unwrap_or_else(|| {
            panic!("module `{module}` has no layer: add it to ARCHITECTURE.md and here")
        })
}

/// Every `.rs` file under `src/`, with its top-level module (`rules` for src/rules/x.rs).
fn sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files
        .into_iter()
        .filter_map(|p| {
            let rel = p
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let top = rel
                .split('/')
                .next()
                .unwrap()
                .trim_end_matches(".rs")
                .to_string();
            (top != "lib" && top != "main").then(|| (top, std::fs::read_to_string(&p).unwrap()))
        })
        .collect()
}

/// The top-level modules a file names through `crate::`.
fn imports(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in text.match_indices("crate::") {
        if text[..i].ends_with("khlint::") || text[..i].ends_with('$') {
            continue;
        }
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            out.extend(group.split(',').filter_map(|s| {
                let name = s.trim().split("::").next()?.trim();
                (!name.is_empty()).then(|| name.to_string())
            }));
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.insert(name);
        }
    }
    out
}

#[test]
fn no_module_imports_from_a_higher_layer() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (top, text) in sources() {
        for to in imports(&text) {
            if to != top {
                edges.entry(top.clone()).or_default().insert(to);
            }
        }
    }
    let mut upward = Vec::new();
    for (from, tos) in &edges {
        for to in tos {
            if layer(to) > layer(from) {
                upward.push(format!("{from} -> {to}"));
            }
        }
    }
    assert!(upward.is_empty(), "imports from a higher layer: {upward:?}");
    // Within a layer, no two modules import each other.
    for (from, tos) in &edges {
        for to in tos {
            assert!(
                !edges.get(to).is_some_and(|back| back.contains(from)),
                "circle: {from} <-> {to}"
            );
        }
    }
}

#[test]
fn only_the_command_line_knows_clap_and_only_the_server_knows_lsp() {
    for (top, text) in sources() {
        if top != "cli" {
            assert!(
                !text.contains("clap::") && !text.contains("use clap"),
                "{top} uses clap"
            );
        }
        if top != "lsp" {
            assert!(!text.contains("lsp_types"), "{top} uses lsp_types");
        }
    }
}

#[test]
fn rules_never_see_the_message_language() {
    // Messages are rendered from facts at the edge: a rule's check has no language to
    // choose with, so it cannot bake one into a finding.
    let (_, engine) = sources()
        .into_iter()
        .find(|(top, text)| top == "rules" && text.contains("pub struct RuleContext"))
        .unwrap();
    let context = &engine[engine.find("pub struct RuleContext").unwrap()..];
    let context = &context[..context.find('}').unwrap()];
    assert!(!context.contains("Lang"), "{context}");
    for (top, text) in sources() {
        if top == "rules" {
            assert!(!text.contains("cx.t("), "a rule picks a language");
        }
    }
}

#[test]
fn the_readme_rule_table_is_the_rule_table() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let rows: Vec<(String, String)> = readme
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let name = cells.get(1)?.trim_matches('`');
            let severity = cells.get(2)?;
            khlint::rules::RuleId::from_name(name).map(|_| (name.to_string(), severity.to_string()))
        })
        .collect();
    let table: Vec<(String, String)> = khlint::rules::RuleId::ALL
        .iter()
        .map(|r| (r.name().to_string(), r.meta().severity.name().to_string()))
        .collect();
    assert_eq!(
        rows, table,
        "README's rule table lists every rule, in table order, with its default severity"
    );
}
