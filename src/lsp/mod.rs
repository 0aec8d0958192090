//! `khlint lsp`: a Language Server Protocol server over stdio (lsp-server + lsp-types).
//!
//! The main loop never analyses: it keeps the open buffers (incremental sync), and after a
//! quiet period ([`DEBOUNCE`]) hands the latest version of a buffer to a worker thread.
//! Results for a version that is no longer current are dropped. Requests that read an
//! analysis (hover, code actions, outline, definition) wait until the current version is
//! analysed, so their positions always refer to the text the editor shows.

mod analysis;
mod convert;
mod features;
mod suppress;
mod transport;

use crate::i18n::Lang;
use analysis::{Analysis, Engine};
use crossbeam_channel::{select, unbounded, Receiver, Sender};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as notif, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability,
    DidChangeWatchedFilesRegistrationOptions, ExecuteCommandOptions, FileSystemWatcher,
    GlobPattern, HoverProviderCapability, InitializeParams, InitializeResult, MessageType, OneOf,
    PositionEncodingKind, PublishDiagnosticsParams, Registration, RegistrationParams,
    ServerCapabilities, ServerInfo, ShowMessageParams, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};
use transport::{Incoming, Outgoing};

/// Quiet period after an edit before the buffer is analysed.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// Serves the editor on stdin/stdout until `exit`. Exit code 0 after `shutdown`, 1 if the
/// client exits (or disappears) without it, as the protocol asks.
pub fn run(lang: Lang) -> ExitCode {
    let (out_tx, out_rx) = unbounded();
    let (in_tx, in_rx) = unbounded();
    let writer = transport::spawn_writer(out_rx);
    // The reader blocks on stdin; it ends with the process.
    transport::spawn_reader(in_tx);
    let code = Server::new(lang, out_tx).serve(&in_rx);
    // The server (and its sender) is gone: the writer flushes what is queued and stops.
    let _ = writer.join();
    code
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Uninitialized,
    Running,
    ShuttingDown,
}

/// An analysis finished on a worker.
struct Done {
    uri: Uri,
    version: i32,
    result: Result<Arc<Analysis>, String>,
}

/// A request waiting for the current version of its document to be analysed.
enum Query {
    Hover(lsp_types::HoverParams),
    Symbols,
    Definition(lsp_types::GotoDefinitionParams),
    CodeActions(lsp_types::CodeActionParams),
}

struct Doc {
    path: PathBuf,
    text: String,
    version: i32,
    /// When to analyse (set by edits; `None` when nothing is pending).
    due: Option<Instant>,
    /// The version being analysed on a worker, if any.
    running: Option<i32>,
    /// The latest finished analysis and the version it is of (also set when it failed).
    analysis: Option<Arc<Analysis>>,
    analysed: Option<i32>,
    /// The last configuration error shown, not to repeat it on every keystroke.
    shown_error: Option<String>,
    waiting: Vec<(RequestId, Query)>,
}

struct Server {
    lang: Lang,
    out: Sender<Outgoing>,
    phase: Phase,
    docs: HashMap<Uri, Doc>,
    engine: Arc<Engine>,
    done_tx: Sender<Done>,
    done_rx: Receiver<Done>,
    watch_config: bool,
    /// The workspace folders the client named: `khlint.suppress` writes only inside them.
    roots: Vec<std::path::PathBuf>,
}

impl Server {
    fn new(lang: Lang, out: Sender<Outgoing>) -> Server {
        let (done_tx, done_rx) = unbounded();
        Server {
            lang,
            out,
            phase: Phase::Uninitialized,
            docs: HashMap::new(),
            engine: Arc::new(Engine::new(lang)),
            done_tx,
            done_rx,
            watch_config: false,
            roots: Vec::new(),
        }
    }

    fn serve(mut self, incoming: &Receiver<Incoming>) -> ExitCode {
        loop {
            let wait = self
                .docs
                .values()
                .filter(|d| d.running.is_none())
                .filter_map(|d| d.due)
                .min()
                .map_or(Duration::from_secs(3600), |t| {
                    t.saturating_duration_since(Instant::now())
                });
            select! {
                recv(incoming) -> m => match m {
                    Ok(Incoming::Message(m)) => {
                        if let Some(code) = self.on_message(m) {
                            return code;
                        }
                    }
                    Ok(Incoming::Invalid { id, code, message }) => {
                        self.send_out(Outgoing::Error { id, code: code as i32, message });
                    }
                    // The client closed stdin without `exit`.
                    Err(_) => return ExitCode::from(1),
                },
                recv(self.done_rx) -> d => {
                    if let Ok(d) = d {
                        self.on_done(d);
                    }
                }
                default(wait) => {}
            }
            self.start_due();
        }
    }

    fn send_out(&self, m: Outgoing) {
        // The writer only stops when stdout is gone; nothing is left to tell then.
        let _ = self.out.send(m);
    }

    fn send(&self, m: impl Into<Message>) {
        self.send_out(Outgoing::Message(m.into()));
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_string(), params));
    }

    fn respond(&self, id: RequestId, result: impl serde::Serialize) {
        self.send(Response::new_ok(id, result));
    }

    fn fail(&self, id: RequestId, code: ErrorCode, message: String) {
        self.send(Response::new_err(id, code as i32, message));
    }

    /// Handles one message; `Some(code)` when the server must exit.
    fn on_message(&mut self, m: Message) -> Option<ExitCode> {
        match m {
            Message::Request(r) => self.on_request(r),
            Message::Notification(n) => return self.on_notification(n),
            // Answers to our registerCapability: nothing to do either way.
            Message::Response(_) => {}
        }
        None
    }

    fn on_request(&mut self, r: Request) {
        match (self.phase, r.method.as_str()) {
            (Phase::Uninitialized, req::Initialize::METHOD) => self.initialize(r),
            (Phase::Uninitialized, _) => self.fail(
                r.id,
                ErrorCode::ServerNotInitialized,
                "initialize first".into(),
            ),
            (Phase::ShuttingDown, _) => {
                self.fail(r.id, ErrorCode::InvalidRequest, "shutting down".into())
            }
            (Phase::Running, req::Initialize::METHOD) => self.fail(
                r.id,
                ErrorCode::InvalidRequest,
                "already initialized".into(),
            ),
            (Phase::Running, req::Shutdown::METHOD) => {
                self.phase = Phase::ShuttingDown;
                for doc in self.docs.values_mut() {
                    for (id, _) in std::mem::take(&mut doc.waiting) {
                        let _ = self
                            .out
                            .send(Outgoing::Message(Response::new_ok(id, Value::Null).into()));
                    }
                }
                self.respond(r.id, Value::Null);
            }
            (Phase::Running, _) => self.on_running_request(r),
        }
    }

    fn on_running_request(&mut self, r: Request) {
        fn params<P: serde::de::DeserializeOwned>(r: &Request) -> Result<P, String> {
            serde_json::from_value(r.params.clone()).map_err(|e| format!("{}: {e}", r.method))
        }
        let id = r.id.clone();
        let parsed = match r.method.as_str() {
            req::HoverRequest::METHOD => params(&r).map(|p: lsp_types::HoverParams| {
                Some((
                    p.text_document_position_params.text_document.uri.clone(),
                    Query::Hover(p),
                ))
            }),
            req::DocumentSymbolRequest::METHOD => {
                params(&r).map(|p: lsp_types::DocumentSymbolParams| {
                    Some((p.text_document.uri, Query::Symbols))
                })
            }
            req::GotoDefinition::METHOD => params(&r).map(|p: lsp_types::GotoDefinitionParams| {
                Some((
                    p.text_document_position_params.text_document.uri.clone(),
                    Query::Definition(p),
                ))
            }),
            req::CodeActionRequest::METHOD => params(&r).map(|p: lsp_types::CodeActionParams| {
                Some((p.text_document.uri.clone(), Query::CodeActions(p)))
            }),
            req::ExecuteCommand::METHOD => params(&r).map(|p| {
                self.execute(id.clone(), p);
                None
            }),
            _ => {
                self.fail(
                    id,
                    ErrorCode::MethodNotFound,
                    format!("unknown method {}", r.method),
                );
                return;
            }
        };
        match parsed {
            Err(e) => self.fail(id, ErrorCode::InvalidParams, e),
            Ok(None) => {}
            Ok(Some((uri, query))) => match self.docs.get_mut(&uri) {
                None => self.respond(id, Value::Null),
                Some(doc) if doc.analysed == Some(doc.version) => {
                    let a = doc.analysis.clone();
                    self.answer(id, &uri, a.as_deref(), query);
                }
                Some(doc) => {
                    // Someone is waiting: analyse now rather than after the quiet period.
                    if doc.running != Some(doc.version) {
                        doc.due = Some(Instant::now());
                    }
                    doc.waiting.push((id, query));
                }
            },
        }
    }

    fn answer(&self, id: RequestId, uri: &Uri, a: Option<&Analysis>, query: Query) {
        let Some(a) = a else {
            return self.respond(id, Value::Null);
        };
        let lang = self.lang;
        match query {
            Query::Hover(p) => self.respond(
                id,
                features::hover(a, p.text_document_position_params.position, lang),
            ),
            Query::Symbols => self.respond(id, features::symbols(a)),
            Query::Definition(p) => self.respond(
                id,
                features::definition(a, uri, p.text_document_position_params.position),
            ),
            Query::CodeActions(p) => self.respond(
                id,
                features::code_actions(a, uri, p.range, p.context.only.as_deref(), lang),
            ),
        }
    }

    fn initialize(&mut self, r: Request) {
        let p: InitializeParams = match serde_json::from_value(r.params) {
            Ok(p) => p,
            Err(e) => return self.fail(r.id, ErrorCode::InvalidParams, e.to_string()),
        };
        self.watch_config = p
            .capabilities
            .workspace
            .and_then(|w| w.did_change_watched_files)
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        #[allow(deprecated)] // rootUri: older clients name their one folder only there
        let root = p.root_uri.iter().filter_map(convert::uri_to_path);
        self.roots = p
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| convert::uri_to_path(&f.uri))
            .chain(root)
            .filter_map(|r| std::path::absolute(r).ok())
            .collect();
        let capabilities = ServerCapabilities {
            position_encoding: Some(PositionEncodingKind::UTF16),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..Default::default()
                },
            )),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..Default::default()
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            document_symbol_provider: Some(OneOf::Left(true)),
            definition_provider: Some(OneOf::Left(true)),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: vec![features::SUPPRESS_COMMAND.to_string()],
                ..Default::default()
            }),
            ..Default::default()
        };
        self.respond(
            r.id,
            InitializeResult {
                capabilities,
                server_info: Some(ServerInfo {
                    name: "khlint".into(),
                    version: Some(env!("CARGO_PKG_VERSION").into()),
                }),
            },
        );
        self.phase = Phase::Running;
    }

    fn on_notification(&mut self, n: Notification) -> Option<ExitCode> {
        if n.method == notif::Exit::METHOD {
            return Some(if self.phase == Phase::ShuttingDown {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            });
        }
        if self.phase != Phase::Running {
            return None;
        }
        fn params<P: serde::de::DeserializeOwned>(n: Notification) -> Option<P> {
            serde_json::from_value(n.params).ok()
        }
        match n.method.as_str() {
            notif::Initialized::METHOD => self.register_watcher(),
            notif::DidOpenTextDocument::METHOD => {
                if let Some(p) = params::<lsp_types::DidOpenTextDocumentParams>(n) {
                    self.open(p.text_document);
                }
            }
            notif::DidChangeTextDocument::METHOD => {
                if let Some(p) = params::<lsp_types::DidChangeTextDocumentParams>(n) {
                    if let Some(doc) = self.docs.get_mut(&p.text_document.uri) {
                        for change in p.content_changes {
                            convert::apply_change(&mut doc.text, change);
                        }
                        doc.version = p.text_document.version;
                        doc.due = Some(Instant::now() + DEBOUNCE);
                    }
                }
            }
            notif::DidSaveTextDocument::METHOD => {
                if let Some(p) = params::<lsp_types::DidSaveTextDocumentParams>(n) {
                    if let Some(doc) = self.docs.get_mut(&p.text_document.uri) {
                        doc.due = Some(Instant::now());
                    }
                }
            }
            notif::DidCloseTextDocument::METHOD => {
                if let Some(p) = params::<lsp_types::DidCloseTextDocumentParams>(n) {
                    if let Some(doc) = self.docs.remove(&p.text_document.uri) {
                        for (id, _) in doc.waiting {
                            self.respond(id, Value::Null);
                        }
                    }
                    self.publish(p.text_document.uri, Vec::new(), None);
                }
            }
            notif::DidChangeWatchedFiles::METHOD => self.reanalyse_all(),
            notif::Cancel::METHOD => {
                if let Some(p) = params::<lsp_types::CancelParams>(n) {
                    self.cancel(p.id);
                }
            }
            _ => {}
        }
        None
    }

    fn register_watcher(&mut self) {
        if !self.watch_config {
            return;
        }
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/{}", crate::config::FILE_NAME)),
                kind: None,
            }],
        };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "khlint-config".into(),
                method: notif::DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.send(Request::new(
            RequestId::from("khlint-register-watcher".to_string()),
            req::RegisterCapability::METHOD.into(),
            params,
        ));
    }

    fn open(&mut self, item: lsp_types::TextDocumentItem) {
        let path = convert::uri_to_path(&item.uri).unwrap_or_else(|| {
            // An unsaved buffer: named by its URI, configured from the working folder.
            PathBuf::from(item.uri.as_str().replace(['/', ':'], "_"))
        });
        let waiting = self
            .docs
            .remove(&item.uri)
            .map(|d| d.waiting)
            .unwrap_or_default();
        self.docs.insert(
            item.uri,
            Doc {
                path,
                text: item.text,
                version: item.version,
                due: Some(Instant::now()),
                running: None,
                analysis: None,
                analysed: None,
                shown_error: None,
                waiting,
            },
        );
    }

    fn cancel(&mut self, id: lsp_types::NumberOrString) {
        let id = match id {
            lsp_types::NumberOrString::Number(n) => RequestId::from(n),
            lsp_types::NumberOrString::String(s) => RequestId::from(s),
        };
        for doc in self.docs.values_mut() {
            if let Some(i) = doc.waiting.iter().position(|(w, _)| *w == id) {
                doc.waiting.remove(i);
                let _ = self.out.send(Outgoing::Message(
                    Response::new_err(id, ErrorCode::RequestCanceled as i32, "canceled".into())
                        .into(),
                ));
                return;
            }
        }
    }

    fn reanalyse_all(&mut self) {
        self.engine.reload();
        let now = Instant::now();
        for doc in self.docs.values_mut() {
            doc.due = Some(now);
        }
    }

    /// Hands every buffer whose quiet period is over to a worker (one run per buffer at a
    /// time; edits during a run are analysed after it).
    fn start_due(&mut self) {
        let now = Instant::now();
        for (uri, doc) in &mut self.docs {
            if doc.running.is_some() || doc.due.is_none_or(|t| t > now) {
                continue;
            }
            doc.due = None;
            doc.running = Some(doc.version);
            let (engine, done, uri) = (self.engine.clone(), self.done_tx.clone(), uri.clone());
            let (path, text, version) = (doc.path.clone(), doc.text.clone(), doc.version);
            rayon::spawn(move || {
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    engine.analyse(&path, text)
                }))
                .unwrap_or_else(|_| Err(format!("khlint: internal error on {}", path.display())))
                .map(Arc::new);
                let _ = done.send(Done {
                    uri,
                    version,
                    result,
                });
            });
        }
    }

    fn on_done(&mut self, d: Done) {
        let Some(doc) = self.docs.get_mut(&d.uri) else {
            return; // closed meanwhile
        };
        doc.running = None;
        if d.version != doc.version {
            return; // stale: a newer version is due
        }
        doc.analysed = Some(d.version);
        let (diagnostics, error) = match d.result {
            Ok(a) => {
                let lsp = a.lsp.clone();
                doc.analysis = Some(a);
                doc.shown_error = None;
                (lsp, None)
            }
            Err(e) => {
                doc.analysis = None;
                let new = doc.shown_error.as_ref() != Some(&e);
                doc.shown_error = Some(e.clone());
                (Vec::new(), new.then_some(e))
            }
        };
        let waiting = std::mem::take(&mut doc.waiting);
        let analysis = doc.analysis.clone();
        if let Some(message) = error {
            self.notify::<notif::ShowMessage>(ShowMessageParams {
                typ: MessageType::ERROR,
                message,
            });
        }
        self.publish(d.uri.clone(), diagnostics, Some(d.version));
        for (id, query) in waiting {
            self.answer(id, &d.uri, analysis.as_deref(), query);
        }
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        self.notify::<notif::PublishDiagnostics>(PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        });
    }

    /// `khlint.suppress {uri, rule, fingerprint}`: writes the entry, then re-analyses.
    fn execute(&mut self, id: RequestId, p: lsp_types::ExecuteCommandParams) {
        #[derive(serde::Deserialize)]
        struct Args {
            uri: Uri,
            rule: String,
            fingerprint: String,
        }
        if p.command != features::SUPPRESS_COMMAND {
            return self.fail(
                id,
                ErrorCode::InvalidParams,
                format!("unknown command {}", p.command),
            );
        }
        let args = p
            .arguments
            .into_iter()
            .next()
            .and_then(|a| serde_json::from_value::<Args>(a).ok());
        let Some(args) = args else {
            return self.fail(
                id,
                ErrorCode::InvalidParams,
                "expected {uri, rule, fingerprint}".into(),
            );
        };
        let Some(path) = convert::uri_to_path(&args.uri) else {
            return self.fail(
                id,
                ErrorCode::InvalidParams,
                self.lang
                    .pick(
                        "Chỉ bỏ qua được lỗi trong tệp đã lưu",
                        "Only findings in saved files can be ignored",
                    )
                    .into(),
            );
        };
        match suppress::suppress(&path, &args.rule, &args.fingerprint, &self.roots, self.lang) {
            Ok(_) => {
                self.reanalyse_all();
                self.respond(id, Value::Null);
            }
            Err(e) => self.fail(id, ErrorCode::InternalError, e),
        }
    }
}
