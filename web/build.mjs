// Builds the console into dist/: dist/index.html and content-hashed assets.
// The output is committed (so that `make run` and `go build` need no Node)
// and must be reproducible: CI builds again from package-lock.json and fails
// if dist/ differs (make web-check).
import * as esbuild from 'esbuild';
import { readFile, writeFile, rm, mkdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const dist = path.join(here, 'dist');
// The whole console, gzipped, must stay under this (issue 14).
const budget = 300 * 1024;

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });

const result = await esbuild.build({
  absWorkingDir: here,
  entryPoints: { app: 'src/main.jsx' },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  loader: { '.svg': 'dataurl' },
  outdir: 'dist/assets',
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs).map((f) => path.relative('dist', f).split(path.sep).join('/'));
const js = outputs.find((f) => f.endsWith('.js'));
const css = outputs.find((f) => f.endsWith('.css'));
if (!js || !css) throw new Error(`expected one .js and one .css output, got ${outputs.join(', ')}`);

const html = (await readFile(path.join(here, 'index.html'), 'utf8'))
  .replace('%APP_JS%', '/' + js)
  .replace('%APP_CSS%', '/' + css);
await writeFile(path.join(dist, 'index.html'), html);

let total = 0;
const lines = [];
for (const f of ['index.html', ...outputs].sort()) {
  const body = await readFile(path.join(dist, f));
  const gz = gzipSync(body, { level: 9 }).length;
  total += gz;
  lines.push(`${f}\t${body.length}\t${gz}`);
}
// sizes.tsv is committed with the build: the budget's measure, per file.
await writeFile(path.join(dist, 'sizes.tsv'), 'file\tbytes\tgzipped\n' + lines.join('\n') + `\ntotal\t\t${total}\n`);
console.log(lines.join('\n') + `\ntotal gzipped: ${(total / 1024).toFixed(1)} KiB (budget ${budget / 1024} KiB)`);
if (total > budget) {
  console.error(`the console is ${total} bytes gzipped, over the budget of ${budget}`);
  process.exit(1);
}
