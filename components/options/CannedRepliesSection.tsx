import { useState } from 'preact/hooks';
import type { OrgConfig } from '../../lib/contract/org';
import { exportCannedLibrary } from '../../lib/canned/io';
import { cannedLibraryOf } from '../../lib/canned/org-library';
import type { CannedLibrary, CannedReply } from '../../lib/canned/schema';
import { useI18n } from '../../lib/i18n';
import { CannedRepliesImport, problemPlace } from './CannedRepliesImport';
import { CannedReplyForm } from './CannedReplyForm';

export interface CannedRepliesSectionProps {
  /** The organisation config in force; its canned replies (or the bundled default library) are listed. */
  org: OrgConfig;
  /** Stores the whole library as the organisation's canned replies (open tabs read it live). */
  onSave: (replies: CannedLibrary) => Promise<void>;
  /** The page downloads the exported JSON file. */
  onExport: (json: string) => void;
}

type Editing = { original: CannedReply | null };
type Status = { kind: 'ok' | 'error'; text: string };

export function CannedRepliesSection({ org, onSave, onExport }: CannedRepliesSectionProps) {
  const { language, t } = useI18n();
  const { replies, problems } = cannedLibraryOf(org);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | null>(null);

  /** Saves and reports; resolves false when storing failed (the form stays open with its draft). */
  const store = async (next: CannedLibrary, done: string): Promise<boolean> => {
    try {
      await onSave(next);
      setStatus({ kind: 'ok', text: done });
      return true;
    } catch (error) {
      setStatus({ kind: 'error', text: t('cannedOptions.saveFailed', { reason: error instanceof Error ? error.message : String(error) }) });
      return false;
    }
  };

  const remove = async (reply: CannedReply) => {
    setDeleting(null);
    await store(
      replies.filter((r) => r.id !== reply.id),
      t('cannedOptions.deleted', { title: reply.title[language] }),
    );
  };

  return (
    <section id="canned-replies">
      <h2>{t('cannedOptions.title')}</h2>
      <p class="muted">{t('cannedOptions.serverNote')}</p>
      {org.cannedReplies === undefined && <p class="muted" data-default-library>{t('cannedOptions.defaultNote')}</p>}
      {problems.length > 0 && (
        <div class="error" role="alert" data-org-problems>
          <p>{t('cannedOptions.leftOut')}</p>
          <ul>
            {problems.map((problem, index) => (
              <li key={index}>{t('cannedOptions.problemAt', { where: problemPlace(problem, org.cannedReplies ?? [], t), message: problem.message })}</li>
            ))}
          </ul>
        </div>
      )}
      {status && (
        <p class={status.kind === 'error' ? 'error' : undefined} role={status.kind === 'error' ? 'alert' : 'status'} data-canned-status={status.kind}>
          {status.text}
        </p>
      )}
      {replies.length === 0 ? (
        <p class="muted">{t('cannedOptions.empty')}</p>
      ) : (
        <table class="canned-list">
          <thead>
            <tr>
              <th>{t('cannedOptions.columnTitle')}</th>
              <th>{t('cannedOptions.category')}</th>
              <th>{t('cannedOptions.columnShortcut')}</th>
              <th>{t('cannedOptions.columnActions')}</th>
            </tr>
          </thead>
          <tbody>
            {replies.map((reply) => (
              <tr key={reply.id} data-canned-id={reply.id}>
                <td lang={language}>{reply.title[language]}</td>
                <td>{t(`canned.category.${reply.category}`)}</td>
                <td>
                  <code>{reply.shortcut ?? ''}</code>
                </td>
                <td>
                  {deleting === reply.id ? (
                    <span role="group" data-confirm-delete>
                      {t('cannedOptions.confirmDelete', { title: reply.title[language] })}{' '}
                      <button type="button" data-action="confirm-delete" onClick={() => void remove(reply)}>
                        {t('cannedOptions.delete')}
                      </button>{' '}
                      <button type="button" data-action="cancel-delete" onClick={() => setDeleting(null)}>
                        {t('cannedOptions.cancel')}
                      </button>
                    </span>
                  ) : (
                    <>
                      <button type="button" data-action="edit" onClick={() => setEditing({ original: reply })}>
                        {t('cannedOptions.edit')}
                      </button>{' '}
                      <button type="button" data-action="delete" onClick={() => setDeleting(reply.id)}>
                        {t('cannedOptions.delete')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <button type="button" data-action="add-reply" onClick={() => setEditing({ original: null })}>
          {t('cannedOptions.add')}
        </button>{' '}
        <button type="button" data-action="export" onClick={() => onExport(exportCannedLibrary(replies))}>
          {t('cannedOptions.export')}
        </button>
      </p>
      {editing && (
        <CannedReplyForm
          key={editing.original?.id ?? 'new'}
          original={editing.original}
          library={replies}
          org={org}
          onCancel={() => setEditing(null)}
          onSubmit={async (next, saved) => {
            if (await store(next, t('cannedOptions.savedReply', { title: saved.title[language] }))) setEditing(null);
          }}
        />
      )}
      <CannedRepliesImport library={replies} onImport={(next) => store(next, t('options.saved'))} />
    </section>
  );
}
