import { describe, expect, it } from 'vitest';
import { createTranslator, resolveLanguage } from '../../../lib/i18n';

describe('createTranslator', () => {
  it('fills placeholders, the same on every call, and leaves unknown ones visible', () => {
    const t = createTranslator('en');
    expect(t('time.hoursMinutes', { h: 2, m: 5 })).toBe('2 h 5 min');
    expect(t('time.hoursMinutes', { h: 0, m: 59 })).toBe('0 h 59 min');
    expect(t('toolbar.saveFailed', {})).toBe('Not saved: {reason}');
    expect(t('toolbar.assign')).toBe('Assign');
  });

  it('speaks Hindi, and follows the browser when the setting is auto', () => {
    expect(createTranslator('hi')('toolbar.assign')).toBe('सौंपें');
    expect(resolveLanguage('auto', 'hi-IN')).toBe('hi');
    expect(resolveLanguage('auto', 'en-GB')).toBe('en');
    expect(resolveLanguage('hi', 'en-GB')).toBe('hi');
  });
});
