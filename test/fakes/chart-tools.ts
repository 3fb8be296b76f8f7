/**
 * Chart tools for tests that need a chart to travel as an upload without any renderer running:
 * no link, and a fixed PNG.
 */
import type { ChartTools } from '../../src/chat/chart-delivery';

export function uploadOnlyCharts(png: Buffer): ChartTools {
  return { charts: { url: () => null, png: async () => png }, chartDelivery: () => 'upload' };
}
