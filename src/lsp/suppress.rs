//! "Silence this finding": a `[[suppress]]` entry in the `khlint.toml` that governs the
//! document (the one the CLI would find), or a new one beside it. The editor and the CLI
//! then agree.

use crate::config::{Config, FILE_NAME};
use crate::i18n::Lang;
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Serialize)]
struct Entry<'a> {
    rule: &'a str,
    fingerprint: &'a str,
    file: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
struct Entries<'a> {
    suppress: [Entry<'a>; 1],
}

/// Appends the entry (unless an equal one is there) and returns the file written. The
/// document must be a saved regular file (not `/dev/null`, not a folder), and the file
/// written must lie inside one of the workspace `roots` when the client named any.
pub(crate) fn suppress(
    document: &Path,
    rule: &str,
    fingerprint: &str,
    roots: &[PathBuf],
    lang: Lang,
) -> Result<PathBuf, String> {
    let Some(rule_id) = crate::rules::RuleId::from_name(rule) else {
        return Err(format!("unknown rule `{rule}`"));
    };
    let document = std::path::absolute(document).map_err(|e| e.to_string())?;
    if !std::fs::metadata(&document).is_ok_and(|m| m.is_file()) {
        return Err(format!(
            "{}: {}",
            document.display(),
            lang.pick("không phải tệp văn bản đã lưu", "not a saved document file")
        ));
    }
    let config = Config::discover(&document)
        .unwrap_or_else(|| document.parent().unwrap_or(Path::new("/")).join(FILE_NAME));
    if !roots.is_empty() && !roots.iter().any(|r| config.starts_with(r)) {
        return Err(format!(
            "{}: {}",
            config.display(),
            lang.pick(
                "nằm ngoài các thư mục làm việc",
                "outside the workspace folders"
            )
        ));
    }
    let dir = config.parent().unwrap_or(Path::new("/"));
    let file = document
        .strip_prefix(dir)
        .unwrap_or(&document)
        .to_string_lossy()
        .replace('\\', "/");
    let mut text = match std::fs::read_to_string(&config) {
        Ok(t) => {
            // Never pile onto a file the CLI refuses.
            let current = Config::load(&config).map_err(|e| e.to_string())?;
            if current.suppress.iter().any(|s| {
                s.rule == rule_id
                    && s.fingerprint.as_deref() == Some(fingerprint)
                    && s.file.as_deref() == Some(file.as_str())
            }) {
                return Ok(config);
            }
            t
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("{}: {e}", config.display())),
    };
    let reason = format!(
        "{} {}",
        lang.pick(
            "Bỏ qua từ trình soạn thảo (khlint lsp) ngày",
            "Ignored from the editor (khlint lsp) on"
        ),
        super::analysis::today().format("%d/%m/%Y")
    );
    let entry = toml::to_string(&Entries {
        suppress: [Entry {
            rule,
            fingerprint,
            file: &file,
            reason: &reason,
        }],
    })
    .map_err(|e| e.to_string())?;
    if !text.is_empty() {
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push('\n');
    }
    text.push_str(&entry);
    std::fs::write(&config, text).map_err(|e| format!("{}: {e}", config.display()))?;
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_appended_once_and_the_cli_config_reads_them() {
        let dir = std::env::temp_dir().join(format!("khlint-lsp-suppress-{}", std::process::id()));
        let sub = dir.join("kế hoạch");
        std::fs::create_dir_all(&sub).unwrap();
        let doc = sub.join("dự thảo.txt");
        std::fs::write(&doc, "Kế hoạch").unwrap();
        std::fs::write(dir.join(FILE_NAME), "ignore = [\"duplicate-text\"]").unwrap();
        let written = suppress(&doc, "misspelling", "00ff", &[], Lang::Vi).unwrap();
        assert_eq!(
            written,
            dir.join(FILE_NAME),
            "the governing file, not a new one"
        );
        suppress(&doc, "misspelling", "00ff", &[], Lang::Vi).unwrap();
        let c = Config::load(&written).unwrap();
        assert_eq!(c.ignore, vec![crate::rules::RuleId::DuplicateText]);
        assert_eq!(c.suppress.len(), 1);
        let s = &c.suppress[0];
        assert_eq!(s.rule, crate::rules::RuleId::Misspelling);
        assert_eq!(s.fingerprint.as_deref(), Some("00ff"));
        assert_eq!(s.file.as_deref(), Some("kế hoạch/dự thảo.txt"));
        assert!(s.reason.as_deref().unwrap().contains("khlint lsp"));
        assert!(suppress(&doc, "no-such-rule", "1", &[], Lang::Vi).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn only_saved_files_inside_the_workspace_are_suppressed() {
        let dir = std::env::temp_dir().join(format!("khlint-lsp-roots-{}", std::process::id()));
        let sub = dir.join("ws");
        std::fs::create_dir_all(&sub).unwrap();
        let doc = sub.join("plan.txt");
        std::fs::write(&doc, "Kế hoạch").unwrap();
        for not_a_file in [Path::new("/dev/null"), sub.as_path()] {
            let err = suppress(not_a_file, "misspelling", "1", &[], Lang::En).unwrap_err();
            assert!(err.contains("not a saved document"), "{err}");
        }
        assert!(!Path::new("/dev").join(FILE_NAME).exists());
        assert!(
            !dir.join(FILE_NAME).exists(),
            "nothing written in the parent"
        );
        let elsewhere = [std::env::temp_dir().join("khlint-no-such-workspace")];
        let err = suppress(&doc, "misspelling", "1", &elsewhere, Lang::En).unwrap_err();
        assert!(err.contains("outside the workspace"), "{err}");
        let written = suppress(
            &doc,
            "misspelling",
            "1",
            std::slice::from_ref(&sub),
            Lang::En,
        );
        assert_eq!(written.unwrap(), sub.join(FILE_NAME));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
