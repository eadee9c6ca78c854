/** The quality review page's strings, in English. */
export const reviewEn = {
  reviews: 'Quality reviews',
  reviewHint:
    'A sample of resolved cases, and every case with a red line or a low rating. Score each on the rubric (0-100) and say why.',
  reviewEmpty: 'Nothing waits for a review.',
  autoScore: 'Automatic score',
  reviewScore: 'Your score',
  reviewComment: 'Comment',
  reviewResults: 'Results per agent and week',
  week: 'Week of',
  casesCount: 'Cases',
  reviewed: 'Reviewed',
}

/** The quality review page's strings, in Simplified Chinese. */
export const reviewZh: typeof reviewEn = {
  reviews: '质检抽查',
  reviewHint:
    '按比例抽取的已解决会话，以及所有触碰红线或低分评价的会话。请按质检标准打分（0-100）并写明原因。',
  reviewEmpty: '暂无待质检的会话。',
  autoScore: '自动评分',
  reviewScore: '质检评分',
  reviewComment: '评语',
  reviewResults: '按客服和周汇总',
  week: '周起始',
  casesCount: '会话数',
  reviewed: '已质检',
}
