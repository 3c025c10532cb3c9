import { checkDraft, compiledDefaultPacks } from '../lib/rules';
const c = compiledDefaultPacks();
const drafts = [
  'The clerk who took the bribe will surely go to jail, the court is only a formality.',
  'His phone is 9123456780, call him and ask why he lied.',
  'As per the file notings we saw, the tender was fixed in advance.',
  'The minutes of yesterday’s meeting show the commissioner rejected your plea.',
  'Aapke padosi ka mobile 8877665544 hai, unse baat karo.',
  'Ye log hamesha jhagda karte hain, inka kuch nahi ho sakta.',
  'Women drivers are the reason for these accidents.',
  'These Bangladeshis are encroaching everywhere.',
  'Shut the hell up and read the notice.',
  'Tum log pagal ho kya, kitni baar bolna padega?',
  'बेवकूफ़ों की तरह सवाल मत पूछो।',
  'The Supreme Court judges have no clue about ground reality.',
  'Police walon ko kuch aata hi nahi, sab nikamme hain.',
  'I got a WhatsApp forward saying post offices will shut on Monday, so be ready.',
  'Log keh rahe hain ki naya tax lagega, taiyaar rahiye.',
  'The new Municipal Amendment Bill will let us fine you double.',
  'Naye kanoon ke baad hawkers ko license nahi milega.',
  'This picture was taken from a news channel website.',
  'Congress walon ne sab barbaad kar diya.',
  'गोपनीय सूचना के अनुसार अगले हफ्ते छापा पड़ेगा।',
  'Sources in the department say the officer will be transferred.',
  'The accused contractor is a fraud and we will prove it in court.',
  'उसका पता 45 लेक रोड है, वहां जाकर पूछ लो।',
  'Aapka Aadhaar 4991 1866 5246 verify ho gaya hai.',
  'Don’t tell anyone, but the audit found massive irregularities.',
];
for (const d of drafts) {
  const f = checkDraft(c, d).filter((x) => x.severity !== 'info');
  console.log(f.length ? 'OK ' : 'MISS', d, '\n   ', f.map((x) => `${x.severity} ${x.category} "${x.excerpt}"`).join(' | '));
}
