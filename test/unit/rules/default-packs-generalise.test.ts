import { describe, expect, it } from 'vitest';
import { checkDraft, compiledDefaultPacks, type Category } from '../../../lib/rules';
import { fold } from '../../../lib/rules/normalise';
import { phoneticKeyOf, phraseWordKey } from '../../../lib/rules/transliterate';

// Sentences written for these tests, in words that are not pack phrases as a whole: the default
// packs must reach them through word families, proximity and transliteration.
const compiled = compiledDefaultPacks();
const loud = (text: string, options: Parameters<typeof checkDraft>[2] = {}) => checkDraft(compiled, text, options).filter((f) => f.severity !== 'info');
const categories = (text: string) => [...new Set(loud(text).map((f) => f.category))];

describe('default packs reach phrasings not on their lists', () => {
  it.each<[Category, string]>([
    ['criticism_of_institutions', 'The electricity board has mismanaged the power supply for years.'],
    ['criticism_of_institutions', 'राज्य सरकार की उदासीनता के कारण सड़क नहीं बनी।'],
    ['criticism_of_institutions', 'Zila prashasan ki laaparwahi se naale band hain.'],
    ['tone', 'It is your own fault that the parcel went to the old address.'],
    ['tone', 'यह बात हम दर्जनों बार बता चुके हैं, आपकी गलती है।'],
    ['tone', 'Itni si baat samajh nahi aati kya?'],
    ['copyright', 'Background music: a famous film song we liked.'],
    ['copyright', 'यह तस्वीर इंस्टाग्राम से उठाई है।'],
    ['political', 'The previous government never cared about post offices.'],
    ['political', 'Vipaksh sirf vote bank ki rajneeti karta hai.'],
    ['discriminatory', 'Such cheating is common among Bihari labourers.'],
    ['discriminatory', 'उस समुदाय के लोग कभी लाइन में नहीं लगते।'],
    ['confidential', 'The findings of the inquiry, which are not public yet, blame the clerk.'],
    ['unverified', 'There is talk that the counters will close at noon.'],
    ['unverified', 'Kuch logon ka kehna hai ki fees badhegi.'],
    ['draft_legislation', 'New rules being drafted by the ministry will cut the fee.'],
    ['sub_judice', 'The arrested postman stole the money orders; the trial is a formality.'],
    ['sub_judice', 'Wo jeweller fraud h, sabko pata h, case chal rha h.'],
    ['criticism_of_institutions', 'Sarkar kuch nhi krti, sab kaam hum pe chhod dete hain.'],
  ])('%s: %s', (category, text) => {
    expect(categories(text)).toContain(category);
  });

  it('holds back prejudging a case and abuse', () => {
    for (const text of ['The accused jeweller bribed the inspector; no court can save him.', 'Abe ullu, pehle niyam padh.']) {
      expect(
        loud(text).some((f) => f.severity === 'block'),
        text,
      ).toBe(true);
    }
  });
});

describe('default packs stay quiet on routine replies with the same words', () => {
  it.each([
    'The Disaster Management department has opened relief camps in Ward 12.',
    'Citizens above 60 years can open a Senior Citizens Savings Scheme account.',
    'Under the new tax regime, interest on savings is taxed differently.',
    'The community hall is always open on Sundays.',
    'The new rules for international parcels are on our website; customs forms must be filled in English.',
    'Parcel kal tak aa jayega, aap tension mt lo.',
    'Tribal areas are usually served by branch post offices.',
    'Elderly customers should not share their OTP with anyone.',
    'It appears the address was incomplete; we have sent the parcel again.',
    'Please pay attention to the HUID when you buy jewellery.',
    'The Dak Adalat for Kolkata region will be held on 20 June.',
    'डाक अदालत 20 जून को होगी, अपनी शिकायतें 10 जून तक भेजें।',
    'Jati praman patra SDO office se banta hai.',
    'निरीक्षण दल के सदस्य कल आपके क्षेत्र में आएंगे।',
    'आपकी व्यक्तिगत जानकारी गोपनीय रखी जाएगी।',
    'Our internal audit team has completed the review; the revised fees are on the website.',
    'The BIS Care app can be downloaded from Google Play Store.',
    'Share the copy of the police report for your lost article with us.',
    'We do not share your data with any third party.',
  ])('%s', (text) => {
    expect(loud(text).map((f) => `${f.ruleId}: ${f.excerpt}`)).toEqual([]);
  });
});

describe('replies to a comment flagged confidential', () => {
  const context = { commentText: 'Please post the inquiry report on the missing money orders.', flags: ['confidential' as const] };

  it('let a reply that holds the report back post, even though it names the report', () => {
    expect(loud('The inquiry report cannot be shared here; you may apply under RTI.', { context })).toEqual([]);
    expect(loud('जांच रिपोर्ट यहां साझा नहीं की जा सकती, आप आरटीआई के तहत आवेदन कर सकते हैं।', { context })).toEqual([]);
  });

  it('hold back a reply that goes into the report in another sentence', () => {
    const findings = loud('We cannot share the report. It shows the sub-postmaster took Rs 40,000.', { context });
    expect(findings.some((f) => f.category === 'confidential' && f.severity === 'block')).toBe(true);
  });
});

describe('Hinglish spellings of ह after the inherent vowel', () => {
  it('reads "eh" as "ah", as कहना, पहले and रहना are written in Latin script', () => {
    for (const [latin, hindi] of [
      ['kehna', 'कहना'],
      ['pehle', 'पहले'],
      ['rehna', 'रहना'],
      ['kahna', 'कहना'],
    ] as const) {
      expect(phoneticKeyOf(latin)?.key, latin).toBe(phraseWordKey(fold(hindi))?.key);
    }
  });

  it('reads a final nasalised i or e with or without its n (nahi, nahin = नहीं; mein = में), but keeps the n of oblique plurals (logon = लोगों)', () => {
    for (const [latin, hindi] of [
      ['nahi', 'नहीं'],
      ['nahin', 'नहीं'],
      ['mein', 'में'],
      ['karein', 'करें'],
      ['logon', 'लोगों'],
    ] as const) {
      expect(phoneticKeyOf(latin)?.key, latin).toBe(phraseWordKey(fold(hindi))?.key);
    }
  });
});
