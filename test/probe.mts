import { checkDraft, compiledDefaultPacks } from '../lib/rules';
const c = compiledDefaultPacks();
const drafts = [
  'Dear customer, please visit your nearest post office with the receipt; the Postmaster will help you.',
  'Aapka complaint number 12345 hai, hum jaldi hi aapse sampark karenge.',
  'Kripya apna tracking number DM karein, hum turant check karenge.',
  'The road repair in Ward 54 will be completed by Friday; sorry for the inconvenience.',
  'We have informed the concerned officer; the matter will be resolved within two days.',
  'Please share your mobile number by DM so that the team can call you.',
  'Hallmarking centres are listed on the BIS website; please check the list before visiting.',
  'Aapki samasya ke liye khed hai. Team kal subah tak pahunch jayegi.',
  'Thank you for pointing this out. The decision on the new timings will be announced on our page.',
  'Our officers will conduct a survey of the market; action will be taken against defaulters as per rules.',
  'Sir, kindly bring your PAN card and Aadhaar card for KYC at the counter.',
  'The meeting with traders was held today; minutes will be published on the website.',
  'Garbage collection has been restarted in your area. Thank you for your patience.',
  'Yeh suvidha sabhi head post offices mein uplabdh hai.',
  'आपकी शिकायत संबंधित विभाग को भेज दी गई है, शीघ्र कार्रवाई होगी।',
  'Kal se naye time table ke hisaab se dakiya subah 10 baje aayega.',
  'Sorry, the app was down for maintenance; it is working again now.',
  'Please do not share your OTP with anyone. India Post never asks for it.',
  'Bill payment counters will remain open till 6 pm on Saturday.',
  'Aap humein 1800-266-6868 par call kar sakte hain, subah 9 se shaam 6 tak.',
  'The consumer can file a complaint with the consumer commission if not satisfied.',
  'Our team reached the spot and cleared the drain; please let us know if water collects again.',
  'Maaf kijiye, aapka parcel galat address par chala gaya tha, ab sahi jagah bhej diya gaya hai.',
  'Sab log apne ghar ke saamne kachra na daalein, gaadi roz aati hai.',
  'आपके क्षेत्र में पानी की आपूर्ति कल सुबह से सामान्य हो जाएगी।',
];
for (const d of drafts) {
  const f = checkDraft(c, d).filter((x) => x.severity !== 'info');
  if (f.length) console.log(d, '\n   ', f.map((x) => `${x.severity} ${x.ruleId} "${x.excerpt}"`).join(' | '));
}
