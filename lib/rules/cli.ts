import { readFile } from 'node:fs/promises';
import { FLAGS, type Flag } from '../contract/triage';
import { checkDraft, type Finding, type MessageLanguage } from './check';
import { compilePacks } from './compile';
import { PackError, parsePack } from './load';
import { defaultPacks } from './packs';
import type { RulePack, RulePlatform } from './schema';

const USAGE =
  'usage: samvad check [--pack FILE]… [--no-defaults] [--lang en|hi] [--platform x|facebook]\n' +
  '                    [--comment FILE] [--comment-flags FLAG,…] [--json] [FILE|-]\n' +
  '  Checks planned posts against the guideline rules. Reads FILE, or standard input for - or no FILE;\n' +
  '  a line of three dashes (---) separates posts, which are checked one by one.\n' +
  '  --comment FILE: the posts are replies to the comment in FILE (context rules read it);\n' +
  `  --comment-flags: the team's flags on that comment (${FLAGS.join(', ')}).\n` +
  '  Exit status: 1 when a finding blocks posting, 0 otherwise, 2 on bad input.\n';

class UsageError extends Error {}

interface CliOptions {
  packFiles: string[];
  useDefaults: boolean;
  lang: MessageLanguage;
  platform?: RulePlatform;
  /** The comment the posts answer (a file), and the team's flags on it. */
  commentFile?: string;
  commentFlags: Flag[];
  json: boolean;
  input: string;
}

function parseArgs(args: string[]): CliOptions {
  const options: CliOptions = { packFiles: [], useDefaults: true, lang: 'en', commentFlags: [], json: false, input: '-' };
  let input: string | undefined;
  const valueOf = (flag: string, index: number): string => {
    const value = args[index];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    return value;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--pack') options.packFiles.push(valueOf(arg, ++i));
    else if (arg === '--no-defaults') options.useDefaults = false;
    else if (arg === '--json') options.json = true;
    else if (arg === '--lang') {
      const lang = valueOf(arg, ++i);
      if (lang !== 'en' && lang !== 'hi') throw new UsageError(`--lang must be en or hi, not "${lang}"`);
      options.lang = lang;
    } else if (arg === '--platform') {
      const platform = valueOf(arg, ++i);
      if (platform !== 'x' && platform !== 'facebook') throw new UsageError(`--platform must be x or facebook, not "${platform}"`);
      options.platform = platform;
    } else if (arg === '--comment') options.commentFile = valueOf(arg, ++i);
    else if (arg === '--comment-flags') {
      for (const flag of valueOf(arg, ++i).split(',').map((f) => f.trim()).filter(Boolean)) {
        if (!(FLAGS as readonly string[]).includes(flag)) throw new UsageError(`--comment-flags: unknown flag "${flag}" (one of ${FLAGS.join(', ')})`);
        options.commentFlags.push(flag as Flag);
      }
    } else if (arg === '-h' || arg === '--help') throw new UsageError('');
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else if (input !== undefined) throw new UsageError(`only one input file may be given (got "${input}" and "${arg}")`);
    else input = arg;
  }
  if (input !== undefined) options.input = input;
  if (!options.useDefaults && options.packFiles.length === 0) throw new UsageError('--no-defaults needs at least one --pack');
  return options;
}

async function readInput(input: string): Promise<string> {
  if (input !== '-') return readFile(input, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const POST_SEPARATOR = /^---[ \t]*\r?$/gm;

/** The posts of a planning file and where each starts in it, without the line breaks around separators. */
function splitPosts(text: string): { offset: number; post: string }[] {
  const posts: { offset: number; post: string }[] = [];
  const add = (start: number, end: number) => {
    const leading = /^\r?\n/.exec(text.slice(start, end))?.[0].length ?? 0;
    const trailing = /\r?\n$/.exec(text.slice(start + leading, end))?.[0].length ?? 0;
    posts.push({ offset: start + leading, post: text.slice(start + leading, end - trailing) });
  };
  let start = 0;
  for (const m of text.matchAll(POST_SEPARATOR)) {
    add(start, m.index);
    start = m.index + m[0].length;
  }
  add(start, text.length);
  return posts;
}

/** 1-based line and column (in UTF-16 units, as editors count) of a string index. */
function position(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: index - lineStart + 1 };
}

function formatHuman(findings: Finding[], text: string, inputName: string): string {
  if (findings.length === 0) return `${inputName}: no findings\n`;
  const lines: string[] = [];
  for (const f of findings) {
    const { line, column } = position(text, f.start);
    lines.push(`${inputName}:${line}:${column}  ${f.severity.padEnd(5)}  ${f.category}  ${f.ruleId}`);
    lines.push(`    ${f.message}`);
    if (f.excerpt) lines.push(`    ${f.scope === 'comment' ? 'in the comment' : 'found'}: "${f.excerpt.replace(/\s+/g, ' ')}"`);
    lines.push(`    source: ${f.source}`);
    if (f.suggestion) lines.push(`    suggestion: ${f.suggestion}`);
  }
  const counts = (['block', 'warn', 'info'] as const)
    .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  lines.push(`${findings.length} finding${findings.length === 1 ? '' : 's'} (${counts.join(', ')})`);
  return `${lines.join('\n')}\n`;
}

/** `samvad check …`: argv[0] is the command name. Returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = parseArgs(argv.slice(1));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) process.stderr.write(`samvad check: ${error.message}\n`);
    process.stderr.write(USAGE);
    return 2;
  }

  const packs: RulePack[] = options.useDefaults ? [...defaultPacks()] : [];
  for (const file of options.packFiles) {
    try {
      packs.push(parsePack(await readFile(file, 'utf8'), file));
    } catch (error) {
      const message = error instanceof PackError ? error.message : `cannot read pack ${file}: ${(error as Error).message}`;
      process.stderr.write(`samvad check: invalid rule pack\n${message}\n`);
      return 2;
    }
  }

  let text: string;
  try {
    text = await readInput(options.input);
  } catch (error) {
    process.stderr.write(`samvad check: cannot read ${options.input}: ${(error as Error).message}\n`);
    return 2;
  }

  let commentText: string | undefined;
  if (options.commentFile !== undefined) {
    try {
      commentText = (await readFile(options.commentFile, 'utf8')).trim();
    } catch (error) {
      process.stderr.write(`samvad check: cannot read comment ${options.commentFile}: ${(error as Error).message}\n`);
      return 2;
    }
  }
  const isReply = commentText !== undefined || options.commentFlags.length > 0;
  const context = isReply ? { context: { commentText: commentText ?? '', flags: options.commentFlags } } : {};

  const compiled = compilePacks(packs);
  const findings = splitPosts(text).flatMap(({ offset, post }) =>
    checkDraft(compiled, post, { lang: options.lang, platform: options.platform, ...context }).map((f) => ({
      ...f,
      start: f.start + offset,
      end: f.end + offset,
    })),
  );
  if (options.json) {
    const rows = findings.map((f) => ({
      rule: f.ruleId,
      category: f.category,
      severity: f.severity,
      start: f.start,
      end: f.end,
      excerpt: f.excerpt,
      scope: f.scope,
      message: f.message,
    }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    process.stdout.write(formatHuman(findings, text, options.input === '-' ? '<stdin>' : options.input));
  }
  return findings.some((f) => f.severity === 'block') ? 1 : 0;
}
