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
  for entry in www/vendor-src/*.js; do
    node_modules/.bin/esbuild "$entry" --bundle --minify --format=esm --legal-comments=eof \
      --log-level=warning --outfile="$site/vendor/$(basename "$entry")"
  done
fi
node www/tools/stamp-sri.mjs "$site"
echo "built $site"
