import { describe, expect, it } from 'vitest';
import { replyStageFor } from '../../../lib/canned/stage';

describe('replyStageFor', () => {
  it('counts acknowledging and forwarding as the interim reply, answering or declining as the specific one', () => {
    expect((['acknowledgement', 'interim', 'forwarded'] as const).map(replyStageFor)).toEqual(['interim', 'interim', 'interim']);
    expect((['final', 'redirect', 'holding', 'closure'] as const).map(replyStageFor)).toEqual(['final', 'final', 'final', 'final']);
  });
});
