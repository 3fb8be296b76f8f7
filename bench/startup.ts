/**
 * Start-up cost: how long the command line takes next to Node itself (a report from the demo data
 * must not pay for the chat SDKs), and how much memory the bot holds when idle with Slack (Socket
 * Mode) and Discord (gateway) connected, each against its loopback fake: after start-up, and
 * again after its first report (a Slack command answered from the demo data). Median of a few
 * bots, each in its own process: one reading swings by ±15 MB on a busy machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeDiscord } from '../test/fakes/discord';
import { startFakeSlack } from '../test/fakes/slack';
import { slackBenchOps } from './slack-fake-worker';
import { startOptions } from './start-options';
import { median, type BenchRow } from './table';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'app', 'cli.js');
const MAIN = join(ROOT, 'dist', 'app', 'main.js');

/** `npm start`'s environment and Node options, so the bench reads the bot as it is started. */
const START = startOptions(ROOT);
const RUNS = 7;
const BOTS = 3;
/** Let start-up garbage be collected by the idle process before reading. */
const SETTLE_MS = 3000;

function wallMs(args: string[]): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env: { PATH: process.env.PATH ?? '' }, stdio: 'ignore', cwd: tmpdir() });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Alternates the two commands so a busy moment on the machine hits both alike. */
function startRatio(): { node: number; cli: number } {
  const node: number[] = [];
  const cli: number[] = [];
  wallMs([CLI, 'report', '--demo', '--json']); // warm the file cache
  for (let i = 0; i < RUNS; i++) {
    node.push(wallMs(['-e', '0']));
    cli.push(wallMs([CLI, 'report', '--demo', '--json']));
  }
  return { node: median(node), cli: median(cli) };
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** One bot: its RSS once started and idle, then once idle again after its first report. */
async function idleRss(): Promise<{ started: number; reported: number }> {
  const slack = await startFakeSlack();
  const discord = await startFakeDiscord();
  const dir = mkdtempSync(join(tmpdir(), 'quadrants-bench-'));
  const env = {
    PATH: process.env.PATH ?? '',
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_APP_TOKEN: slack.appToken,
    SLACK_API_URL: slack.apiUrl,
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    DATABASE_URL: join(dir, 'q.db'),
    PORT: '0',
    LOG_LEVEL: 'info',
    // As `npm start` sets it (the Dockerfile uses the same).
    ...START.env,
  };
  const child = spawn(process.execPath, [...START.nodeOptions, MAIN], { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString('utf8');
        if (out.includes('"app.started"')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`the bot exited ${code} before it started`)));
    });
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const started = rssMb(child.pid as number);
    await slackBenchOps(slack).report('@mossy.kitchen', 'CRSS');
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    return { started, reported: rssMb(child.pid as number) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await Promise.all([slack.close(), discord.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function rows(): Promise<BenchRow[]> {
  const { node, cli } = startRatio();
  const ratio = cli / node;
  const bots: Array<{ started: number; reported: number }> = [];
  for (let i = 0; i < BOTS; i++) bots.push(await idleRss());
  const started = median(bots.map((b) => b.started));
  const reported = median(bots.map((b) => b.reported));
  const spread = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
  return [
    { row: 'startup: node -e 0, median of 7', measured: `${node.toFixed(0)} ms`, target: 'informational', ok: true },
    { row: 'startup: quadrants report --demo --json, median of 7', measured: `${cli.toFixed(0)} ms (${ratio.toFixed(2)}× node -e 0)`, target: '≤ 2.5× node -e 0', ok: ratio <= 2.5 },
    {
      row: `startup: bot idle RSS, Slack and Discord connected, after start-up, median of ${BOTS}`,
      measured: `${started.toFixed(0)} MB (${spread(bots.map((b) => b.started))})`,
      target: '≤ 100 MB',
      ok: started <= 100,
    },
    {
      row: `startup: bot idle RSS, Slack and Discord connected, after the first report, median of ${BOTS}`,
      measured: `${reported.toFixed(0)} MB (${spread(bots.map((b) => b.reported))})`,
      target: '≤ 100 MB',
      ok: reported <= 100,
    },
  ];
}
