// CloudFront Function (JavaScript runtime 2.0, "cloudfront-js-2.0"), viewer-request event:
// answers GET /time at the edge with the edge's clock in milliseconds since the epoch, so
// skewcheck can use ?endpoint=/time (or "endpoint": "/time" in skewcheck.json) on a
// CloudFront distribution without any origin server. Other paths pass through untouched.
//
// Runtime and event shape, as documented by AWS:
//   https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-20.html
//   https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html
//     (request.uri, lower-case header names with { value }, and "Status code and body":
//      a generated response's body as { encoding: "text", data })
// Plain script, no modules: the runtime calls the top-level `handler`. The unit test
// (tests/e2e/cloudfront-function.test.mjs) loads this very file the same way.

function handler(event) {
  var request = event.request;
  if (request.uri !== '/time' || (request.method !== 'GET' && request.method !== 'HEAD')) {
    return request;
  }
  return {
    statusCode: 200,
    statusDescription: 'OK',
    headers: {
      'content-type': { value: 'text/plain' },
      // Each answer is read once: no browser or CDN may keep it.
      'cache-control': { value: 'no-store' },
      // Readable from the page on any origin, Date header included.
      'access-control-allow-origin': { value: '*' },
      'access-control-expose-headers': { value: 'Date' },
    },
    body: { encoding: 'text', data: String(Date.now()) },
  };
}
