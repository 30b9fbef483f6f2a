// A static file server for the calculator, with no dependencies: it binds
// 127.0.0.1 only, sends the strict Content-Security-Policy the page is built
// to run under, and the right MIME types (WebAssembly streaming compilation
// needs application/wasm).
//
//   node www/serve.mjs [root=target/site] [port=8080]
//
// Port 0 picks a free port. The first line printed is the address.

import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'";

/**
 * The CSP a file is served with. Only the iframe page (embed.html) may be
 * framed — here by pages of this site; a host adds its own origin — and no
 * other page may be framed at all (clickjacking).
 */
export function cspFor(file) {
  return `${CSP}; frame-ancestors ${path.basename(file) === "embed.html" ? "'self'" : "'none'"}`;
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
};

/** Text and WebAssembly: what a production server sends compressed. */
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".webmanifest", ".wasm", ".svg", ".txt", ".md", ".ts"]);

/**
 * Serve `root` on 127.0.0.1:`port`; resolves to the running server.
 * `onRequest(path)` sees every request (the tests count them). With
 * `brotli`, a browser that accepts it gets text and WebAssembly Brotli-
 * compressed (quality 11, each file compressed once), as a production
 * server sends them: the figures' slow-network loads (www/tools/figures.mjs).
 */
export function serve(root, port = 0, onRequest = () => {}, { brotli = false } = {}) {
  const base = path.resolve(root);
  const compressed = new Map(); // file → [its mtime, its Brotli bytes]
  const encode = (file, body) => {
    const mtime = fs.statSync(file).mtimeMs;
    const cached = compressed.get(file);
    if (cached?.[0] === mtime) return cached[1];
    const bytes = zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
    compressed.set(file, [mtime, bytes]);
    return bytes;
  };
  const server = http.createServer((req, res) => {
    onRequest(req.url);
    const url = new URL(req.url, "http://127.0.0.1");
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      // A broken %-escape (/%E0%A4%A) names no file; it must not end the server.
      res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8", "Content-Security-Policy": cspFor("") });
      res.end("bad request");
      return;
    }
    let file = path.join(base, pathname);
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8", "Content-Security-Policy": cspFor(file) });
        res.end("not found");
        return;
      }
      const br = brotli && COMPRESSIBLE.has(path.extname(file)) && /\bbr\b/.test(req.headers["accept-encoding"] ?? "");
      if (br) body = encode(file, body);
      res.writeHead(200, {
        ...(br ? { "Content-Encoding": "br", Vary: "Accept-Encoding" } : {}),
        "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream",
        "Content-Security-Policy": cspFor(file),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        // Revalidate every time, so a rebuilt site is never mixed with a cached
        // one; but the icon, which Chromium fetches again whenever the address
        // changes (the share link in the #hash does), is cached for good.
        "Cache-Control": file.endsWith("icon.svg") ? "max-age=31536000, immutable" : "no-cache",
      });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] ?? "target/site";
  const port = Number(process.argv[3] ?? 8080);
  const server = await serve(root, port);
  console.log(`http://127.0.0.1:${server.address().port}/`);
}
