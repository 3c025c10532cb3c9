import type { OrgConfig } from '../../lib/contract/org';
import { useI18n } from '../../lib/i18n';

/** The departments and their One-Point Contacts (KMC circular), as the team's config defines them. */
export function OrganisationSection({ org }: { org: OrgConfig }) {
  const { language, t } = useI18n();
  return (
    <section>
      <h2>{t('options.organisation')}: {org.name[language]}</h2>
      <h3>{t('options.departments')}</h3>
      <ul class="departments">
        {org.departments.map((department) => (
          <li key={department.id} data-department-id={department.id}>
            <strong>{department.name[language]}</strong> — {department.contact.name}, {department.contact.designation},{' '}
            {department.contact.mobile}, {department.contact.email}
          </li>
        ))}
      </ul>
    </section>
  );
}
