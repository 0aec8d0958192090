//! Which files a run reads: the files named, and the plans inside the folders named.
//!
//! Folders are walked like ripgrep walks them: hidden files and folders are skipped,
//! `.khlintignore` files (gitignore syntax) exclude paths below them, and `--glob` /
//! `--exclude` patterns (gitignore-style globs, relative to the folder named) narrow the
//! selection. `.gitignore` is not read: an archive folder is not a repository. A file named
//! on the command line is always read. Symbolic links are followed, once: a loop or a
//! broken link is an error of the run, named. FIFOs and devices are listed like files and
//! refused when read ([`read_regular`]).

use ignore::overrides::{Override, OverrideBuilder};
use ignore::WalkBuilder;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Extensions read from folders (a file named explicitly is always read).
pub const EXTENSIONS: &[&str] = &["txt", "md", "docx", "pdf", "doc"];

/// The ignore file read in every folder walked.
pub const IGNORE_FILE: &str = ".khlintignore";

/// How folders are filtered.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only files matching one of these globs (all files with a plan extension if empty).
    pub globs: Vec<String>,
    /// Never files (or folders) matching these globs.
    pub excludes: Vec<String>,
}

/// The files of a run, and the entries that could not be listed.
#[derive(Debug, Default)]
pub struct Collected {
    pub files: Vec<PathBuf>,
    /// A folder that could not be read, a bad glob, ...: one message each.
    pub errors: Vec<String>,
}

/// Expands folders recursively, each in sorted order, after the files named before it.
pub fn collect(paths: &[PathBuf], filter: &Filter) -> Collected {
    let mut out = Collected::default();
    for p in paths {
        if !p.is_dir() {
            out.files.push(p.clone());
            continue;
        }
        let overrides = match overrides(p, filter) {
            Ok(o) => o,
            Err(e) => {
                out.errors.push(format!("--glob/--exclude: {e}"));
                return out;
            }
        };
        let walker = WalkBuilder::new(p)
            .standard_filters(false)
            .hidden(true)
            .add_custom_ignore_filename(IGNORE_FILE)
            .overrides(overrides)
            // a --glob whitelist would otherwise bring hidden entries back
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
            .sort_by_file_name(|a, b| a.cmp(b))
            // links are followed (a link to a plan is a plan); loops are reported
            .follow_links(true)
            .build();
        for entry in walker {
            match entry {
                // A FIFO or device named like a plan is kept: reading it reports it (it
                // is never opened for reading), rather than skipping it in silence.
                Ok(e) if e.file_type().is_some_and(|t| !t.is_dir()) => {
                    if has_plan_extension(e.path()) {
                        out.files.push(e.into_path());
                    }
                }
                Ok(_) => {}
                // a symlink loop, a broken link, an unreadable folder
                Err(e) => out.errors.push(e.to_string()),
            }
        }
    }
    out
}

/// Why [`read_regular`] gave no bytes.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// A folder, FIFO, device or socket: named by kind, never read.
    NotAFile(&'static str),
    /// Larger than the limit (`size` is the file's, or more than the limit if it grew).
    TooLarge {
        size: u64,
        limit: u64,
    },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::NotAFile(kind) => write!(f, "not a regular file ({kind})"),
            ReadError::TooLarge { size, limit } => {
                write!(f, "{size} bytes, more than the limit of {limit} bytes")
            }
        }
    }
}

/// What kind of non-regular file `t` is.
fn kind_of(t: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_dir() {
        "directory"
    } else if t.is_fifo() {
        "fifo"
    } else if t.is_block_device() || t.is_char_device() {
        "device"
    } else if t.is_socket() {
        "socket"
    } else {
        "special file"
    }
}

/// Reads a regular file of at most `limit` bytes. A FIFO or device is never read: it is
/// opened without blocking (opening a FIFO for reading otherwise waits for a writer) and
/// refused by its metadata. Memory grows with what is read, not with the size announced.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(kind_of(meta.file_type())));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

fn overrides(root: &Path, filter: &Filter) -> Result<Override, ignore::Error> {
    let mut b = OverrideBuilder::new(root);
    for g in &filter.globs {
        b.add(g)?;
    }
    for g in &filter.excludes {
        b.add(&format!("!{g}"))?;
    }
    b.build()
}

fn has_plan_extension(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn tree() -> tempdir::Dir {
        let d = tempdir::Dir::new("walk");
        for f in [
            "b.txt",
            "a.md",
            "sub/c.docx",
            "sub/z.pdf",
            "sub/skip.png",
            ".hidden/h.txt",
            ".h.txt",
            "old/o.txt",
            "keep/k.txt",
        ] {
            let p = d.path().join(f);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, "x").unwrap();
        }
        fs::write(d.path().join(IGNORE_FILE), "old/\n").unwrap();
        d
    }

    fn names(c: &Collected, root: &std::path::Path) -> Vec<String> {
        c.files
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect()
    }

    #[test]
    fn folders_are_walked_sorted_without_hidden_or_ignored_entries() {
        let d = tree();
        let c = collect(&[d.path().to_path_buf()], &Filter::default());
        assert!(c.errors.is_empty(), "{:?}", c.errors);
        assert_eq!(
            names(&c, d.path()),
            ["a.md", "b.txt", "keep/k.txt", "sub/c.docx", "sub/z.pdf"]
        );
    }

    #[test]
    fn globs_select_and_excludes_remove() {
        let d = tree();
        let f = Filter {
            globs: vec!["*.txt".into(), "*.pdf".into()],
            excludes: vec!["keep/".into()],
        };
        let c = collect(&[d.path().to_path_buf()], &f);
        assert_eq!(names(&c, d.path()), ["b.txt", "sub/z.pdf"]);
        let bad = Filter {
            globs: vec!["a{".into()],
            excludes: vec![],
        };
        assert_eq!(collect(&[d.path().to_path_buf()], &bad).errors.len(), 1);
    }

    #[test]
    fn named_files_are_always_read() {
        let d = tree();
        let hidden = d.path().join(".h.txt");
        let c = collect(std::slice::from_ref(&hidden), &Filter::default());
        assert_eq!(c.files, vec![hidden]);
    }

    #[test]
    fn links_are_followed_once_and_loops_named() {
        let d = tree();
        let target = d.path().join("b.txt");
        std::os::unix::fs::symlink(&target, d.path().join("link.txt")).unwrap();
        std::os::unix::fs::symlink(d.path(), d.path().join("sub/loop")).unwrap();
        let c = collect(&[d.path().to_path_buf()], &Filter::default());
        assert!(names(&c, d.path()).contains(&"link.txt".to_string()));
        assert_eq!(c.errors.len(), 1, "{:?}", c.errors);
        assert!(c.errors[0].contains("loop"), "{:?}", c.errors);
    }

    #[test]
    fn fifos_are_listed_and_never_read() {
        let d = tree();
        let fifo = d.path().join("pipe.txt");
        let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: mkfifo reads a NUL-terminated path we own.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        let c = collect(&[d.path().to_path_buf()], &Filter::default());
        assert!(c.files.contains(&fifo));
        // returns at once (no writer would ever come), naming the kind
        let err = read_regular(&fifo, 1 << 20).unwrap_err();
        assert!(matches!(err, ReadError::NotAFile("fifo")), "{err:?}");
        let err = read_regular(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert!(matches!(err, ReadError::NotAFile("device")), "{err:?}");
        let err = read_regular(d.path(), 1 << 20).unwrap_err();
        assert!(matches!(err, ReadError::NotAFile("directory")), "{err:?}");
        let err = read_regular(&d.path().join("b.txt"), 0).unwrap_err();
        assert!(
            matches!(err, ReadError::TooLarge { size: 1, limit: 0 }),
            "{err:?}"
        );
        assert_eq!(read_regular(&d.path().join("b.txt"), 1).unwrap(), b"x");
    }

    /// A temporary folder removed on drop (no extra dependency).
    mod tempdir {
        pub struct Dir(std::path::PathBuf);
        impl Dir {
            pub fn new(tag: &str) -> Dir {
                use std::sync::atomic::{AtomicUsize, Ordering};
                static N: AtomicUsize = AtomicUsize::new(0);
                let p = std::env::temp_dir().join(format!(
                    "khlint-{tag}-{}-{}",
                    std::process::id(),
                    N.fetch_add(1, Ordering::SeqCst)
                ));
                std::fs::create_dir_all(&p).unwrap();
                Dir(p)
            }
            pub fn path(&self) -> &std::path::Path {
                &self.0
            }
        }
        impl Drop for Dir {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }
}
