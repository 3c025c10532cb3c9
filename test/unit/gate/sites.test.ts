import { describe, expect, it } from 'vitest';
import { composerForButton, composerOf, postSites, isPostKey } from '../../../lib/gate/sites';

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
    const site = postSites.x;
    const inlineButton = site.postButtonAt(document.getElementById('label')!)!;
    expect(composerForButton(site, inlineButton)?.id).toBe('home-editor');
    expect(composerForButton(site, document.getElementById('dialog-button')!)?.id).toBe('dialog-editor');
    expect(site.postButtonOf(document.getElementById('dialog-editor')!)?.id).toBe('dialog-button');
    expect(composerOf(site, document.getElementById('inside'))?.id).toBe('home-editor');
  });

  it('Facebook: only lexical comment boxes are composers', () => {
    document.body.innerHTML = `<form role="presentation"><div id="box" contenteditable="true" role="textbox" data-lexical-editor="true"><p>x</p></div></form>
      <div id="other" contenteditable="true"></div>`;
    expect(composerOf(postSites.facebook, document.querySelector('#box p'))?.id).toBe('box');
    expect(composerOf(postSites.facebook, document.getElementById('other'))).toBeNull();
    expect(postSites.facebook.postButtonOf(document.getElementById('box')!)).toBeNull();
  });

  it('Facebook: the send arrow beside the comment box is a post button, found in any interface language', () => {
    // Comet 2023–2026: icon-only buttons (emoji, photo, GIF) and the send arrow in its own container.
    document.body.innerHTML = `<form role="presentation"><div id="box" contenteditable="true" role="textbox" data-lexical-editor="true"><p>x</p></div>
        <ul><li><div role="button" id="emoji" aria-label="इमोजी डालें"><i></i></div></li></ul>
        <div id="focused-state-composer-submit"><span><div role="button" id="send" aria-label="टिप्पणी करें"><i id="icon"></i></div></span></div></form>
      <form role="presentation"><div id="plain" contenteditable="true" role="textbox" data-lexical-editor="true"></div>
        <div role="button" id="gif" aria-label="GIF"><i></i></div><div role="button" id="arrow" aria-label="Comment"><svg id="arrow-icon"></svg></div></form>`;
    const site = postSites.facebook;
    expect(site.postButtonAt(document.getElementById('icon')!)?.id).toBe('send');
    expect(site.postButtonAt(document.getElementById('emoji')!)).toBeNull();
    expect(composerForButton(site, document.getElementById('send')!)?.id).toBe('box');
    expect(site.postButtonOf(document.getElementById('box')!)?.id).toBe('send');
    // A build without the container's id: the form's last icon-only button after the editor.
    expect(site.postButtonAt(document.querySelector('#arrow-icon')!)?.id).toBe('arrow');
    expect(site.postButtonAt(document.getElementById('gif')!)).toBeNull();
    expect(site.postButtonOf(document.getElementById('plain')!)?.id).toBe('arrow');
  });
});
