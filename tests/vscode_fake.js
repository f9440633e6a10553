// Runs the packaged VS Code extension (out/extension.js from the .vsix) in
// Node with a stand-in for the `vscode` API and the language client, which
// only record what the extension asks of them: the server it would start,
// the files it would start it for, the page it would open. Everything else
// is real: `argmap preview` runs as the extension starts it.
//   node vscode_fake.js EXTENSION_DIR SETTINGS_JSON WORKSPACE MAP
// Prints one JSON line of what was asked, then on a line on stdin
// deactivates the extension and prints "stopped".
"use strict";
const Module = require("module");
const path = require("path");
const readline = require("readline");

const [extensionDir, settingsJson, workspace, mapFile] = process.argv.slice(2);
// The settings given, over the defaults the extension's manifest declares (as VS Code does).
const declared = require(path.join(extensionDir, "package.json")).contributes.configuration.properties;
const settings = Object.fromEntries(Object.entries(declared).map(([key, value]) => [key.replace(/^argmap\./, ""), value.default]));
Object.assign(settings, JSON.parse(settingsJson));
const asked = { client: null, commands: [], executed: [], errors: [] };

class RelativePattern {
  constructor(base, pattern) {
    this.baseUri = base.uri;
    this.pattern = pattern;
  }
}
const Uri = {
  file: (fsPath) => ({ scheme: "file", fsPath, toString: () => "file://" + fsPath }),
  parse: (text) => ({ scheme: text.split(":")[0], toString: () => text }),
};
const handlers = new Map();
const vscode = {
  Uri,
  RelativePattern,
  ViewColumn: { Beside: -2 },
  workspace: {
    workspaceFolders: [{ uri: Uri.file(workspace), name: path.basename(workspace), index: 0 }],
    getConfiguration: (section) => ({ get: (key, fallback) => (section === "argmap" && key in settings ? settings[key] : fallback) }),
    createFileSystemWatcher: (glob) => ({ glob, dispose() {} }),
    onDidChangeConfiguration: () => ({ dispose() {} }),
  },
  window: {
    activeTextEditor: { document: { uri: Uri.file(mapFile) } },
    showErrorMessage: async (message) => asked.errors.push(message),
  },
  commands: {
    registerCommand: (name, handler) => {
      handlers.set(name, handler);
      asked.commands.push(name);
      return { dispose() {} };
    },
    executeCommand: async (name, ...args) => {
      asked.executed.push([name, ...args.map((arg) => (arg && arg.toString !== Object.prototype.toString ? arg.toString() : arg))]);
    },
  },
};
class LanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    asked.client = {
      id,
      name,
      serverOptions,
      documentSelector: clientOptions.documentSelector.map((filter) => ({
        ...filter,
        pattern: typeof filter.pattern === "string" ? filter.pattern : { base: filter.pattern.baseUri.fsPath, pattern: filter.pattern.pattern },
      })),
    };
  }
  async start() {}
  async stop() {}
  dispose() {}
}

const realResolve = Module._resolveFilename;
const fakes = { vscode, "vscode-languageclient/node": { LanguageClient } };
Module._resolveFilename = function (request, ...rest) {
  return request in fakes ? request : realResolve.call(this, request, ...rest);
};
for (const [name, exports] of Object.entries(fakes)) {
  require.cache[name] = { id: name, filename: name, loaded: true, exports };
}

(async () => {
  const extension = require(path.join(extensionDir, "out", "extension.js"));
  await extension.activate({ subscriptions: [] });
  await handlers.get("argmap.openPreview")();
  await handlers.get("argmap.openPreview")(); // a second time: the same preview, not another
  console.log(JSON.stringify(asked));
  readline.createInterface({ input: process.stdin }).once("line", async () => {
    await extension.deactivate();
    console.log("stopped");
  });
})();
