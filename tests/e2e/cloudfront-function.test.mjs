// Unit test of the CloudFront Function deploy/cloudfront/time-function.js (no build needed): the file is loaded as the CloudFront
// runtime loads it (a plain script whose top-level `handler` is called), not imported.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import vm from 'node:vm';

const source = readFileSync(new URL('../../deploy/cloudfront/time-function.js', import.meta.url), 'utf8');

function loadHandler(now = () => Date.now()) {
  const context = vm.createContext({ Date: { now } });
  vm.runInContext(source, context);
  return context.handler;
}

// The event shape CloudFront passes (functions-event-structure), trimmed to what matters.
const viewerRequest = (uri, method = 'GET') => ({
  version: '1.0',
  context: { eventType: 'viewer-request' },
  viewer: { ip: '192.0.2.1' },
  request: { method, uri, querystring: { skewcheck: { value: '123' } }, headers: {}, cookies: {} },
});

test('GET /time answers with the edge clock in ms, uncacheable and readable cross-origin', () => {
  const handler = loadHandler(() => 1_764_200_000_123);
  const response = handler(viewerRequest('/time'));
  assert.equal(response.statusCode, 200);
  assert.equal(response.body.encoding, 'text');
  assert.equal(response.body.data, '1764200000123');
  assert.equal(response.headers['cache-control'].value, 'no-store');
  assert.equal(response.headers['access-control-allow-origin'].value, '*');
  assert.equal(response.headers['access-control-expose-headers'].value, 'Date');
  assert.equal(response.headers['content-type'].value, 'text/plain');
  for (const name of Object.keys(response.headers)) assert.equal(name, name.toLowerCase(), 'header names are lower case');
});

test('the real clock is read on every call', () => {
  const handler = loadHandler();
  const before = Date.now();
  const ms = Number(handler(viewerRequest('/time', 'HEAD')).body.data);
  assert.ok(ms >= before && ms <= Date.now(), `${ms} within the call`);
});

test('every other request passes through unchanged', () => {
  const handler = loadHandler();
  for (const event of [viewerRequest('/index.html'), viewerRequest('/time/'), viewerRequest('/timex'), viewerRequest('/time', 'POST')]) {
    assert.equal(handler(event), event.request);
  }
});

test('the file is a plain script: no import, export or require', () => {
  assert.doesNotMatch(source, /^\s*(import|export)\b|\brequire\(/m);
});
