import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RulePacksSection } from '../../../components/options/RulePacksSection';
import type { OrgConfig } from '../../../lib/contract/org';
import { createTranslator, I18nContext } from '../../../lib/i18n';
import { DEMO_ORG } from '../../../lib/org/demo-org';
import { caseListPack } from './case-list-pack';

const pack = caseListPack();

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
let container: HTMLElement;

function mount(org: OrgConfig, onSave = vi.fn(async (_org: OrgConfig) => {})) {
  container = document.createElement('div');
  document.body.append(container);
  render(
    <I18nContext.Provider value={{ language: 'en', t: createTranslator('en') }}>
      <RulePacksSection org={org} onSave={onSave} />
    </I18nContext.Provider>,
    container,
  );
  return onSave;
}

function typeInto(element: HTMLTextAreaElement, text: string) {
  element.value = text;
  element.dispatchEvent(new Event('input', { bubbles: true }));
}

const click = (selector: string) => (container.querySelector(selector) as HTMLElement).click();

afterEach(() => {
  render(null, container);
  container.remove();
});

describe('organisation rule packs on the options page', () => {
  it('saves a pasted pack into the org config', async () => {
    const onSave = mount(DEMO_ORG);
    expect(container.textContent).toContain('No organisation packs');
    typeInto(container.querySelector('#rule-pack-json')!, JSON.stringify(pack, null, 2));
    await tick();
    click('[data-action="save-pack"]');
    await tick();
    expect(onSave).toHaveBeenCalledOnce();
    expect(onSave.mock.calls[0]![0].rulePacks?.map((p) => p.id)).toEqual(['bis-cases']);
    expect(container.querySelector('[data-status="packs"]')?.textContent).toBe('Pack “bis-cases” saved.');
  });

  it('shows problems against their line and field, and saves nothing', async () => {
    const onSave = mount(DEMO_ORG);
    const text = JSON.stringify({ ...pack, rules: [{ ...pack.rules[0], category: 'gossip' }] }, null, 2);
    typeInto(container.querySelector('#rule-pack-json')!, text);
    await tick();
    click('[data-action="save-pack"]');
    await tick();
    expect(onSave).not.toHaveBeenCalled();
    const problem = container.querySelector('[data-problem]')!;
    expect(problem.getAttribute('data-path')).toBe('rules.0.category');
    const line = Number(problem.getAttribute('data-line'));
    expect(text.split('\n')[line - 1]).toContain('"category"');
    expect(problem.textContent).toContain(`line ${line}`);
    expect(container.querySelector('#rule-pack-json')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('lists stored packs and removes one', async () => {
    const onSave = mount({ ...DEMO_ORG, rulePacks: [pack] });
    expect(container.querySelector('[data-pack-id="bis-cases"]')?.textContent).toContain('BIS sub-judice cases — bis-cases, version 1.0.0, 1 rules');
    click('[data-pack-id="bis-cases"] [data-action="remove-pack"]');
    await tick();
    expect(onSave.mock.calls[0]![0].rulePacks).toEqual([]);
  });

  it('edits the organisation handles, refusing an invalid X handle', async () => {
    const onSave = mount(DEMO_ORG);
    typeInto(container.querySelector('textarea[name="handles-x"]')!, '@IndiaPostOffice\nnot valid!');
    await tick();
    click('[data-action="save-handles"]');
    await tick();
    expect(onSave).not.toHaveBeenCalled();
    expect(container.querySelector('[data-problem][data-field="x"]')?.textContent).toContain('not valid!');
    typeInto(container.querySelector('textarea[name="handles-x"]')!, '@IndiaPostOffice, BIS_India');
    await tick();
    click('[data-action="save-handles"]');
    await tick();
    expect(onSave.mock.calls[0]![0].handles).toEqual({ x: ['@IndiaPostOffice', 'BIS_India'], facebook: DEMO_ORG.handles.facebook });
  });
});
