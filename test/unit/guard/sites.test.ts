import { describe, expect, it } from 'vitest';
import { composerForButton, composerOf, guardSites, isPostKey, postButtonFor } from '../../../lib/guard/sites';

const key = (init: KeyboardEventInit & { keyCode?: number }) => {
  const event = new KeyboardEvent('keydown', init);
  if (init.keyCode !== undefined) Object.defineProperty(event, 'keyCode', { value: init.keyCode });
  return event;
};

describe('the sites’ post keys', () => {
  it('X posts with Ctrl or Cmd+Enter only', () => {
    expect(isPostKey('x', key({ key: 'Enter', ctrlKey: true }))).toBe(true);
    expect(isPostKey('x', key({ key: 'Enter', metaKey: true }))).toBe(true);
    expect(isPostKey('x', key({ key: 'Enter' }))).toBe(false);
  });

  it('Facebook posts with Enter, not Shift+Enter nor Enter confirming an input method', () => {
    expect(isPostKey('facebook', key({ key: 'Enter', keyCode: 13 }))).toBe(true);
    expect(isPostKey('facebook', key({ key: 'Enter', shiftKey: true }))).toBe(false);
    expect(isPostKey('facebook', key({ key: 'Enter', isComposing: true }))).toBe(false);
    expect(isPostKey('facebook', key({ key: 'Enter', keyCode: 229 }))).toBe(false);
    expect(isPostKey('facebook', key({ key: 'a' }))).toBe(false);
  });
});

describe('which composer a post action posts', () => {
  it('X: the composer next to the button, not another one on the page', () => {
    document.body.innerHTML = `
      <div id="home"><div data-testid="tweetTextarea_0RichTextInputContainer"><div id="home-editor" contenteditable="true" data-testid="tweetTextarea_0"><span id="inside">hi</span></div></div>
        <div><button data-testid="tweetButtonInline"><span id="label">Post</span></button></div></div>
      <div role="dialog"><div data-testid="tweetTextarea_0RichTextInputContainer"><div id="dialog-editor" contenteditable="true" data-testid="tweetTextarea_0"></div></div>
        <div><button id="dialog-button" data-testid="tweetButton">Reply</button></div></div>`;
    const site = guardSites.x;
    const inlineButton = document.getElementById('label')!.closest(site.postButton!)!;
    expect(composerForButton(site, inlineButton)?.id).toBe('home-editor');
    expect(composerForButton(site, document.getElementById('dialog-button')!)?.id).toBe('dialog-editor');
    expect(postButtonFor(site, document.getElementById('dialog-editor')!)?.id).toBe('dialog-button');
    expect(composerOf(site, document.getElementById('inside'))?.id).toBe('home-editor');
  });

  it('Facebook: only lexical comment boxes are composers', () => {
    document.body.innerHTML = `<form role="presentation"><div id="box" contenteditable="true" role="textbox" data-lexical-editor="true"><p>x</p></div></form>
      <div id="other" contenteditable="true"></div>`;
    expect(composerOf(guardSites.facebook, document.querySelector('#box p'))?.id).toBe('box');
    expect(composerOf(guardSites.facebook, document.getElementById('other'))).toBeNull();
    expect(postButtonFor(guardSites.facebook, document.getElementById('box')!)).toBeNull();
  });
});
