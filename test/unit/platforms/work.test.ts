// Which comments are the team's work (DESIGN.md), decided by the adapters: against real saved pages of X and
// Facebook that nobody on the project wrote (../shared/real-pages, read from there, never copied) and against
// the fixture sites' snapshots. The pages' own markup is the oracle: their permalinks and "Comment by" /
// "Reply by" labels say who wrote what.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { facebookPlatform } from '../../../lib/platforms/facebook/index';
import { bodyHandles, type Platform, type WorkVerdict } from '../../../lib/platforms/types';
import { xPlatform } from '../../../lib/platforms/x/index';

const realPages = join(import.meta.dirname, '../../../../shared/real-pages');
const snapshots = join(import.meta.dirname, '../../fixtures/snapshots');

function load(path: string): Document {
  if (!existsSync(path)) throw new Error(`${path} is missing: the real pages live in ../shared/real-pages beside the repository`);
  return new DOMParser().parseFromString(readFileSync(path, 'utf8').replace(/<(?:link|iframe)\b[^>]*>/gi, ''), 'text/html');
}

const real = (name: string) => load(join(realPages, `${name}.html`));
const snapshot = (name: string) => load(join(snapshots, `${name}.html`));

function verdicts(document: Document, platform: Platform, handles: string[]) {
  const set = bodyHandles(handles);
  return [...document.querySelectorAll(platform.commentSelector)].flatMap((element) => {
    const identification = platform.identify(element);
    if (!identification.ok) return [];
    const extraction = platform.extract(element);
    const author = extraction.ok ? (extraction.item.author.handle ?? '') : '';
    const verdict = platform.classify(element, set);
    return [{ element, id: identification.id, author, verdict }];
  });
}

const kinds = (found: Array<{ verdict: WorkVerdict }>) => found.map(({ verdict }) => (verdict.kind === 'work' ? verdict.reason : verdict.kind));

describe('X: which tweets are work', () => {
  it('x-home-1 (a logged-in home timeline): no unrelated tweet gets a clock', () => {
    const found = verdicts(real('x-home-1'), xPlatform, ['@IndianStandards']);
    expect(found.length).toBeGreaterThan(3);
    expect(new Set(kinds(found))).toEqual(new Set(['other']));
  });

  it('x-home-1: the body’s own tweets are answers, tweets by others are not work unless they name it', () => {
    const found = verdicts(real('x-home-1'), xPlatform, []);
    const author = found[0]!.author;
    const asBody = verdicts(real('x-home-1'), xPlatform, [author]);
    for (const { author: by, verdict, element } of asBody) {
      if (by.toLowerCase() === author.toLowerCase()) expect(verdict.kind).toBe('answer');
      else if (!(element.textContent ?? '').toLowerCase().includes(`@${author.toLowerCase()}`)) expect(verdict.kind).toBe('other');
    }
  });

  it('x-status-1 (a status page with its conversation): the focused post is the body’s answer, every reply under it is work', () => {
    const found = verdicts(real('x-status-1'), xPlatform, ['realDonaldTrump']);
    expect(found.length).toBeGreaterThan(3);
    for (const { author, verdict } of found) {
      expect(verdict).toEqual(author.toLowerCase() === 'realdonaldtrump' ? { kind: 'answer' } : { kind: 'work', reason: 'reply_to_body' });
    }
    expect(kinds(verdicts(real('x-status-1'), xPlatform, ['@IndianStandards']))).not.toContain('reply_to_body');
  });

  it('x-status-2 and x-profile-1: replies under the author’s post are work; with other handles, nothing is', () => {
    for (const name of ['x-status-2', 'x-profile-1']) {
      const found = verdicts(real(name), xPlatform, []);
      const owner = name === 'x-status-2' ? 'k4rliky' : 'nikitabier';
      const asOwner = verdicts(real(name), xPlatform, [owner]);
      expect(asOwner.filter(({ verdict }) => verdict.kind === 'answer').length, name).toBeGreaterThan(0);
      for (const { author, verdict } of asOwner) if (author.toLowerCase() === owner) expect(verdict.kind).toBe('answer');
      expect(new Set(kinds(verdicts(real(name), xPlatform, ['@IndianStandards'])))).toEqual(new Set(['other']));
      expect(found.length).toBeGreaterThan(0);
    }
    const status = verdicts(real('x-status-2'), xPlatform, ['k4rliky']);
    expect(kinds(status.filter(({ author }) => author.toLowerCase() !== 'k4rliky'))).toContain('reply_to_body');
  });

  it('fixture: the home timeline’s official posts are answers, citizens mentioning @IndianStandards are work, the rest is not', () => {
    const found = verdicts(snapshot('x-home'), xPlatform, ['@IndianStandards']);
    for (const { author, verdict, element } of found) {
      const text = element.querySelector('[data-testid="tweetText"]')?.textContent ?? '';
      if (author === 'IndianStandards') expect(verdict).toEqual({ kind: 'answer' });
      else if (text.includes('@IndianStandards')) expect(verdict).toEqual({ kind: 'work', reason: 'mention' });
      else expect(verdict).toEqual({ kind: 'other' });
    }
    expect(kinds(found)).toContain('other');
  });

  it('fixture: replies in the conversation under an official post are work; the post itself is an answer', () => {
    for (const name of ['x-status', 'x-reply-status']) {
      const found = verdicts(snapshot(name), xPlatform, ['IndianStandards']);
      expect(found.length).toBeGreaterThan(1);
      for (const { author, verdict } of found) {
        expect(verdict).toEqual(author === 'IndianStandards' ? { kind: 'answer' } : { kind: 'work', reason: 'reply_to_body' });
      }
    }
  });
});

describe('Facebook: which comments are work', () => {
  it('fb-page-1 (a Page timeline): comments on the Page’s posts are work, the Page’s own replies are answers', () => {
    const found = verdicts(real('fb-page-1'), facebookPlatform, ['YukaGroup']);
    expect(found.length).toBeGreaterThan(30);
    for (const { element, verdict } of found) {
      const label = element.getAttribute('aria-label') ?? '';
      if (/^(Comment|Reply) by Yuka\b/.test(label)) expect(verdict, label).toEqual({ kind: 'answer' });
      else expect(verdict, label).toEqual({ kind: 'work', reason: 'page_comment' });
    }
    expect(kinds(found)).toContain('answer');
    expect(new Set(kinds(verdicts(real('fb-page-1'), facebookPlatform, ['IndianStandards'])))).toEqual(new Set(['other']));
  });

  it('fb-post-1 (a post permalink): comments on the owner’s post are work; with the demo body’s handles, none is', () => {
    const found = verdicts(real('fb-post-1'), facebookPlatform, ['salmanmd.sultan.1']);
    expect(found.length).toBeGreaterThan(8);
    for (const { author, verdict } of found) {
      expect(verdict).toEqual(author === 'salmanmd.sultan.1' ? { kind: 'answer' } : { kind: 'work', reason: 'page_comment' });
    }
    expect(new Set(kinds(verdicts(real('fb-post-1'), facebookPlatform, ['IndianStandards'])))).toEqual(new Set(['other']));
  });

  it('fixture: every citizen comment on the body’s Page post is work', () => {
    const found = verdicts(snapshot('facebook-post'), facebookPlatform, ['IndianStandards']);
    expect(found.length).toBeGreaterThan(8);
    expect(new Set(kinds(found))).toEqual(new Set(['page_comment']));
  });
});
