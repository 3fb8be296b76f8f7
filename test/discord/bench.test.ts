import { rows } from '../../bench/discord';

describe('Discord bench rows', () => {
  it('measures both rows through the real adapter, service and fakes', async () => {
    const out = await rows({ burst: 6, sequential: 2, latencyMs: 20, worker: false });
    expect(out.map((r) => r.target)).toEqual(['p99 < 100 ms', '< 50 ms']);
    expect(out[0]?.row).toMatch(/^discord: defer latency, burst of 6 interactions/);
    expect(out[0]?.measured).toMatch(/^\d+\.\d ms \/ \d+\.\d ms \(cold: \d+\.\d ms \/ \d+\.\d ms\); bot CPU until the last deferral \d+ ms warm \/ \d+ ms cold; load \d+\.\d\d \d+\.\d\d \d+\.\d\d$/);
    expect(out[1]?.measured).toMatch(/^-?\d+\.\d ms \/ -?\d+\.\d ms$/);
    for (const r of out) expect(typeof r.ok).toBe('boolean');
  });
});
