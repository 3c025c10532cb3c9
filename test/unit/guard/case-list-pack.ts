/** An organisation's own rule pack, as a team would write one: its sub-judice case list. */
export const caseListPack = (overrides: Record<string, unknown> = {}) => ({
  id: 'bis-cases',
  name: 'BIS sub-judice cases',
  languages: ['en'],
  version: '1.0.0',
  rules: [
    {
      id: 'bis.case.sharma',
      kind: 'phrases',
      category: 'sub_judice',
      severity: 'block',
      message: { en: 'This case is before the court.', hi: 'यह मामला न्यायालय में है।' },
      source: 'BIS legal cell case list',
      phrases: ['Sharma Jewellers'],
      examples: { match: ['About Sharma Jewellers: we will check.'], noMatch: ['About our jewellers: we will check.'] },
    },
  ],
  ...overrides,
});
