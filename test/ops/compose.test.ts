/**
 * docker-compose.yml: two bot replicas and PostgreSQL, the replicas pointed at it and started
 * only once it answers. Checked as text (no YAML parser in the dependencies).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { storeTarget } from '../../src/store/path';

const compose = readFileSync(join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8');

test('two bot replicas share one PostgreSQL, which they wait for', () => {
  const block = (compose.split(/^services:$/m)[1] ?? '').split(/^volumes:/m)[0] ?? '';
  const services = [...block.matchAll(/^ {2}([a-z0-9-]+):\s*$/gm)].map((m) => m[1]);
  expect(services).toEqual(['postgres', 'bot-1', 'bot-2']);
  // Both replicas take the shared bot block: the image built here, .env, the shared database.
  expect(compose.match(/<<: \*bot/g)).toHaveLength(2);
  expect(compose).toMatch(/^ {2}build: \.$/m);
  const url = /DATABASE_URL: (\S+)/.exec(compose)?.[1] ?? '';
  expect(storeTarget(url).engine).toBe('postgres');
  expect(url).toContain('@postgres:5432/');
  expect(compose).toMatch(/condition: service_healthy/);
  expect(compose).toMatch(/pg_isready/);
  // Each replica's health endpoints on their own host port; the grace period covers the drain.
  expect(compose.match(/ports: \["(\d+):3000"\]/g)).toEqual(['ports: ["3001:3000"]', 'ports: ["3002:3000"]']);
  expect(compose).toMatch(/stop_grace_period: 15s/);
});
