import { QuadrantsError, type ErrorCode } from '../../src/errors';

/** Runs `fn`, expects it to throw a QuadrantsError with `code`, and returns that error. */
export function expectQuadrantsError(fn: () => unknown, code: ErrorCode): QuadrantsError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(QuadrantsError);
    expect((err as QuadrantsError).code).toBe(code);
    return err as QuadrantsError;
  }
  throw new Error(`expected ${code}`);
}
