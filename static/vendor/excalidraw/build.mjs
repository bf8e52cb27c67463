// Rebuilds the committed, self-hosted Excalidraw bundle from node_modules
// (installed by `npm ci` from package-lock.json). Run: `make vendor-excalidraw`.
// Deterministic: the same lock file gives byte-identical output.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const excalidrawDist = join(modules, "@excalidraw/excalidraw/dist/prod");

// Runs before any bundled module: fonts and the lazy mermaid bundle are fetched
// from the folder excalidraw.js itself was served from (works under hashed static URLs too).
const BANNER =
  "/* sdprep: Excalidraw fetches its assets from this script's own folder. */\n" +
  '(function(){var s=document.currentScript;window.EXCALIDRAW_ASSET_PATH=new URL("./",s&&s.src?s.src:document.baseURI).href})();';

// Edits to Excalidraw's published code, each of which must match exactly once
// (a version bump that changes the code fails the build instead of silently skipping).
const PATCHES = [
  {
    why: "font fallback: our folder instead of https://esm.sh/@excalidraw/excalidraw@<version>/dist/prod/",
    find: /`https:\/\/esm\.sh\/\$\{\w+\.PKG_NAME\?`\$\{\w+\.PKG_NAME\}@\$\{\w+\.PKG_VERSION\}`:"@excalidraw\/excalidraw"\}\/dist\/prod\/`/g,
    replace: "window.EXCALIDRAW_ASSET_PATH",
  },
  {
    why: "font subsetting never tries a worker (it cannot work from an IIFE bundle; it would log a console.error)",
    find: /typeof Worker<"u"/g,
    replace: "!1",
  },
];
const patchHits = PATCHES.map(() => 0);
// Copies contents only (not the mode or times of the source files); trees in sorted order.
const copy = (from, to) => writeFileSync(to, readFileSync(from));

// Excalidraw's import("@excalidraw/mermaid-to-excalidraw") (mermaid dialog, pasting mermaid)
// loads the second bundle of this folder instead of inlining mermaid (see entry.js loadBundle).
const LAZY = {
  "@excalidraw/mermaid-to-excalidraw": {
    file: "mermaid-to-excalidraw.js",
    global: "SdprepMermaidToExcalidraw",
    exports: ["parseMermaidToExcalidraw"],
  },
};
// Font subsetting for exports (1.8 MB of wasm, harfbuzz + woff2 via embind) needs
// 'unsafe-eval' and 'wasm-unsafe-eval', which our CSP forbids: it would fail and log, then
// embed the whole font. This stand-in embeds the whole font straight away; the worker
// chunk is unreachable (see PATCHES) and must not pull the wasm in either.
const STANDINS = {
  "./subset-shared.chunk.js": `export const Commands = { Subset: "SUBSET" };
export const subsetToBinary = async (arrayBuffer) => arrayBuffer;
export const toBase64 = async (arrayBuffer) => {
  const bytes = new Uint8Array(arrayBuffer);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return "data:font/woff2;base64," + btoa(binary);
};
export const subsetToBase64 = (arrayBuffer) => toBase64(arrayBuffer);`,
  "./subset-worker.chunk.js": "export const WorkerUrl = undefined;",
};
const fromExcalidraw = (importer) => /[\\/]@excalidraw[\\/]excalidraw[\\/]dist[\\/]prod[\\/]/.test(importer);
// Only the English locale (built in) is kept: t() falls back to English for any other langCode.
const KEPT_LOCALE = /[\\/]locales[\\/](en|percentages)-[A-Z0-9]+\.js$/;

const sdprepPlugin = {
  name: "sdprep",
  setup(build) {
    build.onResolve({ filter: /^(@excalidraw\/mermaid-to-excalidraw|\.\/subset-(shared|worker)\.chunk\.js)$/ }, (args) =>
      fromExcalidraw(args.importer) ? { path: args.path, namespace: "sdprep" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "sdprep" }, (args) => {
      if (STANDINS[args.path]) return { contents: STANDINS[args.path], loader: "js" };
      const { file, global, exports } = LAZY[args.path];
      const load = `window.SdprepBoard.loadBundle(${JSON.stringify(file)}, ${JSON.stringify(global)})`;
      const lines = exports.map((name) => `export const ${name} = (...args) => ${load}.then((m) => m.${name}(...args));`);
      return { contents: lines.join("\n"), loader: "js" };
    });
    build.onLoad({ filter: /[\\/]@excalidraw[\\/]excalidraw[\\/]dist[\\/]prod[\\/].*\.js$/ }, (args) => {
      if (/[\\/]locales[\\/]/.test(args.path) && !KEPT_LOCALE.test(args.path)) return { contents: "export {};", loader: "js" };
      let contents = readFileSync(args.path, "utf8");
      PATCHES.forEach((patch, i) => {
        contents = contents.replace(patch.find, () => {
          patchHits[i] += 1;
          return patch.replace;
        });
      });
      return { contents, loader: "js" };
    });
  },
};

const common = {
  bundle: true,
  format: "iife",
  minify: true,
  target: "es2020",
  platform: "browser",
  conditions: ["production"],
  define: { "process.env.NODE_ENV": '"production"', "import.meta.url": "undefined" },
  legalComments: "eof",
  sourcemap: false,
  logLevel: "warning",
  write: true,
};

const OUTPUTS = ["excalidraw.js", "excalidraw.css", ...Object.values(LAZY).map((bundle) => bundle.file)];
const LICENSES = ["excalidraw", "mermaid-to-excalidraw", "mermaid", "react"].map((name) => `LICENSE.${name}`);
for (const name of [...OUTPUTS, ...LICENSES]) rmSync(join(here, name), { force: true });
rmSync(join(here, "fonts"), { recursive: true, force: true });

await esbuild.build({
  ...common,
  entryPoints: [join(here, "entry.js")],
  outfile: join(here, "excalidraw.js"),
  banner: { js: BANNER },
  plugins: [sdprepPlugin],
});
PATCHES.forEach((patch, i) => {
  if (patchHits[i] !== 1) throw new Error(`patch matched ${patchHits[i]} times, expected 1: ${patch.why}`);
});

const lazyBundle = (entry, { file, global }) =>
  esbuild.build({
    ...common,
    stdin: {
      contents: `import * as lazy from ${JSON.stringify(entry)};\nwindow.${global} = lazy;\n`,
      resolveDir: here,
      sourcefile: `${file}.entry.js`,
    },
    outfile: join(here, file),
  });
for (const [entry, bundle] of Object.entries(LAZY)) await lazyBundle(entry, bundle);

copy(join(excalidrawDist, "index.css"), join(here, "excalidraw.css"));

function copyTree(from, to) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.isDirectory()) copyTree(join(from, entry.name), join(to, entry.name));
    else copy(join(from, entry.name), join(to, entry.name));
  }
}
copyTree(join(excalidrawDist, "fonts"), join(here, "fonts"));

// @excalidraw/excalidraw's npm package ships no LICENSE file; this is the repository's
// (github.com/excalidraw/excalidraw/blob/master/LICENSE), used when the package has none.
const EXCALIDRAW_LICENSE = `MIT License

Copyright (c) 2020 Excalidraw

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;
const excalidrawLicense = join(modules, "@excalidraw/excalidraw/LICENSE");
writeFileSync(
  join(here, "LICENSE.excalidraw"),
  existsSync(excalidrawLicense) ? readFileSync(excalidrawLicense) : EXCALIDRAW_LICENSE,
);
// The bundles also contain mermaid (in mermaid-to-excalidraw.js) and React.
for (const [pkg, name] of [
  ["@excalidraw/mermaid-to-excalidraw", "mermaid-to-excalidraw"],
  ["mermaid", "mermaid"],
  ["react", "react"],
]) {
  copy(join(modules, pkg, "LICENSE"), join(here, `LICENSE.${name}`));
}
