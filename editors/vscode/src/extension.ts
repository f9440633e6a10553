// The argmap extension: a thin client. It starts `argmap lsp` (a language
// server over stdio) for argument maps, and opens `argmap preview`'s live
// page beside the editor. argmap itself does all the work.
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as readline from "readline";
import * as vscode from "vscode";
import { DocumentFilter, LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;
const previews = new Map<string, { process: ChildProcess; url: Promise<string> }>();

function executable(scope?: vscode.Uri): string {
  return vscode.workspace.getConfiguration("argmap", scope).get<string>("executable", "argmap");
}

// Which files are maps: every *.argmap.yaml, and the YAML files in the
// folders `argmap.mapFolders` names in each workspace folder.
function mapFilters(): DocumentFilter[] {
  const filters: DocumentFilter[] = [{ scheme: "file", language: "yaml", pattern: "**/*.argmap.yaml" }];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const names = vscode.workspace.getConfiguration("argmap", folder.uri).get<string[]>("mapFolders", []);
    for (const name of names) {
      const pattern = new vscode.RelativePattern(folder, `${name}/**/*.{yaml,yml}`);
      filters.push({ scheme: "file", language: "yaml", pattern: pattern as unknown as string });
    }
  }
  return filters;
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const serverOptions: ServerOptions = { command: executable(), args: ["lsp"] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: mapFilters(),
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.{yaml,yml,txt,md}") },
  };
  client = new LanguageClient("argmap", "argmap", serverOptions, clientOptions);
  context.subscriptions.push(client);
  try {
    await client.start();
  } catch (error) {
    void vscode.window.showErrorMessage(
      `argmap: could not start \`${executable()} lsp\` (${String(error)}). Set argmap.executable to the argmap command.`,
    );
  }
}

// Start `argmap preview --no-browser FILE` (once per file) and resolve to
// the address it prints on its first line.
function startPreview(file: string): Promise<string> {
  const running = previews.get(file);
  if (running !== undefined && running.process.exitCode === null) return running.url;
  const uri = vscode.Uri.file(file);
  const process = spawn(executable(uri), ["preview", "--no-browser", file], {
    cwd: path.dirname(file),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  process.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-2000);
  });
  const url = new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: process.stdout! });
    lines.once("line", (line) => (line.startsWith("http://127.0.0.1:") ? resolve(line.trim()) : reject(new Error(line))));
    process.once("error", reject);
    process.once("exit", (code) => reject(new Error(`argmap preview exited (${code}): ${stderr.trim()}`)));
  });
  previews.set(file, { process, url });
  return url;
}

async function openPreview(resource?: vscode.Uri): Promise<void> {
  const uri = resource ?? vscode.window.activeTextEditor?.document.uri;
  if (uri === undefined || uri.scheme !== "file") {
    void vscode.window.showErrorMessage("argmap: open a map file to preview it.");
    return;
  }
  try {
    const url = await startPreview(uri.fsPath);
    await vscode.commands.executeCommand("simpleBrowser.api.open", vscode.Uri.parse(url), {
      viewColumn: vscode.ViewColumn.Beside,
      preserveFocus: true,
    });
  } catch (error) {
    void vscode.window.showErrorMessage(`argmap: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(vscode.commands.registerCommand("argmap.openPreview", openPreview));
  context.subscriptions.push({ dispose: stopPreviews });
  // A new executable or new map folders: start the server again with them.
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration("argmap")) return;
      await client?.stop().catch(() => undefined); // it may never have started
      await startClient(context);
    }),
  );
  await startClient(context);
}

function stopPreviews(): void {
  for (const { process } of previews.values()) process.kill("SIGINT");
  previews.clear();
}

export async function deactivate(): Promise<void> {
  stopPreviews();
  await client?.stop().catch(() => undefined);
}
