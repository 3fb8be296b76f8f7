/**
 * Structured JSON logs: one line per event, never a secret.
 *
 * Every configured secret (API key, tokens) is registered with `registerSecret` at start-up;
 * any log line that would contain one has it replaced by `[redacted]`, whatever field it hides in.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

const secrets = new Set<string>();

/** Marks a value as secret: it is scrubbed from every log line and every redact() call. */
export function registerSecret(value: string | undefined | null): void {
  if (value && value.length >= 4) secrets.add(value);
}

/** Replaces every registered secret in `text`. */
export function redact(text: string): string {
  let out = text;
  for (const s of secrets) {
    if (out.includes(s)) out = out.split(s).join('[redacted]');
  }
  return out;
}

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Where lines go; default process.stdout. The CLI uses stderr so stdout stays the report. */
  write?: (line: string) => void;
  /** Injected clock for tests. */
  now?: () => Date;
}

/** How many causes deep a logged error goes: enough for fetch → undici → socket, bounded for cycles. */
const MAX_CAUSE_DEPTH = 8;

/**
 * An Error as a plain object: name, message, code, stack and its cause chain (each cause with
 * its own stack), so a log line alone locates the fault. Secrets are scrubbed afterwards, from
 * the whole line. Cycles and very deep chains stop at MAX_CAUSE_DEPTH.
 */
export function errorFields(err: unknown, depth = 0, seen: Set<unknown> = new Set()): unknown {
  if (!(err instanceof Error)) return err;
  if (seen.has(err) || depth >= MAX_CAUSE_DEPTH) return { name: err.name, message: err.message, truncated: true };
  seen.add(err);
  const code = (err as { code?: unknown }).code;
  const out: Record<string, unknown> = { name: err.name, message: err.message };
  if (code !== undefined) out.code = code;
  if (err.stack !== undefined) out.stack = err.stack;
  if (err.cause !== undefined) out.cause = errorFields(err.cause, depth + 1, seen);
  if (err instanceof AggregateError) out.errors = err.errors.slice(0, 5).map((e: unknown) => errorFields(e, depth + 1, seen));
  return out;
}

function serialise(record: Record<string, unknown>): string {
  const json = JSON.stringify(record, (_key, value: unknown) => {
    if (value instanceof Error) return errorFields(value);
    if (typeof value === 'bigint') return value.toString();
    return value;
  });
  return redact(json);
}

export function createLogger(options: LoggerOptions = {}, base: Record<string, unknown> = {}): Logger {
  const threshold = LEVELS[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stdout.write(line + '\n'));
  const now = options.now ?? (() => new Date());
  const emit = (level: Exclude<LogLevel, 'silent'>, event: string, fields?: Record<string, unknown>) => {
    if (LEVELS[level] < threshold) return;
    try {
      write(serialise({ time: now().toISOString(), level, event, ...base, ...fields }));
    } catch {
      // A log line must never take the process down.
    }
  };
  return {
    debug: (e, f) => emit('debug', e, f),
    info: (e, f) => emit('info', e, f),
    warn: (e, f) => emit('warn', e, f),
    error: (e, f) => emit('error', e, f),
    child: (fields) => createLogger(options, { ...base, ...fields }),
  };
}

/** A logger that drops everything (tests, library defaults). */
export const silentLogger: Logger = createLogger({ level: 'silent' });

const SDK_MESSAGE_MAX = 500;

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A library logger's arguments (strings, errors, objects) as one message of at most 500 characters. */
export function sdkMessage(parts: readonly unknown[]): string {
  const joined = parts.map((p) => (p instanceof Error ? `${p.name}: ${p.message}` : typeof p === 'string' ? p : safeJson(p))).join(' ');
  return joined.length > SDK_MESSAGE_MAX ? `${joined.slice(0, SDK_MESSAGE_MAX)}…` : joined;
}

/**
 * A library's logger bridged into ours, each line as `event` tagged with the library's part
 * (`source`, which it may rename). Its debug output carries request bodies and headers, so it is
 * dropped at the source; its info lines become our debug, and everything passes through our
 * logger, which scrubs every registered secret.
 */
export function sdkLogger(logger: Logger, event: string, source: string) {
  return {
    debug: () => undefined,
    info: (...msg: unknown[]) => logger.debug(event, { source, message: sdkMessage(msg) }),
    warn: (...msg: unknown[]) => logger.warn(event, { source, message: sdkMessage(msg) }),
    error: (...msg: unknown[]) => logger.error(event, { source, message: sdkMessage(msg) }),
    setName: (name: string) => {
      source = name;
    },
  };
}
