//! JSON-RPC over stdio with `Content-Length` framing.
//!
//! lsp-server's own stdio transport ends its reader thread on the first malformed frame,
//! which takes the whole server down; here a bad frame becomes an [`Incoming::Invalid`]
//! that the server answers (JSON-RPC: ParseError / InvalidRequest, id null when unknown)
//! before it reads on.

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{ErrorCode, Message};
use serde_json::{json, Value};
use std::io::{self, BufRead, Write};
use std::thread::JoinHandle;

/// Largest message body accepted; a larger length is a broken stream, not a message.
const MAX_BODY: usize = 256 << 20;

/// Longest header line, and most header lines, of one frame (a real header is one
/// `Content-Length` line and perhaps a `Content-Type`).
const MAX_HEADER_LINE: usize = 8 << 10;
const MAX_HEADERS: usize = 32;

/// What the reader got from the client.
#[derive(Debug)]
pub(crate) enum Incoming {
    Message(Message),
    /// A frame that was not a JSON-RPC message; `id` is the request id when one was readable.
    Invalid {
        id: Value,
        code: ErrorCode,
        message: String,
    },
}

/// What the writer sends to the client.
#[derive(Debug)]
pub(crate) enum Outgoing {
    Message(Message),
    /// A JSON-RPC error response with an id lsp-server cannot represent (null).
    Error {
        id: Value,
        code: i32,
        message: String,
    },
}

pub(crate) fn spawn_reader(tx: Sender<Incoming>) -> JoinHandle<()> {
    std::thread::Builder::new()
        .name("khlint-lsp-reader".into())
        .spawn(move || {
            let stdin = io::stdin();
            let mut input = stdin.lock();
            while let Ok(Some(frame)) = read_frame(&mut input) {
                if tx.send(frame).is_err() {
                    break;
                }
            }
        })
        .expect("thread spawns")
}

pub(crate) fn spawn_writer(rx: Receiver<Outgoing>) -> JoinHandle<()> {
    std::thread::Builder::new()
        .name("khlint-lsp-writer".into())
        .spawn(move || {
            let stdout = io::stdout();
            let mut out = stdout.lock();
            for msg in rx {
                let written = match msg {
                    Outgoing::Message(m) => m.write(&mut out),
                    Outgoing::Error { id, code, message } => {
                        let body = json!({
                            "jsonrpc": "2.0",
                            "id": id,
                            "error": {"code": code, "message": message},
                        })
                        .to_string();
                        write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())
                            .and_then(|()| out.flush())
                    }
                };
                if written.is_err() {
                    break;
                }
            }
        })
        .expect("thread spawns")
}

/// Reads one frame. `Ok(None)` at the end of the input; `Err` only when the stream itself
/// fails (or announces an absurd length), after which nothing more can be read.
pub(crate) fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Incoming>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut headers = 0;
    let mut line = Vec::new();
    loop {
        line.clear();
        // A header line without an end would otherwise be buffered without limit.
        let read =
            io::Read::take(&mut *input, MAX_HEADER_LINE as u64 + 1).read_until(b'\n', &mut line)?;
        if read == 0 {
            return Ok(None);
        }
        if line.len() > MAX_HEADER_LINE || headers >= MAX_HEADERS {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("header longer than {MAX_HEADER_LINE} bytes or {MAX_HEADERS} lines"),
            ));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if headers == 0 {
                continue; // stray blank lines between frames
            }
            break;
        }
        headers += 1;
        // Tolerates garbage before the header on the same line.
        let lower = text.to_ascii_lowercase();
        if let Some(i) = lower.find("content-length:") {
            let value = text[i + "content-length:".len()..].trim();
            length = Some(value.parse::<usize>().map_err(|_| value.to_string()));
        }
    }
    let length = match length {
        Some(Ok(n)) if n <= MAX_BODY => n,
        Some(Ok(n)) => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("Content-Length {n} is too large"),
            ))
        }
        Some(Err(v)) => return Ok(Some(invalid(format!("bad Content-Length `{v}`")))),
        None => return Ok(Some(invalid("frame without Content-Length".into()))),
    };
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(parse(&body)))
}

fn invalid(message: String) -> Incoming {
    Incoming::Invalid {
        id: Value::Null,
        code: ErrorCode::ParseError,
        message,
    }
}

fn parse(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return invalid(format!("invalid JSON: {e}")),
    };
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    match serde_json::from_value::<Message>(value) {
        Ok(m) => Incoming::Message(m),
        Err(e) => Incoming::Invalid {
            id,
            code: ErrorCode::InvalidRequest,
            message: format!("not a JSON-RPC message: {e}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Incoming> {
        let mut r = io::BufReader::new(input);
        std::iter::from_fn(|| read_frame(&mut r).unwrap()).collect()
    }

    #[test]
    fn bad_frames_are_reported_and_reading_goes_on() {
        let good = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let no_method = r#"{"jsonrpc":"2.0"}"#;
        let input = format!(
            "garbage\r\n\r\nContent-Length: 5\r\n\r\n{{oops\
             Content-Length: {}\r\n\r\n{no_method}\
             \r\nxx Content-Length: {}\r\n\r\n{good}",
            no_method.len(),
            good.len()
        );
        let got = frames(input.as_bytes());
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(matches!(
            &got[0],
            Incoming::Invalid {
                code: ErrorCode::ParseError,
                ..
            }
        ));
        assert!(matches!(
            &got[1],
            Incoming::Invalid {
                code: ErrorCode::ParseError,
                ..
            }
        ));
        assert!(matches!(
            &got[2],
            Incoming::Invalid {
                code: ErrorCode::InvalidRequest,
                ..
            }
        ));
        assert!(
            matches!(&got[3], Incoming::Message(Message::Request(r)) if r.method == "shutdown")
        );
    }

    #[test]
    fn an_endless_header_line_is_a_broken_stream_not_a_buffer() {
        let endless = "x".repeat(MAX_HEADER_LINE * 4);
        let mut r = io::BufReader::new(endless.as_bytes());
        let err = read_frame(&mut r).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        let many = "X-Header: 1\r\n".repeat(MAX_HEADERS + 1);
        let mut r = io::BufReader::new(many.as_bytes());
        assert!(read_frame(&mut r).is_err());
        // a header line just under the limit is still read
        let long_ok = format!(
            "{}Content-Length: 2\r\n\r\n{{}}",
            "y".repeat(MAX_HEADER_LINE - 40)
        );
        let mut r = io::BufReader::new(long_ok.as_bytes());
        assert!(read_frame(&mut r).unwrap().is_some());
    }
}
