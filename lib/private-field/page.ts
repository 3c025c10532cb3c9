import { parseFieldFragment, type FromField, type ToField } from './protocol';

/**
 * The framed field's page (entrypoints/private-field): one textarea filling the frame. It takes the
 * first port offered with its own nonce and reports what is typed on it; nothing else reaches it.
 */
export function startFieldPage(view: Window): void {
  const options = parseFieldFragment(view.location.hash);
  if (!options) return;
  const doc = view.document;
  doc.documentElement.lang = options.lang;
  doc.documentElement.dataset.theme = options.theme;
  const field = doc.createElement('textarea');
  field.name = 'reason';
  field.rows = options.rows;
  field.setAttribute('aria-label', options.label);
  doc.body.append(field);

  let port: MessagePort | null = null;
  const send = (message: FromField) => port?.postMessage(message);
  view.addEventListener('message', (event) => {
    const data = event.data as { kind?: unknown; nonce?: unknown } | null;
    if (port || data?.kind !== 'connect' || data.nonce !== options.nonce || !event.ports[0]) return;
    port = event.ports[0];
    port.onmessage = (message: MessageEvent<ToField>) => {
      const command = message.data;
      if (command.kind === 'focus') field.focus();
      else if (command.kind === 'invalid') field.setAttribute('aria-invalid', String(command.invalid));
      else if (command.kind === 'read') send({ kind: 'value', id: command.id, value: field.value });
    };
    send({ kind: 'ready' });
  });
  field.addEventListener('input', () => send({ kind: 'input', value: field.value }));
  field.addEventListener('keydown', (event) => {
    // Escape in a modal dialog cancels it; the frame keeps the key, so it says so itself.
    if (event.key === 'Escape') send({ kind: 'cancel' });
    else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) send({ kind: 'submit' });
  });
}
