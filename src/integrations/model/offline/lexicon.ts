/**
 * Keyword rules of the offline intent model (seed 000 需求 2, offline path): each rule gives an
 * action a weight when its pattern occurs in a lower-cased normalised clause (see text.ts).
 * Weights: 7-10 an unambiguous action phrase, 5-6 a verb with its object, 2-4 a topic word,
 * 1 a weak hint; negative weights cancel misleading matches. Rules sharing a `group` count once
 * (the largest weight of the group that matched).
 */
import type { ActionName } from '../../../domain/chat/intent.js';

/** One keyword rule. */
export interface Rule {
  action: ActionName;
  pattern: RegExp;
  weight: number;
  /** rules of one action sharing a group add only their largest matched weight. */
  group?: string;
}

/** A clause-internal gap of at most n characters (stops at punctuation). */
const gap = (n: number): string => `[^,.;!?。]{0,${n}}?`;
/** An English gap of at most n characters that does not cross "with/using/campaign". */
const egap = (n: number): string =>
  `(?:(?!\\b(?:with|using|use|from|based|campaigns?|into|to)\\b)[^,.;!?]){0,${n}}?`;

const IMG_ZH = '(?:图片|图像|配图|主图|海报|素材|物料|横幅|banner|创意|视频|图(?!表))';
const IMG_EN = '(?:images?|pictures?|pics?|photos?|(?:product |hero |lifestyle )?shots?|renders?|illustrations?|creatives?|visuals?|banners?|posters?|graphics?|artworks?|thumbnails?|videos?|designs|mockups?|ad designs?)\\b';
const GEN_ZH = '(?<!刚|刚才|刚刚|之前|已经)(?:生成|制作|设计|画|创作|产出|做|出|来|弄|搞|整|准备|创建|新建|写)(?!的|过)';
const GEN_EN = '\\b(?:generat\\w*|creat\\w*|mak\\w*|design\\w*|produc\\w*|draw\\w*|render\\w*|build\\w*|come up with|whip up|get me|give me|need|want|craft\\w*|do)\\b';
const EVAL_ZH = '(?:评估|评分|打分|打个分|评价|点评|分析|审核|检查|看看|看下|看一下|评测|诊断|测评|过目|评判|鉴定)';
const EVAL_EN = '\\b(?:rate|score|evaluate|assess|review|analy[sz]e|critique|judge|grade|check|audit|rank|test)\\b';
const PERF_WORDS = '(?:表现|效果|数据|ctr|点击率|转化|roas|花费|消耗|performance|performing|clicks|conversions|spend)';
const METRIC =
  '(?:花费|消耗|花了|花多少|点击率|点击|转化|展示|曝光|收入|营收|销售额|投产比|\\bspend\\w*|\\bspent\\b|\\bcosts?\\b|\\broas\\b|\\bctr\\b|\\bcpc\\b|\\bcpa\\b|\\bcpm\\b|\\bimpressions?\\b|\\bclicks?\\b|\\bconversions?\\b|\\brevenue\\b|\\breach\\b|\\bsales\\b)';
const LANDING_ZH = '(?:落地页|着陆页|登陆页|产品页|商品页|详情页|活动页|单页|h5|网页|页面|官网|网站)';
const LANDING_EN = '(?:landing ?pages?|product pages?|web ?pages?|websites?|microsites?|sales pages?|pages?\\b|sites?\\b)';
const LANDING = `(?:${LANDING_ZH}|\\b${LANDING_EN})`;
const AB = '(?:a ?/ ?b|\\ba ?b(?= ?(?:test|测|实验|版本|对比))|\\bab ?test|\\bsplit[- ]?test\\w*|\\bmultivariate\\b|(?:对比|分组|对照|分流|多版本)(?:测试|实验)|赛马)';
const CAMPAIGN_ZH = '(?:广告系列|广告计划|广告活动|推广活动|营销活动|广告(?!图|素材|海报|落地|着陆|文案|视频|创意|语|词|位|预算|策略|方案|效果|表现|数据|报|组|账户|主)|系列|campaign)';
const CREATE_ZH = '(?:创建|新建|建立|建|开(?!启)|投放(?!的|了|过)|上线|发布|启动|搭建|跑(?!的|了)|投(?!产|的|了|过)|推出|做|新开)';
const CREATE_EN = '\\b(?:creat\\w*|launch\\w*|start(?:ing)? (?:a|an|new|up)|set ?up|setup|run|build|make|spin up|kick off|open|publish|roll out|put up|get)\\b';
const CAMPAIGN_EN = '\\b(?:campaigns?|ads?(?! ?(?:images?|creatives?|copy|visuals?|banners?|pictures?|designs?|sets?|groups?|account|spend|performance))|adverts?|advertising)\\b';
const BUDGET = '(?:预算|\\bbudgets?\\b|日限额|花费上限|\\bdaily spend\\b|\\bspend cap\\b|\\bspending\\b)';
const CHANGE =
  '(?:加|增|提高|提升|上调|调高|调到|涨|减|降|下调|调低|砍|削|缩|翻倍|减半|改成|改为|改到|设为|设置为|设成|设到|调整到|调成|\\braise\\w*|\\bincreas\\w*|\\bboost\\w*|\\bbump\\w*|\\bup\\b|\\bcut\\w*|\\breduc\\w*|\\blower\\w*|\\bdecreas\\w*|\\bdoubl\\w*|\\btripl\\w*|\\bhalv\\w*|\\bhalf\\b|\\bslash\\w*|\\bset\\b(?! ?up)|\\bchange\\w*|\\badjust\\w*|\\badd\\w*|\\btrim\\w*|\\bscal\\w*|\\bdrop\\b|\\bmore\\b|\\bless\\b|\\bgive\\b)';
const COMPARATOR =
  '(?:超过|低于|高于|大于|小于|少于|不到|达到|跌破|突破|超出|>|<|≥|≤|\\babove\\b|\\bbelow\\b|\\bunder\\b|\\bover\\b|\\bexceed\\w*|\\bmore than\\b|\\bless than\\b|\\bgreater than\\b|\\bhigher than\\b|\\blower than\\b|\\bdrops?\\b|\\bfalls?\\b|\\bgoes\\b|\\brises?\\b|\\breach\\w*|\\bhits?\\b|\\bgets?\\b)';
const OP_VERB =
  '(?:暂停|停|关|加|减|提高|降低|通知|提醒|报警|发|告诉|pause|stop|turn off|increase|decrease|raise|lower|cut|notify|alert|email|send|tell|scale|boost|reduce|disable|shut)';

const r = (action: ActionName, pattern: string, weight: number, group?: string): Rule => ({
  action,
  pattern: new RegExp(pattern),
  weight,
  ...(group ? { group } : {}),
});

const CREATIVE_RULES: Rule[] = [
  r('generate_creative', `${GEN_ZH}${gap(14)}${IMG_ZH}`, 6, 'vo'),
  r('generate_creative', `${GEN_EN}${egap(40)}\\b${IMG_EN}`, 6, 'vo'),
  r('generate_creative', `(?:写|生成|做|出|来|创作|想)${gap(8)}(?:文案|标语|slogan|广告语|标题)|\\b(?:write|generat\\w*|creat\\w*|come up with|draft)\\b${gap(30)}\\b(?:copy|headlines?|slogans?|taglines?|captions?)\\b`, 6, 'vo'),
  r('generate_creative', '重新生成|再生成|再做|再来|换一?批|\\bregenerat\\w*|\\bmore variations\\b|\\banother batch\\b', 5, 'vo'),
  r('generate_creative', `\\d+(?:张|幅|款)|\\d+(?:个|套|组|版|份)${gap(6)}${IMG_ZH}|\\b\\d+\\s+(?:[a-z-]+\\s+){0,3}${IMG_EN}`, 4, 'count'),
  r('generate_creative', `${IMG_ZH}|\\b${IMG_EN}`, 2, 'noun'),
  r('generate_creative', '广告图|广告素材|\\bad (?:images?|creatives?|visuals?|banners?)\\b', 3, 'noun'),
  r('generate_creative', `${IMG_ZH}(?:测试|对比|实验)|\\b${IMG_EN}\\s*tests?\\b`, -6),
  r('generate_creative', `(?:用|使用|拿|基于|利用|采用|根据)${gap(8)}${IMG_ZH}|\\b(?:with|using|use)\\b${gap(25)}\\b${IMG_EN}`, -4),
  r('analyze_creative', `${EVAL_ZH}${gap(12)}${IMG_ZH}`, 7, 'eval'),
  r('analyze_creative', `${IMG_ZH}${gap(8)}(?:质量|怎么样|好不好|如何|行不行|得分|分数|评分|打分|打个分|评个分|打一下分|几分|点评|评价|评估|好看吗|合格|有没有问题|吸引力|吸引人|够不够|可以吗|行吗)`, 7, 'eval'),
  r('analyze_creative', `${EVAL_EN}${gap(30)}\\b${IMG_EN}|\\b${IMG_EN}${gap(30)}\\b(?:quality|score|rating|any good|good enough|look good|effective|appealing|attractive)\\b`, 7, 'eval'),
  r('analyze_creative', '\\bhow good (?:is|are)\\b|\\bfeedback on\\b|素材质量|图片质量|\\bcreative quality\\b|\\bimage quality\\b', 5, 'q'),
  r('analyze_creative', `(?:哪张|哪个|哪一张|哪幅|\\bwhich\\b)${gap(20)}(?:${IMG_ZH}|\\b${IMG_EN})?${gap(20)}(?:好看|更吸引|吸引人|更美|\\blooks?\\b|\\beye-?catching\\b|\\battractive\\b|\\bappealing\\b)`, 6, 'eval'),
  r('analyze_creative', '这张图|这几张图|这张|\\bthis (?:image|picture|creative|visual|banner)\\b|\\bthese (?:images|creatives)\\b', 2, 'this'),
  r('analyze_creative', `${IMG_ZH}${gap(8)}${PERF_WORDS}|\\b${IMG_EN}${gap(20)}${PERF_WORDS}`, -4),
];

const REPORTING_RULES: Rule[] = [
  r('get_reports', '报表|报告|数据|指标|日报|周报|月报|账单|\\breports?\\b|\\bstats\\b|\\bstatistics\\b|\\bnumbers\\b|\\bmetrics\\b|\\bfigures\\b|\\bdashboard\\b|\\bkpis?\\b|\\bdata\\b|\\bbreakdown\\b', 3, 'noun'),
  r('get_reports', METRIC, 2, 'metric'),
  r('get_reports', '看|查|显示|拉|导出|给我|调出|列出|汇总|多少|\\bshow\\b|\\bsee\\b|\\bview\\b|\\bget\\b|\\bpull\\b|\\bcheck\\b|\\bdisplay\\b|\\blist\\b|\\bexport\\b|\\bwhat(?:\'?s| is| are| was| were)\\b|\\bhow (?:much|many)\\b|\\btell me\\b|\\bgive me\\b|\\bsummar\\w*|\\bsend me\\b', 1, 'view'),
  r('get_reports', '表现|效果|成效|情况|怎么样|跑得|\\bperformance\\b|\\bperforming\\b|\\bdoing\\b|\\bperformed\\b|\\bgoing\\b', 2, 'perf'),
  r('get_reports', '今天|昨天|昨日|最近|过去|上周|本周|这周|上个月|本月|这个月|\\btoday\\b|\\byesterday\\b|\\blast (?:week|month|\\d+ days)\\b|\\bthis (?:week|month)\\b|\\bpast\\b', 1, 'date'),
  r('get_reports', '\\d+月\\d+[日号]|\\d{4}-\\d{1,2}-\\d{1,2}|\\bfrom\\b.*\\bto\\b', 1, 'date'),
  r('get_reports', `(?:预算|\\bbudgets?\\b)${gap(6)}(?:还剩|剩|用了|花了|用掉|消耗|多少|\\bremaining\\b|\\bleft\\b|\\bused\\b|\\bspent\\b)|\\bhow much (?:budget|money) (?:is )?(?:left|remaining)\\b`, 5, 'spent'),
  r('get_reports', `\\b(?:how|what) (?:did|do|does|have|has|are|is)\\b${gap(30)}\\b(?:do|doing|done|perform\\w*|go|going|gone)\\b`, 3, 'perf'),
  r('get_reports', '花了多少|\\bhow much (?:did|have) (?:i|we) (?:spend|spent)\\b', 4, 'spent'),
  r('get_reports', `${METRIC}${gap(6)}(?:趋势|走势|变化)|\\b(?:spend|ctr|roas|cpa|cpc|performance)\\b${gap(10)}\\b(?:trends?|over time)\\b`, 5, 'trend'),
  r('analyze_performance', '复盘|诊断|洞察|\\bpost-?mortem\\b|\\bdeep dive\\b', 5, 'an'),
  r('analyze_performance', `(?:分析|诊断|\\banaly[sz]\\w*)${gap(10)}(?:数据|报表|报告|表现|效果|投放|广告|\\bcampaigns?\\b|\\bads\\b|\\bdata\\b|\\bresults\\b|\\bnumbers\\b|\\baccount\\b)`, 5, 'an'),
  r('analyze_performance', '分析|剖析|解读|评估|总结|\\banaly[sz]\\w*|\\binsights?\\b|\\bdiagnos\\w*|\\bdeep dive\\b|\\bassess\\w*|\\bevaluat\\w*', 3, 'an'),
  r('analyze_performance', `(?:哪个|哪些|哪一个|哪条|哪组|哪个渠道|哪个平台|哪家|谁)${gap(15)}(?:最好|最差|最高|最低|最佳|最强|最弱|最赚钱|最亏|更好|更差|好|差|高|低)|(?:最好|最差|最佳|最高|最低)${gap(8)}(?:是哪|是什么|是谁|哪个)|\\b(?:which|what)\\b${gap(40)}\\b(?:best|worst|top|highest|lowest|most|least|better|worse|underperform\\w*|outperform\\w*)\\b`, 5, 'which'),
  r('analyze_performance', '建议|改进|怎么(?:提升|提高)|如何(?:提升|提高)|\\brecommend\\w*|\\bsuggest\\w*|\\badvice\\b|\\bimprove\\w*|\\bwhat should i (?:do|change)\\b|\\btips\\b', 4, 'reco'),
  r('analyze_performance', '表现|效果|\\bperformance\\b|\\bperforming\\b|\\bperformers?\\b', 2, 'perf'),
  r('analyze_performance', `(?:找出|找到|找|\\bfind\\b|\\bidentify\\b|\\bspot\\b)${gap(12)}(?:最好|最差|最高|最低|亏钱|\\bbest\\b|\\bworst\\b|\\btop\\b|\\blowest\\b|\\bhighest\\b|\\blosing\\b|\\bunderperform\\w*)`, 5, 'which'),
  r('analyze_performance', '\\bdoing\\b|\\bgoing\\b', 1, 'doing'),
  r('analyze_performance', '\\b(?:top|best|worst)[- ](?:performing|performers?)\\b|表现最好|效果最好|表现最差|效果最差', 3, 'top'),
  r('detect_anomaly', '异常|不正常|反常|奇怪|离谱|不对劲|出问题|有问题|\\banomal\\w*|\\bunusual\\b|\\babnormal\\b|\\bweird\\b|\\bstrange\\b|\\bodd\\b|\\boutliers?\\b|\\birregular\\w*|\\bsomething (?:is |\'s )?(?:wrong|off)\\b', 6, 'anom'),
  r('detect_anomaly', '突然|一下子|骤|猛|忽然|莫名|\\bsudden\\w*|\\bout of nowhere\\b|\\bovernight\\b', 3, 'sudden'),
  r('detect_anomaly', '暴涨|暴跌|飙|猛增|猛降|激增|大跌|大涨|狂掉|掉了|跌了|降了|涨了|下滑|下跌|上涨|下降|上升|掉得|跌得|涨得|跳水|腰斩|掉这么|少了好多|多了好多|\\bspik\\w*|\\bsurg\\w*|\\bplung\\w*|\\bplummet\\w*|\\btank\\w*|\\bcrash\\w*|\\bdropped\\b|\\bjumped\\b|\\bskyrocket\\w*|\\bshot up\\b|\\bfell\\b|\\bwent (?:down|up|through the roof)\\b|\\bdipped\\b|\\bdeclin\\w*|\\bdropping\\b|\\brising\\b|\\bblew up\\b|\\bexplod\\w*|\\bcollaps\\w*', 3, 'move'),
  r('detect_anomaly', '为什么|为啥|怎么回事|咋回事|怎么了|什么原因|原因|\\bwhy\\b|\\bwhat happened\\b|\\bwhat\'?s going on\\b|\\bwhat changed\\b|\\bwhat\'?s wrong\\b|\\bhow come\\b', 3, 'why'),
  r('detect_anomaly', METRIC, 1, 'metric'),
  r('detect_anomaly', '查查|查一下原因|\\binvestigate\\b|\\blook into\\b|\\bfigure out\\b', 1, 'look'),
];

const MARKET_RULES: Rule[] = [
  r('analyze_competitor', '竞品|竞争对手|对手|竞对|友商|同行|\\bcompetitors?\\b|\\bcompetition\\b|\\bcompetitive\\b|\\brivals?\\b|\\bcompeting\\b|\\bcompetitor\'?s\\b', 7, 'c'),
  r('analyze_competitor', '对标|\\bbenchmark\\w*|\\bspy\\b|\\bvs\\.?\\b|\\bversus\\b', 3, 'b'),
  r('analyze_competitor', '\\b(?:what|which) ads (?:is|are|does|do) ', 5, 'w'),
  r('analyze_competitor', '(?:都|在)?投(?:了|的)?(?:些)?什么|都在投|\\bwhat (?:is|are) \\w+ (?:running|advertising|promoting)\\b', 5, 'w'),
  r('analyze_competitor', '调研|\\bresearch\\b', 3, 'r'),
  r('analyze_competitor', '投的广告|投了哪些|投过的广告|在投的|\\bads? (?:they|he|she|it) (?:run|runs|are running|is running)\\b', 5, 'w'),
  r('analyze_competitor', `\\bcompar\\w* (?:my|our) (?:\\w+ ){0,3}?(?:with|to|against)\\b|(?:跟|和|与)${gap(12)}(?:对比|比较|比一比)(?!测试|实验)`, 5, 'b'),
  r('get_trends', '趋势|热门|流行|热点|爆款|风向|潮流|热搜|热卖|\\btrends?\\b|\\btrending\\b|\\bpopular\\b|\\bviral\\b|\\bhot (?:products?|topics?|items?|categories|keywords?|right now)\\b|\\bbuzz\\w*|\\bwhat\'?s hot\\b|\\bin vogue\\b|\\bhottest\\b', 6, 't'),
  r('get_trends', `比较火|很火|火爆|爆火|最火|大火|走红|(?:什么|哪些)${gap(10)}(?:火|流行|受欢迎|热门|卖得好)|\\bwhat(?:\\'?s| is| are)\\b${gap(20)}\\b(?:hot|popular|selling)\\b`, 6, 't'),
  r('get_trends', '卖得好|好卖|卖得最好|\\bwhat(?:\'?s| is) selling\\b|\\bbest.?sellers?\\b|\\bbestsell\\w*', 4, 's'),
  r('get_trends', '市场|行业|\\bmarket\\b|\\bindustry\\b', 1, 'm'),
  r('get_trends', `${METRIC}${gap(6)}(?:趋势|走势)|\\b(?:spend|ctr|roas|cpa|cpc|performance)\\b${gap(10)}\\btrends?\\b`, -4),
  r('generate_strategy', '策略|方案|规划|打法|思路|战略|计划(?!书)|\\bstrateg\\w*|\\bplan\\b|\\bplans\\b|\\bplaybook\\b|\\bgame ?plan\\b|\\bgo-to-market\\b|\\bgtm\\b|\\broadmap\\b|\\bapproach\\b|\\bmedia plan\\b', 5, 'strat'),
  r('generate_strategy', '营销方案|推广方案|投放方案|投放策略|营销策略|广告策略|推广策略|投放计划|推广计划|营销计划|\\bmarketing plan\\b|\\blaunch plan\\b|\\bad strategy\\b|\\badvertising strategy\\b|\\bmarketing strategy\\b|\\bmedia plan\\b', 8, 'strat'),
  r('generate_strategy', `(?:怎么|如何|怎样|该如何|应该怎么|咋)${gap(6)}(?:推广|投放|营销|做广告|打广告|卖|宣传|推|打开市场|获客|投|做营销|进入)|\\bhow (?:should|can|do|would|could) (?:i|we)\\b${gap(25)}\\b(?:advertis\\w*|promot\\w*|market\\w*|sell|launch|grow|reach|target|enter)\\b|\\bbest way to (?:advertis|promot|market|sell|launch|reach)`, 6, 'how'),
  r('generate_strategy', '新品上市|新品发布|\\bproduct launch\\b|\\bgo to market\\b', 2, 'launch'),
  r('generate_strategy', '广告计划', -5),
];

const LANDING_RULES: Rule[] = [
  r('create_landing_page', LANDING, 4, 'noun'),
  r('create_landing_page', '落地页|着陆页|登陆页|\\blanding ?pages?\\b', 5, 'noun'),
  r('create_landing_page', `(?:创建|新建|生成|做|制作|设计|搭建|建|写|出|弄|搭|开发|来)${gap(12)}${LANDING_ZH}|\\b(?:creat|build|mak|generat|design|set ?up|spin up|launch|put together|need|want|give me|get me|whip up|draft)\\w*\\b${egap(30)}\\b${LANDING_EN}`, 7, 'vo'),
  r('create_landing_page', AB, -6),
  r('create_landing_page', `${LANDING}${gap(10)}(?:${PERF_WORDS}|${METRIC}|怎么样)|(?:${PERF_WORDS}|${METRIC})${gap(10)}${LANDING}`, -4),
  r('create_landing_page', '翻译|译成|译为|翻成|多语言|多语种|本地化|\\btranslat\\w*|\\blocali[sz]\\w*|版本|\\bversion\\b', -8),
  r('create_landing_page', `(?:用|使用|拿|基于|链接到|指向|跳转到?)${gap(8)}${LANDING_ZH}|\\b(?:with|using|pointing to|link(?:ing|ed)? to|send(?:ing)? traffic to|drive traffic to)\\b${gap(20)}\\b${LANDING_EN}`, -3),
  r('translate_page', '翻译|译成|译为|翻成|转成|多语言|多语种|本地化|\\btranslat\\w*|\\blocali[sz]\\w*|\\bmultilingual\\b|\\bmulti-?language\\b', 7, 'tr'),
  r('translate_page', '(?:英文|英语|日文|日语|西班牙语|西语|法语|法文|德语|德文|韩语|韩文|中文|葡萄牙语|意大利语|俄语|阿拉伯语|泰语|越南语|印尼语)(?:的)?版(?:本)?|\\b(?:english|japanese|spanish|french|german|korean|chinese|portuguese|italian|russian|arabic|thai|vietnamese|indonesian|dutch) version\\b', 5, 'ver'),
  r('translate_page', LANDING, 3, 'noun'),
  r('create_page_ab_test', `^(?=.*${AB})(?=.*${LANDING})`, 10, 'ab'),
  r('create_page_ab_test', `(?:测试|对比|\\btest\\b)${gap(12)}(?:两个|2个|几个|哪个|不同)${gap(4)}(?:落地页|页面|版本的落地页)|\\btest\\b${gap(20)}\\b(?:two|2|different|which) (?:landing )?pages\\b`, 8, 'ab'),
];

const CAMPAIGN_RULES: Rule[] = [
  r('create_campaign', `${CREATE_ZH}${gap(12)}${CAMPAIGN_ZH}`, 6, 'vo'),
  r('create_campaign', `${CREATE_EN}${egap(30)}${CAMPAIGN_EN}|\\bstart\\b${gap(4)}\\b(?:a|an|new)\\b${gap(20)}${CAMPAIGN_EN}`, 6, 'vo'),
  r('create_campaign', '开启(?:一个|个|新)', 6, 'vo'),
  r('create_campaign', '投放|推广|上线|\\blaunch\\w*|\\badvertis\\w*|\\bpromot\\w*|\\bgo live\\b|\\brun ads\\b', 3, 'v'),
  r('create_campaign', '预算|\\bbudget\\b|[$¥€£]\\d|\\d+ ?(?:美元|元|块|刀|usd|dollars)|/day|\\bper day\\b|\\ba day\\b|每天|每日', 2, 'money'),
  r('create_campaign', '广告系列|\\bcampaign\\b', 2, 'noun'),
  r('create_campaign', '\\bmeta\\b|face ?book|tik ?tok|google|抖音|脸书|insta ?gram|谷歌', 1, 'plat'),
  r('create_campaign', '(?:投放|推广)(?:策略|方案|计划|思路)', -3),
  r('create_campaign', '(?:投放|推广|广告)(?:的)?(?:效果|数据|表现|情况|成绩|花费|消耗)|复盘', -3),
  r('optimize_budget', `(?:优化|调整|重新分配|分配|调配|再分配|平衡|重新平衡|统筹|挪|转移|调度|重新规划|规划)${gap(8)}${BUDGET}|${BUDGET}${gap(6)}(?:优化|分配|调配|再分配|重新分配|平衡|怎么分|怎么调)`, 7, 'ob'),
  r('optimize_budget', `\\b(?:optimi[sz]\\w*|reallocat\\w*|re-allocat\\w*|allocat\\w*|rebalanc\\w*|redistribut\\w*|shift\\w*|mov(?:e|ing)|distribut\\w*|spread|split)\\b${gap(30)}${BUDGET}|\\bbudget (?:allocation|optimi[sz]ation|distribution|split|mix|pacing)\\b`, 7, 'ob'),
  r('optimize_budget', '优化|\\boptimi[sz]\\w*', 3, 'opt'),
  r('optimize_budget', '(?:最大化|提高|提升)(?:roas|投产|回报|收益)|(?:降低|减少)(?:cpa|获客成本|转化成本)|\\bmaximi[sz]e (?:roas|return|revenue|conversions|reach)\\b|\\bminimi[sz]e (?:cpa|costs?)\\b', 3, 'goal'),
  r('update_budget', `^(?=.*${BUDGET})(?=.*${CHANGE})`, 6, 'u'),
  r('update_budget', `^(?=.*${BUDGET}).*(?:\\d+(?:\\.\\d+)?%|翻倍|加倍|减半|砍半|一半|\\bdoubl\\w*|\\btripl\\w*|\\bhalv\\w*|\\bin half\\b|\\d+ ?倍|\\bx ?\\d\\b|\\d ?x\\b|(?:到|至|成|为|\\bto\\b|\\bby\\b) ?[$¥€£]? ?\\d)`, 3, 'amt'),
  r('update_budget', '\\d+(?:\\.\\d+)?%|翻倍|加倍|减半|\\bdoubl\\w*|\\bhalv\\w*', 1, 'amt'),
  r('update_budget', `\\b(?:cut|reduce|lower|increase|raise|boost|double|halve|decrease|trim|slash|scale (?:up|down))\\b${gap(10)}\\bspend(?:ing)?\\b`, 6, 'u'),
  r('update_budget', '放量|加量|扩量|缩量|\\bscale (?:up|down|back)\\b|\\bscale\\b', 5, 'scale'),
  r('update_budget', `${CREATE_ZH}${gap(12)}${CAMPAIGN_ZH}|${CREATE_EN}${egap(30)}${CAMPAIGN_EN}`, -3),
  r('manage_campaign', '暂停|停止|停掉|停了|停一下|停投|关掉|关闭|关了|下线|中止|先停|停下|叫停|\\bpaus\\w*|\\bstop\\w*|\\bhalt\\w*|\\bturn(?:ed|ing)? (?:\\w+ )?off\\b|\\bswitch (?:\\w+ )?off\\b|\\bshut (?:\\w+ )?(?:down|off)\\b|\\bdisabl\\w*|\\bdeactivat\\w*|\\bkill\\b|\\bfreez\\w*|\\bon hold\\b', 8, 'op'),
  r('manage_campaign', '恢复|重启|重新(?:开启|启动|投放|上线|打开|开始|跑)|启用|开启(?!一个|个|新)|打开|继续投放|继续跑|\\bunpaus\\w*|\\bun-pause\\b|\\bresum\\w*|\\breactivat\\w*|\\bre-?enabl\\w*|\\brestart\\w*|\\bre-?launch\\w*|\\bturn (?:\\w+ )?(?:back )?on\\b|\\bswitch (?:\\w+ )?(?:back )?on\\b|\\benabl\\w*', 8, 'op'),
  r('manage_campaign', `(?:启动|开始)${gap(6)}(?:那个|这个|所有|全部|已暂停|暂停的)|\\bstart\\w*\\b${gap(6)}\\b(?:the|my|all|these|those|that|this|paused|it|them)\\b`, 8, 'op'),
  r('manage_campaign', '删除|删掉|删了|移除|去掉|归档|\\bdelet\\w*|\\bremov\\w*|\\bget rid of\\b|\\barchiv\\w*|\\btrash\\b|\\berase\\b', 8, 'op'),
  r('create_ab_test', AB, 8, 'ab'),
  r('create_ab_test', '\\b(?:creative|ad|headline|audience|copy|image) tests?\\b|素材测试|创意测试', 6, 'ab'),
  r('create_ab_test', `(?:测试|测一下|测一测|试试|试一下|对比一下|跑一下)${gap(8)}(?:哪个|哪种|哪张|哪一?版|哪套|哪组)|\\btest\\b${gap(10)}\\b(?:which|whether|two|2|3|both|these|those|different)\\b|\\bwhich (?:one )?(?:works|performs|will perform) better\\b`, 8, 'ab'),
  r('create_ab_test', '(?:测试|试验|实验)(?:一下)?(?:这|两|2|几|不同)|\\b(?:experiment|test) (?:with )?(?:different|two|2|multiple)\\b', 6, 'ab'),
  r('analyze_ab_test', `^(?=.*${AB})(?=.*(?:结果|赢|胜出|获胜|胜者|赢家|结论|显著|哪个好|哪个版本|表现|怎么样|如何|\\bresults?\\b|\\bwon\\b|\\bwinn\\w*|\\bwin\\b|\\boutcome\\b|\\bsignifican\\w*|\\bperform\\w*|\\bhow (?:did|is|are|was)\\b|\\bconclu\\w*))`, 10, 'r'),
  r('analyze_ab_test', `^(?=.*(?:\\bwho won\\b|\\bwinner\\b|\\bwon\\b|赢了|胜出|获胜))(?=.*(?:\\btests?\\b|测试|实验|\\bexperiment))`, 9, 'r'),
  r('analyze_ab_test', '测试结果|实验结果|\\btest results?\\b|\\bexperiment results?\\b|\\btest (?:is )?(?:done|over|finished)\\b', 9, 'r'),
  r('analyze_ab_test', `(?:变体|版本|方案|组)${gap(6)}(?:赢|胜|获胜)|\\b(?:variant|version|variation)s?\\b${gap(20)}\\b(?:won|win|wins|winning|better|best)\\b|\\bwhich (?:variant|version|variation) (?:won|wins|is winning|performed)`, 9, 'r'),
  r('create_rule', '规则|自动化|自动执行|\\brules?\\b|\\bautomat\\w*|\\bauto-?(?:pause|scale|rule)\\w*|\\btrigger\\w*|\\bif-then\\b', 6, 'rn'),
  r('create_rule', `(?:自动|automatically)${gap(12)}${OP_VERB}`, 9, 'cond'),
  r('create_rule', `(?:如果|若|假如|要是|当|一旦|只要|每当|\\bif\\b|\\bwhen\\w*|\\bonce\\b|\\bas soon as\\b|\\bany ?time\\b)${gap(30)}${COMPARATOR}`, 9, 'cond'),
  r('create_rule', `${COMPARATOR}${gap(12)}(?:就|则|的话|时|后|便)`, 9, 'cond'),
  r('create_rule', '每\\d*(?:个)?(?:小时|天|日|周|分钟)|\\bevery \\d* ?(?:hours?|days?|minutes?|weeks?|mins?)\\b|\\bhourly\\b|\\bdaily\\b(?! budget| spend| cap)|定时|定期', 4, 'sched'),
  r('create_rule', '提醒|通知|预警|报警|告警|告诉我|\\balert\\w*|\\bnotif\\w*|\\bwarn me\\b|\\blet me know\\b|\\bping me\\b|\\bemail me\\b', 3, 'alert'),
  r('get_campaign_status', '状态|进度|审核|过审|通过了吗|通过没|被拒|拒登|在跑吗|在跑没|跑起来了吗|在投吗|上线了吗|开始投放了吗|生效了吗|跑了吗|开始跑了吗|还在投|还在跑|投放中|投出去了吗|\\bstatus\\b|\\bapprov\\w*|\\bunder review\\b|\\bin review\\b|\\bpending\\b|\\breject\\w*|\\bdisapprov\\w*|\\blive yet\\b|\\bstill (?:running|live|active|on)\\b|\\b(?:is|are) (?:it|my|the|this|that|these|those|they)\\b.{0,30}\\b(?:running|live|active|approved|on|delivering)\\b|\\bdelivering\\b|\\bgone live\\b|\\bgo live yet\\b|\\bup and running\\b', 7, 's'),
];

/** Every keyword rule of the offline model. */
export const RULES: readonly Rule[] = [...CREATIVE_RULES, ...REPORTING_RULES, ...MARKET_RULES, ...LANDING_RULES, ...CAMPAIGN_RULES];

/** Preference among actions with equal scores: more specific actions first. */
export const TIE_ORDER: readonly ActionName[] = [
  'create_rule', 'analyze_ab_test', 'create_page_ab_test', 'create_ab_test', 'translate_page',
  'manage_campaign', 'update_budget', 'optimize_budget', 'detect_anomaly', 'analyze_competitor',
  'get_trends', 'generate_strategy', 'analyze_creative', 'generate_creative', 'create_landing_page',
  'create_campaign', 'get_campaign_status', 'analyze_performance', 'get_reports',
];
