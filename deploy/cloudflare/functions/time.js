// Cloudflare Pages Function: GET /time answers with Cloudflare's clock in milliseconds.
// Deploy with the site: `functions/time.js` next to the uploaded folder
// (npx wrangler pages deploy site/ from the folder that holds functions/).
// Workers advance Date.now() only between I/O, so it reads the moment the request arrived:
// exactly what a time endpoint should answer.
export function onRequestGet() {
  return new Response(String(Date.now()), {
    headers: {
      'Content-Type': 'text/plain',
      'Cache-Control': 'no-store',
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Expose-Headers': 'Date',
    },
  });
}
