import { describe, expect, it } from 'vitest';
import { observe } from '../../../lib/dom/observe';

const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

describe('observe', () => {
  it('reports present, added and changed-in-place elements in one batch per frame, until aborted', async () => {
    document.body.innerHTML = '<div id="list"><article class="c"><a href="/a/status/1">1</a></article></div>';
    const batches: string[][] = [];
    const controller = new AbortController();
    observe('article.c', (elements) => batches.push(elements.map((e) => e.querySelector('a')!.getAttribute('href')!)), {
      signal: controller.signal,
    });
    await frame();
    expect(batches).toEqual([['/a/status/1']]);

    const list = document.getElementById('list')!;
    list.insertAdjacentHTML('beforeend', '<article class="c"><a href="/b/status/2">2</a></article><article class="c"><a href="/c/status/3">3</a></article>');
    await frame();
    expect(batches[1]).toEqual(['/b/status/2', '/c/status/3']);

    // A recycled cell: same element, its link rewritten in place.
    list.querySelector('a')!.setAttribute('href', '/d/status/4');
    await frame();
    expect(batches[2]).toEqual(['/d/status/4']);

    controller.abort();
    list.insertAdjacentHTML('beforeend', '<article class="c"><a href="/e/status/5">5</a></article>');
    await frame();
    expect(batches).toHaveLength(3);
  });

  it('reports only the comment around a removal, not every comment under the removed node\'s parent', async () => {
    document.body.innerHTML =
      '<ul id="thread"><li><article class="c"><a href="/1">1</a><span id="x">x</span></article></li><li><article class="c"><a href="/2">2</a></article></li><button id="more">More</button></ul>';
    const batches: string[][] = [];
    const controller = new AbortController();
    observe('article.c', (elements) => batches.push(elements.map((e) => e.querySelector('a')!.getAttribute('href')!)), {
      signal: controller.signal,
    });
    await frame();
    document.getElementById('more')!.remove();
    await frame();
    expect(batches).toHaveLength(1);
    document.getElementById('x')!.remove();
    await frame();
    expect(batches[1]).toEqual(['/1']);
    controller.abort();
  });
});
