import { describe, expect, it } from 'vitest';
import type { CommentItem } from '../../../lib/contract/item';
import type { Reply } from '../../../lib/contract/triage';
import { FollowUps } from '../../../lib/content/follow-ups';
import { seenReplyStage } from '../../../lib/content/proof';
import { mayDo, recordsWhatItSees } from '../../../lib/content/session';

const reply = (stage: Reply['stage'], source: Reply['source'], text = 'Thank you'): Reply => ({ stage, source, text, at: '2026-11-23T05:00:00.000Z' });

describe('the stage a reply seen under an item settles', () => {
  it('is the stage of the pending composer reply with the same text (spacing aside)', () => {
    expect(seenReplyStage({ replies: [reply('final', 'composer', 'We  have fixed it.')] }, 'We have fixed it.')).toBe('final');
    expect(seenReplyStage({ replies: [reply('interim', 'composer', 'Looking into it')] }, 'Looking into it')).toBe('interim');
  });

  it('else interim while no interim is settled, final after one', () => {
    expect(seenReplyStage({ replies: [] }, 'Anything')).toBe('interim');
    expect(seenReplyStage({ replies: [reply('interim', 'composer', 'other text')] }, 'Anything')).toBe('interim');
    expect(seenReplyStage({ replies: [reply('interim', 'seen')] }, 'Anything')).toBe('final');
    expect(seenReplyStage({ replies: [reply('interim', 'manual')] }, 'Anything')).toBe('final');
  });
});

function comment(id: string, handle: string, minutes: number, parent?: CommentItem['parent']): CommentItem {
  return {
    platform: 'facebook',
    id,
    author: { name: handle, handle },
    text: 'text',
    permalink: `https://www.facebook.com/IndianStandards/posts/1?comment_id=${id}`,
    createdAt: new Date(Date.UTC(2026, 10, 23, 5, minutes)).toISOString(),
    parent,
  };
}

describe('follow-ups', () => {
  it('links a later comment of the same author in the same thread to their open item, once', () => {
    const followUps = new FollowUps();
    const open = () => true;
    expect(followUps.add(comment('1', 'priya', 0, { kind: 'post', id: 'P' }), open)).toEqual([]);
    expect(followUps.add(comment('2', 'rahul', 1, { kind: 'post', id: 'P' }), open)).toEqual([]);
    expect(followUps.add(comment('3', 'priya', 5, { kind: 'post', id: 'P' }), open)).toEqual([{ follower: 'facebook:3', of: 'facebook:1' }]);
    // A reply under her own comment is in the same thread.
    expect(followUps.add(comment('4', 'priya', 9, { kind: 'comment', id: '1' }), open)).toEqual([{ follower: 'facebook:4', of: 'facebook:1' }]);
    expect(followUps.add(comment('3', 'priya', 5, { kind: 'post', id: 'P' }), open)).toEqual([]);
    // Another post is another thread.
    expect(followUps.add(comment('5', 'priya', 10, { kind: 'post', id: 'Q' }), open)).toEqual([]);
  });

  it('finds the earlier item whichever comes into view first, and never links to a closed one', () => {
    const followUps = new FollowUps();
    expect(followUps.add(comment('3', 'priya', 5, { kind: 'post', id: 'P' }), () => true)).toEqual([]);
    expect(followUps.add(comment('1', 'priya', 0, { kind: 'post', id: 'P' }), () => true)).toEqual([{ follower: 'facebook:3', of: 'facebook:1' }]);
    const closed = new FollowUps();
    closed.add(comment('1', 'priya', 0, { kind: 'post', id: 'P' }), () => true);
    expect(closed.add(comment('3', 'priya', 5, { kind: 'post', id: 'P' }), (key) => key !== 'facebook:1')).toEqual([]);
  });

  it('links the later comments to the next open item once the original is answered, and one author’s hundreds of comments each once', () => {
    const followUps = new FollowUps();
    const closed = new Set<string>();
    const open = (key: string) => !closed.has(key);
    followUps.add(comment('1', 'priya', 0, { kind: 'post', id: 'P' }), open);
    const links = [];
    for (let n = 2; n <= 300; n++) links.push(...followUps.add(comment(String(n), 'priya', n, { kind: 'post', id: 'P' }), open));
    expect(links).toHaveLength(299);
    expect(new Set(links.map((link) => link.of))).toEqual(new Set(['facebook:1']));
    // Her first item answered: the next comment she writes links her later ones to her earliest open item.
    closed.add('facebook:1');
    const moved = followUps.add(comment('301', 'priya', 301, { kind: 'post', id: 'P' }), open);
    expect(moved).toHaveLength(299);
    expect(moved.every((link) => link.of === 'facebook:2')).toBe(true);
  });

  it('never links comments with no known thread (a timeline’s mentions)', () => {
    const followUps = new FollowUps();
    followUps.add(comment('1', 'priya', 0), () => true);
    expect(followUps.add(comment('3', 'priya', 5), () => true)).toEqual([]);
  });
});

describe('what the signed-in role is offered and records', () => {
  const moderator = { user: { role: 'moderator' as const, email: 'a@b.in', departmentId: null }, clockOffsetMs: 0 };
  const contact = { user: { role: 'department' as const, email: 'c@b.in', departmentId: 'hallmarking' }, clockOffsetMs: 0 };
  const signedOut = { user: null, clockOffsetMs: 0 };

  it('a department user records nothing it sees and is offered actions only on its department’s items', () => {
    expect(recordsWhatItSees(moderator)).toBe(true);
    expect(recordsWhatItSees(signedOut)).toBe(true);
    expect(recordsWhatItSees(contact)).toBe(false);
    expect(mayDo(contact, 'track', undefined)).toBe(false);
    expect(mayDo(contact, 'assign', { departmentId: 'laboratory' })).toBe(false);
    expect(mayDo(contact, 'flag', { departmentId: 'hallmarking' })).toBe(true);
    expect(mayDo(moderator, 'track', undefined)).toBe(true);
  });
});
