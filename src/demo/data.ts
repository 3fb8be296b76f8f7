/**
 * The bundled demo dataset: three invented creators with 35 posts each plus one pinned post.
 * Handles, ids, titles and numbers are made up; magnitudes follow real accounts (views 2k–3M,
 * share rates ~0.1–3%, save rates ~0.2–6%, downloads mostly a handful per 10,000 views).
 *
 * Built in: every quadrant in every window, a template post (downloads far above the
 * creator's usual rate) per creator, an old pinned post listed first (as the live feed lists
 * it), and a just-published post with no views yet (mossy.kitchen, post 1).
 */
import type { Creator, Post } from '../quadrants/types';
import { generatePosts, type DemoProfile } from './generate';

/** The moment the demo data was "fetched"; post dates are before it. */
export const DEMO_FETCHED_AT = '2026-11-01T09:00:00.000Z';
const REFERENCE_TIME = Date.parse(DEMO_FETCHED_AT) / 1000;

const KITCHEN: DemoProfile = {
  username: 'mossy.kitchen',
  userid: '6874120395817263041',
  firstVideoId: 7_431_662_059_174_003_771n,
  seed: 1101,
  views: [4_000, 400_000],
  shareRate: { low: [0.001, 0.005], high: [0.008, 0.02] },
  saveRate: { low: [0.004, 0.012], high: [0.025, 0.06] },
  pattern: 'ZRVEDRRVEDRREDVRRERDVRERDRVRERDRVER',
  templates: [3],
  titles: [
    'One-pan lemon orzo in 20 minutes',
    '5-minute chilli oil you will put on everything',
    'Brown butter cookies, the only recipe you need',
    'Sourdough discard crackers 🧀',
    'Miso mushroom pasta for two',
    'Crispy rice salad, step by step',
    '3-ingredient flatbread, no yeast',
    'Overnight oats 4 ways #mealprep',
    'Pantry tomato soup when the fridge is empty',
    'Sheet-pan gnocchi with whatever veg you have',
    'Cold brew at home: ratios that work',
    'Knife skills: dicing an onion without tears',
    'Green shakshuka for a slow Sunday',
    'I tried the viral feta pasta so you do not have to',
    'Five spices to buy first, ranked',
    'Weeknight dal, freezer friendly',
    'Why your roast potatoes are not crispy',
    'Grocery haul: one week, one budget',
  ],
  pinned: { title: 'Start here: my 10 pantry staples', daysAgo: 240, views: 1_200_000, shares: 14_000, saves: 61_000, downloads: 900 },
};

const FITNESS: DemoProfile = {
  username: 'rowan.lifts',
  userid: '6930571846203948172',
  firstVideoId: 7_431_540_882_615_220_519n,
  seed: 2202,
  views: [2_000, 150_000],
  shareRate: { low: [0.001, 0.004], high: [0.006, 0.015] },
  saveRate: { low: [0.003, 0.01], high: [0.02, 0.05] },
  pattern: 'EVRDREVDRRDEVRDRERVDRRDEVRDRERVDRDE',
  templates: [5],
  titles: [
    '20-minute dumbbell full body, no bench',
    'Deadlift cues that fixed my lower back',
    'Beginner push-up progression in 4 weeks',
    'What I eat on a training day (high protein)',
    'Mobility routine for desk workers',
    'Hip thrust vs glute bridge: which one when',
    'The 3 warm-up moves I never skip',
    'Gym anxiety? Try this first session plan',
    'Protein oats that taste like dessert',
    'How many sets per week actually build muscle',
    'Kettlebell swing mistakes I see every day',
    'Rest days: what to do instead of nothing',
    'Pull-up negatives: the honest timeline',
    'Leg day but make it 25 minutes',
    'Form check: goblet squat depth',
    'My client went from 0 to 10 push-ups',
  ],
  pinned: { title: 'New here? My beginner 3-day plan', daysAgo: 300, views: 380_000, shares: 5_200, saves: 17_000, downloads: 120 },
};

const COMEDY: DemoProfile = {
  username: 'sofa.standup',
  userid: '6812093374650182937',
  firstVideoId: 7_431_702_316_448_991_083n,
  seed: 3303,
  views: [20_000, 2_000_000],
  shareRate: { low: [0.002, 0.008], high: [0.012, 0.03] },
  saveRate: { low: [0.002, 0.005], high: [0.008, 0.02] },
  pattern: 'VDVEDVRVDDVEVDVRDVVDEVDVDRVVDEVDVRD',
  templates: [2],
  titles: [
    'When the group chat goes silent after your joke',
    'Every Monday meeting, in 30 seconds',
    'POV: you said "you too" to the waiter',
    'My landlord explaining the rent increase',
    'Trying to leave a party in under an hour',
    'Me pretending I understood the assignment',
    'How to survive a family dinner (a guide)',
    'The five types of people at the gym',
    'When autocorrect ruins your apology',
    'Airport security but it is a musical',
    'Explaining my job to my grandmother',
    'Self checkout has trust issues',
    'Every influencer apology video ever',
    'Trying to be productive on a Sunday',
  ],
  pinned: { title: 'The video that started it all', daysAgo: 410, views: 2_900_000, shares: 88_000, saves: 21_000, downloads: 3_400 },
};

const PROFILES = [KITCHEN, FITNESS, COMEDY] as const;

/** A demo creator and their posts in feed order (pinned first, then newest first). */
export interface DemoCreator {
  creator: Creator;
  /** What each demo creator is about, for the help text and the "not found" sentence. */
  niche: string;
  posts: readonly Post[];
}

const NICHES: Record<string, string> = {
  'mossy.kitchen': 'home cooking',
  'rowan.lifts': 'fitness coaching',
  'sofa.standup': 'sketch comedy',
};

/** The three demo creators, generated once at load (deterministic). */
export const DEMO_CREATORS: readonly DemoCreator[] = PROFILES.map((p) => ({
  creator: { username: p.username, userid: p.userid },
  niche: NICHES[p.username] ?? 'creator',
  posts: Object.freeze(generatePosts(p, REFERENCE_TIME).map((post) => Object.freeze(post))),
}));

/** The demo handles with their @, for sentences: "@mossy.kitchen, @rowan.lifts or @sofa.standup". */
export function demoHandles(conjunction: 'or' | 'and' = 'or'): string {
  const names = DEMO_CREATORS.map((d) => `@${d.creator.username}`);
  return `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1] as string}`;
}
