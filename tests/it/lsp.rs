//! `khlint lsp` driven over stdio as an editor drives it: JSON-RPC with Content-Length
//! framing, real binary, every wait bounded.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(60);
const SEED: &str = "fixtures/plans/dak-rlap-2024.txt";

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    /// Messages received but not consumed yet.
    queue: Vec<Value>,
    next_id: i64,
}

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            length = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_khlint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("khlint lsp starts");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            while let Some(m) = read_message(&mut stdout) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            queue: Vec::new(),
            next_id: 1,
        }
    }

    fn raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        self.raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The first message (queued or new) matching `pred`, within [`WAIT`].
    fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.queue.iter().position(&pred) {
            return self.queue.remove(i);
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(m) if pred(&m) => return m,
                Ok(m) => self.queue.push(m),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("timed out waiting for {what}; got {:#?}", self.queue)
                }
                Err(RecvTimeoutError::Disconnected) => panic!("server gone waiting for {what}"),
            }
        }
    }

    /// Sends a request and returns the whole response message.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(method, |m| m["id"] == id && m.get("method").is_none())
    }

    fn initialize(&mut self) -> Value {
        let r = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}}),
        );
        self.notify("initialized", json!({}));
        r
    }

    /// The diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait_for(&format!("diagnostics v{version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn forget_notifications(&mut self) {
        while let Ok(m) = self.rx.recv_timeout(Duration::from_millis(50)) {
            self.queue.push(m);
        }
        self.queue.retain(|m| m.get("id").is_some());
    }

    /// shutdown + exit; the exit code.
    fn stop(mut self) -> Option<i32> {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null, "{r}");
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("server did not exit");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("khlint-lsp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn uri_of(p: &Path) -> String {
    format!("file://{}", p.display())
}

/// (line, UTF-16 column) of the `nth` occurrence of `needle`, counted independently of
/// the server.
fn utf16_pos(text: &str, needle: &str, nth: usize) -> (u64, u64) {
    let at = text.match_indices(needle).nth(nth).unwrap().0;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count() as u64;
    (line, text[line_start..at].encode_utf16().count() as u64)
}

fn byte_offset(text: &str, line: u64, character: u64) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line as usize)
        .map(str::len)
        .sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character as usize || c == '\n' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

fn pos(p: (u64, u64)) -> Value {
    json!({"line": p.0, "character": p.1})
}

fn rule_at(diags: &[Value], rule: &str, line: u64) -> Option<Value> {
    diags
        .iter()
        .find(|d| d["code"] == rule && d["range"]["start"]["line"] == line)
        .cloned()
}

fn open(c: &mut Client, uri: &str, text: &str) {
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
    );
}

#[test]
fn an_editor_session_gets_diagnostics_fixes_hover_outline_and_definition() {
    let dir = temp_dir("session");
    let file = dir.join("dak-rlap-2024.txt");
    std::fs::copy(SEED, &file).unwrap();
    let mut text = std::fs::read_to_string(&file).unwrap();
    let uri = uri_of(&file);
    let mut c = Client::start();

    let init = c.initialize();
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental: {init}");
    assert_eq!(caps["positionEncoding"], "utf-16");
    for p in [
        "codeActionProvider",
        "hoverProvider",
        "documentSymbolProvider",
        "definitionProvider",
    ] {
        assert!(!caps[p].is_null(), "{p}: {init}");
    }

    // Open: the seed's findings at exact UTF-16 positions.
    open(&mut c, &uri, &text);
    let diags = c.diagnostics(&uri, 1);
    let word = "chuyên đổi số";
    let (line, col) = utf16_pos(&text, word, 0);
    assert_eq!((line, col), (42, 324), "counted in UTF-16 units, not bytes");
    let m = rule_at(&diags, "misspelling", line).expect("misspelling on line 43");
    assert_eq!(m["source"], "khlint");
    assert_eq!(m["severity"], 2);
    assert_eq!(m["range"]["start"], pos((line, col)));
    assert_eq!(
        m["range"]["end"],
        pos((line, col + word.encode_utf16().count() as u64))
    );
    let date_pos = utf16_pos(&text, "ngày", 0);
    assert_eq!(date_pos, (4, 11));
    let p = diags
        .iter()
        .find(|d| d["code"] == "placeholder" && d["range"]["start"] == pos(date_pos))
        .unwrap_or_else(|| panic!("placeholder at {date_pos:?}: {diags:#?}"));
    assert_eq!(p["severity"], 1);
    assert!(rule_at(&diags, "placeholder", 2).is_some(), "Số: /KH-UBND");

    // Incremental edit fixing the first misspelling.
    let fixed = "chuyển";
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{
            "range": {"start": pos((line, col)), "end": pos((line, col + 6))},
            "text": fixed,
        }]}),
    );
    let start = byte_offset(&text, line, col);
    text.replace_range(start..start + "chuyên".len(), fixed);
    let diags = c.diagnostics(&uri, 2);
    assert!(rule_at(&diags, "misspelling", line).is_none(), "{diags:#?}");
    let (line2, _) = utf16_pos(&text, word, 0);
    let second = rule_at(&diags, "misspelling", line2).expect("the other misspelling stays");

    // Code action on the other one: apply its edit the way an editor does.
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": second["range"],
               "context": {"diagnostics": [second]}}),
    );
    let actions = r["result"].as_array().unwrap();
    let fix = actions
        .iter()
        .find(|a| a["kind"] == "quickfix" && !a["edit"].is_null())
        .unwrap_or_else(|| panic!("a quick fix: {r:#}"));
    assert!(actions.iter().any(|a| a["title"]
        .as_str()
        .unwrap()
        .starts_with("Bỏ qua lỗi này (khlint.toml)")));
    let edit = &fix["edit"]["changes"][&uri][0];
    let (s, e) = (&edit["range"]["start"], &edit["range"]["end"]);
    let s = byte_offset(
        &text,
        s["line"].as_u64().unwrap(),
        s["character"].as_u64().unwrap(),
    );
    let e = byte_offset(
        &text,
        e["line"].as_u64().unwrap(),
        e["character"].as_u64().unwrap(),
    );
    text.replace_range(s..e, edit["newText"].as_str().unwrap());
    assert!(!text.contains(word), "the fix corrects the misspelling");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3},
               "contentChanges": [{"range": edit["range"], "text": edit["newText"]}]}),
    );
    let diags = c.diagnostics(&uri, 3);
    assert!(
        !diags
            .iter()
            .any(|d| d["code"] == "misspelling" && d["message"].as_str().unwrap().contains(word)),
        "{diags:#?}"
    );

    // Hover on a legal basis: what the registry knows, in Vietnamese.
    let (l, ch) = utf16_pos(&text, "148/QĐ-TTg", 0);
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": pos((l, ch + 2))}),
    );
    let hover = r["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"));
    for want in [
        "148/QĐ-TTg",
        "Thủ tướng Chính phủ",
        "Tình trạng",
        "còn hiệu lực",
    ] {
        assert!(hover.contains(want), "{want}: {hover}");
    }

    // Outline: the section tree.
    let r = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let symbols = r["result"].as_array().unwrap();
    let names: Vec<&str> = symbols
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"I. MỤC ĐÍCH, YÊU CẦU"), "{names:?}");
    let goals = symbols
        .iter()
        .find(|s| s["name"] == "II. MỤC TIÊU")
        .unwrap();
    assert_eq!(goals["children"][0]["name"], "1. Mục tiêu chung");
    fn within(inner: &Value, outer: &Value) -> bool {
        let key = |p: &Value| (p["line"].as_u64(), p["character"].as_u64());
        key(&outer["start"]) <= key(&inner["start"]) && key(&inner["end"]) <= key(&outer["end"])
    }
    fn check(s: &Value) {
        assert!(within(&s["selectionRange"], &s["range"]), "{s}");
        for child in s["children"].as_array().into_iter().flatten() {
            assert!(within(&child["range"], &s["range"]), "{child} in {s}");
            check(child);
        }
    }
    symbols.iter().for_each(check);

    // Definition: a citation in the body leads to the same document among the legal bases.
    let (l, _) = utf16_pos(&text, "6. Chuyển đổi số trong Chương trình OCOP", 0);
    let added =
        "- Thực hiện theo Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng Chính phủ.\n\n";
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{
            "range": {"start": pos((l + 2, 0)), "end": pos((l + 2, 0))}, "text": added,
        }]}),
    );
    let r = c.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": pos((l + 2, 33))}),
    );
    let target = &r["result"];
    assert_eq!(target["uri"], uri, "{r}");
    let (bl, bc) = utf16_pos(&text, "919/QĐ-TTg", 0);
    assert_eq!(target["range"]["start"], pos((bl, bc)), "{r}");

    // Silence a finding: written to khlint.toml, re-published without it, the CLI agrees.
    let diags = c.diagnostics(&uri, 4);
    let number = rule_at(&diags, "placeholder", 2).unwrap();
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": number["range"],
               "context": {"diagnostics": [number]}}),
    );
    let silence = r["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["command"]["command"] == "khlint.suppress"
                && a["diagnostics"][0]["code"] == "placeholder"
        })
        .unwrap_or_else(|| panic!("{r:#}"))
        .clone();
    c.forget_notifications();
    let r = c.request("workspace/executeCommand", silence["command"].clone());
    assert!(r["error"].is_null(), "{r}");
    let fingerprint = number["data"]["fingerprint"].as_str().unwrap();
    let toml = std::fs::read_to_string(dir.join("khlint.toml")).unwrap();
    assert!(
        toml.contains("[[suppress]]") && toml.contains(fingerprint),
        "{toml}"
    );
    assert!(toml.contains("file = \"dak-rlap-2024.txt\""), "{toml}");
    let diags = c.diagnostics(&uri, 4);
    assert!(rule_at(&diags, "placeholder", 2).is_none(), "{diags:#?}");
    assert!(rule_at(&diags, "placeholder", 4).is_some(), "only that one");
    let cli = Command::new(env!("CARGO_BIN_EXE_khlint"))
        .args(["check", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&cli.stdout);
    assert!(
        out.contains("\"placeholder\"") && !out.contains(fingerprint),
        "{out}"
    );

    assert_eq!(c.stop(), Some(0));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn configuration_changes_are_picked_up() {
    let dir = temp_dir("config");
    let file = dir.join("plan.txt");
    std::fs::copy(SEED, &file).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let uri = uri_of(&file);
    let mut c = Client::start();
    c.initialize();
    open(&mut c, &uri, &text);
    let diags = c.diagnostics(&uri, 1);
    assert!(diags.iter().any(|d| d["code"] == "misspelling"));
    std::fs::write(dir.join("khlint.toml"), "ignore = [\"misspelling\"]\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri_of(&dir.join("khlint.toml")), "type": 1}]}),
    );
    let diags = c.diagnostics(&uri, 1);
    assert!(
        !diags.iter().any(|d| d["code"] == "misspelling"),
        "{diags:#?}"
    );
    assert!(diags.iter().any(|d| d["code"] == "placeholder"));
    // A broken configuration is shown, not fatal.
    std::fs::write(dir.join("khlint.toml"), "ignore = [\"no-such-rule\"]\n").unwrap();
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": []}));
    let shown = c.wait_for("showMessage", |m| m["method"] == "window/showMessage");
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("no-such-rule"),
        "{shown}"
    );
    assert_eq!(c.stop(), Some(0));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn malformed_input_and_unknown_methods_get_protocol_errors() {
    let mut c = Client::start();
    let r = c.request("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32002, "before initialize: {r}");
    c.initialize();

    c.raw(b"this is not a header\r\n\r\n");
    let r = c.wait_for("parse error", |m| m["error"]["code"] == -32700);
    assert_eq!(r["id"], Value::Null);
    c.raw(b"Content-Length: 9\r\n\r\n{\"id\": 1,");
    c.wait_for("parse error", |m| m["error"]["code"] == -32700);
    c.raw(&[0xff, 0xfe, b'\r', b'\n', b'\r', b'\n']);
    c.wait_for("parse error", |m| m["error"]["code"] == -32700);
    c.send(json!({"jsonrpc": "2.0", "id": 77, "method": 12}));
    let r = c.wait_for("invalid request", |m| m["error"]["code"] == -32600);
    assert_eq!(r["id"], 77);

    let r = c.request("khlint/noSuchMethod", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    c.notify("khlint/noSuchNotification", json!({}));
    let r = c.request("textDocument/hover", json!({"bad": "params"}));
    assert_eq!(r["error"]["code"], -32602, "{r}");

    // Still serving.
    let r = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": "file:///nowhere/not-open.txt"}}),
    );
    assert!(r["error"].is_null() && r["result"].is_null(), "{r}");
    assert_eq!(c.stop(), Some(0));
}

#[test]
fn exit_without_shutdown_exits_with_one() {
    let mut c = Client::start();
    c.initialize();
    c.notify("exit", Value::Null);
    let deadline = Instant::now() + WAIT;
    let status = loop {
        if let Some(s) = c.child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(1));
}

#[test]
fn rapid_edits_are_debounced_and_only_the_latest_version_is_published() {
    let dir = temp_dir("debounce");
    let file = dir.join("plan.txt");
    std::fs::copy(SEED, &file).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let uri = uri_of(&file);
    let mut c = Client::start();
    c.initialize();
    open(&mut c, &uri, &text);
    c.diagnostics(&uri, 1);
    for version in 2..=6 {
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{
                "range": {"start": pos((0, 0)), "end": pos((0, 0))}, "text": "x",
            }]}),
        );
    }
    // Anything published before version 6 was queued while waiting for it.
    c.diagnostics(&uri, 6);
    let stale: Vec<&Value> = c
        .queue
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .collect();
    assert!(
        stale.is_empty(),
        "versions 2-5 were never analysed: {stale:#?}"
    );
    assert_eq!(c.stop(), Some(0));
    std::fs::remove_dir_all(&dir).unwrap();
}
