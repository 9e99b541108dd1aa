// Words that nearly every suggestion contains because of how suggestions are written, not what they are about.
// The general function words (的, 因为, 我们 …) are removed by the platform segmenter (stopwords-iso); these are
// the platform's own boilerplate, collected from the demo suggestions and the evaluation set: the form's
// framing (建议, 问题, 希望), enumeration (一是, 二是), and the verbs of policy prose (加强, 完善, 推进 …) that
// say "do more" about any subject. Keep the list short: a word that names a subject never belongs here.
export const DOMAIN_STOP_WORDS: ReadonlySet<string> = new Set([
  // framing of a suggestion
  "建议", "关于", "问题", "希望", "意见", "情况", "方面", "有关", "相关", "部门", "政府", "群众", "市民", "老百姓",
  "我省", "我市", "本人", "我家", "我们", "大家", "目前", "现在", "一直", "经常", "非常", "特别", "比较", "很多",
  "不少", "一些", "能不能", "是否", "进一步", "切实", "尽快", "及时", "有效", "真正",
  // enumeration
  "一是", "二是", "三是", "四是", "五是", "第一", "第二", "第三", "同时", "此外", "另外",
  // verbs of policy prose
  "加强", "加大", "加快", "完善", "推进", "推动", "推广", "推行", "建立", "健全", "提高", "提升", "落实", "实行",
  "实施", "开展", "组织", "支持", "鼓励", "引导", "规范", "优化", "改善", "保障", "解决", "缓解", "力度", "工作",
  "机制", "措施", "办法", "制度", "给予", "做好", "确保", "出台", "明确",
]);
