import { compactJson, encodeChartConfig, encodeQueryValue } from '../../src/chart/encode';
import { buildChartConfig } from '../../src/chart/config';
import { variedReport } from './helpers';

/** Evaluates our own compacted text the way QuickChart does (as a JavaScript expression). */
function evaluate(text: string): unknown {
  return new Function(`return (${text});`)() as unknown;
}

describe('compactJson', () => {
  it('unquotes identifier keys and drops leading zeros, outside strings only', () => {
    const json = JSON.stringify({ a: 0.25, list: [0.5, 10.5, -0.5, 0], 'not-ident': 1, s: 'x":0.5,"y":0.5 \\"' });
    const out = compactJson(json);
    expect(out).toBe(`{a:.25,list:[.5,10.5,-0.5,0],'not-ident':1,s:'x":0.5,"y":0.5 \\\\"'}`);
    expect(evaluate(out)).toEqual(JSON.parse(json));
  });

  it('is equivalent to the JSON it came from for a whole chart config', () => {
    const config = buildChartConfig(variedReport(20))!;
    expect(evaluate(compactJson(JSON.stringify(config)))).toEqual(config);
  });
});

describe('encodeQueryValue', () => {
  it('keeps RFC 3986 query characters, encodes the rest (spaces as %20, never +)', () => {
    expect(encodeQueryValue('{a:"b c",d:[1,2]}')).toBe('%7Ba:%22b%20c%22,d:%5B1,2%5D%7D');
    expect(encodeQueryValue('a+b&c=d#e%f')).toBe('a%2Bb%26c%3Dd%23e%25f');
    expect(encodeQueryValue('é')).toBe('%C3%A9');
  });

  it('decodes identically with decodeURIComponent and with URLSearchParams', () => {
    const config = buildChartConfig(variedReport(12))!;
    const encoded = encodeChartConfig(config);
    const viaUri = decodeURIComponent(encoded);
    const viaForm = new URLSearchParams(`c=${encoded}`).get('c');
    expect(viaForm).toBe(viaUri);
    expect(evaluate(viaUri)).toEqual(config);
  });
});
