// Release step (scripts/build-wasm.sh): Subresource Integrity for the site
// in `target/site`, so a host page — or a copy on a CDN — runs exactly the
// files that were built:
//   1. the WebAssembly file's hash goes into calculator.js, which fetches it
//      with that integrity;
//   2. every HTML page gets `integrity` on its local scripts and stylesheets,
//      and a <link rel="modulepreload" integrity> for every module its entry
//      script imports (statically or dynamically), so the whole module graph
//      is checked — and fetched in parallel instead of one import at a time;
//   3. integrity.json lists the hash of every release file for hosts.
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
const wasmHashes = [];
for (const [loaderName, wasmName] of LOADERS) {
  const loader = path.join(site, loaderName);
  if (!fs.existsSync(loader)) continue;
  const wasmHash = sri(path.join(site, wasmName));
  const source = fs.readFileSync(loader, "utf8");
  const stamped = source.replace('const WASM_INTEGRITY = "";', `const WASM_INTEGRITY = "${wasmHash}";`);
  if (stamped === source) throw new Error(`${loaderName}: WASM_INTEGRITY placeholder not found`);
  fs.writeFileSync(loader, stamped);
  wasmHashes.push(`${wasmName} ${wasmHash}`);
}

// 3. (after 1, since calculator.js changed) every release file's hash.
const release = filesUnder(site).filter((f) => /\.(js|css|wasm|json|svg)$/.test(f) && !f.endsWith("integrity.json"));
const hashes = Object.fromEntries(release.map((f) => [path.relative(site, f), sri(f)]));
fs.writeFileSync(path.join(site, "integrity.json"), JSON.stringify(hashes, null, 2) + "\n");

/** Modules reachable from `entry` (absolute paths), entry included. */
function moduleGraph(entry, seen = new Set()) {
  if (seen.has(entry) || !fs.existsSync(entry)) return seen;
  seen.add(entry);
  const text = fs.readFileSync(entry, "utf8");
  for (const m of text.matchAll(/(?:import|export)\s[^"';]*?from\s*["'](\.{1,2}\/[^"']+)["']|import\s*\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)|import\s*["'](\.{1,2}\/[^"']+)["']/g)) {
    moduleGraph(path.resolve(path.dirname(entry), m[1] ?? m[2] ?? m[3]), seen);
  }
  return seen;
}

// 2. The pages.
for (const page of filesUnder(site).filter((f) => f.endsWith(".html"))) {
  const dir = path.dirname(page);
  const local = (ref) => !/^[a-z]+:|^\/\//i.test(ref) && fs.existsSync(path.resolve(dir, ref.split(/[?#]/)[0]));
  let html = fs.readFileSync(page, "utf8");
  const preloads = new Set();
  html = html.replace(/<(script|link)\b([^>]*?)\b(src|href)="([^"]+)"([^>]*)>/g, (tag, name, before, attr, ref, after) => {
    if (!local(ref) || /\brel="icon"/.test(tag)) return tag;
    const file = path.resolve(dir, ref.split(/[?#]/)[0]);
    if (name === "script" && /type="module"/.test(tag)) {
      for (const module of moduleGraph(file)) if (module !== file) preloads.add(module);
    }
    const clean = `${before}${attr}="${ref}"${after}`.replace(/\s+integrity="[^"]*"/, "");
    return `<${name}${clean} integrity="${sri(file)}">`;
  });
  const links = [...preloads]
    .map((module) => `<link rel="modulepreload" href="${path.relative(dir, module)}" integrity="${sri(module)}">`)
    .join("\n");
  if (links) html = html.replace(/(<script\b[^>]*type="module")/, `${links}\n$1`);
  fs.writeFileSync(page, html);
}

console.log(`integrity: ${release.length} files hashed; ${wasmHashes.join("; ")}`);
