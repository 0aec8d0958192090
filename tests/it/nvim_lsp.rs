//! A real editor: headless Neovim (Debian's `neovim`) starts `khlint lsp` for a copy of a
//! seed, waits for the diagnostics to arrive, and writes what it got to a file.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const INIT_LUA: &str = r#"
local bin, file, out = os.getenv("KHLINT_BIN"), os.getenv("KHLINT_FILE"), os.getenv("KHLINT_OUT")
vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local config = { name = "khlint", cmd = { bin, "lsp" }, root_dir = vim.fn.fnamemodify(file, ":h") }
if vim.lsp.start then
  vim.lsp.start(config)
else -- Neovim 0.7
  vim.lsp.buf_attach_client(buf, vim.lsp.start_client(config))
end
local ok = vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local lines = { ok and "OK" or "TIMEOUT" }
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ""
  table.insert(lines, table.concat({ d.lnum, d.col, d.severity, code, d.source or "" }, "\t"))
end
vim.fn.writefile(lines, out)
vim.cmd("qa!")
"#;

#[test]
fn neovim_shows_the_diagnostics() {
    if crate::common::program("nvim", "apt-get install neovim").is_none() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("khlint-nvim-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("dak-rlap-2024.txt");
    std::fs::copy("fixtures/plans/dak-rlap-2024.txt", &file).unwrap();
    let (init, out) = (dir.join("init.lua"), dir.join("diagnostics.tsv"));
    std::fs::write(&init, INIT_LUA).unwrap();
    let mut nvim = Command::new("nvim")
        .args(["--headless", "--clean", "-u"])
        .arg(&init)
        .env("KHLINT_BIN", env!("CARGO_BIN_EXE_khlint"))
        .env("KHLINT_FILE", &file)
        .env("KHLINT_OUT", &out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .expect("nvim starts");
    let deadline = Instant::now() + Duration::from_secs(90);
    while nvim.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = nvim.kill();
            panic!("nvim did not finish");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let got = std::fs::read_to_string(&out).expect("init.lua wrote the diagnostics");
    let mut lines = got.lines();
    assert_eq!(lines.next(), Some("OK"), "{got}");
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert!(rows.iter().all(|r| r[4] == "khlint"), "{got}");
    // Neovim turns UTF-16 columns into byte columns: exact only if the server's were exact.
    let text = std::fs::read_to_string(&file).unwrap();
    let line = text.lines().nth(42).unwrap();
    let col = line.find("chuyên đổi số").unwrap().to_string();
    assert!(
        rows.iter()
            .any(|r| r[0] == "42" && r[1] == col && r[3] == "misspelling" && r[2] == "2"),
        "misspelling at 42:{col}: {got}"
    );
    assert!(
        rows.iter().any(|r| r[3] == "placeholder" && r[2] == "1"),
        "{got}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
