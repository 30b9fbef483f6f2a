// The spreadsheet libraries the batch worker uses, bundled into
// vendor/xlsx.js by scripts/build-site.sh (esbuild): they import bare
// package names, which a module worker cannot resolve by itself.
//   read-excel-file  reads an .xlsx list (its web-worker entry: no nested worker)
//   write-excel-file writes the template and the screened list as .xlsx
// Both are kept up to date by one maintainer, share fflate for the zip
// format, and together weigh about 32 KB after Brotli (137 KB minified); loaded only when a
// list is screened.
export { readSheet } from "read-excel-file/web-worker";
export { default as writeSheet } from "write-excel-file/universal";
