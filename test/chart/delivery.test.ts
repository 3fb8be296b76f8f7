import { CHART_URL_LIMITS, chartDelivery, isPublicBaseUrl } from '../../src/chart/delivery';

const short = 'https://quickchart.io/chart?c=%7B%7D';
const long = (n: number) => `https://quickchart.io/chart?c=${'x'.repeat(n - 30)}`;

describe('chartDelivery', () => {
  it('url and upload modes do what they say; no link at all, or one too long to show, means upload', () => {
    expect(chartDelivery(short, 'slack', { mode: 'url', quickchartPublic: false })).toBe('url');
    expect(chartDelivery(long(5000), 'slack', { mode: 'url' })).toBe('upload');
    expect(chartDelivery(short, 'discord', { mode: 'upload' })).toBe('upload');
    expect(chartDelivery(null, 'slack', { mode: 'url' })).toBe('upload');
  });

  it('auto uploads when the URL is longer than the platform accepts', () => {
    expect(long(2049)).toHaveLength(2049);
    expect(chartDelivery(long(2048), 'discord', { mode: 'auto' })).toBe('url');
    expect(chartDelivery(long(2049), 'discord', { mode: 'auto' })).toBe('upload');
    expect(chartDelivery(long(2049), 'slack', { mode: 'auto' })).toBe('url');
    expect(chartDelivery(long(3001), 'slack', { mode: 'auto' })).toBe('upload');
    expect(CHART_URL_LIMITS).toEqual({ slack: 3000, discord: 2048 });
  });

  it('auto uploads when QuickChart is not publicly reachable, and QUICKCHART_PUBLIC overrides the guess', () => {
    expect(chartDelivery('http://127.0.0.1:3400/chart?c=1', 'slack', { mode: 'auto' })).toBe('upload');
    expect(chartDelivery(short, 'slack', { mode: 'auto', quickchartPublic: false })).toBe('upload');
    expect(chartDelivery('http://charts.corp.internal/chart?c=1', 'discord', { mode: 'auto', quickchartPublic: true })).toBe('url');
  });
});

describe('isPublicBaseUrl', () => {
  it.each([
    'http://127.0.0.1:3400',
    'http://10.1.2.3',
    'http://172.20.0.5',
    'http://192.168.1.10',
    'http://169.254.169.254',
    'http://100.64.1.1',
    'http://0.0.0.0',
    'http://[::1]:3400',
    'http://[fe80::1]',
    'http://[fd12:3456::1]',
    'http://[::ffff:10.0.0.1]',
    'http://localhost:3400',
    'http://charts.localhost',
    'http://quickchart.local',
    'http://quickchart.corp.internal',
    'http://quickchart:3400',
    'not a url',
  ])('%s is not public', (url) => {
    expect(isPublicBaseUrl(url)).toBe(false);
  });

  it.each(['https://quickchart.io', 'https://charts.example.org/qc', 'http://8.8.8.8', 'http://[2001:db8::1]', 'http://172.32.0.1'])('%s is public', (url) => {
    expect(isPublicBaseUrl(url)).toBe(true);
  });
});
