/**
 * Turns PostgreSQL driver failures into one operator sentence. The URL is never echoed (it may
 * hold a password): messages name only the host, port and database.
 */
import { QuadrantsError } from '../errors';

/** SQLSTATE and socket codes that mean "the server cannot be used as configured". */
const SENTENCES: Record<string, (where: string) => string> = {
  ECONNREFUSED: (w) => `PostgreSQL at ${w} refused the connection; start the server or fix the host and port in DATABASE_URL.`,
  ENOTFOUND: (w) => `The PostgreSQL host ${w} was not found; fix the host name in DATABASE_URL.`,
  ETIMEDOUT: (w) => `PostgreSQL at ${w} did not answer in time; check that the server is up and reachable.`,
  '28P01': (w) => `PostgreSQL at ${w} rejected the user name or password in DATABASE_URL; fix them and restart.`,
  '28000': (w) => `PostgreSQL at ${w} does not allow this user to connect; check pg_hba.conf and the user in DATABASE_URL.`,
  '3D000': (w) => `The database named in DATABASE_URL does not exist at ${w}; create it or fix the name.`,
  '42501': (w) => `The PostgreSQL user in DATABASE_URL lacks a permission it needs at ${w}; grant it CREATE and USAGE on the schema.`,
  '53300': (w) => `PostgreSQL at ${w} has no free connections; raise max_connections or run fewer replicas.`,
  '57P03': (w) => `PostgreSQL at ${w} is starting up or shutting down; try again in a minute.`,
};

/** Wraps a driver error; QuadrantsErrors pass through unchanged. */
export function pgFailure(where: string, err: unknown): QuadrantsError {
  if (err instanceof QuadrantsError) return err;
  const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : '';
  const sentence = SENTENCES[code];
  const detail = `postgres ${code || 'error'}: ${err instanceof Error ? err.message : String(err)}`;
  if (sentence) return new QuadrantsError('CONFIG', detail, { userMessage: sentence(where), cause: err });
  return new QuadrantsError('INTERNAL', detail, {
    userMessage: `The PostgreSQL store at ${where} failed (${code || 'no error code'}); check the server's log, then try again.`,
    cause: err,
  });
}
