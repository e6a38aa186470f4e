// Word lists for the rule families. Kept in one place so that rules stay readable and lists stay reviewable.

/** Enumerators that structure a speech or document (not tasks themselves). */
export const ENUM_RE = /^(?:[一二三四五六七八九十]{1,3}、|[(][一二三四五六七八九十]{1,3}[)]|[(]\d{1,2}[)]|\d{1,2}(?:\.(?!\d)|、|\))|[①-⑳]|第[一二三四五六七八九十]{1,3}(?:[,、:]|是|条|部分)?|(?:首先|其次|再次|最后|此外|另外|同时)[,:]?|[一二三四五六七八九十]{1,2}是|[一二三四五六七八九十](?=要|抓|在|是))\s*/;

/** Strong directive markers (modal verbs and their equivalents). 要 is checked separately (see isYao). */
export const STRONG_RE = /必须|务必|应当|应该|(?<![必无])须|需要做的|希望大家|希望各|不得|严禁|禁止|一律|确保|力争|负责(?!人|同志|的)|牵头(?!人|单位|部门|领导)|重点是把|(?:预期|奋斗|主要|总体)目标是|请各|请你们|(?<=^[^,]{2,16})将(?=继续|进一步|根据|加快|全面|大力|着力|持续|坚决|严格|认真|适时|适当|组织|开展|建立|推动|推进)/;

/** Adverbs of manner that open imperative clauses in official documents (加快推进… / 严格落实…). */
export const IMPERATIVE_ADV = '(?:依纪依法|依法依规|有重点地|加快|坚决|严格|认真|积极|切实|着力|扎实|全力|大力|持续|深入|全面|进一步|抓紧|稳步|有序|统筹|充分|主动|及时|不断|努力|继续|尽快|探索|专门|同步|严肃|重点|集中|精准|广泛|高标准|高质量|务实|稳妥|依法|规范|逐步|坚持|全力以赴|深化|紧紧)';

/** Verbs that start a new, separately trackable action (a new task when after a complete one). */
export const ACTION_VERBS = '(?:把|将|建立|健全|完善|推行|实行|实施|制定|出台|取消|打造|开辟|谋划|组建|开展|组织开展|落实|抓好|深化|提升|规范|优化|调整|查处|选拔|开设|设置|评选|推进|推动落实|建成|建设|拍摄|签订|启动|编制|修订|印发|召开|举办|培育|引进|招引|培训|整治|清理|排查|督查|考核|申报|争取|发展|吸引|依托|组织|开发|管住|织密|压紧|压实|加强|强化|抓|做好|做实|配齐|配强|补齐|改造|新建|创建|引导|鼓励|支持|推广|提高|降低|减少|扩大|保障|完成|实现|处理|清查|核查|检查|指导|协调|研究|制订|明确|部署|安排|成立|设立|构建|开通|上线|发布|公开|公布|通报|曝光|问责|追究|严查|严惩|打击|防范|化解|整改)';

/** Verbs that open a new, separately tracked action after a complete one (a subset of ACTION_VERBS:
 * 加强/提升/引导/研究… mostly continue the same action in official prose, so they do not split). */
export const SPLIT_VERBS = '(?:把(?!这|该|此|其|它|他)|建立|健全|完善|推行|实行|实施|制定|出台|取消|打造|开辟|谋划|组建|组织开展|开展|落实|抓好|深化|规范|优化|调整|查处|选拔|开设|设置|推进|建成|建设|拍摄|签订|启动|编制|修订|印发|召开|举办|引进|招引|整治|清理|排查|申报|争取|发展|吸引|依托|开发|管住|织密|压紧|压实|做好|做实|配齐|配强|补齐|改造|新建|创建|推广|保障|完成|处理|成立|设立|开通|上线|发布|公开|公布|通报|曝光|问责|追究|严查|严惩|打击|集中|充分发挥|稳步推行|着力选拔)';

/** Clause openers that continue the current action (purpose, means, result): never start a new task. */
export const CONTINUE_RE = /^(?:至于|如果|若|只要|虽然|尽管|因为|由于|但|而|就|才|即使|哪怕|使|让|为|以|以便|从而|进而|切实|努力|不断|确保|保证|做到|实现|形成|推动|促进|带动|助力|通过|利用|依托|按照|根据|围绕|结合|坚持|突出|提出|采取|下功夫|有针对性|为了|用|把握|注重|加强对|力求|力争|争取|达到|提高|提升|增强|夯实|筑牢|营造|打通|解决好|真正|着力打通|既|又|并且|而且|或者|尤其|特别是|包括|其中|即|也就是)/;

/** Aspect markers of completed events: still past after a modal (要…了 is rare). */
export const PAST_ASPECT_RE = /(?<![为除])了(?![解结却])|已经|(?<![而])已(?![有知])|曾经/;
/** Markers of past events / achievements (review of past work). */
export const PAST_RE = /(?<![为除])了(?![解结却])|已经|(?<![而])已(?![有知])|曾经|取得|去年|前不久|近年来|多年来|以来|过去的|先后|荣获|获得|被评为|累计|共计|截至|截止/;

/** Meeting logistics said to the room. */
export const LOGISTICS_RE = /填表|填写|投票|议程|会议纪律|述职时间|到此结束|下面开始|下面进行|现在进行|大家欢迎|请[^,。]{0,8}同志|会议开始前|发给了大家|(?:今天|本次|这次|此次)[^。]{0,40}(?:召开|举行)|点评讲话|作点评|讲几点意见|讲[一二三四五六七八九十几]+(?:点|个?方面)|^(?:大家)?[^,。]{0,6}(?:评议|填表|投票|讨论)时|如下[:]?$/;

/** Reported speech of leaders: the clause content is a quotation, not an instruction of this text. */
export const REPORTED_RE = /(?:总书记|书记|主任|省长|市长|县长|部长|同志|领导|中央|国务院)[^,。;“]{0,30}(?:指出|强调|说过|说(?!明)|讲(?!话|政治|究|好|清)|提出|要求)[,:“]?|(?:指出|强调)(?:[,:]|$)/;

/** Political slogans and exhortations with no actionable content (guideline: exclude empty slogans). */
export const SLOGAN_RE = /四个意识|四个自信|两个维护|两个确立|核心地位|集中统一领导|高度一致|不忘初心|牢记使命|撸起袖子|加油干|新局面|新气象|应有的贡献|更大贡献|贡献力量|永远在路上|精气神|乘胜追击|善作善成|干在实处|走在前列|勇立潮头|一往无前|奋勇前进|砥砺前行|做好各项工作|抓好各项工作|各项工作落到实处|良好局面|看到|认识到|意识到|明白|懂得|提醒|引起[^,]{0,4}重视|高度重视[^,]{0,2}$|就是|在于|等于|不是|才是|才能|才会|讲政治|摆在[^,]{0,4}(?:突出|首要|首)[^,]{0,2}位置?|摆在首位|牢记|铭记|下定?决心|拿出[^,]{0,8}(?:勇气|状态|精神|劲头|干劲)|(.)不\1|良好开局|严以(?:修身|律己|用权)|三严三实/;
/** Abstract virtues: "增强…意识", "保持…定力", "弘扬…精神" — attitude, not action. */
export const VIRTUE_RE = /^(?:要|也要|还要|更要|都要|必须|一定要|我们要|我们必须|我们需要做的就是)*(?:带头|自觉|始终|切实|进一步|不断|牢固|更加|继续|坚决)*(?:树立|树牢|增强|强化|坚定|保持|弘扬|发扬|牢记|修|坚守|守住|提振|涵养|锤炼|坚持|筑牢|把牢|拧紧|绷紧|有|当好|做到|养成|习惯|下定)[^,;。]{0,14}(?:意识|观念|自信|自觉|精神|品德|美德|公德|道德|定力|作风|形象|状态|追求|信心|决心|初心|使命|本色|担当|情怀|底线|红线|理念|思想|态度|勇气|锐气|朝气|干劲|劲头|姿态|风貌|境界|觉悟|党性|修养|认识|头脑|斗志|激情|热情)$/;

/** Suffixes that make a noun phrase a responsible party. */
export const UNIT_SUFFIX_RE = /(?:部|局|委|办|厅|室|处|科|院|所|站|中心|组|队|镇|乡|街道|县|区|市|省|州|盟|旗|村|社区|党委|党组|工委|党工委|党组织|支部|总支|政府|部门|单位|层面|机关|系统|企业|国企|医院|学校|高校|公司|集团|平台|书记|干部|党员|同志|领导|小组|协会|商会|法院|检察院|银行|办公室|纪委|监委|团委|妇联|工会|人大|政协|委员会|两委|主任|局长|县长|市长|镇长|乡长|负责人|班子|成员|代表|职工|组织|网格|专班|指挥部|管委会|园区|开发区|分局|大队|中队|支队)$/;

/** Words that look like subjects but denote the audience ("we"): units = [] and the paragraph subject resets. */
export const AUDIENCE_RE = /^(?:我们|咱们|大家|你们|我|同志们|各位|全体同志|在座各位|在座的同志)$/;
