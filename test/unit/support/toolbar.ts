import type { ToolbarState } from '../../../components/ToolbarView';
import { createTranslator, type UiLanguage } from '../../../lib/i18n';
import { DEMO_ORG } from '../../../lib/org/demo-org';

/** A toolbar's state with an interim clock running and no triage yet; `props` change it. */
export function stateOf(props: Partial<ToolbarState>, language: UiLanguage = 'en'): ToolbarState {
  return {
    triage: undefined,
    departments: DEMO_ORG.departments,
    sla: { state: 'ok', stage: 'interim', dueAt: new Date() },
    slaText: 'Interim reply due in 3 h',
    notice: '',
    approximate: false,
    language,
    t: createTranslator(language),
    ...props,
  };
}
