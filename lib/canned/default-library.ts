import { parseCannedLibrary, type CannedLibrary, type CannedReplyInput } from './schema';

/**
 * The bundled replies of the demo organisation, written for a central government body (BIS style)
 * and usable by a postal circle or a municipal corporation with small edits. Every reply exists in
 * English and Hindi and, filled in, stays within X's 280 weighted characters.
 */
const replies: CannedReplyInput[] = [
  {
    id: 'ack-query',
    title: { en: 'Query received', hi: 'प्रश्न प्राप्त हुआ' },
    category: 'acknowledgement',
    keywords: ['thanks', 'received', 'noted', 'query', 'धन्यवाद', 'प्राप्त'],
    shortcut: '/ack',
    text: {
      en: 'Dear {{author.name | "citizen"}}, thank you for writing to us. Your query has been noted under reference {{ticket}} and we will get back to you shortly.',
      hi: 'प्रिय {{author.name | "नागरिक"}}, हमसे संपर्क करने के लिए धन्यवाद। आपका प्रश्न संदर्भ संख्या {{ticket}} के अंतर्गत दर्ज कर लिया गया है। हम शीघ्र ही आपको उत्तर देंगे।',
    },
  },
  {
    id: 'ack-complaint',
    title: { en: 'Complaint registered', hi: 'शिकायत दर्ज' },
    category: 'acknowledgement',
    keywords: ['complaint', 'sorry', 'inconvenience', 'registered', 'शिकायत', 'असुविधा'],
    shortcut: '/ackc',
    text: {
      en: 'We are sorry for the inconvenience caused. Your complaint has been registered under reference {{ticket}} and is being looked into.',
      hi: 'आपको हुई असुविधा के लिए हमें खेद है। आपकी शिकायत संदर्भ संख्या {{ticket}} के अंतर्गत दर्ज कर ली गई है और इस पर कार्रवाई की जा रही है।',
    },
  },
  {
    id: 'ack-feedback',
    title: { en: 'Thanks for feedback', hi: 'सुझाव के लिए धन्यवाद' },
    category: 'acknowledgement',
    keywords: ['feedback', 'suggestion', 'appreciation', 'सुझाव', 'प्रतिक्रिया'],
    shortcut: '/thanks',
    text: {
      en: 'Thank you for your valuable feedback, {{author.name | "citizen"}}. We have shared it with the team concerned.',
      hi: 'आपके बहुमूल्य सुझाव के लिए धन्यवाद, {{author.name | "नागरिक"}}। हमने इसे संबंधित टीम के साथ साझा कर दिया है।',
    },
  },
  {
    id: 'interim-examining',
    title: { en: 'Under examination, reply by due date', hi: 'जाँच जारी, नियत समय तक उत्तर' },
    category: 'interim',
    keywords: ['interim', 'examining', 'looking into', 'due', 'जाँच', 'अंतरिम'],
    shortcut: '/int',
    text: {
      en: 'Dear {{author.name | "citizen"}}, your query (ref. {{ticket}}) is being examined by {{department.name}}. A detailed reply will follow by {{due.final}}.',
      hi: 'प्रिय {{author.name | "नागरिक"}}, आपके प्रश्न (संदर्भ {{ticket}}) की जाँच {{department.name}} द्वारा की जा रही है। विस्तृत उत्तर {{due.final}} तक दिया जाएगा।',
    },
  },
  {
    id: 'interim-details',
    title: { en: 'Please send details by DM', hi: 'कृपया विवरण डीएम करें' },
    category: 'interim',
    keywords: ['details', 'dm', 'direct message', 'licence', 'application number', 'विवरण', 'संदेश'],
    shortcut: '/dm',
    text: {
      en: 'To help us look into this, please send your application or licence number and contact details by direct message.\nPlease do not share personal details publicly.',
      hi: 'इस मामले की जाँच के लिए कृपया अपना आवेदन या लाइसेंस नंबर और संपर्क विवरण डायरेक्ट मैसेज द्वारा भेजें।\nकृपया व्यक्तिगत जानकारी सार्वजनिक रूप से साझा न करें।',
    },
  },
  {
    id: 'interim-delay',
    title: { en: 'Apology for delay', hi: 'विलंब के लिए खेद' },
    category: 'interim',
    keywords: ['delay', 'pending', 'apology', 'follow up', 'विलंब', 'लंबित'],
    shortcut: '/delay',
    text: {
      en: 'We apologise for the delay. Your matter (ref. {{ticket}}) is under active consideration and we will update you as soon as possible.',
      hi: 'विलंब के लिए हमें खेद है। आपका मामला (संदर्भ {{ticket}}) सक्रिय रूप से विचाराधीन है और हम यथाशीघ्र आपको सूचित करेंगे।',
    },
  },
  {
    id: 'forwarded-department',
    title: { en: 'Forwarded to department', hi: 'विभाग को भेजा गया' },
    category: 'forwarded',
    keywords: ['forwarded', 'department', 'action', 'contact', 'अग्रेषित', 'विभाग'],
    shortcut: '/fwd',
    text: {
      en: 'Your concern has been forwarded to {{department.name}} for necessary action (ref. {{ticket}}). You may also write to {{department.contact}}.',
      hi: 'आपकी समस्या आवश्यक कार्रवाई हेतु {{department.name}} को भेज दी गई है (संदर्भ {{ticket}})। आप {{department.contact}} पर भी लिख सकते हैं।',
    },
  },
  {
    id: 'forwarded-regional',
    title: { en: 'Forwarded to regional office', hi: 'क्षेत्रीय कार्यालय को भेजा गया' },
    category: 'forwarded',
    keywords: ['regional office', 'branch', 'local', 'forwarded', 'क्षेत्रीय', 'शाखा'],
    shortcut: '/fwdro',
    text: {
      en: 'We have forwarded your matter to the regional office concerned, which will contact you directly. Reference: {{ticket}}.',
      hi: 'आपका मामला संबंधित क्षेत्रीय कार्यालय को भेज दिया गया है, जो आपसे सीधे संपर्क करेगा। संदर्भ: {{ticket}}।',
    },
  },
  {
    id: 'final-resolved',
    title: { en: 'Issue resolved', hi: 'समस्या का समाधान' },
    category: 'final',
    keywords: ['resolved', 'fixed', 'done', 'solved', 'समाधान', 'निपटारा'],
    shortcut: '/done',
    text: {
      en: 'Dear {{author.name | "citizen"}}, the issue raised by you (ref. {{ticket}}) has been resolved. Thank you for bringing it to our notice.',
      hi: 'प्रिय {{author.name | "नागरिक"}}, आपके द्वारा उठाया गया मामला (संदर्भ {{ticket}}) सुलझा दिया गया है। इसे हमारे संज्ञान में लाने के लिए धन्यवाद।',
    },
  },
  {
    id: 'final-information',
    title: { en: 'Information available online', hi: 'जानकारी ऑनलाइन उपलब्ध' },
    category: 'final',
    keywords: ['information', 'website', 'standards', 'details', 'जानकारी', 'वेबसाइट'],
    shortcut: '/info',
    text: {
      en: 'Dear {{author.name | "citizen"}},\nThe information you asked for is available at https://www.bis.gov.in.\nFor anything further, please write to {{department.contact}}.',
      hi: 'प्रिय {{author.name | "नागरिक"}},\nआपके द्वारा माँगी गई जानकारी https://www.bis.gov.in पर उपलब्ध है।\nअधिक जानकारी के लिए कृपया {{department.contact}} पर लिखें।',
    },
  },
  {
    id: 'final-verify-huid',
    title: { en: 'Verify hallmark (HUID)', hi: 'हॉलमार्क (HUID) की जाँच' },
    category: 'final',
    keywords: ['hallmark', 'huid', 'gold', 'jewellery', 'bis care', 'हॉलमार्क', 'सोना', 'आभूषण'],
    shortcut: '/huid',
    text: {
      en: 'You can check the HUID of hallmarked gold jewellery with "Verify HUID" in the BIS Care app. If the details do not match, please file a complaint in the same app.',
      hi: 'हॉलमार्क वाले सोने के आभूषण का HUID आप BIS Care ऐप की "Verify HUID" सुविधा से जाँच सकते हैं। विवरण मेल न खाने पर उसी ऐप में शिकायत दर्ज करें।',
    },
  },
  {
    id: 'redirect-cpgrams',
    title: { en: 'File a grievance on CPGRAMS', hi: 'सीपीग्राम्स पर शिकायत दर्ज करें' },
    category: 'redirect',
    keywords: ['grievance', 'cpgrams', 'pg portal', 'formal complaint', 'शिकायत', 'पोर्टल'],
    shortcut: '/pg',
    text: {
      en: 'For a formal grievance, please register it on CPGRAMS at https://pgportal.gov.in, where it can be tracked until it is resolved.',
      hi: 'औपचारिक शिकायत के लिए कृपया उसे https://pgportal.gov.in पर सीपीग्राम्स में दर्ज करें, जहाँ उसके निपटारे तक उसकी स्थिति देखी जा सकती है।',
    },
  },
  {
    id: 'redirect-rti',
    title: { en: 'Apply under RTI', hi: 'सूचना का अधिकार (RTI) के तहत आवेदन' },
    category: 'redirect',
    keywords: ['rti', 'right to information', 'information request', 'सूचना का अधिकार', 'आरटीआई'],
    shortcut: '/rti',
    text: {
      en: 'Information under the Right to Information Act, 2005 may be requested online at https://rtionline.gov.in.',
      hi: 'सूचना का अधिकार अधिनियम, 2005 के अंतर्गत जानकारी के लिए https://rtionline.gov.in पर ऑनलाइन आवेदन किया जा सकता है।',
    },
  },
  {
    id: 'redirect-consumer-helpline',
    title: { en: 'National Consumer Helpline', hi: 'राष्ट्रीय उपभोक्ता हेल्पलाइन' },
    category: 'redirect',
    keywords: ['consumer', 'seller', 'refund', 'helpline', '1915', 'उपभोक्ता', 'हेल्पलाइन'],
    shortcut: '/nch',
    text: {
      en: 'For a complaint against a seller or service provider, please call the National Consumer Helpline on 1915 or register at https://consumerhelpline.gov.in.',
      hi: 'किसी विक्रेता या सेवा प्रदाता के विरुद्ध शिकायत के लिए कृपया राष्ट्रीय उपभोक्ता हेल्पलाइन 1915 पर कॉल करें या https://consumerhelpline.gov.in पर दर्ज करें।',
    },
  },
  {
    id: 'redirect-other-authority',
    title: { en: 'Outside our purview', hi: 'हमारे अधिकार क्षेत्र से बाहर' },
    category: 'redirect',
    keywords: ['purview', 'jurisdiction', 'other authority', 'not ours', 'अधिकार क्षेत्र', 'प्राधिकरण'],
    shortcut: '/other',
    text: {
      en: 'This matter does not fall within our purview. We request you to take it up with the authority concerned. Thank you for reaching out.',
      hi: 'यह मामला हमारे अधिकार क्षेत्र में नहीं आता है। कृपया इसे संबंधित प्राधिकरण के समक्ष उठाएँ। संपर्क करने के लिए धन्यवाद।',
    },
  },
  {
    id: 'holding-sub-judice',
    title: { en: 'Sub judice: no comment', hi: 'न्यायालय में विचाराधीन' },
    category: 'holding',
    keywords: ['sub judice', 'court', 'legal', 'no comment', 'न्यायालय', 'विचाराधीन'],
    shortcut: '/subj',
    text: {
      en: 'Thank you for your message. As the matter is sub judice, we are unable to comment on it at this stage.',
      hi: 'आपके संदेश के लिए धन्यवाद। यह मामला न्यायालय में विचाराधीन है, अतः इस समय हम इस पर टिप्पणी करने में असमर्थ हैं।',
    },
  },
  {
    id: 'holding-under-review',
    title: { en: 'Under review: cannot share details', hi: 'विचाराधीन: विवरण साझा नहीं' },
    category: 'holding',
    keywords: ['confidential', 'under review', 'cannot share', 'गोपनीय', 'समीक्षा'],
    shortcut: '/hold',
    text: {
      en: 'Thank you for your message. The matter is under examination and we cannot share details at this stage. We will update you when we can.',
      hi: 'आपके संदेश के लिए धन्यवाद। यह मामला अभी विचाराधीन है और इस समय विवरण साझा करना संभव नहीं है। उचित समय पर आपको सूचित किया जाएगा।',
    },
  },
  {
    id: 'closure-thanks',
    title: { en: 'Closing: glad to help', hi: 'समापन: सहायता करके प्रसन्नता' },
    category: 'closure',
    keywords: ['close', 'closing', 'glad', 'help', 'बंद', 'समापन'],
    shortcut: '/close',
    text: {
      en: 'We are glad we could help. We are closing this query (ref. {{ticket}}). Please write to us again if you need any further assistance.',
      hi: 'हमें खुशी है कि हम आपकी सहायता कर सके। यह प्रश्न (संदर्भ {{ticket}}) अब बंद किया जा रहा है। किसी और सहायता के लिए हमें फिर से लिखें।',
    },
  },
  {
    id: 'closure-no-response',
    title: { en: 'Closing: no response', hi: 'समापन: उत्तर नहीं मिला' },
    category: 'closure',
    keywords: ['no response', 'no reply', 'closing', 'inactive', 'उत्तर नहीं', 'बंद'],
    shortcut: '/nores',
    text: {
      en: 'As we have not heard back from you, we are closing this query (ref. {{ticket}}) as of {{today}}. You are welcome to write to us again at any time.',
      hi: 'आपकी ओर से कोई उत्तर न मिलने के कारण यह प्रश्न (संदर्भ {{ticket}}) {{today}} को बंद किया जा रहा है। आप किसी भी समय हमें फिर से लिख सकते हैं।',
    },
  },
];

export const DEFAULT_CANNED_LIBRARY: CannedLibrary = parseCannedLibrary(replies);
