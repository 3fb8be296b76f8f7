/**
 * Per-workspace budgets: the month arithmetic, the policy against a real store, and the pipeline
 * (refusal sentence, usage, credits charged as spent) with the real command table.
 */
import { budgetMonth, nextReset, WorkspaceBudget } from '../../src/budget/budget';
import { beforeRequest, chargeCredits } from '../../src/budget/ledger';
import type { Reply } from '../../src/chat/card';
import { runCommand, type Outcome } from '../../src/chat/pipeline';
import { plain } from '../../src/chat/inline';
import type { Conversation } from '../../src/chat/types';
import { createDemoSource } from '../../src/demo/source';
import { silentLogger } from '../../src/log';
import { createQuadrantsService, type PostSource } from '../../src/service';
import { openStore } from '../../src/store';
import type { Store } from '../../src/store/types';

const ACME = { platform: 'slack' as const, workspaceId: 'T0ACME' };

describe('budget months', () => {
  test('a month is the UTC calendar month, and resets at midnight UTC on the 1st of the next', () => {
    expect(budgetMonth(new Date('2026-12-31T23:59:59Z'))).toBe('2026-12');
    expect(budgetMonth(new Date('2027-01-01T00:00:00Z'))).toBe('2027-01');
    expect(nextReset(new Date('2026-12-15T10:00:00Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(nextReset(new Date('2026-02-28T10:00:00Z')).toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });
});

describe('WorkspaceBudget', () => {
  let store: Store;
  let now: Date;
  beforeEach(() => {
    store = openStore(':memory:');
    now = new Date('2026-12-15T10:00:00Z');
  });
  afterEach(() => store.close());

  test('counts spending, is exhausted at the limit, and starts again next month', async () => {
    const budget = new WorkspaceBudget({ store, limit: 10, now: () => now });
    expect(await budget.exhausted(ACME)).toBeNull();
    expect((await budget.record(ACME, 7)).remaining).toBe(3);
    expect(await budget.exhausted(ACME)).toBeNull();
    // A report may take the total past the limit; remaining never goes below 0.
    const over = await budget.record(ACME, 4);
    expect(over).toMatchObject({ spent: 11, remaining: 0, month: '2026-12' });
    expect((await budget.exhausted(ACME))?.resetsAt.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    // Another workspace is unaffected.
    expect(await budget.exhausted({ platform: 'discord', workspaceId: 'T0ACME' })).toBeNull();
    now = new Date('2027-01-01T00:00:00Z');
    expect(await budget.exhausted(ACME)).toBeNull();
    expect(await budget.status(ACME)).toMatchObject({ spent: 0, remaining: 10, month: '2027-01' });
  });

  test('the check before a command reads the store once per workspace per freshMs, shared by concurrent checks', async () => {
    let reads = 0;
    const counting: Store = Object.assign(Object.create(store) as Store, {
      workspaceCredits: (w: typeof ACME, month: string) => {
        reads += 1;
        return store.workspaceCredits(w, month);
      },
    });
    const budget = new WorkspaceBudget({ store: counting, limit: 10, now: () => now, freshMs: 1000 });
    // A burst of clicks in one workspace: one read answers them all.
    expect(await Promise.all(Array.from({ length: 50 }, () => budget.exhausted(ACME)))).toEqual(Array(50).fill(null));
    expect(reads).toBe(1);
    // Another workspace has its own reading.
    await budget.exhausted({ platform: 'discord', workspaceId: 'T0ACME' });
    expect(reads).toBe(2);
    now = new Date(now.getTime() + 999);
    await budget.exhausted(ACME);
    expect(reads).toBe(2);
    now = new Date(now.getTime() + 1);
    await budget.exhausted(ACME);
    expect(reads).toBe(3);
  });

  test('spending charged here counts at once; spending by another replica once freshMs has passed', async () => {
    const here = new WorkspaceBudget({ store, limit: 10, now: () => now, freshMs: 1000 });
    const replica = new WorkspaceBudget({ store, limit: 10, now: () => now, freshMs: 1000 });
    expect(await here.exhausted(ACME)).toBeNull();
    expect(await replica.exhausted(ACME)).toBeNull();
    await here.record(ACME, 10);
    expect(await here.exhausted(ACME)).toMatchObject({ spent: 10, remaining: 0 });
    // The other replica's reading is younger than freshMs.
    expect(await replica.exhausted(ACME)).toBeNull();
    now = new Date(now.getTime() + 1000);
    expect(await replica.exhausted(ACME)).toMatchObject({ spent: 10, remaining: 0 });
  });

  test('a failed read is not kept: the next check asks the store again', async () => {
    let fail = true;
    const flaky: Store = Object.assign(Object.create(store) as Store, {
      workspaceCredits: (w: typeof ACME, month: string) => (fail ? Promise.reject(new Error('connection reset')) : store.workspaceCredits(w, month)),
    });
    const budget = new WorkspaceBudget({ store: flaky, limit: 10, now: () => now });
    await expect(budget.exhausted(ACME)).rejects.toThrow('connection reset');
    fail = false;
    expect(await budget.exhausted(ACME)).toBeNull();
  });

  test('unlimited still counts, and is never exhausted', async () => {
    const budget = new WorkspaceBudget({ store, limit: null, now: () => now });
    await budget.record(ACME, 1_000_000);
    expect(await budget.exhausted(ACME)).toBeNull();
    expect(await budget.status(ACME)).toMatchObject({ spent: 1_000_000, remaining: null, limit: null });
  });
});

/** A conversation that keeps what the pipeline said. */
function conversation(surface: 'slack' | 'discord' = 'slack') {
  const said: Array<{ kind: string; reply?: Reply; text: string }> = [];
  const text = (r: Reply) => [r.card, ...(r.thread ?? [])].map((c) => plain(c.summary)).join(' ');
  const c: Conversation = {
    actor: { surface, workspaceId: ACME.workspaceId, channelId: 'C1', userId: 'U1', canManage: true },
    answer: async (reply) => void said.push({ kind: 'answer', reply, text: text(reply) }),
    acknowledge: async () => undefined,
    deliver: async (reply) => void said.push({ kind: 'deliver', reply, text: text(reply) }),
    fail: async (card) => void said.push({ kind: 'fail', text: plain(card.summary) }),
    resolve: async () => 'C1',
    post: async () => ({ posted: true as const }),
  };
  return { c, said };
}

/** The demo data, charging what a live source would: 2 credits per posts fetch (via the ledger and its gate, like the HTTP client). */
function chargingSource(): PostSource {
  const demo = createDemoSource();
  return {
    resolveCreator: (i, call) => demo.resolveCreator(i, call),
    getPost: (u, call) => demo.getPost(u, call),
    getPosts: async (creator, count, call) => {
      await beforeRequest();
      chargeCredits(2);
      return { ...(await demo.getPosts(creator, count, call)), credits: 2 };
    },
  };
}

describe('budgets in the pipeline', () => {
  let store: Store;
  const now = new Date('2026-12-15T10:00:00Z');
  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(() => store.close());

  function deps(limit: number | null, source: PostSource = chargingSource()) {
    const service = createQuadrantsService({ source, logger: silentLogger });
    return { service, subscriptions: null, limiter: null, logger: silentLogger, budget: new WorkspaceBudget({ store, limit, now: () => now }) };
  }

  test('a report is charged to its workspace; once the budget is spent the next is refused with one sentence', async () => {
    const d = deps(4);
    const outcomes: Outcome[] = [];
    let last: ReturnType<typeof conversation>['said'] = [];
    for (let i = 0; i < 3; i += 1) {
      const { c, said } = conversation();
      outcomes.push(await runCommand(() => ({ command: 'report', creator: '@mossy.kitchen' }), c, d));
      last = said;
    }
    expect(outcomes).toEqual(['delivered', 'delivered', 'over-budget']);
    expect(last).toHaveLength(1);
    expect(last[0]?.kind).toBe('answer');
    expect(last[0]?.reply?.visibility).toBe('private');
    expect(last[0]?.text).toBe(
      'This workspace has used its monthly budget of 4 API credits for December 2026 (0 remaining), so reports are paused until the budget resets on 1 January 2027 (UTC).',
    );
    expect(await store.workspaceCredits(ACME, '2026-12')).toBe(4);
  });

  test('free commands still run when the budget is spent, and usage shows spent and remaining credits', async () => {
    const d = deps(500);
    await store.addWorkspaceCredits(ACME, '2026-12', 137, now);
    const { c, said } = conversation();
    expect(await runCommand(() => ({ command: 'usage' }), c, d)).toBe('delivered');
    expect(said[0]?.reply?.visibility).toBe('private');
    expect(said[0]?.text).toBe('This workspace has spent 137 API credits in December 2026; 363 of its 500 API credits remain until the budget resets on 1 January 2027 (UTC).');
    await store.addWorkspaceCredits(ACME, '2026-12', 400, now);
    const spent = conversation();
    expect(await runCommand(() => ({ command: 'usage' }), spent.c, d)).toBe('delivered');
    expect(spent.said[0]?.text).toContain('0 of its 500 API credits remain');
    // usage itself is free: nothing was added.
    expect(await store.workspaceCredits(ACME, '2026-12')).toBe(537);
  });

  test('without a limit nothing is refused, and spending is still shown', async () => {
    const d = deps(null);
    const { c } = conversation('discord');
    expect(await runCommand(() => ({ command: 'report', creator: '@mossy.kitchen' }), c, d)).toBe('delivered');
    const u = conversation('discord');
    await runCommand(() => ({ command: 'usage' }), u.c, d);
    expect(u.said[0]?.text).toBe('This server has spent 2 API credits in December 2026; there is no monthly credit budget.');
  });

  test('an answer that cost nothing (cache, demo data) costs the workspace nothing', async () => {
    const d = deps(10, createDemoSource());
    const { c } = conversation();
    expect(await runCommand(() => ({ command: 'report', creator: '@mossy.kitchen' }), c, d)).toBe('delivered');
    expect(await store.workspaceCredits(ACME, '2026-12')).toBe(0);
  });
});
