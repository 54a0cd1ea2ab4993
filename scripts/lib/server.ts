// Static server for the built site (build/): what a department's intranet web server does.
// Range requests, correct MIME types (application/wasm), precompressed .gz files when present
// (like nginx gzip_static; scripts/compress.ts writes them), and a Content-Security-Policy
// that keeps every request on this origin.
import { createServer, type Server } from 'node:http';
import sirv from 'sirv';

export const CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval' blob:; worker-src 'self' blob:; " +
  "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' blob: data:; font-src 'self'";

export function startServer(dir: string, port = 4173, host = '127.0.0.1'): Promise<{ server: Server; url: string }> {
  const serve = sirv(dir, {
    dev: false,
    etag: true,
    gzip: true,
    extensions: ['html'],
    setHeaders: (res) => res.setHeader('Content-Security-Policy', CSP)
  });
  const server = createServer((req, res) =>
    serve(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    })
  );
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const a = server.address();
      const p = typeof a === 'object' && a ? a.port : port;
      ok({ server, url: `http://${host}:${p}/` });
    });
  });
}
