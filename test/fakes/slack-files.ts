/**
 * Files of the fake Slack, as Slack's external upload flow keeps them: `files.getUploadURLExternal`
 * makes a file and its upload URL, the bytes are POSTed there, `files.completeUploadExternal`
 * finishes it (shared into a channel or thread when it names one, private to the bot otherwise).
 * Slack then processes the file asynchronously: until it has, a message whose image block names it
 * by `slack_file` is refused with `invalid_blocks`. Here "processing" is counted in posts: the first
 * `processingPosts` posts naming a fresh file are refused. No jest globals.
 */

/** One file as the fake keeps it. */
export interface FakeFile {
  id: string;
  filename: string;
  altText?: string;
  title?: string;
  /** Bytes received at the upload URL (0 until they are). */
  bytes: number;
  png: boolean;
  completed: boolean;
  /** Channels (and threads, as `channel/thread_ts`) it was shared into by completeUploadExternal. */
  sharedTo: string[];
  /** Posts naming it that are still refused while Slack "processes" it. */
  processingLeft: number;
}

/** The fake's file store. */
export interface FileStore {
  readonly files: Map<string, FakeFile>;
  /** Posts naming a fresh file refused before it counts as processed (default 0; Infinity: never). */
  processingPosts: number;
  create(id: string, body: Record<string, unknown>): FakeFile;
  received(id: string, raw: Buffer): void;
  /** Completes the files named; returns an error code, or null. */
  complete(body: Record<string, unknown>): { ok: true; files: Array<{ id: string; title: string }> } | { ok: false; error: string };
  /**
   * The files a message's blocks show by `slack_file`, or the error Slack answers: unknown, not
   * completed, or not processed yet (one refusal is used up per post naming it).
   */
  filesOf(blocks: unknown): { ok: true; files: FakeFile[] } | { ok: false; error: string; errors: string[] };
}

interface ImageBlock {
  type?: unknown;
  slack_file?: { id?: unknown; url?: unknown };
}

export function createFileStore(): FileStore {
  const files = new Map<string, FakeFile>();
  const store: FileStore = {
    files,
    processingPosts: 0,
    create(id, body) {
      const file: FakeFile = {
        id,
        filename: String(body.filename ?? ''),
        ...(typeof body.alt_text === 'string' ? { altText: body.alt_text } : {}),
        bytes: 0,
        png: false,
        completed: false,
        sharedTo: [],
        processingLeft: store.processingPosts,
      };
      files.set(id, file);
      return file;
    },
    received(id, raw) {
      const file = files.get(id);
      if (!file) return;
      file.bytes = raw.length;
      file.png = raw.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    },
    complete(body) {
      const list = Array.isArray(body.files) ? (body.files as Array<{ id?: unknown; title?: unknown }>) : [];
      if (list.length === 0) return { ok: false, error: 'invalid_arguments' };
      const found: FakeFile[] = [];
      for (const f of list) {
        const file = files.get(String(f.id));
        // Slack refuses to complete a file whose bytes never arrived.
        if (!file || file.bytes === 0) return { ok: false, error: 'file_not_found' };
        if (typeof f.title === 'string') file.title = f.title;
        found.push(file);
      }
      for (const file of found) {
        file.completed = true;
        if (typeof body.channel_id === 'string') file.sharedTo.push(typeof body.thread_ts === 'string' ? `${body.channel_id}/${body.thread_ts}` : body.channel_id);
      }
      return { ok: true, files: found.map((f) => ({ id: f.id, title: f.title ?? '' })) };
    },
    filesOf(blocks) {
      const shown: FakeFile[] = [];
      const list = Array.isArray(blocks) ? (blocks as ImageBlock[]) : [];
      for (const [i, b] of list.entries()) {
        if (b.type !== 'image' || b.slack_file === undefined) continue;
        const invalid = { ok: false as const, error: 'invalid_blocks', errors: [`invalid slack file [json-pointer:/blocks/${i}/slack_file]`] };
        const file = typeof b.slack_file.id === 'string' ? files.get(b.slack_file.id) : undefined;
        if (!file || !file.completed || !file.png) return invalid;
        if (file.processingLeft > 0) {
          file.processingLeft -= 1;
          return invalid;
        }
        shown.push(file);
      }
      return { ok: true, files: shown };
    },
  };
  return store;
}
