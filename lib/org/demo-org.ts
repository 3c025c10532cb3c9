import { DEFAULT_CANNED_LIBRARY } from '../canned/default-library';
import { parseOrgConfig, type OrgConfig } from '../contract/org';

/**
 * The demo organisation: the response team of the BIS circular ("internal framework for social media
 * response management"), whose comments go to the Activity Head of the concerned department.
 * Contacts are fictitious (example.in addresses, 99999 numbers); a real team edits them on its server.
 */
const department = (id: string, en: string, hi: string, contactName: string, designation: string, mobileSuffix: string) => ({
  id,
  name: { en, hi },
  contact: {
    name: contactName,
    designation,
    mobile: `+91 99999 ${mobileSuffix}`,
    email: `${id}.opc@bis.example.in`,
  },
  approver: `${id}.head@bis.example.in`,
  delegate: `${id}.deputy@bis.example.in`,
});

export const DEMO_ORG: OrgConfig = parseOrgConfig({
  id: 'bis-demo',
  name: { en: 'Bureau of Indian Standards (demo)', hi: 'भारतीय मानक ब्यूरो (डेमो)' },
  departments: [
    department('standardisation', 'Standardisation', 'मानकीकरण', 'R. Iyer', 'Scientist-E', '10001'),
    department('consumer-affairs', 'Consumer Affairs', 'उपभोक्ता मामले', 'S. Banerjee', 'Deputy Director', '10002'),
    department('certification', 'Certification', 'प्रमाणन', 'P. Nair', 'Scientist-D', '10003'),
    department('mscd', 'MSCD', 'एमएससीडी', 'K. Verma', 'Deputy Director General', '10004'),
    department('nits', 'NITS', 'एनआईटीएस', 'A. Menon', 'Director (Training)', '10005'),
    department('laboratory', 'Laboratory', 'प्रयोगशाला', 'M. Reddy', 'Scientist-F', '10006'),
    department('hallmarking', 'Hallmarking', 'हॉलमार्किंग', 'A. Sharma', 'Scientist-E', '10007'),
    department('international-relations', 'International Relations', 'अंतर्राष्ट्रीय संबंध', 'N. Kapoor', 'Director', '10008'),
    department('public-relations', 'Public Relations', 'जनसंपर्क', 'V. Singh', 'Public Relations Officer', '10009'),
  ],
  sla: { interimHours: 4, finalHours: 12, dueSoonMinutes: 30 },
  handles: { x: ['@IndianStandards'], facebook: ['IndianStandards'] },
  cannedReplies: DEFAULT_CANNED_LIBRARY,
});
