// The spreadsheet libraries the batch worker uses, bundled into
// vendor/xlsx.js by scripts/build-site.sh (esbuild): they import bare
// package names, which a module worker cannot resolve by itself.
//   read-excel-file  reads an .xlsx list
//   write-excel-file writes the template and the screened list as .xlsx
//   unzippedSize     an .xlsx file's size once unzipped, before inflating it
// Both libraries are kept up to date by one maintainer, share fflate for the zip
// format, and together weigh about 32 KB after Brotli (137 KB minified); loaded only when a
// list is screened. The "universal" entries start no worker of their own,
// and fflate is bundled as fflate-sync.js, so the bundle starts none at all
// (build-site.sh checks): the pages' CSP would refuse one made from a blob.
import { unzipSync } from "fflate";

export { readSheet } from "read-excel-file/universal";
export { default as writeSheet } from "write-excel-file/universal";

/**
 * A zip archive's parts' total size once unzipped, as its central
 * directory declares them: fflate's filter sees each part's sizes and
 * declines it, so nothing is inflated. fflate then inflates each part into
 * a buffer of its declared size, so the declared total bounds the memory
 * (a part whose stream runs past its declared size is cut there, though
 * inflating it still takes its time).
 */
export function unzippedSize(zip) {
  let total = 0;
  unzipSync(zip, {
    filter: ({ originalSize }) => {
      total += originalSize;
      return false;
    },
  });
  return total;
}
