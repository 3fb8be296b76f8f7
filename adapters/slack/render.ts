/**
 * Slack rendering entry point: QuadrantReport, CompareReport and PostPlacement to Block Kit.
 * Each renderer lives in blocks/; everything stays within the limits in limits.ts.
 */
export { renderReportBlocks, reportAltText, flagLines, mixText, reportFallback } from './blocks/report';
export { renderBreakdownBlocks, TITLE_MAX } from './blocks/breakdown';
export { renderCompareBlocks, compareAltText } from './blocks/compare';
export { renderPlacementBlocks } from './blocks/placement';
export { chartDelivery, type Block, type ChartDelivery, type RenderOptions, type SlackMessage } from './blocks/common';
