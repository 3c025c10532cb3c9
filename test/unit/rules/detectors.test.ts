import { describe, expect, it } from 'vitest';
import { detectors, isAllowed, verhoeffCheckDigit, verhoeffValid } from '../../../lib/rules/detectors';
import type { DetectorName } from '../../../lib/rules/schema';

function found(detector: DetectorName, text: string, commentText?: string): string[] {
  return detectors[detector]({ text, commentText }).map((s) => text.slice(s.start, s.end));
}

describe('Verhoeff check digit', () => {
  it('accepts numbers whose last digit is the Verhoeff check digit and rejects any single-digit change', () => {
    expect(verhoeffValid('2363')).toBe(true); // the textbook example: 236 → check digit 3
    expect(verhoeffCheckDigit('236')).toBe(3);
    expect(verhoeffValid('2364')).toBe(false);
    const base = '23456789012';
    const valid = base + verhoeffCheckDigit(base);
    expect(verhoeffValid(valid)).toBe(true);
    for (let d = 0; d <= 9; d++) {
      const candidate = base + d;
      if (candidate !== valid) expect(verhoeffValid(candidate)).toBe(false);
    }
  });

  it('catches swapped adjacent digits, which a simple sum would miss', () => {
    expect(verhoeffValid('234567890124')).toBe(true);
    expect(verhoeffValid('324567890124')).toBe(false);
  });
});

describe('Aadhaar detector', () => {
  it('finds 12-digit numbers with a valid check digit, plain, spaced 4-4-4 or hyphenated', () => {
    expect(found('aadhaar', 'Aadhaar 234567890124 linked')).toEqual(['234567890124']);
    expect(found('aadhaar', 'आधार 2345 6789 0124 जुड़ गया')).toEqual(['2345 6789 0124']);
    expect(found('aadhaar', 'no. 4991-1866-5246.')).toEqual(['4991-1866-5246']);
  });

  it('ignores numbers with an invalid check digit, a leading 0 or 1, or mixed grouping', () => {
    expect(found('aadhaar', 'Aadhaar 2345 6789 0123')).toEqual([]);
    expect(found('aadhaar', 'order 123456789012 and 034567890120')).toEqual([]);
    expect(found('aadhaar', '2345 67890124')).toEqual([]);
  });

  it('does not take 12 digits out of a longer number or an article number', () => {
    expect(found('aadhaar', '12345678901245')).toEqual([]);
    expect(found('aadhaar', 'EE234567890124IN')).toEqual([]);
    expect(found('aadhaar', '2345 6789 0124 5678')).toEqual([]);
  });
});

describe('PAN detector', () => {
  it('finds PANs whose fourth letter is a valid holder type', () => {
    for (const type of 'ABCFGHJLPT') expect(found('pan', `PAN ABC${type}E1234F.`)).toEqual([`ABC${type}E1234F`]);
  });

  it('rejects other holder letters, wrong shapes and lower case', () => {
    expect(found('pan', 'ABCDE1234F ABCXE1234F')).toEqual([]);
    expect(found('pan', 'ABCPE12345 ABCP1234F abcpe1234f')).toEqual([]);
    expect(found('pan', 'XABCPE1234F')).toEqual([]);
  });
});

describe('mobile detector', () => {
  it('finds Indian mobiles with +91, 0 or no prefix, spaced or hyphenated', () => {
    expect(found('mobile', 'Call 9876543210 now')).toEqual(['9876543210']);
    expect(found('mobile', 'Call +91 98765 43210 now')).toEqual(['+91 98765 43210']);
    expect(found('mobile', 'Call +91-9876543210.')).toEqual(['+91-9876543210']);
    expect(found('mobile', 'Call 09876543210')).toEqual(['09876543210']);
    expect(found('mobile', 'Call 987-654-3210')).toEqual(['987-654-3210']);
    expect(found('mobile', 'His number is 98 30 12 23 34.')).toEqual(['98 30 12 23 34']);
    expect(found('mobile', 'मोबाइल ६ नहीं, 6123456789 पर')).toEqual(['6123456789']);
  });

  it('ignores numbers not starting 6-9, of the wrong length, toll-free numbers, PIN codes and dates', () => {
    expect(found('mobile', '5876543210 98765432 98765432101')).toEqual([]);
    expect(found('mobile', 'Toll free 1800-11-2345, PIN 110002, dated 12.03.2024')).toEqual([]);
    expect(found('mobile', 'Aadhaar 9876 5432 1098')).toEqual([]);
  });
});

describe('landline detector', () => {
  it('finds STD code and number with 10 digits together', () => {
    expect(found('landline', 'Phone 011-23230131')).toEqual(['011-23230131']);
    expect(found('landline', 'Phone (0755) 2551234')).toEqual(['(0755) 2551234']);
    expect(found('landline', 'Phone +91 33 2286 1212')).toEqual(['+91 33 2286 1212']);
  });

  it('ignores dates, short numbers and standard numbers', () => {
    expect(found('landline', 'dated 06-03-2020, IS 1417:2016, 011-2323')).toEqual([]);
  });
});

describe('e-mail detector', () => {
  it('finds addresses, and allowed domains include their subdomains only', () => {
    expect(found('email', 'Write to ramesh.k+bis@gmail.com today')).toEqual(['ramesh.k+bis@gmail.com']);
    expect(isAllowed('email', 'complaints@bis.gov.in', ['gov.in'])).toBe(true);
    expect(isAllowed('email', 'a@fakegov.in', ['gov.in'])).toBe(false);
    expect(isAllowed('email', 'a@gmail.com', ['gov.in'])).toBe(false);
  });
});

describe('IFSC and bank account detectors', () => {
  it('finds IFSC codes: four letters, a zero, six letters or digits', () => {
    expect(found('ifsc', 'IFSC SBIN0001234 and HDFC0ABC123')).toEqual(['SBIN0001234', 'HDFC0ABC123']);
    expect(found('ifsc', 'SBIN1001234 SBIN000123')).toEqual([]);
  });

  it('finds a long digit run just after an account word, in English and Hindi', () => {
    expect(found('bank_account', 'credited to A/c No. 003901234567 today')).toEqual(['003901234567']);
    expect(found('bank_account', 'खाता संख्या 50100123456789 में राशि जमा')).toEqual(['50100123456789']);
  });

  it('ignores digit runs labelled as other numbers, mobiles, and runs with no account word', () => {
    expect(found('bank_account', 'your account; complaint no. 20240312345')).toEqual([]);
    expect(found('bank_account', 'account linked to 9876543210')).toEqual([]);
    expect(found('bank_account', 'order 123456789012 is ready')).toEqual([]);
  });
});

describe('vehicle registration detector', () => {
  it('finds state-series and BH-series registrations', () => {
    expect(found('vehicle_registration', 'van MH 12 AB 1234 and DL3CAB1234')).toEqual(['MH 12 AB 1234', 'DL3CAB1234']);
    expect(found('vehicle_registration', 'car 22 BH 1234 AA')).toEqual(['22 BH 1234 AA']);
  });

  it('ignores standard numbers and unknown state codes', () => {
    expect(found('vehicle_registration', 'IS 1417:2016, XX 12 AB 1234, EE123456789IN')).toEqual([]);
  });
});

describe('shouting and language detectors', () => {
  it('finds four or more capitalised words in a row, not acronyms in normal text', () => {
    expect(found('shouting', 'Sir, PLEASE DO NOT SPAM AGAIN.')).toEqual(['PLEASE DO NOT SPAM AGAIN']);
    expect(found('shouting', 'The BIS HQ and the ISI mark under IS 1417.')).toEqual([]);
  });

  it('reports an English reply to a Hindi comment, not a Hindi reply', () => {
    const comment = 'मेरा पार्सल अभी तक नहीं मिला, कृपया मदद करें';
    expect(detectors.language_mismatch({ text: 'We are checking with the delivery office.', commentText: comment })).toHaveLength(1);
    expect(detectors.language_mismatch({ text: 'हम डिलीवरी कार्यालय से जांच कर रहे हैं।', commentText: comment })).toHaveLength(0);
    expect(detectors.language_mismatch({ text: 'We are checking with the delivery office.' })).toHaveLength(0);
  });
});
