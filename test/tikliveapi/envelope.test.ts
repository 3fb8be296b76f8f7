import { classifyMessage, errorForKind, unwrapEnvelope } from '../../src/tikliveapi/envelope';
import { registerSecret } from '../../src/log';

const page = { videos: [], cursor: '0', hasMore: false };

describe('unwrapEnvelope', () => {
  it('passes the flat TikLiveAPI body through', () => {
    expect(unwrapEnvelope(page, 'list')).toEqual({ ok: true, payload: page });
    const detail = { aweme_id: '7398700011122233344', play_count: 1, data: { unrelated: true } };
    expect(unwrapEnvelope(detail, 'detail')).toEqual({ ok: true, payload: detail });
  });

  it('unwraps the tikwm envelope with code 0 (number or string)', () => {
    expect(unwrapEnvelope({ code: 0, msg: 'success', processed_time: 0.4, data: page }, 'list')).toEqual({ ok: true, payload: page });
    expect(unwrapEnvelope({ code: '0', msg: 'success', data: page }, 'list')).toEqual({ ok: true, payload: page });
  });

  it('unwraps a codeless {data} body only when the body lacks the payload keys', () => {
    expect(unwrapEnvelope({ data: page }, 'list')).toEqual({ ok: true, payload: page });
    expect(unwrapEnvelope({ data: { id: '6912345678901234567' } }, 'userid')).toEqual({ ok: true, payload: { id: '6912345678901234567' } });
  });

  it.each([
    [{ status: 'error', message: 'Not found post' }, 'not_found'],
    [{ message: 'Api-Key is not available' }, 'auth'],
    [{ message: 'Please sign up to tikliveapi.com' }, 'auth'],
    [{ message: 'Your balance is exhausted, please purchase credits' }, 'out_of_credits'],
    [{ msg: 'Not enough credit' }, 'out_of_credits'],
    [{ code: -1, msg: 'Free Api Limit: 1 request/second.', processed_time: 0.1 }, 'rate_limited'],
    [{ code: '429', message: 'Too many requests' }, 'rate_limited'],
    [{ success: false, error: 'user does not exist' }, 'not_found'],
    [{ status: 'error', message: 'This account is private' }, 'not_found'],
    [{ status: 'error', message: 'url parsing is failed!' }, 'not_found'],
    [{ code: 5, msg: 'Something odd' }, 'upstream'],
    [{ code: 7 }, 'upstream'],
    [{ error: { message: 'Unauthorized' } }, 'auth'],
    [{}, 'upstream'],
    [{ detail: 'server exploded' }, 'upstream'],
  ])('classifies %j as %s', (body, kind) => {
    const r = unwrapEnvelope(body, 'list');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.kind).toBe(kind);
  });

  it.each([[null], [[1, 2]], ['text'], [42], [true]])('refuses a non-object body %p', (body) => {
    expect(unwrapEnvelope(body, 'list')).toMatchObject({ ok: false, kind: 'upstream' });
  });

  it('accepts a bare id only from /userid/', () => {
    expect(unwrapEnvelope('6912345678901234567', 'userid')).toEqual({ ok: true, payload: '6912345678901234567' });
    expect(unwrapEnvelope('6912345678901234567', 'detail').ok).toBe(false);
  });

  it('caps and cleans the upstream message', () => {
    const r = unwrapEnvelope({ message: `bad\u0000thing ${'x'.repeat(500)}` }, 'list');
    expect(!r.ok && r.message.length).toBe(200);
    expect(!r.ok && r.message).not.toContain('\u0000');
  });
});

describe('classifyMessage', () => {
  it('checks auth before credits before rate before not-found', () => {
    expect(classifyMessage('API key has no credit left')).toBe('auth');
    expect(classifyMessage('quota limit reached')).toBe('out_of_credits');
    expect(classifyMessage('rate limit: post not found')).toBe('rate_limited');
    expect(classifyMessage('Video unavailable')).toBe('not_found');
    expect(classifyMessage('')).toBe('upstream');
  });
});

describe('errorForKind', () => {
  it('maps kinds to codes with default user sentences and no secret in the detail', () => {
    registerSecret('envelope-secret-key-123');
    expect(errorForKind('auth', 'x', 'CREATOR_NOT_FOUND').code).toBe('BAD_API_KEY');
    expect(errorForKind('out_of_credits', 'x', 'CREATOR_NOT_FOUND').code).toBe('OUT_OF_CREDITS');
    expect(errorForKind('not_found', 'x', 'POST_NOT_FOUND').code).toBe('POST_NOT_FOUND');
    expect(errorForKind('not_found', 'x', 'CREATOR_NOT_FOUND').code).toBe('CREATOR_NOT_FOUND');
    expect(errorForKind('upstream', 'x', 'CREATOR_NOT_FOUND').code).toBe('UPSTREAM_UNAVAILABLE');
    const limited = errorForKind('rate_limited', 'key envelope-secret-key-123 leaked', 'CREATOR_NOT_FOUND', 3000);
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.retryAfterMs).toBe(3000);
    expect(limited.message).not.toContain('envelope-secret-key-123');
    expect(limited.userMessage).toMatch(/rate limiting/);
  });
});
