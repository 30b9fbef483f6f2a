#!/usr/bin/env bash
# The site from www/ and the built packages (scripts/build-wasm.sh builds
# them first): target/site/ with the calculator's package in pkg/, the staff
# tools' in pkg-tools/, the spreadsheet library bundled into vendor/, and
# Subresource-Integrity hashes stamped into the pages and integrity.json.
# Alone it is the quick rebuild after editing only www/. BUILD_OUT=dir reads
# the packages from and writes the site to dir instead of target/.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${BUILD_OUT:-target}
site=$out/site
rm -rf "$site"
mkdir -p "$site"
cp -r www/. "$site/"
rm -rf "$site/tests" "$site/tools" "$site/vendor-src" "$site/package-README.md" "$site/serve.mjs"
cp -r "$out/npm-pkg" "$site/pkg"
cp -r "$out/npm-pkg-tools" "$site/pkg-tools"
if [ -d www/vendor-src ]; then
  # fflate-sync.js stands in for fflate (see there); it is bundled, not an entry.
  node_modules/.bin/esbuild www/vendor-src/xlsx.js --bundle --minify --format=esm --legal-comments=eof \
    --alias:fflate=./www/vendor-src/fflate-sync.js --log-level=warning --outfile="$site/vendor/xlsx.js"
  # A worker made from a blob: address is refused by the pages' CSP, and
  # the list would never load: the bundle must start none.
  if grep -q "new Worker" "$site/vendor/xlsx.js"; then
    echo "build-site: vendor/xlsx.js would start a Web Worker (refused by the CSP)" >&2
    exit 1
  fi
fi
node www/tools/stamp-sri.mjs "$site"
echo "built $site"
