// @vitest-environment node
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../../bin/samvad.mjs', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function samvad(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'check', ...args], { stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

let dir: string;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'samvad-check-'));
  await writeFile(file('clean.txt'), 'Thank you for writing to BIS. Products must conform to IS 1417:2016.\n');
  await writeFile(file('blocking.txt'), 'Dear sir,\nyour Aadhaar 2345 6789 0124 is linked. The matter is sub judice.\n');
  await writeFile(file('warn.txt'), 'यह मामला न्यायालय में विचाराधीन है।\n');
  await writeFile(
    file('bad-pack.json'),
    '{\n  "id": "org",\n  "name": "Org",\n  "languages": ["en"],\n  "version": "1.0.0",\n  "rules": [\n    { "id": "x", "category": "gossip", "severity": "warn", "message": { "en": "a", "hi": "ब" }, "source": "s", "kind": "phrases", "phrases": ["y"] }\n  ]\n}\n',
  );
  await writeFile(
    file('org-pack.json'),
    JSON.stringify({
      id: 'org',
      name: 'Org',
      languages: ['en'],
      version: '1.0.0',
      rules: [{ id: 'org.case', category: 'sub_judice', severity: 'block', message: { en: 'On our case list', hi: 'मामलों की सूची में' }, source: 'Legal cell', kind: 'phrases', phrases: ['Sharma Jewellers'] }],
    }),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('samvad check', () => {
  it('exits 0 and reports no findings for a clean file', async () => {
    const run = await samvad([file('clean.txt')]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('no findings');
  });

  it('exits 1 on a blocking finding and prints line:column, severity, rule and source', async () => {
    const run = await samvad([file('blocking.txt')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${file('blocking.txt')}:2:14  block  personal_info  en.personal_info.aadhaar`);
    expect(run.stdout).toMatch(/source: MeitY/);
  });

  it('prints --json as an array of findings with string indices, reading standard input', async () => {
    const text = 'Dear sir,\nyour Aadhaar 2345 6789 0124 is linked. The matter is sub judice.\n';
    const run = await samvad(['--json', '-'], text);
    expect(run.code).toBe(1);
    const findings = JSON.parse(run.stdout) as { rule: string; category: string; severity: string; start: number; end: number; excerpt: string; message: string }[];
    expect(findings.map((f) => f.rule)).toEqual(['en.personal_info.aadhaar', 'en.sub_judice.court']);
    for (const f of findings) {
      expect(Object.keys(f).sort()).toEqual(['category', 'end', 'excerpt', 'message', 'rule', 'scope', 'severity', 'start']);
      expect(text.slice(f.start, f.end)).toBe(f.excerpt);
    }
  });

  it('exits 0 on warnings only, with Hindi messages under --lang hi', async () => {
    const run = await samvad(['--lang', 'hi', '--json', file('warn.txt')]);
    expect(run.code).toBe(0);
    const [finding] = JSON.parse(run.stdout) as { severity: string; message: string }[];
    expect(finding).toMatchObject({ severity: 'warn' });
    expect(finding!.message).toMatch(/विचाराधीन/);
  });

  it('checks the posts of a planning file one by one, with X limits under --platform x', async () => {
    const second = `${'Hallmarking protects every buyer of gold. '.repeat(8)}#WorldStandardsDay`;
    const text = `Short post about ISI marks.\n---\n${second}\n`;
    const run = await samvad(['--platform', 'x', '--json', '-'], text);
    expect(run.code).toBe(0);
    const findings = JSON.parse(run.stdout) as { rule: string; start: number; end: number }[];
    expect(findings.map((f) => f.rule)).toEqual(['en.length.platform']);
    expect(findings[0]!.start).toBe(text.indexOf(second) + 280);
  });

  it("adds an organisation's pack to the defaults", async () => {
    const run = await samvad(['--pack', file('org-pack.json'), '--json', '-'], 'Update on Sharma Jewellers hallmarking.');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject([{ rule: 'org.case', severity: 'block' }]);
  });

  it('exits 2 with the line and field of a malformed pack', async () => {
    const run = await samvad(['--pack', file('bad-pack.json'), file('clean.txt')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file('bad-pack.json')}:7:`);
    expect(run.stderr).toContain('rules.0.category');
  });

  it('exits 2 on an unknown flag or an unreadable file', async () => {
    const flag = await samvad(['--colour']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('unknown option --colour');
    const missing = await samvad([file('missing.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
  });

  it('checks a reply against the comment it answers: --comment and --comment-flags', async () => {
    await writeFile(file('comment.txt'), 'I have filed a case against the jeweller in the consumer court.\n');
    await writeFile(file('reply-substance.txt'), 'Our inquiry found that the jeweller deliberately sold underweight gold.\n');
    await writeFile(file('reply-holding.txt'), 'As the matter is before the court, we are unable to comment.\n');
    const substance = await samvad(['--comment', file('comment.txt'), '--json', file('reply-substance.txt')]);
    expect(substance.code).toBe(1);
    expect(JSON.parse(substance.stdout)).toContainEqual(expect.objectContaining({ rule: 'context.sub_judice', severity: 'block', scope: 'comment' }));
    const holding = await samvad(['--comment', file('comment.txt'), '--json', file('reply-holding.txt')]);
    expect(holding.code).toBe(0);
    expect(JSON.parse(holding.stdout)).toEqual([]);
    // A comment that says nothing of a case but is flagged sub judice by the team.
    await writeFile(file('plain-comment.txt'), 'When will you act against Sharma Jewellers?\n');
    const flagged = await samvad(['--comment', file('plain-comment.txt'), '--comment-flags', 'sub_judice', '--json', file('reply-substance.txt')]);
    expect(flagged.code).toBe(1);
    const unflagged = await samvad(['--comment', file('plain-comment.txt'), '--json', file('reply-substance.txt')]);
    expect(JSON.parse(unflagged.stdout).map((f: { rule: string }) => f.rule)).not.toContain('context.sub_judice');
    const badFlag = await samvad(['--comment-flags', 'gossip', file('reply-substance.txt')]);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('unknown flag "gossip"');
  }, 60_000);
});
