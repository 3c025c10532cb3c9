import { describe, expect, it } from 'vitest';
import { platformForHost } from '../../../lib/platforms/index';

describe('platformForHost', () => {
  it('maps X and Facebook hosts to their adapters and nothing else', () => {
    expect(platformForHost('x.com')?.id).toBe('x');
    expect(platformForHost('twitter.com')?.id).toBe('x');
    expect(platformForHost('www.facebook.com')?.id).toBe('facebook');
    expect(platformForHost('WWW.FACEBOOK.COM')?.id).toBe('facebook');
    expect(platformForHost('facebook.com.evil.example')).toBeNull();
    expect(platformForHost('example.org')).toBeNull();
  });
});
