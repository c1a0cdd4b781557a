// `npm run explore`: builds the package, bundles Observable Plot (with d3) into explorer/vendor/
// so the page works offline, and serves the explorer on 127.0.0.1 with Node's http module.
// Usage: node scripts/explore.mjs [--no-build] [--port N]   (N = 0 picks a free port; default 8080)
// Only /explorer/ and /dist/ are served; / redirects to /explorer/.
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const portArgument = args.indexOf("--port");
const port = Number(portArgument >= 0 ? args[portArgument + 1] : process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid --port: expected an integer in [0, 65535], got ${args[portArgument + 1] ?? process.env.PORT}`);
  process.exit(1);
}

if (!args.includes("--no-build")) execFileSync(process.execPath, [join(root, "scripts/build.mjs")], { cwd: root, stdio: "inherit" });
await esbuild.build({
  stdin: { contents: 'export * from "@observablehq/plot";', resolveDir: root, loader: "js" },
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  legalComments: "eof",
  outfile: join(root, "explorer/vendor/plot.js"),
  logLevel: "warning",
});

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
};

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? "/", "http://localhost");
  if (url.pathname === "/" || url.pathname === "/explorer") {
    response.writeHead(302, { location: "/explorer/" }).end();
    return;
  }
  let path = normalize(decodeURIComponent(url.pathname));
  if (!path.startsWith("/explorer/") && !path.startsWith("/dist/")) {
    response.writeHead(404).end();
    return;
  }
  if (path.endsWith("/")) path += "index.html";
  try {
    const body = await readFile(join(root, path));
    response.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream", "cache-control": "no-store" });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
});
server.listen(port, "127.0.0.1", () => {
  console.log(`benign explorer: http://127.0.0.1:${server.address().port}/explorer/`);
});
