import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { OrgConfig } from '../../lib/contract/org';
import { checkXLength } from '../../lib/canned/length';
import { buildRenderContext, renderReply } from '../../lib/canned/render';
import { CANNED_CATEGORIES, CannedLibrary, type CannedCategory, type CannedReply, type CannedReplyInput } from '../../lib/canned/schema';
import { parseTemplate, TEMPLATE_VARIABLES } from '../../lib/canned/template';
import { useI18n, type MessageKey } from '../../lib/i18n';

/** The form's fields as typed: strings throughout, parsed through the schema only when checked. */
interface Draft {
  id: string;
  titleEn: string;
  titleHi: string;
  category: CannedCategory;
  /** Comma-separated, as typed. */
  keywords: string;
  shortcut: string;
  /** Every language of the reply: en and hi always, others kept as they came. */
  text: Record<string, string>;
}

/** Where a problem is shown: 'id', 'title.en', 'category', 'keywords', 'shortcut', 'text.hi' …, or 'form'. */
type FieldKey = string;

function draftOf(reply: CannedReply | null): Draft {
  if (!reply) return { id: '', titleEn: '', titleHi: '', category: 'acknowledgement', keywords: '', shortcut: '', text: { en: '', hi: '' } };
  return {
    id: reply.id,
    titleEn: reply.title.en,
    titleHi: reply.title.hi,
    category: reply.category,
    keywords: reply.keywords.join(', '),
    shortcut: reply.shortcut ?? '',
    text: { ...reply.text },
  };
}

function inputOf(draft: Draft): CannedReplyInput {
  return {
    id: draft.id.trim(),
    title: { en: draft.titleEn, hi: draft.titleHi },
    category: draft.category,
    keywords: draft.keywords.split(',').map((k) => k.trim()).filter(Boolean),
    shortcut: draft.shortcut.trim() || undefined,
    text: { en: draft.text.en ?? '', hi: draft.text.hi ?? '', ...draft.text },
  };
}

function fieldOf(path: (string | number | symbol)[]): FieldKey {
  const [head, sub] = path;
  if ((head === 'title' || head === 'text') && typeof sub === 'string') return `${head}.${sub}`;
  if (head === 'keywords') return 'keywords';
  return typeof head === 'string' ? head : 'form';
}

export interface CannedReplyFormProps {
  /** The reply being edited, or null for a new one. */
  original: CannedReply | null;
  /** The whole library in force: an id or shortcut already used by another reply is a problem here. */
  library: CannedLibrary;
  /** For the preview: a department and the SLA hours to fill variables with. */
  org: Pick<OrgConfig, 'departments' | 'sla'>;
  /** The whole library with this reply saved in it, and the reply as saved; resolves once stored. */
  onSubmit: (replies: CannedLibrary, saved: CannedReply) => Promise<void>;
  onCancel: () => void;
}

export function CannedReplyForm({ original, library, org, onSubmit, onCancel }: CannedReplyFormProps) {
  const { language, t } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => draftOf(original));
  // Problems show for a field once it has been typed in, and for all fields once Save was pressed.
  const [touched, setTouched] = useState<ReadonlySet<FieldKey>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  // The form opens below a long list: bring it into view with the caret in its first field.
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    formRef.current?.scrollIntoView?.({ block: 'start' });
    formRef.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);

  // A function change for the texts: two quick edits must not both start from the same stale draft.
  const edit = (field: FieldKey, change: Partial<Draft> | ((current: Draft) => Partial<Draft>)) => {
    setDraft((current) => ({ ...current, ...(typeof change === 'function' ? change(current) : change) }));
    setTouched((current) => new Set(current).add(field));
  };

  const check = useMemo(() => {
    const index = original ? library.findIndex((reply) => reply.id === original.id) : -1;
    const at = index === -1 ? library.length : index;
    const candidate: unknown[] = [...library];
    candidate.splice(at, index === -1 ? 0 : 1, inputOf(draft));
    const parsed = CannedLibrary.safeParse(candidate);
    const problems = new Map<FieldKey, string[]>();
    const add = (field: FieldKey, message: string) => problems.set(field, [...(problems.get(field) ?? []), message]);
    // Template errors are found here directly, with their line and column, even while another field
    // is invalid (the schema only looks at templates once the rest of the reply parses).
    const badTemplates = new Set<FieldKey>();
    for (const [lang, source] of Object.entries(draft.text)) {
      const template = parseTemplate(source);
      if (template.ok) continue;
      badTemplates.add(`text.${lang}`);
      for (const error of template.errors) add(`text.${lang}`, t('cannedOptions.at', { line: error.line, column: error.column, message: error.message }));
    }
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = fieldOf(issue.path.slice(1));
        if (issue.path[0] === at) {
          if (!badTemplates.has(field)) add(field, issue.message);
        } else {
          // The rest of the library was valid, so a clash reported on another reply (a duplicate id or
          // shortcut, flagged on whichever comes later) is about this reply's field of that name.
          add(field === 'id' || field === 'shortcut' ? field : 'form', issue.message);
        }
      }
    }
    return { problems, replies: parsed.success ? parsed.data : null, at };
  }, [draft, library, original, t]);

  const shown = (field: FieldKey) => (attempted || touched.has(field) ? (check.problems.get(field) ?? []) : []);

  const save = async (event: Event) => {
    event.preventDefault();
    setAttempted(true);
    if (!check.replies) return;
    setBusy(true);
    try {
      await onSubmit(check.replies, check.replies[check.at]!);
    } finally {
      setBusy(false);
    }
  };

  const preview = useMemo(() => {
    const context = buildRenderContext({
      item: { platform: 'x', id: 'preview', author: { name: t('cannedOptions.sampleAuthor') }, createdAt: new Date().toISOString() },
      triage: { departmentId: org.departments[0]?.id ?? null },
      org,
      now: new Date(),
    });
    return (lang: string, source: string) => {
      if (!source.trim() || !parseTemplate(source).ok) return null;
      const text = renderReply({ id: draft.id || 'preview', text: { en: source, hi: source, [lang]: source } }, lang, context).text;
      return { text, length: checkXLength(text) };
    };
  }, [org, draft.id, t]);

  const problemsOf = (field: FieldKey) => {
    const messages = shown(field);
    if (!messages.length) return null;
    return (
      <ul id={`problems-${field}`} class="error field-problems" data-problems-for={field} role="alert">
        {messages.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    );
  };
  // Spread on a field's control: screen readers announce its problems with it.
  const marked = (field: FieldKey) =>
    shown(field).length ? { 'aria-invalid': true, 'aria-describedby': `problems-${field}` } : {};

  const languageName = (lang: string) =>
    lang === 'en' || lang === 'hi' ? t(`cannedOptions.lang.${lang}` as MessageKey) : lang;
  const heading = original ? t('cannedOptions.formEdit', { title: original.title[language] }) : t('cannedOptions.formNew');

  return (
    <form
      ref={formRef}
      class="canned-form"
      style={{ borderLeft: '3px solid #8888', paddingLeft: '12px' }}
      data-canned-form={original?.id ?? 'new'}
      onSubmit={save}
      noValidate
      aria-label={heading}
    >
      <h3>{heading}</h3>
      <p>
        <label>
          {t('cannedOptions.id')}{' '}
          <input name="id" value={draft.id} {...marked('id')} onInput={(e) => edit('id', { id: e.currentTarget.value })} />
        </label>{' '}
        <span class="muted">{t('cannedOptions.idHint')}</span>
      </p>
      {problemsOf('id')}
      <p>
        <label>
          {t('cannedOptions.titleEn')}{' '}
          <input name="title.en" value={draft.titleEn} {...marked('title.en')} onInput={(e) => edit('title.en', { titleEn: e.currentTarget.value })} />
        </label>
      </p>
      {problemsOf('title.en')}
      <p>
        <label>
          {t('cannedOptions.titleHi')}{' '}
          <input name="title.hi" lang="hi" value={draft.titleHi} {...marked('title.hi')} onInput={(e) => edit('title.hi', { titleHi: e.currentTarget.value })} />
        </label>
      </p>
      {problemsOf('title.hi')}
      <p>
        <label>
          {t('cannedOptions.category')}{' '}
          <select name="category" value={draft.category} onChange={(e) => edit('category', { category: e.currentTarget.value as CannedCategory })}>
            {CANNED_CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {t(`canned.category.${category}`)}
              </option>
            ))}
          </select>
        </label>
      </p>
      {problemsOf('category')}
      <p>
        <label>
          {t('cannedOptions.keywords')}{' '}
          <input name="keywords" value={draft.keywords} {...marked('keywords')} onInput={(e) => edit('keywords', { keywords: e.currentTarget.value })} />
        </label>
      </p>
      {problemsOf('keywords')}
      <p>
        <label>
          {t('cannedOptions.shortcut')}{' '}
          <input name="shortcut" value={draft.shortcut} {...marked('shortcut')} onInput={(e) => edit('shortcut', { shortcut: e.currentTarget.value })} />
        </label>
      </p>
      {problemsOf('shortcut')}
      <p class="muted canned-variables">
        {t('cannedOptions.variables')}{' '}
        {TEMPLATE_VARIABLES.map((name) => (
          <span key={name}>
            <code>{`{{${name}}}`}</code> {t(`canned.var.${name}`)};{' '}
          </span>
        ))}
        <code>{'{{author.name | "…"}}'}</code> {t('cannedOptions.fallbackHint')}
      </p>
      {Object.entries(draft.text).map(([lang, source]) => {
        const field = `text.${lang}`;
        const rendered = preview(lang, source);
        return (
          <div key={lang} class="canned-text">
            <label>
              {t('cannedOptions.text', { lang: languageName(lang) })}
              <textarea
                name={field}
                lang={lang}
                rows={4}
                style={{ display: 'block', width: '100%', boxSizing: 'border-box' }}
                value={source}
                {...marked(field)}
                onInput={(e) => {
                  const value = e.currentTarget.value;
                  edit(field, (current) => ({ text: { ...current.text, [lang]: value } }));
                }}
              />
            </label>
            {problemsOf(field)}
            {rendered && (
              <div class="canned-preview" data-preview-for={lang}>
                <span class={rendered.length.over ? 'error' : 'muted'}>
                  {t('cannedOptions.preview', { n: rendered.length.weighted, limit: rendered.length.limit })}
                </span>
                <div lang={lang} class="canned-preview-text">
                  {rendered.text}
                </div>
              </div>
            )}
          </div>
        );
      })}
      {problemsOf('form')}
      {attempted && !check.replies && (
        <p class="error" role="alert" data-form-invalid>
          {t('cannedOptions.invalid')}
        </p>
      )}
      <p>
        <button type="submit" data-action="save-reply" disabled={busy}>
          {t('cannedOptions.save')}
        </button>{' '}
        <button type="button" data-action="cancel-edit" onClick={onCancel}>
          {t('cannedOptions.cancel')}
        </button>
      </p>
    </form>
  );
}
