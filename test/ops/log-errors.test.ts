/**
 * A logged error keeps what an operator needs to find the fault: its stack and its chain of
 * causes (each with its own stack), with every registered secret still redacted.
 */
import { QuadrantsError } from '../../src/errors';
import { createLogger, registerSecret } from '../../src/log';

const SECRET = 'tla-stack-secret-key-9c1e';

interface LoggedError {
  name: string;
  message: string;
  code?: string;
  stack?: string;
  cause?: LoggedError | unknown;
}

function logOne(err: unknown): { error: LoggedError; line: string } {
  const lines: string[] = [];
  createLogger({ write: (l) => lines.push(l) }).error('upstream.error', { error: err });
  const line = lines[0] as string;
  return { error: (JSON.parse(line) as { error: LoggedError }).error, line };
}

describe('logging errors', () => {
  beforeAll(() => registerSecret(SECRET));

  it('keeps the stack and the cause chain, recursively', () => {
    const root = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const middle = new TypeError('fetch failed', { cause: root });
    const top = new QuadrantsError('UPSTREAM_UNAVAILABLE', 'user-posts: network error', { cause: middle });
    const { error } = logOne(top);
    expect(error).toMatchObject({ name: 'QuadrantsError', message: 'user-posts: network error', code: 'UPSTREAM_UNAVAILABLE' });
    expect(error.stack).toMatch(/QuadrantsError: user-posts: network error\n\s+at /);
    const cause = error.cause as LoggedError;
    expect(cause).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    expect(cause.stack).toMatch(/\n\s+at /);
    expect(cause.cause).toMatchObject({ name: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:9', code: 'ECONNREFUSED' });
  });

  it('keeps a cause that is not an Error as it is', () => {
    const { error } = logOne(new Error('outer', { cause: { status: 503 } }));
    expect(error.cause).toEqual({ status: 503 });
  });

  it('redacts secrets in messages, stacks and causes', () => {
    const inner = new Error(`HTTP 401 for key ${SECRET}`);
    const { line, error } = logOne(new Error(`request with ${SECRET} failed`, { cause: inner }));
    expect(line).not.toContain(SECRET);
    expect(error.stack).toContain('[redacted]');
    expect((error.cause as LoggedError).message).toBe('HTTP 401 for key [redacted]');
  });

  it('survives a cause cycle and a very deep chain', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(() => logOne(a)).not.toThrow();
    let deep: Error = new Error('level 0');
    for (let i = 1; i < 50; i++) deep = new Error(`level ${i}`, { cause: deep });
    const { line } = logOne(deep);
    expect(line.length).toBeLessThan(60_000);
    expect(line).toContain('level 49');
  });
});
