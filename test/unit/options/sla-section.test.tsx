import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SlaSection } from '../../../components/options/SlaSection';
import { parseOrgConfig, type OrgConfig } from '../../../lib/contract/org';
import { createTranslator, I18nContext, type UiLanguage } from '../../../lib/i18n';
import { DEMO_ORG } from '../../../lib/org/demo-org';

let container: HTMLElement;
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
afterEach(() => {
  render(null, container);
  container.remove();
});

function mount(options: { language?: UiLanguage; fail?: string; org?: OrgConfig } = {}) {
  const org = options.org ?? parseOrgConfig(DEMO_ORG);
  const onSave = vi.fn(async (_next: OrgConfig) => {
    if (options.fail) throw new Error(options.fail);
  });
  const language = options.language ?? 'en';
  container = document.createElement('div');
  document.body.append(container);
  render(
    <I18nContext.Provider value={{ language, t: createTranslator(language) }}>
      <SlaSection org={org} onSave={onSave} />
    </I18nContext.Provider>,
    container,
  );
  const root = container;
  const field = <T extends HTMLElement = HTMLInputElement>(name: string) => root.querySelector<T>(`[name="${name}"]`)!;
  const type = async (name: string, value: string) => {
    const input = field(name);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await tick();
  };
  const check = async (name: string, checked: boolean) => {
    const input = field(name);
    input.checked = checked;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await tick();
  };
  const click = async (selector: string) => {
    root.querySelector<HTMLElement>(selector)!.click();
    await tick();
    await tick();
  };
  const save = () => click('[data-action="save-sla"]');
  const errorFor = (path: string) => root.querySelector(`[data-error-for="${path}"]`)?.textContent ?? null;
  const status = () => root.querySelector('[data-status="sla"]')?.textContent ?? null;
  return { root, onSave, field, type, check, click, save, errorFor, status };
}

describe('the options page’s SLA policy editor', () => {
  it('shows the policy in force and saves changed durations, zone and clock start', async () => {
    const page = mount();
    expect(page.field('interimHours').value).toBe('4');
    expect(page.field('finalHours').value).toBe('12');
    expect(page.field('timeZone').value).toBe('Asia/Kolkata');
    await page.type('interimHours', '2');
    await page.type('dueSoonMinutes', '45');
    await page.type('timeZone', 'Asia/Calcutta');
    const select = page.field<HTMLSelectElement>('clockStartsAt');
    select.value = 'assignment';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await tick();
    await page.save();
    expect(page.onSave).toHaveBeenCalledTimes(1);
    expect(page.onSave.mock.calls[0]![0].sla).toEqual({
      interimHours: 2,
      finalHours: 12,
      dueSoonMinutes: 45,
      timeZone: 'Asia/Calcutta',
      clockStartsAt: 'assignment',
      holidays: [],
    });
    expect(page.status()).toBe('Saved. The server recomputes the deadlines of every open item.');
  });

  it('edits office hours per weekday and the holidays', async () => {
    const page = mount();
    expect(page.field('officeHours.0.start')).toBeNull();
    await page.check('officeHoursOn', true);
    // Weekdays open 10:00–18:00 to begin with; the week-end off.
    expect(page.field('officeHours.4.open').checked).toBe(true);
    expect(page.field('officeHours.5.open').checked).toBe(false);
    await page.check('officeHours.5.open', true);
    await page.type('officeHours.5.end', '14:00');
    await page.type('holidayDate', '2026-10-02');
    await page.type('holidayName', 'Gandhi Jayanti');
    await page.click('[data-action="add-holiday"]');
    await page.type('holidayDate', '2026-01-26');
    await page.type('holidayName', 'Republic Day');
    await page.click('[data-action="add-holiday"]');
    await page.type('holidayDate', '2026-08-15');
    await page.type('holidayName', 'Independence Day');
    await page.click('[data-action="add-holiday"]');
    expect([...page.root.querySelectorAll('[data-holiday]')].map((li) => li.getAttribute('data-holiday'))).toEqual(['2026-01-26', '2026-08-15', '2026-10-02']);
    await page.click('[data-holiday="2026-08-15"] [data-action="remove-holiday"]');
    await page.save();
    const sla = page.onSave.mock.calls[0]![0].sla;
    expect(sla.officeHours).toEqual([
      { start: '10:00', end: '18:00' },
      { start: '10:00', end: '18:00' },
      { start: '10:00', end: '18:00' },
      { start: '10:00', end: '18:00' },
      { start: '10:00', end: '18:00' },
      { start: '10:00', end: '14:00' },
      null,
    ]);
    expect(sla.holidays).toEqual([
      { date: '2026-01-26', name: 'Republic Day' },
      { date: '2026-10-02', name: 'Gandhi Jayanti' },
    ]);
  });

  it('shows each problem at its field and saves nothing', async () => {
    const page = mount();
    await page.type('interimHours', '');
    await page.type('finalHours', '1');
    await page.type('interimHours', '3');
    await page.type('timeZone', 'Mars/Olympus');
    await page.check('officeHoursOn', true);
    await page.type('officeHours.2.end', '09:00');
    await page.save();
    expect(page.onSave).not.toHaveBeenCalled();
    expect(page.errorFor('finalHours')).toBe('finalHours must not be shorter than interimHours');
    expect(page.errorFor('timeZone')).toBe('not a known time zone (e.g. Asia/Kolkata)');
    expect(page.errorFor('officeHours.2.end')).toBe('end must be after start');
    expect(page.field('officeHours.2.end').getAttribute('aria-invalid')).toBe('true');
    expect(page.status()).toBe('Not saved: correct the fields marked.');
    // A holiday without a name is not added.
    await page.type('holidayDate', '2026-11-14');
    await page.click('[data-action="add-holiday"]');
    expect(page.errorFor('holiday.name')).not.toBeNull();
    expect(page.root.querySelector('[data-holiday]')).toBeNull();
    // An empty field is missing, not zero.
    await page.type('timeZone', 'Asia/Kolkata');
    await page.type('officeHours.2.end', '18:00');
    await page.type('finalHours', '');
    await page.save();
    expect(page.onSave).not.toHaveBeenCalled();
    expect(page.errorFor('finalHours')).not.toBeNull();
    expect(page.errorFor('timeZone')).toBeNull();
  });

  it('says why the server did not take it, in Hindi too', async () => {
    const page = mount({ language: 'hi', fail: 'केवल प्रशासक' });
    expect(page.root.querySelector('h2')!.textContent).toBe('उत्तर की समय-सीमाएँ');
    await page.save();
    expect(page.status()).toBe('सहेजा नहीं गया: केवल प्रशासक');
  });

  it('opens an existing office-hours policy as it is', () => {
    const org = parseOrgConfig({
      ...DEMO_ORG,
      sla: { ...DEMO_ORG.sla, officeHours: [null, { start: '09:30', end: '17:30' }, null, null, null, null, null], holidays: [{ date: '2026-03-04', name: 'Holi' }] },
    });
    const page = mount({ org });
    expect(page.field('officeHoursOn').checked).toBe(true);
    expect(page.field('officeHours.0.open').checked).toBe(false);
    expect(page.field('officeHours.1.start').value).toBe('09:30');
    expect(page.root.querySelector('[data-holiday="2026-03-04"]')!.textContent).toContain('Holi');
  });
});
