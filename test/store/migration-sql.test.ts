/**
 * Shipped migrations never change: each one's SQL text is pinned by its SHA-256, so building the
 * text from shared constants (the platforms table) can only ever reproduce the same bytes.
 * A new migration adds a line here; an edited one fails.
 */
import { createHash } from 'node:crypto';
import { MIGRATIONS } from '../../src/store/migrations';
import { PG_MIGRATIONS } from '../../src/store/pg-migrations';

const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/** The SHA-256 of every shipped migration's SQL, by engine and version. */
const SHIPPED: Record<'sqlite' | 'postgres', Record<number, string>> = {
  sqlite: {
    1: '4b5db1ac564cb5953e257f97c78996eb743c30c7430b7d1ae53bedbf80181f58',
    2: '499f399ae7069bd64aa0c7e72c3e2e8508d63629c92aa094f7838ba762eaf78c',
    3: 'bf37a0a15c60dffdc979860635e83deaea19d95bd4ed229a4cfeab58df13c16e',
    4: '5d02bf873173210a6472c802a52186829816e1c150fefeb207d2b8e18eb901be',
    5: '43d23b0c3078d938f09c0409a3c4494ea955dc1cf47c6a1726ba45559559ec77',
    6: 'c16e6553512987a88322214737a3f0f6724524f86807f1882947b798b43aae54',
    7: '28cb1a2435ea760dbfe33ee92ee7032097588dcde222c513086c33319e9d473e',
    8: '462467e6d8b68e114cabec1a4b85880f16ae7ed9e4f85b821ef7e376b65c0bf5',
  },
  postgres: {
    1: 'f8bb80e79b1667fa5361234f49e321cb715f26cd7efb1e7a23b0633ff0eeff4b',
    2: '499f399ae7069bd64aa0c7e72c3e2e8508d63629c92aa094f7838ba762eaf78c',
    3: 'd2072e929a5ce877f3aa66fe3e4a139964cbdc79e593f106f3e012c3b29dfb47',
    4: '5d02bf873173210a6472c802a52186829816e1c150fefeb207d2b8e18eb901be',
    5: '43d23b0c3078d938f09c0409a3c4494ea955dc1cf47c6a1726ba45559559ec77',
    6: 'c16e6553512987a88322214737a3f0f6724524f86807f1882947b798b43aae54',
    7: '15b85c954fb8ea2de4f5d1c7cb6da4f96d3af3c3ca73617f27fe6d21aeff5092',
    8: '1ce12c7fb9490c713174b6eef92ac6c62c0eac70edfce35b33fdf0414761d458',
  },
};

describe('shipped migrations', () => {
  it.each([
    ['sqlite', MIGRATIONS],
    ['postgres', PG_MIGRATIONS],
  ] as const)('%s: every shipped migration has the SQL it shipped with', (engine, list) => {
    const pinned = SHIPPED[engine];
    const now = Object.fromEntries(list.filter((m) => m.version in pinned).map((m) => [m.version, sha(m.sql)]));
    expect(Object.keys(pinned).length).toBeGreaterThanOrEqual(7);
    expect(now).toEqual(pinned);
  });
});
