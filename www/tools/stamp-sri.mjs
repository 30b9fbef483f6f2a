// Release step (scripts/build-wasm.sh): Subresource Integrity for the site
// in `target/site`, so a host page — or a copy on a CDN — runs exactly the
// files that were built:
//   1. the WebAssembly file's hash goes into calculator.js, which fetches it
//      with that integrity;
//   2. every HTML page gets `integrity` on its local scripts and stylesheets,
//      and a <link rel="modulepreload" integrity> for every module its entry
//      script imports (statically or dynamically), so the whole module graph
//      is checked — and fetched in parallel instead of one import at a time;
//      and a <link rel="preload" as="fetch"> for the WebAssembly
//      file a module of that graph fetches, so its download starts with the
//      page's instead of after every module has run;
//   3. the service worker (sw.js) gets the release's version — a hash of
//      every file's content —, per page the files that page needs, and
//      their hashes, so a new release caches anew (only its own files) and
//      deletes the old cache;
//   4. integrity.json lists the hash of every release file for hosts.
//
// Stamping a site already stamped (a release copied, one file edited)
// gives what stamping it fresh would.
//
//   node www/tools/stamp-sri.mjs target/site

import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const site = path.resolve(process.argv[2] ?? "target/site");
const sri = (file) => `sha384-${crypto.createHash("sha384").update(fs.readFileSync(file)).digest("base64")}`;

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

// 1. Each WebAssembly module's hash, into its loader: the calculator's
//    (pkg/) and the staff tools' (pkg-tools/: batch screening, institution
//    calculators).
const LOADERS = [
  ["calculator.js", "pkg/sme_subsidy_bg.wasm"],
  ["tools-wasm.js", "pkg-tools/sme_subsidy_tools_bg.wasm"],
];
const stamps = [];
for (const [loaderName, wasmName] of LOADERS) {
  const loader = path.join(site, loaderName);
  if (!fs.existsSync(loader)) continue;
  const wasmHash = sri(path.join(site, wasmName));
  const source = fs.readFileSync(loader, "utf8");
  const placeholder = /const WASM_INTEGRITY = "[^"]*";/;
  if (!placeholder.test(source)) throw new Error(`${loaderName}: WASM_INTEGRITY placeholder not found`);
  fs.writeFileSync(loader, source.replace(placeholder, `const WASM_INTEGRITY = "${wasmHash}";`));
  stamps.push(`${wasmName} ${wasmHash}`);
}

const MODULE_REF = /(?:import|export)\s[^"';]*?from\s*["'](\.{1,2}\/[^"']+)["']|import\s*\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)|import\s*["'](\.{1,2}\/[^"']+)["']/g;
// A file a module fetches or starts by its own address: the widget's
// stylesheet, a package's .wasm, the batch page's worker.
const URL_REF = /new URL\(\s*["'](\.{1,2}\/[^"']+)["']\s*,\s*import\.meta\.url\s*\)/g;

/**
 * Modules reachable from `entry` (absolute paths), entry included; with
 * `withUrls`, also every file a module names by `new URL(…, import.meta.url)`
 * (and the modules those import).
 */
function moduleGraph(entry, withUrls = false, seen = new Set()) {
  if (seen.has(entry) || !fs.existsSync(entry)) return seen;
  seen.add(entry);
  if (!entry.endsWith(".js")) return seen;
  const text = fs.readFileSync(entry, "utf8");
  for (const m of text.matchAll(MODULE_REF)) moduleGraph(path.resolve(path.dirname(entry), m[1] ?? m[2] ?? m[3]), withUrls, seen);
  if (withUrls) for (const m of text.matchAll(URL_REF)) moduleGraph(path.resolve(path.dirname(entry), m[1]), withUrls, seen);
  return seen;
}

// 2. The pages; and (for 3) every file each page needs.
const pageFiles = {};
for (const page of filesUnder(site).filter((f) => f.endsWith(".html"))) {
  const dir = path.dirname(page);
  const local = (ref) => !/^[a-z]+:|^\/\//i.test(ref) && fs.existsSync(path.resolve(dir, ref.split(/[?#]/)[0]));
  let html = fs.readFileSync(page, "utf8").replace(/<link rel="(modulepreload|preload)"[^>]*>\n/g, "");
  const preloads = new Set();
  const wasmPreloads = new Set();
  const needs = new Set([page]);
  html = html.replace(/<(script|link)\b([^>]*?)\b(src|href)="([^"]+)"([^>]*)>/g, (tag, name, before, attr, ref, after) => {
    if (!local(ref)) return tag;
    const file = path.resolve(dir, ref.split(/[?#]/)[0]);
    needs.add(file);
    // The icon and the manifest are fetched by the browser, which checks no integrity.
    if (/\brel="(icon|manifest)"/.test(tag)) return tag;
    if (name === "script" && /type="module"/.test(tag)) {
      for (const module of moduleGraph(file)) {
        if (module !== file) preloads.add(module);
        // The .wasm files the page's own modules fetch (not a worker's).
        for (const m of fs.readFileSync(module, "utf8").matchAll(URL_REF)) {
          const url = path.resolve(path.dirname(module), m[1]);
          if (url.endsWith(".wasm") && fs.existsSync(url)) wasmPreloads.add(url);
        }
      }
      for (const needed of moduleGraph(file, true)) needs.add(needed);
    }
    const clean = `${before}${attr}="${ref}"${after}`.replace(/\s+integrity="[^"]*"/, "");
    return `<${name}${clean} integrity="${sri(file)}">`;
  });
  // The fetch the engine makes (wasm-engine.js: same origin) is the one
  // preloaded: `crossorigin` for its mode. No `integrity` on the link:
  // Chromium ignores it on a fetch preload (and says so in the console);
  // the engine's own fetch checks the file's hash.
  const links = [
    ...[...wasmPreloads].map((wasm) => `<link rel="preload" href="${path.relative(dir, wasm)}" as="fetch" type="application/wasm" crossorigin>`),
    ...[...preloads].map((module) => `<link rel="modulepreload" href="${path.relative(dir, module)}" integrity="${sri(module)}">`),
  ].join("\n");
  if (links) html = html.replace(/(<script\b[^>]*type="module")/, `${links}\n$1`);
  fs.writeFileSync(page, html);
  // The worker's own script is the browser's to fetch, past any cache.
  pageFiles[path.relative(site, page)] = [...needs].map((f) => path.relative(site, f)).filter((f) => f !== "sw.js").sort();
}

// 3. The service worker: the release's version is a hash of every file
//    (after 1 and 2, which changed some), so any change makes a new cache.
const worker = path.join(site, "sw.js");
if (fs.existsSync(worker)) {
  const content = crypto.createHash("sha256");
  for (const file of filesUnder(site).map((f) => path.relative(site, f)).sort()) {
    if (file !== "sw.js" && file !== "integrity.json") content.update(`${file}\0${sri(path.join(site, file))}\n`);
  }
  const version = content.digest("hex").slice(0, 16);
  const source = fs.readFileSync(worker, "utf8");
  const needed = [...new Set(Object.values(pageFiles).flat())].sort();
  const fileHashes = Object.fromEntries(needed.map((file) => [file, sri(path.join(site, file))]));
  const stamped = source
    .replace(/const VERSION = "[^"]*";/, `const VERSION = "${version}";`)
    .replace(/const PAGES = .*;/, `const PAGES = ${JSON.stringify(pageFiles)};`)
    .replace(/const FILES = .*;/, `const FILES = ${JSON.stringify(fileHashes)};`);
  if (!stamped.includes(version) || !stamped.includes('"index.html":') || !stamped.includes('"widget.js":"sha384-')) {
    throw new Error("sw.js: VERSION, PAGES or FILES placeholder not found");
  }
  fs.writeFileSync(worker, stamped);
  stamps.push(`service worker ${version}`);
}

// 4. (last, since 1 and 3 changed files) every release file's hash.
const release = filesUnder(site).filter((f) => /\.(js|css|wasm|json|svg|webmanifest)$/.test(f) && !f.endsWith("integrity.json"));
const hashes = Object.fromEntries(release.map((f) => [path.relative(site, f), sri(f)]));
fs.writeFileSync(path.join(site, "integrity.json"), JSON.stringify(hashes, null, 2) + "\n");

console.log(`integrity: ${release.length} files hashed; ${stamps.join("; ")}`);
