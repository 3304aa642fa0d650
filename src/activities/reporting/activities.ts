/**
 * The reporting activity (seed 000 phase 3, 需求 8.1-8.5; issue "Ad platforms" §3): reads the
 * user's platforms (insights cached 5 minutes), then computes the report, the analysis or the
 * anomalies with the pure reporting module. The numbers come from computed statistics; `text` is
 * their templated summary in the user's language, which the reply writer may rephrase.
 */
import type { AdsService, ConnectedAccount } from '../../integrations/ads/service.js';
import type { Level } from '../../domain/ads/types.js';
import {
  addDays,
  analysisFacts,
  analyzePerformance,
  buildReport,
  checkSufficiency,
  detectAnomalies,
  parseMetricNames,
  spanOfDateRange,
  type DateSpan,
} from '../../domain/reporting/index.js';
import { describeAnalysis, describeAnomalies, describeInsufficient, describeReport } from '../../domain/replies/reporting.js';
import type { AdsActivities, ReportingInput, ReportingResult } from '../campaign-ops/ads-types.js';
import { fanOut } from '../kit/platform-fanout.js';

/** Rows of the given levels from every account, plus which objects are active (for anomaly filtering). */
async function readPlatforms(ads: AdsService, userId: string, accounts: ConnectedAccount[], levels: Level[], span: DateSpan, withStatus: boolean) {
  const { ok, failures } = await fanOut(accounts, async (c) => {
    const rows = (await Promise.all(levels.map((level) => ads.insights(userId, c, level, span)))).flatMap((r) => r.rows);
    const objects = withStatus ? (await Promise.all(levels.map((level) => c.adapter.list(level)))).flat() : [];
    return { rows, objects };
  });
  const rows = ok.flatMap(({ value }) => value.rows);
  const active = new Set(ok.flatMap(({ value }) => value.objects.filter((o) => o.status === 'active').map((o) => `${o.platform}:${o.level}:${o.id}`)));
  return { rows, active, failures, platforms: ok.map(({ connected }) => connected.account.platform) };
}

async function run(ads: AdsService, input: ReportingInput): Promise<ReportingResult> {
  const p = input.parameters;
  const accounts = await ads.connected(input.userId, p.platforms);
  const today = await ads.today();
  const lang = input.language;

  if (input.action === 'get_reports') {
    const span = spanOfDateRange(p.date_range, today, 'last_7_days');
    const level = p.level ?? 'campaign';
    const { rows, failures, platforms } = await readPlatforms(ads, input.userId, accounts, [level], span, false);
    const report = buildReport(rows, { span, level, platforms, metrics: parseMetricNames(p.metrics ?? []).metrics });
    return { kind: 'report', span, platforms, platform_failures: failures, text: describeReport(report, lang), data: report };
  }

  // Analysis and anomalies look at complete days only (a partial today looks like a drop).
  const span = p.date_range ? spanOfDateRange(p.date_range, today) : { since: addDays(today, -30), until: addDays(today, -1) };
  const anomalies = input.action === 'detect_anomaly';
  const { rows, active, failures, platforms } = await readPlatforms(ads, input.userId, accounts, ['adset', 'ad'], span, anomalies);
  const sufficiency = checkSufficiency(rows);
  if (!sufficiency.sufficient) {
    return { kind: 'insufficient', span, platforms, platform_failures: failures, text: describeInsufficient(sufficiency, lang), data: sufficiency };
  }
  if (!anomalies) {
    const analysis = analyzePerformance(rows, { span });
    return {
      kind: 'analysis',
      span,
      platforms,
      platform_failures: failures,
      text: describeAnalysis(analysis, lang),
      facts: analysisFacts(analysis),
      data: analysis,
    };
  }
  // Objects the user paused or deleted stop spending on purpose: not an anomaly.
  const found = detectAnomalies(rows, { until: span.until }).filter((a) => active.has(`${a.platform}:${a.level}:${a.id}`));
  return { kind: 'anomalies', span, platforms, platform_failures: failures, text: describeAnomalies(found, lang), data: { anomalies: found } };
}

/** The reporting activity. */
export function createReportingActivities(ads: AdsService): Pick<AdsActivities, 'runReporting'> {
  return { runReporting: (input) => run(ads, input) };
}
