// A tiny static file server for the built bundle, on loopback only.
// `scripts/dev serve` runs it directly (`node scripts/static-server.mjs DIR PORT`), and the
// e2e harness imports `serveDir` to serve dist/ on a free port.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves `dir` on 127.0.0.1 (port 0 picks a free one); resolves to { url, close }. */
export async function serveDir(dir, port = 0) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) throw Object.assign(new Error('outside the root'), { code: 'ENOENT' });
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      // Any origin may read the bundle, as static hosts allow: a player in a sandboxed
      // iframe (an opaque origin) fetches its module script and wasm with CORS.
      res.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache',
        'access-control-allow-origin': '*',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      res.writeHead(err.code === 'ENOENT' || err.code === 'ENOTDIR' ? 404 : 500).end();
    }
  });
  await new Promise((ok, fail) => server.once('error', fail).listen(port, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return { url, close: () => new Promise((ok) => server.close(ok)) };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  try {
    const { url } = await serveDir(dir, Number(port));
    console.log(`Kaiten is at ${url}  (serving ${resolve(dir)}; Ctrl+C to stop)`);
  } catch (err) {
    console.error(`cannot serve on 127.0.0.1:${port}: ${err.message}`);
    process.exit(1);
  }
}
