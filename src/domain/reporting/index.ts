/**
 * The reporting module (seed 000 phase 3 "Ad Performance Module", 需求 8.1-8.5): pure functions
 * from normalised daily insight rows to reports, analyses, anomalies and the fact sheet a model
 * narrates. No I/O: the activities fetch rows and pass "today" in. Their chat replies are
 * rendered by src/domain/replies/reporting.ts.
 */
export {
  addDays,
  datesOf,
  daysBetween,
  inSpan,
  isIsoDate,
  MAX_SPAN_DAYS,
  previousSpan,
  resolveDateRange,
  spanLength,
  spanOfDateRange,
  type DateRangeName,
  type DateSpan,
} from './periods.js';
export {
  buildReport,
  METRIC_NAMES,
  parseMetricNames,
  roundMoney,
  type CurrencyMetrics,
  type DailyMetrics,
  type MetricName,
  type MetricValues,
  type PlatformMetrics,
  type Report,
  type ReportOptions,
  type ReportRow,
} from './aggregate.js';
export { checkSufficiency, MIN_DAYS, MIN_IMPRESSIONS, type SufficiencyCheck } from './sufficiency.js';
export {
  analyzePerformance,
  ANALYSIS_RULES,
  DEFAULT_BENCHMARKS,
  type Analysis,
  type AnalysisOptions,
  type BenchmarkComparison,
  type Benchmarks,
  type BenchmarkValues,
  type ChartSeries,
  type ObjectRef,
  type Performer,
  type ReasonCode,
  type Recommendation,
  type RecommendationAction,
  type Trend,
  type TrendMetric,
} from './analysis.js';
export {
  ANOMALY_RULES,
  detectAnomalies,
  LIKELY_CAUSES,
  REMEDIATIONS,
  type Anomaly,
  type AnomalyKind,
  type AnomalyMetric,
  type AnomalyOptions,
  type LikelyCause,
  type Remediation,
  type Severity,
} from './anomalies.js';
export { analysisFacts, type AnalysisFacts, type FactObject } from './facts.js';
