#!/usr/bin/env node
// Trunk post_build step (Trunk.toml), before csp.mjs hashes the inline scripts: drops from the
// built index.html what only its readers need — HTML comments, whole-line `//` comments of
// the inline scripts, and indentation — since every byte of index.html comes before the
// first verdict (issue 22: −4.7 KiB gzip, bench/size-ledger.md). The sources keep them.
//
// Only whole lines whose first non-blank characters are `//` go, so a `//` inside a string,
// a regular expression or a URL is never touched; a script holding a template literal (whose
// lines are its value) keeps its indentation. A script that would no longer parse fails the
// build (`node --check` on a copy of each).
//
//   node scripts/compact-html.mjs [stagingDir]   (default $TRUNK_STAGING_DIR)

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = /(<script\b[^>]*>)([\s\S]*?)(<\/script>)/g;
const HTML_COMMENT = /<!--[\s\S]*?-->/g;

/** `source` (one inline script) without its comment lines and, unless it holds a template literal, its indentation. */
export function compactScript(source) {
  const keepIndent = source.includes('`');
  return source
    .split('\n')
    .filter((line) => !/^\s*\/\//.test(line))
    .map((line) => (keepIndent ? line : line.trimStart()))
    .filter((line) => line.trim() !== '')
    .join('\n');
}

/** `html` compacted: comments out of the markup (not inside scripts) and out of every inline script. */
export function compactHtml(html) {
  const scripts = [];
  // Scripts aside first, so a `<!--` inside one is not read as markup.
  const markup = html.replace(SCRIPT, (_, open, body, close) => {
    scripts.push(`${open}${compactScript(body)}${close}`);
    return `\u0000${scripts.length - 1}\u0000`;
  });
  return markup
    .replace(HTML_COMMENT, '')
    .replace(/\n\s*\n+/g, '\n')
    .replace(/\u0000(\d+)\u0000/g, (_, index) => scripts[Number(index)]);
}

/** Throws unless every inline script of `html` still parses (classic as a script, `type="module"` as a module). */
function checkScripts(html) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'skewcheck-compact-'));
  try {
    let index = 0;
    for (const [, open, body] of html.matchAll(SCRIPT)) {
      if (/\bsrc=/.test(open) || body.trim() === '') continue;
      const file = path.join(work, `script-${index++}.${/type="module"/.test(open) ? 'mjs' : 'js'}`);
      writeFileSync(file, body);
      execFileSync(process.execPath, ['--check', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function main() {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error('compact-html: no directory: run as a Trunk post_build hook (TRUNK_STAGING_DIR) or pass one');
    process.exit(1);
  }
  const indexFile = path.join(dir, 'index.html');
  const html = readFileSync(indexFile, 'utf8');
  const compact = compactHtml(html);
  try {
    checkScripts(compact);
  } catch (err) {
    console.error(`compact-html: an inline script no longer parses once compacted: ${err.stderr ?? err.message}`);
    process.exit(1);
  }
  writeFileSync(indexFile, compact);
  console.error(`compact-html: index.html ${html.length} → ${compact.length} B`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
