// Mozilla's linter (`web-ext lint`, the addons-linter AMO runs) on the Firefox build: `npm run lint:firefox`,
// part of `npm test`. It fails on any error, and on any warning but one kind, allowed where it is justified:
// Preact's renderer assigns `innerHTML` for `dangerouslySetInnerHTML` (and to clear an element that had it).
// Samvad never passes that prop (checked below over our sources), so those assignments never run; any other
// innerHTML assignment, or any other warning, fails the lint.
// It also checks that each built manifest asks only for permissions our sources use.
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import webExt from 'web-ext';

const root = resolve(import.meta.dirname, '..');
const sourceDir = resolve(process.argv[2] ?? join(root, '.output', 'firefox-mv3'));
/** Preact's two innerHTML assignments (minified): `e.innerHTML=d.__html` and `e.innerHTML=""`. */
const PREACT_INNER_HTML = /^[\w$]+\.innerHTML=(?:[\w$]+\.__html|"")/;

async function* sources(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (/\.(ts|tsx)$/.test(entry.name)) yield path;
  }
}

const problems = [];
/** Our sources, by path. */
const ourSources = new Map();
for (const dir of ['lib', 'components', 'entrypoints']) for await (const path of sources(join(root, dir))) ourSources.set(path, await readFile(path, 'utf8'));
for (const [path, source] of ourSources) if (source.includes('dangerouslySetInnerHTML')) problems.push(`${path}: uses dangerouslySetInnerHTML`);

/** Each permission the manifests may ask for, and the use in our sources that needs it. */
const PERMISSION_USES = {
  storage: /browser\.storage\.|from 'wxt\/utils\/storage'/,
  alarms: /browser\.alarms\./,
  notifications: /browser\.notifications\b/,
  // The background's IndexedDB (outbox, items, audit) must not be evicted or capped.
  unlimitedStorage: /from 'idb'/,
  // Chrome's side panel; WXT adds it for the sidepanel entrypoint.
  sidePanel: /browser\.sidePanel\./,
};
for (const build of ['chrome-mv3', 'firefox-mv3']) {
  const manifest = JSON.parse(await readFile(join(root, '.output', build, 'manifest.json'), 'utf8').catch(() => 'null'));
  for (const permission of manifest?.permissions ?? []) {
    const use = PERMISSION_USES[permission];
    if (!use) problems.push(`${build}: the manifest asks for "${permission}", which no check here says is needed`);
    else if (![...ourSources.values()].some((source) => use.test(source))) problems.push(`${build}: the manifest asks for "${permission}", which nothing uses`);
  }
}

const result = await webExt.cmd.lint({ sourceDir, output: 'none', selfHosted: false }, { shouldExitProgram: false });
const lines = new Map();
const lineOf = async (file, line) => {
  if (!lines.has(file)) lines.set(file, (await readFile(join(sourceDir, file), 'utf8')).split('\n'));
  return lines.get(file)[line - 1] ?? '';
};
const justified = [];
for (const message of result.errors) problems.push(`error ${message.code} in ${message.file ?? 'the package'}: ${message.message}`);
for (const message of [...result.warnings, ...result.notices]) {
  if (message.code === 'UNSAFE_VAR_ASSIGNMENT' && message.file && message.line) {
    const text = (await lineOf(message.file, message.line)).slice(message.column - 1);
    if (PREACT_INNER_HTML.test(text)) {
      justified.push(`${message.file}:${message.line}:${message.column}`);
      continue;
    }
  }
  problems.push(`${message._type} ${message.code} in ${message.file ?? 'the package'}${message.line ? `:${message.line}:${message.column}` : ''}: ${message.message}`);
}

console.log(`web-ext lint on ${sourceDir}: ${result.errors.length} errors, ${result.warnings.length} warnings, ${result.notices.length} notices`);
if (justified.length) console.log(`allowed: Preact's dangerouslySetInnerHTML path (unused by Samvad) at ${justified.join(', ')}`);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
