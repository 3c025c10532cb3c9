import { describe, expect, it } from 'vitest';
import { ToolbarView } from '../../../components/ToolbarView';
import type { Triage } from '../../../lib/contract/triage';
import { PRESENCE_LAPSE_MS, PresenceBoard, presenceState, stillReplying } from '../../../lib/content/presence';
import { createTranslator } from '../../../lib/i18n';
import { DEMO_ORG } from '../../../lib/org/demo-org';

const en = createTranslator('en');
const hi = createTranslator('hi');
const NOW = new Date('2026-12-01T10:00:00.000Z');
const kabir = { id: 'u_kabir', name: 'Kabir Mehta' };
const asha = { id: 'u_asha', name: 'Asha Rao' };
const heard = (user: { id: string; name: string }, state: 'replying' | 'idle', itemKey = 'x:1') => ({ itemKey, user, state, at: NOW.toISOString() });

describe('PresenceBoard', () => {
  it('keeps who is replying per item until they say idle or a minute passes unrefreshed', () => {
    const board = new PresenceBoard();
    const changed: string[][] = [];
    board.subscribe((keys) => changed.push([...keys]));
    const t0 = NOW.getTime();
    board.hear(heard(kabir, 'replying'), t0);
    board.hear(heard(asha, 'replying'), t0 + 1000);
    expect(board.replyingOn('x:1', t0 + 2000)).toEqual(['Kabir Mehta', 'Asha Rao']);
    expect(board.replyingOn('x:2', t0 + 2000)).toEqual([]);
    board.hear(heard(asha, 'idle'), t0 + 3000);
    expect(board.replyingOn('x:1', t0 + 3000)).toEqual(['Kabir Mehta']);
    expect(board.replyingOn('x:1', t0 + PRESENCE_LAPSE_MS + 1)).toEqual([]);
    board.lapse(t0 + PRESENCE_LAPSE_MS);
    expect(changed.at(-1)).toEqual(['x:1']);
    // A refresh keeps it.
    board.hear(heard(kabir, 'replying'), t0 + 50_000);
    expect(board.replyingOn('x:1', t0 + 100_000)).toEqual(['Kabir Mehta']);
  });
});

describe('presenceState', () => {
  const triage = (replies: Triage['replies']) => ({ replies });
  const seen = { stage: 'interim' as const, text: 'We are looking into it.', at: '2026-12-01T09:55:00.000Z', source: 'seen' as const, handle: '@IndianStandards', postedAt: '2026-12-01T09:55:00.000Z' };

  it('says who is replying, in English and Hindi', () => {
    const board = new PresenceBoard();
    expect(presenceState('x:1', undefined, DEMO_ORG.handles, board, NOW, en)).toEqual({ replying: false, text: '' });
    board.hear(heard(kabir, 'replying'), NOW.getTime());
    expect(presenceState('x:1', undefined, DEMO_ORG.handles, board, NOW, en)).toEqual({ replying: true, text: 'Kabir Mehta is replying' });
    expect(presenceState('x:1', undefined, DEMO_ORG.handles, board, NOW, hi).text).toBe('Kabir Mehta उत्तर लिख रहे हैं');
    board.hear(heard(asha, 'replying'), NOW.getTime());
    expect(presenceState('x:1', undefined, DEMO_ORG.handles, board, NOW, en).text).toBe('Kabir Mehta, Asha Rao are replying');
  });

  it('says when one of the body’s handles already answered, and only for replies seen from its handles', () => {
    const board = new PresenceBoard();
    expect(presenceState('x:1', triage([seen]), DEMO_ORG.handles, board, NOW, en)).toEqual({ replying: false, text: 'answered by @IndianStandards 5 min ago' });
    expect(presenceState('x:1', triage([{ ...seen, handle: 'indianstandards' }]), DEMO_ORG.handles, board, NOW, en).text).toBe('answered by @indianstandards 5 min ago');
    expect(presenceState('x:1', triage([{ ...seen, source: 'composer' }]), DEMO_ORG.handles, board, NOW, en).text).toBe('');
    expect(presenceState('x:1', triage([{ ...seen, handle: '@someone_else' }]), DEMO_ORG.handles, board, NOW, en).text).toBe('');
    board.hear(heard(kabir, 'replying'), NOW.getTime());
    expect(presenceState('x:1', triage([seen]), DEMO_ORG.handles, board, NOW, en).text).toBe('Kabir Mehta is replying · answered by @IndianStandards 5 min ago');
  });
});

describe('the toolbar’s presence line', () => {
  it('sets data-presence and the sentence on the status element, and clears both', () => {
    const container = document.createElement('div');
    document.body.append(container);
    const view = new ToolbarView(container, { onAssign: () => {}, onToggleFlag: () => {}, onReply: () => {} });
    const state = {
      triage: undefined,
      departments: DEMO_ORG.departments,
      sla: { state: 'ok' as const, stage: 'interim' as const, dueAt: NOW },
      slaText: '',
      notice: '',
      approximate: false,
      language: 'en' as const,
      t: en,
    };
    view.update(state);
    const status = container.querySelector('[data-samvad-status]')!;
    expect(status.getAttribute('data-presence')).toBe('');
    view.update({ ...state, presence: { replying: true, text: 'Kabir Mehta is replying' } });
    expect(status.getAttribute('data-presence')).toBe('replying');
    expect(status.textContent).toContain('Kabir Mehta is replying');
    view.update(state);
    expect(status.getAttribute('data-presence')).toBe('');
    expect(status.textContent).not.toContain('Kabir');
    view.destroy();
    container.remove();
  });
});

describe('stillReplying', () => {
  it('while the composer is on the page and focused or holding a draft', () => {
    const editor = document.createElement('div');
    editor.setAttribute('contenteditable', 'true');
    editor.tabIndex = 0;
    document.body.append(editor);
    editor.focus();
    expect(stillReplying(editor, document)).toBe(true);
    editor.blur();
    expect(stillReplying(editor, document)).toBe(false);
    editor.textContent = 'Dear citizen';
    expect(stillReplying(editor, document)).toBe(true);
    editor.remove();
    expect(stillReplying(editor, document)).toBe(false);
  });
});
