import type { ReplyStage } from '../contract/triage';
import type { CannedCategory } from './schema';

/**
 * Which SLA stage a posted canned reply settles (KMC circular: an interim reply within 2–4 hours, a
 * specific reply within 12). Acknowledging, asking for details or forwarding is interim; answering,
 * redirecting to the right forum, declining on a sub-judice matter and closing are the body's specific
 * reply, which stops the clock.
 */
const STAGE_OF: Record<CannedCategory, ReplyStage> = {
  acknowledgement: 'interim',
  interim: 'interim',
  forwarded: 'interim',
  final: 'final',
  redirect: 'final',
  holding: 'final',
  closure: 'final',
};

export function replyStageFor(category: CannedCategory): ReplyStage {
  return STAGE_OF[category];
}
