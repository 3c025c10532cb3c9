import { useContext, useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { Ref } from 'preact';
import { useI18n } from '../lib/i18n';
import { PrivateFieldContext, type PrivateField } from '../lib/private-field/host';

export interface PrivateTextFieldProps {
  name: string;
  label: string;
  rows: number;
  invalid: boolean;
  onInput: (value: string) => void;
  onSubmit?: () => void;
  onCancel?: () => void;
  /** Set to the field, so the dialog can focus it. */
  fieldRef?: Ref<PrivateField | null>;
}

/**
 * A text field whose keys the site cannot hear (lib/private-field): for internal text typed on the
 * site's page, such as an override's reason.
 */
export function PrivateTextField({ name, label, rows, invalid, onInput, onSubmit, onCancel, fieldRef }: PrivateTextFieldProps) {
  const { language } = useI18n();
  const create = useContext(PrivateFieldContext);
  const slot = useRef<HTMLDivElement>(null);
  const field = useRef<PrivateField | null>(null);
  // The latest handlers, for a field made once.
  const handlers = useRef({ onInput, onSubmit, onCancel });
  handlers.current = { onInput, onSubmit, onCancel };

  useLayoutEffect(() => {
    const made = create(
      { name, label, lang: language, rows },
      {
        onInput: (value) => handlers.current.onInput(value),
        onSubmit: () => handlers.current.onSubmit?.(),
        onCancel: () => handlers.current.onCancel?.(),
      },
    );
    slot.current!.append(made.element);
    field.current = made;
    if (typeof fieldRef === 'function') fieldRef(made);
    else if (fieldRef) fieldRef.current = made;
    return () => made.destroy();
  }, []);

  useEffect(() => field.current?.setInvalid(invalid), [invalid]);

  return <div ref={slot} class="private-field" />;
}
