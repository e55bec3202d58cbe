// A development server for the console: serves dist/ (rebuilt on every
// change under src/) and forwards /api/* to a running Roster, as the local
// stack and CloudFront do, and /_local/* (the outbox, the texts) as they are.
// Usage: ROSTER_API=http://127.0.0.1:3000 PORT=5173 npm run dev
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { watch } from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const api = new URL(process.env.ROSTER_API || 'http://127.0.0.1:3000');
const port = Number(process.env.PORT || 5173);
const types = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8', '.svg': 'image/svg+xml', '.tsv': 'text/plain' };

const build = () => spawnSync(process.execPath, [path.join(here, 'build.mjs')], { stdio: 'inherit' });
build();
let timer;
watch(path.join(here, 'src'), { recursive: true }, () => {
  clearTimeout(timer);
  timer = setTimeout(build, 100);
});


http
  .createServer(async (req, res) => {
    const u = new URL(req.url, 'http://x');
    if (u.pathname.startsWith('/api/') || u.pathname.startsWith('/_local/')) {
      const target = new URL((u.pathname.startsWith('/api/') ? u.pathname.slice(4) : u.pathname) + u.search, api);
      const headers = { ...req.headers, host: target.host };
      const up = http.request(target, { method: req.method, headers }, (r) => {
        res.writeHead(r.statusCode, r.headers);
        r.pipe(res);
      });
      up.on('error', (e) => {
        res.writeHead(502, { 'Content-Type': 'text/plain' });
        res.end('Roster at ' + api + ' cannot be reached: ' + e.message);
      });
      req.pipe(up);
      return;
    }
    const file = u.pathname.startsWith('/assets/') ? u.pathname : '/index.html';
    try {
      const body = await readFile(path.join(here, 'dist', path.normalize(file)));
      res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  })
  .listen(port, '127.0.0.1', () => console.log(`console on http://127.0.0.1:${port}/ (API ${api})`));
