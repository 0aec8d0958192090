// Minimal client: starts `khlint lsp` over stdio for plain-text and Markdown files.
// The server registers its own watcher for khlint.toml.
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate() {
  const config = vscode.workspace.getConfiguration("khlint");
  const server = {
    command: config.get("path", "khlint"),
    args: ["lsp", "--lang", config.get("lang", "vi")],
    transport: TransportKind.stdio,
  };
  client = new LanguageClient("khlint", "khlint", server, {
    documentSelector: [
      { scheme: "file", language: "plaintext" },
      { scheme: "file", language: "markdown" },
    ],
  });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
